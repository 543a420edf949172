package dev.bpfsign.loader.file;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.bpfsign.loader.target.LoaderTarget;
import dev.bpfsign.loader.target.TargetProfile;

/**
 * Reads and writes {@code loader.bin} (docs/format.md). Reading treats the bytes as hostile:
 * every length is checked against what remains before anything is allocated, and every defect
 * is one {@link BadInputException} naming the field and its offset.
 */
public final class LoaderFileFormat {
  public static final byte[] MAGIC = "BPFSLOAD".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] SIGNATURE_MAGIC = "BSIG".getBytes(StandardCharsets.US_ASCII);
  /** The version this bpfsign writes: records, one or more variants (docs/format.md). */
  public static final int VERSION = 2;
  /** The single-variant version before 7.3; still read, never written. */
  public static final int VERSION_1 = 1;
  public static final int HEADER_SIZE = 16;
  /** The kernel refuses larger signatures (KMALLOC_MAX_CACHE_SIZE); we allow headroom, not abuse. */
  public static final int MAX_CMS_SIZE = 64 * 1024;
  public static final int MAX_CERTIFICATES = 16;
  /** ctx_size_in must not exceed this (BPF_PROG_RUN on syscall programs). */
  public static final int MAX_CTX_SIZE = 65535;

  /**
   * Record tags of a version-2 content (docs/format.md, "Records"). New records get the next
   * free tag; a reader refuses tags it does not know (fail closed).
   */
  public static final int TAG_OBJECT = 1;
  public static final int TAG_VARIANT = 2;
  /** Object-wide raw tracepoint names (program → tracepoint); written only when there are some. */
  public static final int TAG_RAW_TRACEPOINTS = 3;
  /**
   * Object-wide: the target the loader was generated for (profile SHA-256 and the host values the
   * object used); written only when generation used a profile or a host value.
   */
  public static final int TAG_TARGET = 4;
  /** Bits of the target record's field byte: which optional scalars follow. */
  static final int TARGET_KERNEL_RELEASE = 1;
  static final int TARGET_KERNEL_VERSION = 2;
  static final int TARGET_POSSIBLE_CPUS = 4;
  /** Tag + size before every record body. */
  public static final int RECORD_HEADER_SIZE = 6;

  private LoaderFileFormat() {}

  /** Whether the bytes start like a loader file (used to tell loaders from ELF objects). */
  public static boolean looksLikeLoader(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** A file holding just this loader (one variant). */
  public static byte[] write(LoaderFile loader) {
    return write(LoaderBundle.of(loader));
  }

  /**
   * The version-2 file: header, the object record, one variant record per variant, then every
   * variant's signature blocks, variant by variant.
   */
  public static byte[] write(LoaderBundle bundle) {
    LoaderFile first = bundle.variants().getFirst();
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    putName(object, first.name());
    putU32(object, first.data().length());
    object.writeBytes(first.data().toArray());
    putU16(object, first.ctx().maps().size());
    first.ctx().maps().forEach(n -> putName(object, n));
    putU16(object, first.ctx().programs().size());
    first.ctx().programs().forEach(n -> putName(object, n));
    putRecord(content, TAG_OBJECT, object);
    for (LoaderFile v : bundle.variants()) {
      ByteArrayOutputStream variant = new ByteArrayOutputStream();
      variant.write(v.scheme().code());
      variant.write(v.mode() == Mode.SIGNABLE ? 1 : 0);
      putU16(variant, 0);
      putU32(variant, v.insns().length());
      variant.writeBytes(v.insns().toArray());
      putRecord(content, TAG_VARIANT, variant);
    }
    if (!first.rawTracepoints().isEmpty()) {
      ByteArrayOutputStream names = new ByteArrayOutputStream();
      putU16(names, first.rawTracepoints().size());
      first.rawTracepoints().forEach((prog, tp) -> {
        putName(names, prog);
        putName(names, tp);
      });
      putRecord(content, TAG_RAW_TRACEPOINTS, names);
    }
    if (first.target() != null) {
      putRecord(content, TAG_TARGET, targetBody(first.target()));
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    putU16(out, VERSION);
    out.write(0);
    out.write(bundle.order() == ByteOrder.BIG_ENDIAN ? 1 : 0);
    putU32(out, content.size());
    out.writeBytes(content.toByteArray());
    for (LoaderFile v : bundle.variants()) {
      for (SignatureBlock block : v.signatures()) {
        out.writeBytes(signatureBlock(block));
      }
    }
    return out.toByteArray();
  }

  private static ByteArrayOutputStream targetBody(LoaderTarget t) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(t.origin().code());
    if (t.profileSha256() != null) {
      body.writeBytes(t.profileSha256().toArray());
    }
    body.write((t.kernelRelease() != null ? TARGET_KERNEL_RELEASE : 0)
        | (t.linuxKernelVersion() != null ? TARGET_KERNEL_VERSION : 0)
        | (t.possibleCpus() != null ? TARGET_POSSIBLE_CPUS : 0));
    if (t.kernelRelease() != null) {
      putText8(body, t.kernelRelease());
    }
    if (t.linuxKernelVersion() != null) {
      putU32(body, t.linuxKernelVersion());
    }
    if (t.possibleCpus() != null) {
      putU32(body, t.possibleCpus());
    }
    putU16(body, t.kconfig().size());
    t.kconfig().forEach((name, value) -> {
      putName(body, name);
      putText16(body, value);
    });
    putU16(body, t.kallsyms().size());
    t.kallsyms().forEach((name, address) -> {
      putText16(body, name);
      body.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(address).array());
    });
    return body;
  }

  private static void putText8(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    out.write(b.length);
    out.writeBytes(b);
  }

  private static void putText16(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    putU16(out, b.length);
    out.writeBytes(b);
  }

  private static void putRecord(ByteArrayOutputStream content, int tag, ByteArrayOutputStream body) {
    putU16(content, tag);
    putU32(content, body.size());
    content.writeBytes(body.toByteArray());
  }

  static byte[] signatureBlock(SignatureBlock block) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(block.scheme().code());
    body.write(0);
    body.write(0);
    body.write(0);
    body.writeBytes(block.exclProgHash().toArray());
    putU32(body, block.cms().length());
    body.writeBytes(block.cms().toArray());
    putU16(body, block.certificates().size());
    for (Bytes cert : block.certificates()) {
      putU32(body, cert.length());
      body.writeBytes(cert.toArray());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE_MAGIC);
    putU32(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /**
   * Parses a loader file that must hold exactly one variant (callers that handle several read
   * {@link #readBundle}).
   *
   * @param source what to call the input in messages (usually its path)
   */
  public static LoaderFile read(byte[] bytes, String source) throws BadInputException {
    LoaderBundle bundle = readBundle(bytes, source);
    return bundle.single().orElseThrow(() -> new BadInputException(source + ": holds " + bundle.variants().size()
        + " variants (" + String.join(", ", bundle.schemes().stream().map(Scheme::label).toList())
        + "); choose one with --scheme"));
  }

  /**
   * Parses a loader file of either version: every variant with its signatures.
   *
   * @param source what to call the input in messages (usually its path)
   */
  public static LoaderBundle readBundle(byte[] bytes, String source) throws BadInputException {
    Reader r = new Reader(bytes, source);
    if (!looksLikeLoader(bytes)) {
      throw new BadInputException(source + ": not a bpfsign loader file (no BPFSLOAD magic at offset 0)");
    }
    r.skip(MAGIC.length, "magic");
    int version = r.u16("format version");
    if (version != VERSION && version != VERSION_1) {
      throw r.error(8, "unsupported format version " + version + " (this bpfsign reads versions 1 and " + VERSION + ")");
    }
    int modeByte = r.u8(version == VERSION_1 ? "mode" : "reserved byte");
    Mode v1Mode = null;
    if (version == VERSION_1) {
      v1Mode = mode(r, 10, modeByte);
    } else if (modeByte != 0) {
      throw r.error(10, "reserved byte is not zero");
    }
    int orderByte = r.u8("byte order");
    ByteOrder order = switch (orderByte) {
      case 0 -> ByteOrder.LITTLE_ENDIAN;
      case 1 -> ByteOrder.BIG_ENDIAN;
      default -> throw r.error(11, "unknown byte order " + orderByte);
    };
    long contentSize = r.u32("content size");
    if (contentSize > r.remaining()) {
      throw r.error(12, "content size " + contentSize + " exceeds the " + r.remaining() + " bytes that follow");
    }
    int contentEnd = r.pos + (int) contentSize;
    List<LoaderFile> variants = version == VERSION_1
        ? List.of(v1Content(r, contentEnd, v1Mode, order))
        : v2Content(r, contentEnd, order);

    List<List<SignatureBlock>> signatures = new ArrayList<>();
    variants.forEach(v -> signatures.add(new ArrayList<>()));
    int count = 0;
    int lastIndex = 0;
    while (r.remaining() > 0) {
      int at = r.pos;
      SignatureBlock block = r.signatureBlock(count++);
      int index = indexOf(variants, block.scheme());
      if (index < 0 && version == VERSION_1 && variants.getFirst().mode() == Mode.PLAIN
          && variants.getFirst().scheme() != block.scheme() && count == 1) {
        // a version-1 plain loader is the same for both generations: its first signature's
        // scheme says which one it was signed for
        variants = List.of(variants.getFirst().withScheme(block.scheme()));
        index = 0;
      }
      if (index < 0) {
        throw r.error(at + 8, "signature block " + (count - 1) + ": a " + block.scheme().label()
            + "-scheme signature, but the file has no " + block.scheme().label() + " variant ("
            + (version == VERSION_1 ? "a version-1 file holds a 6.18 loader, which no kernel accepts with this signature"
                : "only " + String.join(", ", variants.stream().map(v -> v.scheme().label()).toList())) + ")");
      }
      if (index < lastIndex) {
        throw r.error(at + 8, "signature block " + (count - 1) + " (" + block.scheme().label()
            + ") follows a block of a later variant (blocks are grouped by variant, in variant order)");
      }
      lastIndex = index;
      signatures.get(index).add(block);
    }
    List<LoaderFile> signed = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      signed.add(variants.get(i).withSignatures(signatures.get(i)));
    }
    return new LoaderBundle(signed);
  }

  private static int indexOf(List<LoaderFile> variants, Scheme scheme) {
    for (int i = 0; i < variants.size(); i++) {
      if (variants.get(i).scheme() == scheme) {
        return i;
      }
    }
    return -1;
  }

  private static Mode mode(Reader r, int at, int modeByte) throws BadInputException {
    return switch (modeByte) {
      case 0 -> Mode.PLAIN;
      case 1 -> Mode.SIGNABLE;
      default -> throw r.error(at, "unknown mode " + modeByte);
    };
  }

  /** Version 1: one loader of Linux 6.18's generation (the only one there was). */
  private static LoaderFile v1Content(Reader r, int contentEnd, Mode mode, ByteOrder order) throws BadInputException {
    String name = r.name("object name");
    Bytes insns = r.insns();
    Bytes data = r.block("data blob");
    CtxLayout ctx = r.ctx(contentEnd);
    if (r.pos != contentEnd) {
      throw r.error(r.pos, "content ends at " + r.pos + " but its size says " + contentEnd);
    }
    return new LoaderFile(name, mode, Scheme.LINUX_6_18, order, insns, data, ctx, List.of());
  }

  /** Version 2: the object record, then one or more variant records. */
  private static List<LoaderFile> v2Content(Reader r, int contentEnd, ByteOrder order) throws BadInputException {
    String name = null;
    Bytes data = null;
    CtxLayout ctx = null;
    List<LoaderFile> variants = new ArrayList<>();
    Map<String, String> rawTracepoints = null;
    LoaderTarget target = null;
    int index = 0;
    while (r.pos < contentEnd) {
      int at = r.pos;
      String what = "record " + index++;
      if (contentEnd - r.pos < RECORD_HEADER_SIZE) {
        throw r.error(at, "truncated " + what + " header (" + (contentEnd - r.pos) + " bytes left in the content)");
      }
      int tag = r.u16(what + " tag");
      long size = r.u32(what + " size");
      if (size > contentEnd - r.pos) {
        throw r.error(at + 2, what + " size " + size + " exceeds the " + (contentEnd - r.pos) + " content bytes that follow");
      }
      int end = r.pos + (int) size;
      switch (tag) {
        case TAG_OBJECT -> {
          if (name != null) {
            throw r.error(at, what + ": a second object record");
          }
          name = r.name("object name");
          data = r.block("data blob");
          ctx = r.ctx(end);
        }
        case TAG_VARIANT -> {
          if (name == null) {
            throw r.error(at, what + ": a variant record before the object record");
          }
          if (rawTracepoints != null || target != null) {
            // one byte form: the writer puts every variant before the object-wide records
            throw r.error(at, what + ": a variant record after the raw tracepoint or target record");
          }
          int schemeCode = r.u8(what + " scheme");
          Scheme scheme = Scheme.fromCode(schemeCode)
              .orElseThrow(() -> r.error(at + RECORD_HEADER_SIZE, what + ": unknown scheme " + schemeCode));
          Mode mode = mode(r, r.pos, r.u8(what + " mode"));
          if (r.u16(what + " reserved") != 0) {
            throw r.error(r.pos - 2, what + ": reserved bytes are not zero");
          }
          Bytes insns = r.insns();
          if (indexOf(variants, scheme) >= 0) {
            throw r.error(at, what + ": a second " + scheme.label() + " variant");
          }
          variants.add(new LoaderFile(name, mode, scheme, order, insns, data, ctx, List.of()));
        }
        case TAG_RAW_TRACEPOINTS -> {
          if (variants.isEmpty() || rawTracepoints != null || target != null) {
            throw r.error(at, what + ": raw tracepoint names must come once, after the variant records"
                + " and before the target record");
          }
          rawTracepoints = new LinkedHashMap<>();
          int count = r.u16(what + " count");
          if (count == 0) {
            throw r.error(at, what + ": an empty raw tracepoint record (it is written only when there are names)");
          }
          for (int i = 0; i < count; i++) {
            int progAt = r.pos;
            String prog = r.name("raw tracepoint " + i + " program");
            String tp = r.name("raw tracepoint " + i + " name");
            if (!ctx.programs().contains(prog)) {
              throw r.error(progAt, what + ": raw tracepoint " + i + " names program " + prog + ", which the loader does not have");
            }
            if (rawTracepoints.put(prog, tp) != null) {
              throw r.error(progAt, what + ": program " + prog + " has two raw tracepoint names");
            }
          }
        }
        case TAG_TARGET -> {
          if (variants.isEmpty() || target != null) {
            throw r.error(at, what + ": the target record must come once, after the variant records");
          }
          target = r.target(what, at);
        }
        default -> throw r.error(at, what + ": unknown record tag " + tag
            + " (written by a newer bpfsign? this one knows tags " + TAG_OBJECT + ".." + TAG_TARGET + ")");
      }
      if (r.pos != end) {
        throw r.error(r.pos, what + " ends at " + r.pos + " but its size says " + end);
      }
    }
    if (name == null) {
      throw r.error(HEADER_SIZE, "no object record");
    }
    if (variants.isEmpty()) {
      throw r.error(contentEnd, "no variant record");
    }
    if (rawTracepoints != null) {
      Map<String, String> names = rawTracepoints;
      variants.replaceAll(v -> v.withRawTracepoints(names));
    }
    if (target != null) {
      LoaderTarget t = target;
      variants.replaceAll(v -> v.withTarget(t));
    }
    return variants;
  }

  private static void putU16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private static void putU32(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  private static void putName(ByteArrayOutputStream out, String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    if (!CtxLayout.isValidName(name)) {
      throw new IllegalArgumentException("not a C identifier of at most 255 characters: " + name);
    }
    out.write(b.length);
    out.writeBytes(b);
  }

  /** A bounds-checked little-endian cursor; every failure names the field and offset. */
  private static final class Reader {
    private final byte[] bytes;
    private final String source;
    private int pos;

    Reader(byte[] bytes, String source) {
      this.bytes = bytes;
      this.source = source;
    }

    int remaining() {
      return bytes.length - pos;
    }

    BadInputException error(int offset, String what) {
      return new BadInputException(source + ": offset " + offset + ": " + what);
    }

    private void need(int n, String field) throws BadInputException {
      if (n < 0 || n > remaining()) {
        throw error(pos, "truncated " + field + " (needs " + n + " bytes, " + remaining() + " left)");
      }
    }

    void skip(int n, String field) throws BadInputException {
      need(n, field);
      pos += n;
    }

    int u8(String field) throws BadInputException {
      need(1, field);
      return bytes[pos++] & 0xff;
    }

    int u16(String field) throws BadInputException {
      need(2, field);
      int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8;
      pos += 2;
      return v;
    }

    long u32(String field) throws BadInputException {
      need(4, field);
      long v = ByteBuffer.wrap(bytes, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
      pos += 4;
      return v;
    }

    Bytes block(String field) throws BadInputException {
      int at = pos;
      long size = u32(field + " size");
      if (size > remaining()) {
        throw error(at, field + " size " + size + " exceeds the " + remaining() + " bytes that follow");
      }
      Bytes b = Bytes.of(bytes, pos, (int) size);
      pos += (int) size;
      return b;
    }

    String name(String field) throws BadInputException {
      int at = pos;
      int len = u8(field + " length");
      need(len, field);
      String s = new String(bytes, pos, len, StandardCharsets.ISO_8859_1);
      if (!CtxLayout.isValidName(s)) {
        throw error(at, field + " is not a C identifier");
      }
      pos += len;
      return s;
    }

    /** Printable ASCII of 1..max characters (spaces only if allowed), after a u8 or u16 length. */
    String text(String field, boolean wide, int max, boolean spaces) throws BadInputException {
      int at = pos;
      int len = wide ? u16(field + " length") : u8(field + " length");
      need(len, field);
      String s = new String(bytes, pos, len, StandardCharsets.ISO_8859_1);
      if (len == 0 || len > max || !dev.bpfsign.loader.Printable.isPrintable(s) || (!spaces && s.contains(" "))) {
        throw error(at, field + " is not 1-" + max + " printable characters" + (spaces ? "" : " without spaces"));
      }
      pos += len;
      return s;
    }

    /** The target record's body (docs/format.md): every map strictly ascending, so one byte form. */
    LoaderTarget target(String what, int at) throws BadInputException {
      int originCode = u8(what + " origin");
      LoaderTarget.Origin origin = LoaderTarget.Origin.fromCode(originCode);
      if (origin == null) {
        throw error(pos - 1, what + ": unknown target origin " + originCode);
      }
      Bytes sha = null;
      if (origin == LoaderTarget.Origin.PROFILE) {
        need(32, what + " profile SHA-256");
        sha = Bytes.of(bytes, pos, 32);
        pos += 32;
      }
      int fields = u8(what + " field bits");
      if ((fields & ~(TARGET_KERNEL_RELEASE | TARGET_KERNEL_VERSION | TARGET_POSSIBLE_CPUS)) != 0) {
        throw error(pos - 1, what + ": unknown target field bits " + fields);
      }
      String release = (fields & TARGET_KERNEL_RELEASE) != 0
          ? text(what + " kernel release", false, LoaderTarget.MAX_RELEASE, false) : null;
      Integer version = (fields & TARGET_KERNEL_VERSION) != 0 ? (int) u32(what + " kernel version") : null;
      Integer cpus = null;
      if ((fields & TARGET_POSSIBLE_CPUS) != 0) {
        int cpusAt = pos;
        long n = u32(what + " possible CPUs");
        if (n < 1 || n > TargetProfile.MAX_CPUS) {
          throw error(cpusAt, what + ": possible CPU count " + n + " is not between 1 and " + TargetProfile.MAX_CPUS);
        }
        cpus = (int) n;
      }
      SortedMap<String, String> kconfig = new TreeMap<>();
      int kconfigCount = u16(what + " Kconfig count");
      String last = null;
      for (int i = 0; i < kconfigCount; i++) {
        int nameAt = pos;
        String name = name(what + " Kconfig name " + i);
        if (!name.startsWith("CONFIG_") || name.length() == 7) {
          throw error(nameAt, what + ": Kconfig name " + name + " does not start with CONFIG_");
        }
        if (last != null && name.compareTo(last) <= 0) {
          throw error(nameAt, what + ": Kconfig name " + name + " is not after " + last + " (names are strictly ascending)");
        }
        last = name;
        kconfig.put(name, text(what + " Kconfig value " + i, true, LoaderTarget.MAX_KCONFIG_VALUE, true));
      }
      SortedMap<String, Long> kallsyms = new TreeMap<>();
      int kallsymsCount = u16(what + " kallsyms count");
      last = null;
      for (int i = 0; i < kallsymsCount; i++) {
        int nameAt = pos;
        String name = text(what + " kallsyms name " + i, true, LoaderTarget.MAX_SYMBOL, false);
        if (last != null && name.compareTo(last) <= 0) {
          throw error(nameAt, what + ": kallsyms name " + dev.bpfsign.loader.Printable.quote(name)
              + " is not after the previous one (names are strictly ascending)");
        }
        last = name;
        need(8, what + " kallsyms address " + i);
        kallsyms.put(name, ByteBuffer.wrap(bytes, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        pos += 8;
      }
      return new LoaderTarget(origin, sha, release, version, cpus, kconfig, kallsyms);
    }

    Bytes insns() throws BadInputException {
      int at = pos;
      Bytes insns = block("instructions");
      if (insns.length() == 0 || insns.length() % LoaderFile.INSN_SIZE != 0) {
        throw error(at, "instructions size " + insns.length() + " is not a positive multiple of 8");
      }
      return insns;
    }

    /** Map and program names; the ctx they make must fit BPF_PROG_RUN's ctx_size_in. */
    CtxLayout ctx(int end) throws BadInputException {
      List<String> maps = names("map");
      List<String> programs = names("program");
      CtxLayout ctx = new CtxLayout(maps, programs);
      if (ctx.size() > MAX_CTX_SIZE) {
        throw error(end, "ctx of " + maps.size() + " maps and " + programs.size() + " programs exceeds 65535 bytes");
      }
      return ctx;
    }

    List<String> names(String kind) throws BadInputException {
      int count = u16(kind + " count");
      List<String> names = new ArrayList<>(Math.min(count, remaining()));
      for (int i = 0; i < count; i++) {
        names.add(name(kind + " name " + i));
      }
      return names;
    }

    SignatureBlock signatureBlock(int index) throws BadInputException {
      int at = pos;
      String what = "signature block " + index;
      need(SIGNATURE_MAGIC.length, what);
      if (!Arrays.equals(bytes, pos, pos + 4, SIGNATURE_MAGIC, 0, 4)) {
        throw error(at, "trailing bytes are not a signature block (no BSIG magic)");
      }
      pos += 4;
      long size = u32(what + " size");
      if (size > remaining()) {
        throw error(at, what + " size " + size + " exceeds the " + remaining() + " bytes that follow");
      }
      int end = pos + (int) size;
      int schemeCode = u8(what + " scheme");
      Scheme scheme = Scheme.fromCode(schemeCode)
          .orElseThrow(() -> error(at + 8, what + ": unknown scheme " + schemeCode));
      for (int i = 0; i < 3; i++) {
        if (u8(what + " reserved") != 0) {
          throw error(pos - 1, what + ": reserved byte is not zero");
        }
      }
      need(SignatureBlock.EXCL_PROG_HASH_SIZE, what + " excl_prog_hash");
      Bytes excl = Bytes.of(bytes, pos, SignatureBlock.EXCL_PROG_HASH_SIZE);
      pos += SignatureBlock.EXCL_PROG_HASH_SIZE;
      int cmsAt = pos;
      Bytes cms = block(what + " CMS");
      if (cms.length() == 0 || cms.length() > MAX_CMS_SIZE) {
        throw error(cmsAt, what + ": CMS size " + cms.length() + " is outside 1.." + MAX_CMS_SIZE);
      }
      int certCount = u16(what + " certificate count");
      if (certCount > MAX_CERTIFICATES) {
        throw error(pos - 2, what + ": " + certCount + " certificates (at most " + MAX_CERTIFICATES + ")");
      }
      List<Bytes> certs = new ArrayList<>();
      for (int i = 0; i < certCount; i++) {
        certs.add(block(what + " certificate " + i));
      }
      if (pos != end) {
        throw error(pos, what + " ends at " + pos + " but its size says " + end);
      }
      return new SignatureBlock(scheme, cms, excl, certs);
    }
  }
}
