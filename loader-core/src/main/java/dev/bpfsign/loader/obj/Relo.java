package dev.bpfsign.loader.obj;

/**
 * One relocation of a program's code ({@code struct reloc_desc}), in the program's own frame of
 * reference ({@code insnIndex} counts slots from the program's first instruction).
 */
record Relo(Type type, int insnIndex, int mapIndex, long symOff, int externIndex, CoreRelo core) {
  /** libbpf's {@code enum reloc_type}; the declaration order is the tie-break of its sort. */
  enum Type {
    LD64,
    CALL,
    DATA,
    EXTERN_LD64,
    EXTERN_CALL,
    SUBPROG_ADDR,
    CORE
  }

  static Relo of(Type type, int insnIndex, int mapIndex, long symOff) {
    return new Relo(type, insnIndex, mapIndex, symOff, -1, null);
  }

  static Relo extern(Type type, int insnIndex, int externIndex) {
    return new Relo(type, insnIndex, -1, 0, externIndex, null);
  }

  static Relo core(int insnIndex, CoreRelo core) {
    return new Relo(Type.CORE, insnIndex, -1, 0, -1, core);
  }

  Relo shifted(int by) {
    return new Relo(type, insnIndex + by, mapIndex, symOff, externIndex, core);
  }
}
