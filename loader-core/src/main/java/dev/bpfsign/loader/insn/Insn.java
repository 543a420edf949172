package dev.bpfsign.loader.insn;

import static dev.bpfsign.loader.insn.Opcodes.*;

/**
 * One BPF instruction. {@code ld_imm64} is one instruction of width 2 whose second slot carries
 * {@code imm2} (the upper half of the constant, or a pseudo source's second operand); for every
 * other opcode {@code imm2} is 0. Registers are nibbles (0..15) so that any decoded stream can be
 * represented; {@link Reg#isValid} tells real registers apart.
 */
public record Insn(int opcode, int dst, int src, short off, int imm, int imm2) {

  public Insn {
    if (opcode < 0 || opcode > 0xff) {
      throw new IllegalArgumentException("opcode " + opcode + " is not a byte");
    }
    if (dst < 0 || dst > 0xf || src < 0 || src > 0xf) {
      throw new IllegalArgumentException("register nibble out of range: dst " + dst + ", src " + src);
    }
    if (opcode != LD_IMM64 && imm2 != 0) {
      throw new IllegalArgumentException("only ld_imm64 has a second slot, opcode 0x" + Integer.toHexString(opcode));
    }
  }

  public Insn(int opcode, int dst, int src, int off, int imm) {
    this(opcode, dst, src, checkedOff(off), imm, 0);
  }

  /** An {@code ld_imm64} of a 64-bit constant. */
  public static Insn ldImm64(int dst, long value) {
    return new Insn(LD_IMM64, dst, 0, (short) 0, (int) value, (int) (value >>> 32));
  }

  /** An {@code ld_imm64} with a pseudo source ({@link Opcodes#PSEUDO_MAP_IDX_VALUE} ...). */
  public static Insn ldImm64(int dst, int pseudoSrc, int imm, int imm2) {
    return new Insn(LD_IMM64, dst, pseudoSrc, (short) 0, imm, imm2);
  }

  /** Slots this instruction occupies: 2 for ld_imm64, else 1. */
  public int width() {
    return opcode == LD_IMM64 ? 2 : 1;
  }

  public boolean isWide() {
    return opcode == LD_IMM64;
  }

  public int cls() {
    return opcode & CLASS_MASK;
  }

  /** The ALU/jump operation (high nibble). */
  public int op() {
    return opcode & OP_MASK;
  }

  public boolean usesSrcReg() {
    return (opcode & SRC_MASK) == X;
  }

  public int size() {
    return opcode & SIZE_MASK;
  }

  public int mode() {
    return opcode & MODE_MASK;
  }

  /** The 64-bit constant of an ld_imm64: {@code (u32) imm | (u64) imm2 << 32}. */
  public long imm64() {
    return (imm & 0xffffffffL) | ((long) imm2 << 32);
  }

  public boolean isJumpClass() {
    int c = cls();
    return c == JMP || c == JMP32;
  }

  /** A helper call: {@code call} with source 0. */
  public boolean isHelperCall() {
    return opcode == (JMP | CALL) && src == 0;
  }

  public boolean isKfuncCall() {
    return opcode == (JMP | CALL) && src == PSEUDO_KFUNC_CALL;
  }

  public boolean isExit() {
    return opcode == (JMP | EXIT);
  }

  /** The same instruction with another jump offset. */
  public Insn withOff(int newOff) {
    return new Insn(opcode, dst, src, checkedOff(newOff), imm, imm2);
  }

  public Insn withImm(int newImm) {
    return new Insn(opcode, dst, src, off, newImm, imm2);
  }

  static short checkedOff(int off) {
    if (off != (short) off) {
      throw new IllegalArgumentException("offset " + off + " does not fit in 16 bits");
    }
    return (short) off;
  }
}
