package dev.bpfsign.loader.insn;

import static dev.bpfsign.loader.insn.Opcodes.*;

import java.util.List;

/**
 * Text form of instructions, modelled on the kernel verifier's log ({@code kernel/bpf/disasm.c})
 * and specified in docs/disassembly.md. The format is a contract: goldens and
 * {@code inspect --disasm} depend on it, so change it only together with that document.
 */
public final class Disassembler {
  private static final String[] ALU_OPS = {
    "+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian", null, null
  };
  private static final String[] JMP_OPS = {
    null, "==", ">", ">=", "&", "!=", "s>", "s>=", null, null, "<", "<=", "s<", "s<=", null, null
  };

  private Disassembler() {}

  /** The listing of a loader's instructions, decoded in its byte order. */
  public static String listing(dev.bpfsign.loader.file.LoaderFile loader) throws dev.bpfsign.loader.BadInputException {
    return listing(InsnCodec.decode(loader.insns(), loader.order()));
  }

  /** One line per instruction: {@code <slot index>: (<opcode hex>) <text>}, slot index right-aligned to 4. */
  public static String listing(List<Insn> insns) {
    StringBuilder out = new StringBuilder(insns.size() * 32);
    int slot = 0;
    for (Insn insn : insns) {
      out.append(String.format("%4d: (%02x) ", slot, insn.opcode())).append(text(insn)).append('\n');
      slot += insn.width();
    }
    return out.toString();
  }

  /** The text of one instruction, without index or opcode. */
  public static String text(Insn insn) {
    return switch (insn.cls()) {
      case ALU, ALU64 -> alu(insn);
      case JMP, JMP32 -> jump(insn);
      case LDX -> ldx(insn);
      case ST -> st(insn);
      case STX -> stx(insn);
      default -> ld(insn);
    };
  }

  private static String alu(Insn i) {
    char r = i.cls() == ALU64 ? 'r' : 'w';
    int op = i.op();
    String dst = "" + r + i.dst();
    String src = "" + r + i.src();
    switch (op) {
      case NEG:
        return dst + " = -" + dst;
      case END: {
        String kind = i.cls() == ALU64 ? "bswap" : (i.usesSrcReg() ? "be" : "le");
        return dst + " = " + kind + i.imm() + " " + dst;
      }
      case MOV:
        if (i.usesSrcReg() && i.off() != 0) {
          return dst + " = (s" + i.off() + ")" + src;
        }
        return dst + " = " + (i.usesSrcReg() ? src : Integer.toString(i.imm()));
      default:
        break;
    }
    String sym = ALU_OPS[op >>> 4];
    if (sym == null) {
      return "invalid alu op 0x" + Integer.toHexString(op);
    }
    if ((op == DIV || op == MOD) && i.off() == 1) {
      sym = "s" + sym;
    }
    return dst + " " + sym + " " + (i.usesSrcReg() ? src : Integer.toString(i.imm()));
  }

  private static String jump(Insn i) {
    boolean j32 = i.cls() == JMP32;
    int op = i.op();
    if (op == JA) {
      return j32 ? "gotol " + signed(i.imm()) : "goto " + signed(i.off());
    }
    if (op == CALL && !j32) {
      return switch (i.src()) {
        case 0 -> {
          String name = Helpers.name(i.imm());
          yield "call " + (name == null ? "unknown" : name) + "#" + i.imm();
        }
        case PSEUDO_CALL -> "call pc" + signed(i.imm());
        case PSEUDO_KFUNC_CALL -> "call kfunc#" + i.imm() + (i.off() != 0 ? " fd_array[" + i.off() + "]" : "");
        default -> "call src" + i.src() + "#" + i.imm();
      };
    }
    if (op == EXIT && !j32) {
      return "exit";
    }
    String sym = JMP_OPS[op >>> 4];
    if (sym == null) {
      return "invalid jmp op 0x" + Integer.toHexString(op);
    }
    char r = j32 ? 'w' : 'r';
    String rhs = i.usesSrcReg() ? "" + r + i.src() : "0x" + Integer.toHexString(i.imm());
    return "if " + r + i.dst() + " " + sym + " " + rhs + " goto " + signed(i.off());
  }

