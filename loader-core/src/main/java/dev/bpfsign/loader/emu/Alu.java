package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.*;

import dev.bpfsign.loader.BadInputException;
import java.nio.ByteOrder;

/** ALU and conditional-jump semantics of RFC 9669, 64- and 32-bit. */
final class Alu {
  private Alu() {}

  /** ALU64: {@code operand} is the source register or the sign-extended immediate. */
  static long alu64(int code, long dst, long operand, int off, ByteOrder order) throws BadInputException {
    int op = code & OP_MASK;
    return switch (op) {
      case ADD -> dst + operand;
      case SUB -> dst - operand;
      case MUL -> dst * operand;
      case DIV -> operand == 0 ? 0 : off == 1 ? dst / operand : Long.divideUnsigned(dst, operand);
      case OR -> dst | operand;
      case AND -> dst & operand;
      case LSH -> dst << (operand & 63);
      case RSH -> dst >>> (operand & 63);
      case NEG -> -dst;
      case MOD -> operand == 0 ? dst : off == 1 ? dst % operand : Long.remainderUnsigned(dst, operand);
      case XOR -> dst ^ operand;
      case MOV -> (code & SRC_MASK) == X && off != 0 ? movsx(operand, off) : operand;
      case ARSH -> dst >> (operand & 63);
      case END -> swap(dst, (int) operand, true);
      default -> throw new BadInputException("ALU64 operation 0x" + Integer.toHexString(op));
    };
  }

  /** ALU (32-bit): the result is zero-extended into the 64-bit register. */
  static long alu32(int code, long dst64, long operand64, int off, ByteOrder order) throws BadInputException {
    int op = code & OP_MASK;
    int dst = (int) dst64;
    int operand = (int) operand64;
    if (op == END) {
      boolean toBig = (code & SRC_MASK) == TO_BE;
      boolean swap = toBig == (order == ByteOrder.LITTLE_ENDIAN);
      return swap ? swap(dst64, (int) operand64, true) : swap(dst64, (int) operand64, false);
    }
    int r = switch (op) {
      case ADD -> dst + operand;
      case SUB -> dst - operand;
      case MUL -> dst * operand;
      case DIV -> operand == 0 ? 0 : off == 1 ? dst / operand : Integer.divideUnsigned(dst, operand);
      case OR -> dst | operand;
      case AND -> dst & operand;
      case LSH -> dst << (operand & 31);
      case RSH -> dst >>> (operand & 31);
      case NEG -> -dst;
      case MOD -> operand == 0 ? dst : off == 1 ? dst % operand : Integer.remainderUnsigned(dst, operand);
      case XOR -> dst ^ operand;
      case MOV -> (code & SRC_MASK) == X && off != 0 ? (int) movsx(operand, off) : operand;
      case ARSH -> dst >> (operand & 31);
      default -> throw new BadInputException("ALU operation 0x" + Integer.toHexString(op));
    };
    return r & 0xffffffffL;
  }

  private static long movsx(long v, int bits) throws BadInputException {
    if (bits != 8 && bits != 16 && bits != 32) {
      throw new BadInputException("sign-extending move of " + bits + " bits");
    }
    return Emulator.signExtend(v, bits / 8);
  }

  /** Byte swap of the low {@code bits} (swap), or truncation to them (no swap). */
  private static long swap(long v, int bits, boolean swap) throws BadInputException {
    return switch (bits) {
      case 16 -> (swap ? Short.reverseBytes((short) v) : v) & 0xffffL;
      case 32 -> (swap ? Integer.reverseBytes((int) v) : v) & 0xffffffffL;
      case 64 -> swap ? Long.reverseBytes(v) : v;
      default -> throw new BadInputException("byte swap of " + bits + " bits");
    };
  }

  static boolean jump64(int op, long a, long b) throws BadInputException {
    return switch (op) {
      case JEQ -> a == b;
      case JNE -> a != b;
      case JGT -> Long.compareUnsigned(a, b) > 0;
      case JGE -> Long.compareUnsigned(a, b) >= 0;
      case JLT -> Long.compareUnsigned(a, b) < 0;
      case JLE -> Long.compareUnsigned(a, b) <= 0;
      case JSGT -> a > b;
      case JSGE -> a >= b;
      case JSLT -> a < b;
      case JSLE -> a <= b;
      case JSET -> (a & b) != 0;
      default -> throw new BadInputException("jump operation 0x" + Integer.toHexString(op));
    };
  }

  static boolean jump32(int op, int a, int b) throws BadInputException {
    return switch (op) {
      case JEQ -> a == b;
      case JNE -> a != b;
      case JGT -> Integer.compareUnsigned(a, b) > 0;
      case JGE -> Integer.compareUnsigned(a, b) >= 0;
      case JLT -> Integer.compareUnsigned(a, b) < 0;
      case JLE -> Integer.compareUnsigned(a, b) <= 0;
      case JSGT -> a > b;
      case JSGE -> a >= b;
      case JSLT -> a < b;
      case JSLE -> a <= b;
      case JSET -> (a & b) != 0;
      default -> throw new BadInputException("jump operation 0x" + Integer.toHexString(op));
    };
  }
}
