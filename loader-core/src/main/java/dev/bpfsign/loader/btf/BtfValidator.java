package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.btf.BtfKind.*;

/**
 * The checks libbpf's {@code btf_sanity_check} makes (string offsets and referenced type ids in
 * range, FUNC refers to FUNC_PROTO), plus one libbpf leaves to the kernel: chains of references
 * through modifiers, typedefs, pointers, arrays, VARs, FUNCs and DECL_TAGs must not loop, so the
 * resolve helpers always terminate.
 */
final class BtfValidator {
  private BtfValidator() {}

  static void validate(Btf btf, int typeStart) throws BtfFormatException {
    for (int id = 1; id < btf.typeCount; id++) {
      validateType(btf, id, typeStart);
    }
    checkChains(btf, typeStart);
  }

  private static void validateType(Btf btf, int id, int typeStart) throws BtfFormatException {
    int w = btf.starts[id];
    int[] words = btf.words;
    int kind = btf.kind(id);
    int vlen = btf.vlen(id);
    str(btf, id, typeStart, words[w], "type name");
    switch (kind) {
      case PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, VAR, DECL_TAG, TYPE_TAG ->
          ref(btf, id, typeStart, words[w + 2]);
      case ARRAY -> {
        ref(btf, id, typeStart, words[w + 3]);
        ref(btf, id, typeStart, words[w + 4]);
      }
      case STRUCT, UNION -> {
        for (int i = 0; i < vlen; i++) {
          str(btf, id, typeStart, words[w + 3 + 3 * i], "member name");
          ref(btf, id, typeStart, words[w + 4 + 3 * i]);
        }
      }
      case ENUM -> {
        for (int i = 0; i < vlen; i++) {
          str(btf, id, typeStart, words[w + 3 + 2 * i], "enumerator name");
        }
      }
      case ENUM64 -> {
        for (int i = 0; i < vlen; i++) {
          str(btf, id, typeStart, words[w + 3 + 3 * i], "enumerator name");
        }
      }
      case FUNC -> {
        int target = words[w + 2];
        ref(btf, id, typeStart, target);
        if (btf.kind(target) != FUNC_PROTO) {
          throw fail(btf, id, typeStart, "FUNC refers to type [" + target + "], a " + BtfKind.name(btf.kind(target)) + ", not a FUNC_PROTO");
        }
      }
      case FUNC_PROTO -> {
        ref(btf, id, typeStart, words[w + 2]);
        for (int i = 0; i < vlen; i++) {
          str(btf, id, typeStart, words[w + 3 + 2 * i], "parameter name");
          ref(btf, id, typeStart, words[w + 4 + 2 * i]);
        }
      }
      case DATASEC -> {
        for (int i = 0; i < vlen; i++) {
          ref(btf, id, typeStart, words[w + 3 + 3 * i]);
        }
      }
      default -> {} // INT, FWD, FLOAT, and kinds described only by the layout section
    }
  }

  /** Follows single-successor references; a revisit within one walk is a loop. */
  private static void checkChains(Btf btf, int typeStart) throws BtfFormatException {
    byte[] state = new byte[btf.typeCount]; // 0 unseen, 1 on the current walk, 2 known loop-free
    int[] path = new int[Math.min(btf.typeCount, 1 << 16)];
    for (int start = 1; start < btf.typeCount; start++) {
      int id = start;
      int len = 0;
      while (id != 0 && state[id] == 0) {
        state[id] = 1;
        if (len == path.length) {
          path = java.util.Arrays.copyOf(path, Math.min(btf.typeCount, path.length * 2));
        }
        path[len++] = id;
        id = successor(btf, id);
      }
      if (id != 0 && state[id] == 1) {
        throw fail(btf, id, typeStart, "reference loop through " + BtfKind.name(btf.kind(id)) + " [" + id + "]");
      }
      for (int i = 0; i < len; i++) {
        state[path[i]] = 2;
      }
    }
  }

  private static int successor(Btf btf, int id) {
    int w = btf.starts[id];
    return switch (btf.kind(id)) {
      case PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, VAR, DECL_TAG, TYPE_TAG, FUNC -> btf.words[w + 2];
      case ARRAY -> btf.words[w + 3];
      default -> 0;
    };
  }

  private static void ref(Btf btf, int id, int typeStart, int target) throws BtfFormatException {
    if (!btf.hasType(Integer.toUnsignedLong(target))) {
      throw fail(btf, id, typeStart, "referenced type id " + Integer.toUnsignedString(target) + " out of range (" + (btf.typeCount - 1) + " types)");
    }
  }

  private static void str(Btf btf, int id, int typeStart, int off, String what) throws BtfFormatException {
    if (!btf.isValidStringOffset(Integer.toUnsignedLong(off))) {
      throw fail(btf, id, typeStart, what + " offset " + Integer.toUnsignedString(off) + " outside the string section (" + btf.strLen + " bytes)");
    }
  }

  private static BtfFormatException fail(Btf btf, int id, int typeStart, String message) {
    return new BtfFormatException(
        btf.origin + ": type [" + id + "] at offset 0x" + Integer.toHexString(typeStart + btf.starts[id] * 4) + ": " + message);
  }
}
