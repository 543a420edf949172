package dev.bpfsign.loader.insn;

/**
 * The eleven BPF registers as plain ints, so the assembler's hot path never boxes. R0 holds
 * return values, R1–R5 helper arguments, R6–R9 survive helper calls, R10 is the read-only frame
 * pointer.
 */
public final class Reg {
  public static final int R0 = 0;
  public static final int R1 = 1;
  public static final int R2 = 2;
  public static final int R3 = 3;
  public static final int R4 = 4;
  public static final int R5 = 5;
  public static final int R6 = 6;
  public static final int R7 = 7;
  public static final int R8 = 8;
  public static final int R9 = 9;
  public static final int R10 = 10;
  /** Registers are numbered 0..10; anything above is not a register. */
  public static final int MAX = R10;

  private Reg() {}

  public static boolean isValid(int reg) {
    return reg >= 0 && reg <= MAX;
  }
}
