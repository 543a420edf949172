package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a light-skeleton header as bpftool's {@code gen skeleton -L [-S]} writes it, treating it
 * as hostile: the text is tokenised like C, only the shapes bpftool emits are accepted, and
 * every defect is one {@link BadInputException} naming the file and line.
 *
 * <p>Accepted: the skeleton struct (first member {@code struct bpf_loader_ctx ctx;}, then
 * optional {@code maps} and {@code progs} sub-structs of {@code bpf_map_desc}/{@code
 * bpf_prog_desc} members); blobs as {@code static const char opts_data[] ... = "...";} (and
 * {@code opts_insn}, {@code opts_sig}, {@code opts_excl_hash}) or in the older form {@code
 * opts.data = (void *)"...";} with {@code opts.data_sz = N;}.
 */
public final class LightSkeletonReader {
  /** Larger than any loader gen_loader can emit (insns and data are each capped near 1 MiB insns). */
  public static final long MAX_HEADER_SIZE = 512L * 1024 * 1024;

  private static final String INSNS = "opts_insn";
  private static final String DATA = "opts_data";
  private static final String SIG = "opts_sig";
  private static final String EXCL = "opts_excl_hash";

  private final CSource src;
  private final List<CToken> toks;

  private LightSkeletonReader(CSource src, List<CToken> toks) {
    this.src = src;
    this.toks = toks;
  }

  /**
   * Parses a header.
   *
   * @param source what to call the input in messages (usually its path)
   */
  public static LightSkeleton read(byte[] header, String source) throws BadInputException {
    if (header.length > MAX_HEADER_SIZE) {
      throw new BadInputException(source + ": " + header.length + " bytes is larger than any light skeleton ("
          + MAX_HEADER_SIZE + " at most)");
    }
    CSource src = CSource.of(header, source);
    return new LightSkeletonReader(src, CLexer.tokens(src)).parse();
  }

  /**
   * Parses a header and turns it into a loader file (see {@link #toLoaderFile}), recording the
   * raw tracepoint names its attach functions carry.
   */
  public static LoaderFile readLoader(byte[] header, String source) throws BadInputException {
    LightSkeleton skel = read(header, source);
    return toLoaderFile(skel, source).withRawTracepoints(HeaderRawTracepoints.of(header, skel.ctx(), source));
  }

  /**
   * The loader file a header stands for, little-endian unless the first instruction is
   * gen_loader's {@code r6 = r1} in big-endian encoding:
   *
   * <ul>
   *   <li>instructions that check the blob's hash: bpftool 7.8's signable loader, a 6.18 variant
   *       (with one 6.18 signature block if the header is signed);
   *   <li>no hash check but a signature: bpftool-7.3's signable loader, a 7.3 variant with one
   *       7.3 signature block (its signature covers instructions ‖ data; the kernel checks the blob);
   *   <li>neither: a plain loader (the same for both generations), given the 6.18 label.
   * </ul>
   */
  public static LoaderFile toLoaderFile(LightSkeleton skel, String source) throws BadInputException {
    java.nio.ByteOrder order = SkeletonMode.byteOrder(skel.insns());
    Mode checked = SkeletonMode.of(skel, order, source);
    Scheme scheme = checked == Mode.PLAIN && skel.signed() ? Scheme.LINUX_7_3 : Scheme.LINUX_6_18;
    Mode mode = skel.signed() ? Mode.SIGNABLE : checked;
    List<SignatureBlock> sigs = new ArrayList<>();
    if (skel.signed()) {
      sigs.add(new SignatureBlock(scheme, skel.signature().get(), skel.exclProgHash().get()));
    }
    return new LoaderFile(skel.name(), mode, scheme, order, skel.insns(), skel.data(), skel.ctx(), sigs);
  }

