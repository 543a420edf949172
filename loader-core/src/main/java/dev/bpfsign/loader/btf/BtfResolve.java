package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.btf.BtfKind.*;

/**
 * libbpf's type-walking helpers ({@code skip_mods_and_typedefs}, {@code btf__resolve_type},
 * {@code btf__resolve_size}, {@code btf__align_of}) with the same results, for BPF's 8-byte
 * pointers. Walks are bounded: the parser rejected reference loops and every walk stops after 32
 * steps, as libbpf's {@code MAX_RESOLVE_DEPTH}.
 */
public final class BtfResolve {
  private static final int MAX_RESOLVE_DEPTH = 32;
  private static final int POINTER_SIZE = 8;

  private BtfResolve() {}

  /** Skips CONST/VOLATILE/RESTRICT/TYPE_TAG and TYPEDEF; returns the first other type's id. */
  public static int skipModsAndTypedefs(Btf btf, int id) throws BtfFormatException {
    for (int depth = 0; depth <= MAX_RESOLVE_DEPTH; depth++) {
      int kind = btf.kind(id);
      if (!isModifier(kind) && kind != TYPEDEF) {
        return id;
      }
      id = btf.sizeOrType(id);
    }
    throw tooDeep(btf, id);
  }

  /** {@code btf__resolve_type}: also skips VAR; void is an error. */
  public static int resolveType(Btf btf, int id) throws BtfFormatException {
    int start = id;
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      int kind = btf.kind(id);
      if (id == 0) {
        throw new BtfFormatException(btf.origin + ": type [" + start + "] resolves to void");
      }
      if (!isModifier(kind) && kind != TYPEDEF && kind != VAR) {
        return id;
      }
      id = btf.sizeOrType(id);
    }
    throw tooDeep(btf, start);
  }

  /** {@code btf__resolve_size}: byte size, through modifiers, typedefs, VARs and arrays. */
  public static long resolveSize(Btf btf, int id) throws BtfFormatException {
    int start = id;
    long nelems = 1;
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH && id != 0; depth++) {
      switch (btf.kind(id)) {
        case INT, STRUCT, UNION, ENUM, ENUM64, DATASEC, FLOAT -> {
          return scaled(btf, start, Integer.toUnsignedLong(btf.sizeOrType(id)), nelems);
        }
        case PTR -> {
          return scaled(btf, start, POINTER_SIZE, nelems);
        }
        case TYPEDEF, VOLATILE, CONST, RESTRICT, VAR, DECL_TAG, TYPE_TAG -> id = btf.sizeOrType(id);
        case ARRAY -> {
          long n = Integer.toUnsignedLong(btf.tail(id, 0 + 2));
          if (nelems != 0 && n > 0xffffffffL / nelems) {
            throw new BtfFormatException(btf.origin + ": type [" + start + "]: array size overflows 32 bits");
          }
          nelems *= n;
          id = btf.tail(id, 0);
        }
        default -> throw new BtfFormatException(btf.origin + ": type [" + start + "]: " + BtfKind.name(btf.kind(id)) + " [" + id + "] has no size");
      }
    }
    throw new BtfFormatException(btf.origin + ": type [" + start + "]: cannot resolve size");
  }

  /** {@code btf__align_of}; packed structs and unions give 1. */
  public static int alignOf(Btf btf, int id) throws BtfFormatException {
    return alignOf(btf, id, 0);
  }

  private static int alignOf(Btf btf, int id, int depth) throws BtfFormatException {
    if (depth > MAX_RESOLVE_DEPTH) {
      throw tooDeep(btf, id);
    }
    int kind = btf.kind(id);
    switch (kind) {
      case INT, ENUM, ENUM64, FLOAT -> {
        return (int) Math.min(POINTER_SIZE, Integer.toUnsignedLong(btf.sizeOrType(id)));
      }
      case PTR -> {
        return POINTER_SIZE;
      }
      case TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG -> {
        return alignOf(btf, btf.sizeOrType(id), depth + 1);
      }
      case ARRAY -> {
        return alignOf(btf, btf.tail(id, 0), depth + 1);
      }
      case STRUCT, UNION -> {
        int vlen = btf.vlen(id);
        boolean kflag = btf.kindFlag(id);
        int maxAlign = 1;
        for (int i = 0; i < vlen; i++) {
          int align = alignOf(btf, btf.tail(id, 3 * i + 1), depth + 1);
          if (align <= 0) {
            throw new BtfFormatException(btf.origin + ": type [" + id + "]: member " + i + " has no alignment");
          }
          maxAlign = Math.max(maxAlign, align);
          int offset = btf.tail(id, 3 * i + 2);
          int bitfieldSize = kflag ? offset >>> 24 : 0;
          int bitOffset = kflag ? offset & 0xffffff : offset;
          if (bitfieldSize == 0 && Integer.remainderUnsigned(bitOffset, 8 * align) != 0) {
            return 1;
          }
        }
        if (Integer.remainderUnsigned(btf.sizeOrType(id), maxAlign) != 0) {
          return 1;
        }
        return maxAlign;
      }
      default -> throw new BtfFormatException(btf.origin + ": type [" + id + "]: " + BtfKind.name(kind) + " has no alignment");
    }
  }

  public static boolean isModifier(int kind) {
    return kind == VOLATILE || kind == CONST || kind == RESTRICT || kind == TYPE_TAG;
  }

  private static long scaled(Btf btf, int start, long size, long nelems) throws BtfFormatException {
    if (nelems != 0 && size > 0xffffffffL / nelems) {
      throw new BtfFormatException(btf.origin + ": type [" + start + "]: size overflows 32 bits");
    }
    return size * nelems;
  }

  private static BtfFormatException tooDeep(Btf btf, int id) {
    return new BtfFormatException(btf.origin + ": type [" + id + "]: reference chain deeper than 32");
  }
}