  private static String ldx(Insn i) {
    if (i.mode() == MEMSX) {
      return "r" + i.dst() + " = *(s" + bits(i) + " *)(r" + i.src() + " " + signed(i.off()) + ")";
    }
    if (i.mode() != MEM) {
      return "invalid ldx mode 0x" + Integer.toHexString(i.mode());
    }
    return "r" + i.dst() + " = *(" + type(i) + " *)(r" + i.src() + " " + signed(i.off()) + ")";
  }

  private static String st(Insn i) {
    if (i.mode() != MEM) {
      return "invalid st mode 0x" + Integer.toHexString(i.mode());
    }
    return "*(" + type(i) + " *)(r" + i.dst() + " " + signed(i.off()) + ") = " + i.imm();
  }

  private static String stx(Insn i) {
    String mem = "(" + type(i) + " *)(r" + i.dst() + " " + signed(i.off()) + ")";
    if (i.mode() == MEM) {
      return "*" + mem + " = r" + i.src();
    }
    if (i.mode() != ATOMIC) {
      return "invalid stx mode 0x" + Integer.toHexString(i.mode());
    }
    String width = i.size() == DW ? "64" : "";
    int aop = i.imm();
    if (aop == ATOMIC_XCHG) {
      return "r" + i.src() + " = atomic" + width + "_xchg(" + mem + ", r" + i.src() + ")";
    }
    if (aop == ATOMIC_CMPXCHG) {
      return "r0 = atomic" + width + "_cmpxchg(" + mem + ", r0, r" + i.src() + ")";
    }
    if (aop == ATOMIC_LOAD_ACQ) {
      return "r" + i.src() + " = load_acquire(" + mem + ")";
    }
    if (aop == ATOMIC_STORE_REL) {
      return "store_release(" + mem + ", r" + i.src() + ")";
    }
    String name = switch (aop & ~ATOMIC_FETCH) {
      case ADD -> "add";
      case AND -> "and";
      case OR -> "or";
      case XOR -> "xor";
      default -> null;
    };
    if (name == null) {
      return "invalid atomic op 0x" + Integer.toHexString(aop);
    }
    if ((aop & ATOMIC_FETCH) != 0) {
      return "r" + i.src() + " = atomic" + width + "_fetch_" + name + "(" + mem + ", r" + i.src() + ")";
    }
    String sym = ALU_OPS[(aop & ~ATOMIC_FETCH) >>> 4];
    return "lock *" + mem + " " + sym + " r" + i.src();
  }

  private static String ld(Insn i) {
    if (i.opcode() == LD_IMM64) {
      String dst = "r" + i.dst() + " = ";
      return dst + switch (i.src()) {
        case 0 -> "0x" + Long.toHexString(i.imm64());
        case PSEUDO_MAP_FD -> "map_fd[" + i.imm() + "]";
        case PSEUDO_MAP_VALUE -> "map_value[" + i.imm() + "] + " + Integer.toUnsignedString(i.imm2());
        case PSEUDO_BTF_ID -> "btf_id[" + i.imm() + "] btf_fd " + i.imm2();
        case PSEUDO_FUNC -> "func[pc" + signed(i.imm()) + "]";
        case PSEUDO_MAP_IDX -> "map_idx[" + i.imm() + "]";
        case PSEUDO_MAP_IDX_VALUE -> "map_idx_value[" + i.imm() + "] + " + Integer.toUnsignedString(i.imm2());
        default -> "src" + i.src() + "[0x" + Long.toHexString(i.imm64()) + "]";
      } + " ll";
    }
    if (i.mode() == ABS) {
      return "r0 = *(" + type(i) + " *)skb[" + i.imm() + "]";
    }
    if (i.mode() == IND) {
      return "r0 = *(" + type(i) + " *)skb[r" + i.src() + " + " + i.imm() + "]";
    }
    return "invalid ld opcode 0x" + Integer.toHexString(i.opcode());
  }

  private static String type(Insn i) {
    return "u" + bits(i);
  }

  private static int bits(Insn i) {
    return 8 * sizeBytes(i.size());
  }

  private static String signed(int v) {
    return v < 0 ? Integer.toString(v) : "+" + v;
  }
}