  private LightSkeleton parse() throws BadInputException {
    int structAt = findSkeletonStruct();
    Layout layout = parseStruct(structAt);
    Blobs blobs = findBlobs();

    Bytes insns = blobs.require(INSNS, "the loader instructions");
    Bytes data = blobs.require(DATA, "the data blob");
    if (insns.length() == 0 || insns.length() % LoaderFile.INSN_SIZE != 0) {
      throw new BadInputException(blobs.whereOf(INSNS) + ": loader instructions of " + insns.length()
          + " bytes are not a positive multiple of 8");
    }
    Optional<Bytes> sig = blobs.get(SIG);
    Optional<Bytes> excl = blobs.get(EXCL);
    if (sig.isPresent() != excl.isPresent()) {
      String have = sig.isPresent() ? SIG : EXCL;
      throw new BadInputException(blobs.whereOf(have) + ": " + have + " without "
          + (sig.isPresent() ? EXCL : SIG) + " (a signed skeleton has both)");
    }
    if (sig.isPresent()) {
      int n = sig.get().length();
      if (n == 0 || n > LoaderFileFormat.MAX_CMS_SIZE) {
        throw new BadInputException(blobs.whereOf(SIG) + ": signature of " + n + " bytes is outside 1.."
            + LoaderFileFormat.MAX_CMS_SIZE);
      }
      if (excl.get().length() != SignatureBlock.EXCL_PROG_HASH_SIZE) {
        throw new BadInputException(blobs.whereOf(EXCL) + ": excl hash of " + excl.get().length()
            + " bytes (a SHA-256 is 32)");
      }
    }
    CtxLayout ctx = new CtxLayout(layout.maps, layout.progs);
    if (ctx.size() > LoaderFileFormat.MAX_CTX_SIZE) {
      throw new BadInputException(src.where(structAt) + ": ctx of " + layout.maps.size() + " maps and "
          + layout.progs.size() + " programs exceeds " + LoaderFileFormat.MAX_CTX_SIZE + " bytes");
    }
    return new LightSkeleton(layout.name, ctx, insns, data, sig, excl);
  }

  // ---- the skeleton struct ----

