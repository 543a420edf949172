package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfKind;

/**
 * The few BTF type walks libbpf's object code relies on ({@code skip_mods_and_typedefs}, {@code
 * btf__resolve_size}, {@code btf__align_of}), over the raw words of a parsed {@link Btf}.
 * Chains are loop-free: {@link Btf#parse} checked that.
 */
final class BtfTypes {
  private static final int MAX_RESOLVE_DEPTH = 32;

  private BtfTypes() {}

  static boolean isMod(int kind) {
    return kind == BtfKind.VOLATILE || kind == BtfKind.CONST || kind == BtfKind.RESTRICT || kind == BtfKind.TYPE_TAG;
  }

  static int skipModsAndTypedefs(Btf btf, int id) {
    int k = btf.kind(id);
    while (isMod(k) || k == BtfKind.TYPEDEF) {
      id = btf.sizeOrType(id);
      k = btf.kind(id);
    }
    return id;
  }

  // member i of a STRUCT/UNION: name_off, type, offset
  static String memberName(Btf btf, int id, int i) {
    return btf.string(btf.tail(id, 3 * i));
  }

  static int memberType(Btf btf, int id, int i) {
    return btf.tail(id, 3 * i + 1);
  }

  static int memberBitOffset(Btf btf, int id, int i) {
    int off = btf.tail(id, 3 * i + 2);
    return btf.kindFlag(id) ? off & 0xffffff : off;
  }

  // ARRAY: type, index_type, nelems
  static int arrayType(Btf btf, int id) {
    return btf.tail(id, 0);
  }

  static int arrayNelems(Btf btf, int id) {
    return btf.tail(id, 2);
  }

  // VAR: linkage
  static int varLinkage(Btf btf, int id) {
    return btf.tail(id, 0);
  }

  // DATASEC var_secinfo i: type, offset, size
  static int secinfoType(Btf btf, int id, int i) {
    return btf.tail(id, 3 * i);
  }

  static int secinfoOffset(Btf btf, int id, int i) {
    return btf.tail(id, 3 * i + 1);
  }

  static int secinfoSize(Btf btf, int id, int i) {
    return btf.tail(id, 3 * i + 2);
  }

  static int funcLinkage(Btf btf, int id) {
    return btf.vlen(id);
  }

  static int intEncoding(Btf btf, int id) {
    return (btf.tail(id, 0) >>> 24) & 0x0f;
  }

  static int intBits(Btf btf, int id) {
    return btf.tail(id, 0) & 0xff;
  }

  /** {@code btf__resolve_size}: byte size of a type, or -1 if it has none. */
  static long resolveSize(Btf btf, int id) {
    long nelems = 1;
    for (int depth = 0; depth < MAX_RESOLVE_DEPTH && id != 0; depth++) {
      int k = btf.kind(id);
      switch (k) {
        case BtfKind.INT, BtfKind.STRUCT, BtfKind.UNION, BtfKind.ENUM, BtfKind.ENUM64,
            BtfKind.DATASEC, BtfKind.FLOAT -> {
          long size = Integer.toUnsignedLong(btf.sizeOrType(id)) * nelems;
          return size > Integer.MAX_VALUE ? -1 : size;
        }
        case BtfKind.PTR -> {
          return 8 * nelems;
        }
        case BtfKind.TYPEDEF, BtfKind.VOLATILE, BtfKind.CONST, BtfKind.RESTRICT, BtfKind.VAR,
            BtfKind.DECL_TAG, BtfKind.TYPE_TAG -> id = btf.sizeOrType(id);
        case BtfKind.ARRAY -> {
          long n = Integer.toUnsignedLong(arrayNelems(btf, id));
          if (n != 0 && nelems > Integer.MAX_VALUE / n) {
            return -1;
          }
          nelems *= n;
          id = arrayType(btf, id);
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  /** {@code btf__align_of}: natural alignment of a type, or -1. */
  static int alignOf(Btf btf, int id) {
    int k = btf.kind(id);
    switch (k) {
      case BtfKind.INT, BtfKind.ENUM, BtfKind.ENUM64, BtfKind.FLOAT -> {
        return Math.min(8, btf.sizeOrType(id));
      }
      case BtfKind.PTR -> {
        return 8;
      }
      case BtfKind.TYPEDEF, BtfKind.VOLATILE, BtfKind.CONST, BtfKind.RESTRICT, BtfKind.TYPE_TAG -> {
        return alignOf(btf, btf.sizeOrType(id));
      }
      case BtfKind.ARRAY -> {
        return alignOf(btf, arrayType(btf, id));
      }
      case BtfKind.STRUCT, BtfKind.UNION -> {
        int max = 1;
        for (int i = 0; i < btf.vlen(id); i++) {
          int a = alignOf(btf, memberType(btf, id, i));
          if (a <= 0) {
            return a;
          }
          max = Math.max(max, a);
          boolean bitfield = btf.kindFlag(id) && (btf.tail(id, 3 * i + 2) >>> 24) != 0;
          if (!bitfield && memberBitOffset(btf, id, i) % (8 * a) != 0) {
            return 1; // a misaligned field: the struct is packed
          }
        }
        return Integer.remainderUnsigned(btf.sizeOrType(id), max) != 0 ? 1 : max;
      }
      default -> {
        return -1;
      }
    }
  }
}
