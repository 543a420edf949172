package dev.bpfsign.loader.file;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes {@code loader.bin} (docs/format.md). Reading treats the bytes as hostile:
 * every length is checked against what remains before anything is allocated, and every defect
 * is one {@link BadInputException} naming the field and its offset.
 */
public final class LoaderFileFormat {
  public static final byte[] MAGIC = "BPFSLOAD".getBytes(StandardCharsets.US_ASCII);
  public static final byte[] SIGNATURE_MAGIC = "BSIG".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 16;
  /** The kernel refuses larger signatures (KMALLOC_MAX_CACHE_SIZE); we allow headroom, not abuse. */
  public static final int MAX_CMS_SIZE = 64 * 1024;
  public static final int MAX_CERTIFICATES = 16;
  /** ctx_size_in must not exceed this (BPF_PROG_RUN on syscall programs). */
  public static final int MAX_CTX_SIZE = 65535;

  private LoaderFileFormat() {}

  /** Whether the bytes start like a loader file (used to tell loaders from ELF objects). */
  public static boolean looksLikeLoader(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  public static byte[] write(LoaderFile loader) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    putName(content, loader.name());
    putU32(content, loader.insns().length());
    content.writeBytes(loader.insns().toArray());
    putU32(content, loader.data().length());
    content.writeBytes(loader.data().toArray());
    putU16(content, loader.ctx().maps().size());
    loader.ctx().maps().forEach(n -> putName(content, n));
    putU16(content, loader.ctx().programs().size());
    loader.ctx().programs().forEach(n -> putName(content, n));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    putU16(out, VERSION);
    out.write(loader.mode() == Mode.SIGNABLE ? 1 : 0);
    out.write(loader.order() == ByteOrder.BIG_ENDIAN ? 1 : 0);
    putU32(out, content.size());
    out.writeBytes(content.toByteArray());
    for (SignatureBlock block : loader.signatures()) {
      out.writeBytes(signatureBlock(block));
    }
    return out.toByteArray();
  }

  private static byte[] signatureBlock(SignatureBlock block) {
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
   * Parses a loader file.
   *
   * @param source what to call the input in messages (usually its path)
   */
  public static LoaderFile read(byte[] bytes, String source) throws BadInputException {
    Reader r = new Reader(bytes, source);
    if (!looksLikeLoader(bytes)) {
      throw new BadInputException(source + ": not a bpfsign loader file (no BPFSLOAD magic at offset 0)");
    }
    r.skip(MAGIC.length, "magic");
    int version = r.u16("format version");
    if (version != VERSION) {
      throw r.error(8, "unsupported format version " + version + " (this bpfsign reads version " + VERSION + ")");
    }
    int modeByte = r.u8("mode");
    Mode mode = switch (modeByte) {
      case 0 -> Mode.PLAIN;
      case 1 -> Mode.SIGNABLE;
      default -> throw r.error(10, "unknown mode " + modeByte);
    };
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

    String name = r.name("object name");
    int insnsAt = r.pos;
    Bytes insns = r.block("instructions");
    if (insns.length() == 0 || insns.length() % LoaderFile.INSN_SIZE != 0) {
      throw r.error(insnsAt, "instructions size " + insns.length() + " is not a positive multiple of 8");
    }
    Bytes data = r.block("data blob");
    List<String> maps = r.names("map");
    List<String> programs = r.names("program");
    if (r.pos != contentEnd) {
      throw r.error(r.pos, "content ends at " + r.pos + " but its size says " + contentEnd);
    }
    CtxLayout ctx = new CtxLayout(maps, programs);
    if (ctx.size() > MAX_CTX_SIZE) {
      throw r.error(contentEnd, "ctx of " + maps.size() + " maps and " + programs.size() + " programs exceeds 65535 bytes");
    }

    List<SignatureBlock> signatures = new ArrayList<>();
    while (r.remaining() > 0) {
      signatures.add(r.signatureBlock(signatures.size()));
    }
    return new LoaderFile(name, mode, order, insns, data, ctx, signatures);
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