  /** Index of the {@code struct} token that opens the skeleton struct. */
  private int findSkeletonStruct() throws BadInputException {
    int found = -1;
    for (int i = 0; i + 6 < toks.size(); i++) {
      if (toks.get(i).is("struct") && toks.get(i + 1).kind() == CToken.Kind.IDENTIFIER
          && toks.get(i + 2).is("{") && toks.get(i + 3).is("struct") && toks.get(i + 4).is("bpf_loader_ctx")
          && toks.get(i + 5).is("ctx") && toks.get(i + 6).is(";")) {
        if (found >= 0) {
          throw new BadInputException(where(i) + ": a second light skeleton struct (the first is at line "
              + src.line(toks.get(found).start()) + ")");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new BadInputException(src.name() + ": not a light skeleton (no struct whose first member is"
          + " 'struct bpf_loader_ctx ctx;')");
    }
    return found;
  }

  private record Layout(String name, List<String> maps, List<String> progs) {}

  private Layout parseStruct(int at) throws BadInputException {
    String name = toks.get(at + 1).text();
    requireName(name, at + 1, "skeleton struct name");
    int i = at + 7; // past "struct NAME { struct bpf_loader_ctx ctx ;"
    List<String> maps = List.of();
    List<String> progs = List.of();
    boolean mapsSeen = false;
    boolean progsSeen = false;
    int member = 1;
    while (true) {
      if (i >= toks.size()) {
        throw new BadInputException(where(at) + ": skeleton struct '" + name + "' is not closed");
      }
      if (toks.get(i).is("}")) {
        break;
      }
      if (toks.get(i).is("struct") && i + 1 < toks.size() && toks.get(i + 1).is("{")) {
        int close = matching(i + 1);
        if (close + 2 >= toks.size() || toks.get(close + 1).kind() != CToken.Kind.IDENTIFIER
            || !toks.get(close + 2).is(";")) {
          i = skipMember(i);
          member++;
          continue;
        }
        String memberName = toks.get(close + 1).text();
        if (memberName.equals("maps") || memberName.equals("progs")) {
          boolean isMaps = memberName.equals("maps");
          if (isMaps ? mapsSeen : progsSeen) {
            throw new BadInputException(where(close + 1) + ": a second '" + memberName + "' member");
          }
          int expectedIndex = isMaps ? 1 : (mapsSeen ? 2 : 1);
          if (member != expectedIndex || (isMaps && progsSeen)) {
            throw new BadInputException(where(close + 1) + ": '" + memberName
                + "' does not directly follow the ctx layout bpftool emits (ctx, maps, progs)");
          }
          List<String> names = descriptors(i + 2, close, isMaps ? "bpf_map_desc" : "bpf_prog_desc", memberName);
          if (isMaps) {
            maps = names;
            mapsSeen = true;
          } else {
            progs = names;
            progsSeen = true;
          }
        }
        i = close + 3;
      } else {
        i = skipMember(i);
      }
      member++;
    }
    if (maps.size() > CtxLayout.MAX_MAPS) {
      throw new BadInputException(where(at) + ": " + maps.size() + " maps (a loader has at most "
          + CtxLayout.MAX_MAPS + ")");
    }
    if (progs.size() > CtxLayout.MAX_PROGRAMS) {
      throw new BadInputException(where(at) + ": " + progs.size() + " programs (a loader has at most "
          + CtxLayout.MAX_PROGRAMS + ")");
    }
    return new Layout(name, maps, progs);
  }

  /** Members {@code struct TYPE NAME;} from {@code from} up to (not including) {@code close}. */
  private List<String> descriptors(int from, int close, String type, String of) throws BadInputException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    int i = from;
    while (i < close) {
      if (i + 3 > close || !toks.get(i).is("struct") || !toks.get(i + 1).is(type)
          || toks.get(i + 2).kind() != CToken.Kind.IDENTIFIER || !toks.get(i + 3).is(";")) {
        throw new BadInputException(where(i) + ": member of '" + of + "' is not 'struct " + type + " NAME;'");
      }
      String n = toks.get(i + 2).text();
      requireName(n, i + 2, of + " member name");
      if (!seen.add(n)) {
        throw new BadInputException(where(i + 2) + ": '" + n + "' appears twice in '" + of + "'");
      }
      names.add(n);
      i += 4;
    }
    return names;
  }

  /** Skips one member declaration (to its ';' outside brackets); returns the index after it. */
  private int skipMember(int i) throws BadInputException {
    int start = i;
    int depth = 0;
    while (i < toks.size()) {
      CToken t = toks.get(i);
      if (t.is("{") || t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is("}") || t.is(")") || t.is("]")) {
        if (depth == 0) {
          throw new BadInputException(where(i) + ": unbalanced " + t.describe() + " in a skeleton struct member");
        }
        depth--;
      } else if (t.is(";") && depth == 0) {
        return i + 1;
      }
      i++;
    }
    throw new BadInputException(where(start) + ": skeleton struct member is not closed by ';'");
  }

  /** Index of the bracket closing the one at {@code open}. */
  private int matching(int open) throws BadInputException {
    int depth = 0;
    for (int i = open; i < toks.size(); i++) {
      CToken t = toks.get(i);
      if (t.is("{") || t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is("}") || t.is(")") || t.is("]")) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new BadInputException(where(open) + ": " + toks.get(open).describe() + " is never closed");
  }

  private void requireName(String name, int at, String what) throws BadInputException {
    if (!CtxLayout.isValidName(name)) {
      throw new BadInputException(where(at) + ": " + what + " is longer than 255 characters");
    }
  }

  // ---- the blobs ----

  private final class Blobs {
    private final java.util.Map<String, Bytes> values = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Integer> at = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Long> declaredSize = new java.util.LinkedHashMap<>();

    void put(String name, Bytes value, int tokenIndex) throws BadInputException {
      if (values.containsKey(name)) {
        throw new BadInputException(where(tokenIndex) + ": " + name + " is defined twice (first at line "
            + src.line(toks.get(at.get(name)).start()) + ")");
      }
      values.put(name, value);
      at.put(name, tokenIndex);
    }

    Optional<Bytes> get(String name) {
      return Optional.ofNullable(values.get(name));
    }

    Bytes require(String name, String what) throws BadInputException {
      Bytes b = values.get(name);
      if (b == null) {
        throw new BadInputException(src.name() + ": light skeleton without " + what + " (no " + name + ")");
      }
      return b;
    }

    String whereOf(String name) {
      return LightSkeletonReader.this.where(at.get(name));
    }
  }

  private Blobs findBlobs() throws BadInputException {
    Blobs blobs = new Blobs();
    for (int i = 0; i < toks.size(); i++) {
      CToken t = toks.get(i);
      if (t.kind() != CToken.Kind.IDENTIFIER) {
        continue;
      }
      String name = t.text();
      boolean known = name.equals(INSNS) || name.equals(DATA) || name.equals(SIG) || name.equals(EXCL);
      if (known && i + 2 < toks.size() && toks.get(i + 1).is("[") && toks.get(i + 2).is("]")) {
        int eq = i + 3;
        while (eq < toks.size() && !toks.get(eq).is("=") && !toks.get(eq).is(";")) {
          eq++;
        }
        if (eq >= toks.size() || !toks.get(eq).is("=")) {
          throw new BadInputException(where(i) + ": " + name + "[] has no initialiser");
        }
        blobs.put(name, strings(eq + 1, name), i);
      } else if (name.equals("opts") && i + 4 < toks.size() && toks.get(i + 1).is(".")
          && toks.get(i + 2).kind() == CToken.Kind.IDENTIFIER && toks.get(i + 3).is("=")) {
        String field = toks.get(i + 2).text();
        String blob = switch (field) {
          case "data" -> DATA;
          case "insns" -> INSNS;
          default -> null;
        };
        boolean castString = i + 8 < toks.size() && toks.get(i + 4).is("(") && toks.get(i + 5).is("void")
            && toks.get(i + 6).is("*") && toks.get(i + 7).is(")") && toks.get(i + 8).kind() == CToken.Kind.STRING;
        if (blob != null && castString) {
          blobs.put(blob, strings(i + 8, "opts." + field), i);
        } else if ((field.equals("data_sz") || field.equals("insns_sz")) && toks.get(i + 4).kind() == CToken.Kind.NUMBER) {
          blobs.declaredSize.put(field.equals("data_sz") ? DATA : INSNS, number(i + 4));
        }
      }
    }
    for (var e : blobs.declaredSize.entrySet()) {
      Optional<Bytes> b = blobs.get(e.getKey());
      if (b.isPresent() && b.get().length() != e.getValue()) {
        throw new BadInputException(blobs.whereOf(e.getKey()) + ": the literal has " + b.get().length()
            + " bytes but its size is given as " + e.getValue());
      }
    }
    return blobs;
  }

  /** Adjacent string literals from {@code i} up to a ';', concatenated as C does. */
  private Bytes strings(int i, String what) throws BadInputException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int start = i;
    while (i < toks.size() && toks.get(i).kind() == CToken.Kind.STRING) {
      out.writeBytes(toks.get(i).value());
      i++;
    }
    if (i == start) {
      throw new BadInputException(where(Math.min(start, toks.size() - 1)) + ": " + what
          + " is not initialised with a string literal");
    }
    if (i >= toks.size() || !toks.get(i).is(";")) {
      throw new BadInputException(where(Math.min(i, toks.size() - 1)) + ": " + what
          + "'s string literal is not followed by ';'");
    }
    return Bytes.of(out.toByteArray());
  }

  private long number(int i) throws BadInputException {
    String s = toks.get(i).text();
    if (!s.matches("[0-9]{1,10}")) {
      throw new BadInputException(where(i) + ": size '" + s + "' is not a decimal number");
    }
    return Long.parseLong(s);
  }

  private String where(int tokenIndex) {
    return src.where(toks.get(tokenIndex).start());
  }
}
