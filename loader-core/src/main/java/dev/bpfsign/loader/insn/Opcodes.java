package dev.bpfsign.loader.insn;

/**
 * Named parts of an instruction's opcode byte and the pseudo sources (RFC 9669; uapi
 * {@code bpf.h}/{@code bpf_common.h}). An opcode is {@code class | source | op} for ALU and
 * jumps, {@code class | size | mode} for loads and stores.
 */
public final class Opcodes {
  // instruction classes: the low three bits
  public static final int CLASS_MASK = 0x07;
  public static final int LD = 0x00;
  public static final int LDX = 0x01;
  public static final int ST = 0x02;
  public static final int STX = 0x03;
  public static final int ALU = 0x04;
  public static final int JMP = 0x05;
  public static final int JMP32 = 0x06;
  public static final int ALU64 = 0x07;

  // ALU/JMP operand source: bit 3
  public static final int SRC_MASK = 0x08;
  public static final int K = 0x00;
  public static final int X = 0x08;

  // ALU operations: the high nibble
  public static final int OP_MASK = 0xf0;
  public static final int ADD = 0x00;
  public static final int SUB = 0x10;
  public static final int MUL = 0x20;
  public static final int DIV = 0x30;
  public static final int OR = 0x40;
  public static final int AND = 0x50;
  public static final int LSH = 0x60;
  public static final int RSH = 0x70;
  public static final int NEG = 0x80;
  public static final int MOD = 0x90;
  public static final int XOR = 0xa0;
  public static final int MOV = 0xb0;
  public static final int ARSH = 0xc0;
  /** Byte swap; with ALU the source bit picks to-little (K) or to-big (X), ALU64 swaps always. */
  public static final int END = 0xd0;
  public static final int TO_LE = 0x00;
  public static final int TO_BE = 0x08;

  // jump operations: the high nibble
  public static final int JA = 0x00;
  public static final int JEQ = 0x10;
  public static final int JGT = 0x20;
  public static final int JGE = 0x30;
  public static final int JSET = 0x40;
  public static final int JNE = 0x50;
  public static final int JSGT = 0x60;
  public static final int JSGE = 0x70;
  public static final int CALL = 0x80;
  public static final int EXIT = 0x90;
  public static final int JLT = 0xa0;
  public static final int JLE = 0xb0;
  public static final int JSLT = 0xc0;
  public static final int JSLE = 0xd0;

  // load/store sizes: bits 3-4
  public static final int SIZE_MASK = 0x18;
  public static final int W = 0x00;
  public static final int H = 0x08;
  public static final int B = 0x10;
  public static final int DW = 0x18;

  // load/store modes: bits 5-7
  public static final int MODE_MASK = 0xe0;
  public static final int IMM = 0x00;
  public static final int ABS = 0x20;
  public static final int IND = 0x40;
  public static final int MEM = 0x60;
  public static final int MEMSX = 0x80;
  public static final int ATOMIC = 0xc0;

  // atomic operations, carried in imm
  public static final int ATOMIC_FETCH = 0x01;
  public static final int ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH;
  public static final int ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;
  public static final int ATOMIC_LOAD_ACQ = 0x100;
  public static final int ATOMIC_STORE_REL = 0x110;

  /** {@code LD | IMM | DW}: the only two-slot instruction. */
  public static final int LD_IMM64 = LD | IMM | DW;

  // ld_imm64 source register: what imm means
  public static final int PSEUDO_MAP_FD = 1;
  public static final int PSEUDO_MAP_VALUE = 2;
  public static final int PSEUDO_BTF_ID = 3;
  public static final int PSEUDO_FUNC = 4;
  public static final int PSEUDO_MAP_IDX = 5;
  public static final int PSEUDO_MAP_IDX_VALUE = 6;

  // call source register: what imm means (0 = helper id)
  public static final int PSEUDO_CALL = 1;
  public static final int PSEUDO_KFUNC_CALL = 2;

  private Opcodes() {}

  /** Byte size of a load/store size field value. */
  public static int sizeBytes(int size) {
    return switch (size & SIZE_MASK) {
      case W -> 4;
      case H -> 2;
      case B -> 1;
      default -> 8;
    };
  }
}
