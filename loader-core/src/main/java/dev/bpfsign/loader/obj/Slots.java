package dev.bpfsign.loader.obj;

/**
 * Field access on instruction slots held as little-endian bytes (8 per slot): the form the
 * object model keeps program code in while relocating it, whatever the object's byte order.
 */
final class Slots {
  static final int LD_IMM64 = 0x18;
  static final int CALL = 0x85;

  private Slots() {}

  static int code(byte[] b, int slot) {
    return b[slot * 8] & 0xff;
  }

  static int dst(byte[] b, int slot) {
    return b[slot * 8 + 1] & 0x0f;
  }

  static int src(byte[] b, int slot) {
    return (b[slot * 8 + 1] & 0xf0) >>> 4;
  }

  static void setSrc(byte[] b, int slot, int src) {
    b[slot * 8 + 1] = (byte) ((b[slot * 8 + 1] & 0x0f) | (src << 4));
  }

  static int off(byte[] b, int slot) {
    int p = slot * 8 + 2;
    return (short) ((b[p] & 0xff) | (b[p + 1] << 8));
  }

  static void setOff(byte[] b, int slot, int off) {
    int p = slot * 8 + 2;
    b[p] = (byte) off;
    b[p + 1] = (byte) (off >>> 8);
  }

  static int imm(byte[] b, int slot) {
    int p = slot * 8 + 4;
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
  }

  static void setImm(byte[] b, int slot, int imm) {
    int p = slot * 8 + 4;
    b[p] = (byte) imm;
    b[p + 1] = (byte) (imm >>> 8);
    b[p + 2] = (byte) (imm >>> 16);
    b[p + 3] = (byte) (imm >>> 24);
  }

  static boolean isLdImm64(byte[] b, int slot) {
    return code(b, slot) == LD_IMM64;
  }

  static boolean isCall(byte[] b, int slot) {
    return code(b, slot) == CALL;
  }

  /** A BPF-to-BPF call as clang emits it: {@code call} with src PSEUDO_CALL, dst 0, off 0. */
  static boolean isSubprogCall(byte[] b, int slot) {
    return isCall(b, slot) && src(b, slot) == 1 && dst(b, slot) == 0 && off(b, slot) == 0;
  }

  /** {@code ld_imm64} with src BPF_PSEUDO_FUNC: the address of a subprogram (callbacks). */
  static boolean isPseudoFunc(byte[] b, int slot) {
    return isLdImm64(b, slot) && src(b, slot) == 4;
  }

}
