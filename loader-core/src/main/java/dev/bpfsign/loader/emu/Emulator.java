package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.*;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.insn.Reg;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a loader program the way {@code BPF_PROG_RUN} would after the light skeleton's set-up:
 * the blob is the value of the frozen, exclusive loader map bound as fd_array[0], whose
 * {@code struct bpf_map} carries {@code sha} = SHA-256 of the blob and the exclusivity flag;
 * the ctx is a zeroed {@code bpf_loader_ctx} of the layout's size with {@code sz} set. Helpers
 * are the ones a loader uses; kernel calls go to a {@link SimulatedKernel} and are traced.
 *
 * <p>Anything a kernel would refuse to run, or that would leave loader memory, stops emulation
 * with a {@link BadInputException} naming the instruction; nothing else escapes.
 */
public final class Emulator {
  public static final long DEFAULT_STEP_LIMIT = 1_000_000;
  /** Size of the emulated {@code struct bpf_map} prefix the loader can read. */
  static final int KMAP_SIZE = 64;

  private final long[] regs = new long[11];
  private final Memory memory;
  private final LoaderHelpers helpers;
  private final int[] code;
  private final int[] dst;
  private final int[] src;
  private final int[] off;
  private final int[] imm;
  private final int[] imm2;
  private final int slots;
  private final long stepLimit;

  private Emulator(LoaderFile loader, SimulatedKernel kernel, long stepLimit) throws BadInputException {
    this.stepLimit = stepLimit;
    byte[] bytes = loader.insns().toArray();
    slots = bytes.length / InsnCodec.SLOT_SIZE;
    code = new int[slots];
    dst = new int[slots];
    src = new int[slots];
    off = new int[slots];
    imm = new int[slots];
    imm2 = new int[slots];
    decode(bytes, loader.order() == ByteOrder.LITTLE_ENDIAN);
    byte[] blob = loader.data().toArray();
    memory = new Memory(loader.order(), ctx(loader.ctx(), loader.order()), blob, kernelMap(blob, loader.order()));
    helpers = new LoaderHelpers(memory, kernel, regs);
  }

  /**
   * Straight into the parallel arrays (no instruction objects: the verifier emulates on every
   * admission). Same rules as {@link InsnCodec#decode}: an ld_imm64 needs a clean second slot.
   */
  private void decode(byte[] b, boolean le) throws BadInputException {
    for (int s = 0; s < slots; s++) {
      int p = s * InsnCodec.SLOT_SIZE;
      int regs = b[p + 1] & 0xff;
      code[s] = b[p] & 0xff;
      dst[s] = le ? regs & 0xf : regs >>> 4;
      src[s] = le ? regs >>> 4 : regs & 0xf;
      off[s] = le ? (short) ((b[p + 2] & 0xff) | (b[p + 3] & 0xff) << 8) : (short) ((b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff));
      imm[s] = le
          ? (b[p + 4] & 0xff) | (b[p + 5] & 0xff) << 8 | (b[p + 6] & 0xff) << 16 | (b[p + 7] & 0xff) << 24
          : (b[p + 4] & 0xff) << 24 | (b[p + 5] & 0xff) << 16 | (b[p + 6] & 0xff) << 8 | (b[p + 7] & 0xff);
      if (code[s] == LD_IMM64) {
        if (s + 1 >= slots) {
          throw new BadInputException("instructions: ld_imm64 at insn " + s + " has no second slot");
        }
        int q = p + InsnCodec.SLOT_SIZE;
        if (b[q] != 0 || b[q + 1] != 0 || b[q + 2] != 0 || b[q + 3] != 0) {
          throw new BadInputException("instructions: ld_imm64 at insn " + s + " has a second slot with non-zero code, registers or offset");
        }
        imm2[s] = le
            ? (b[q + 4] & 0xff) | (b[q + 5] & 0xff) << 8 | (b[q + 6] & 0xff) << 16 | (b[q + 7] & 0xff) << 24
            : (b[q + 4] & 0xff) << 24 | (b[q + 5] & 0xff) << 16 | (b[q + 6] & 0xff) << 8 | (b[q + 7] & 0xff);
        code[++s] = -1; // second half of ld_imm64: not a jump target
      }
    }
  }

  /** Emulates with the default {@link RecordingKernel} and {@link SymbolicSymbols}. */
  public static Emulation run(LoaderFile loader) throws BadInputException {
    return run(loader, new RecordingKernel(), DEFAULT_STEP_LIMIT);
  }

  public static Emulation run(LoaderFile loader, SimulatedKernel kernel, long stepLimit) throws BadInputException {
    Emulator emu = new Emulator(loader, kernel, stepLimit);
    long steps = emu.execute();
    return emu.result(loader.ctx(), steps);
  }

  private static byte[] ctx(CtxLayout layout, ByteOrder order) {
    byte[] ctx = new byte[Math.max(layout.size(), BpfAttr.CTX_HEADER_SIZE)];
    int sz = ctx.length;
    if (order == ByteOrder.LITTLE_ENDIAN) {
      ctx[0] = (byte) sz;
      ctx[1] = (byte) (sz >>> 8);
    } else {
      ctx[3] = (byte) sz;
      ctx[2] = (byte) (sz >>> 8);
    }
    return ctx;
  }

  /**
   * {@code struct bpf_map} as the 6.18 signable loader sees it: {@code sha} over the value area
   * ({@code round_up(value_size, 8)} bytes, so a short blob hashes with zero padding, as the
   * kernel's {@code array_map_get_hash} does), then the exclusivity flag 1.
   */
  private static byte[] kernelMap(byte[] blob, ByteOrder order) {
    java.security.MessageDigest sha = Sha256.digest();
    sha.update(blob);
    sha.update(new byte[((blob.length + 7) & ~7) - blob.length]);
    byte[] map = new byte[KMAP_SIZE];
    System.arraycopy(sha.digest(), 0, map, BpfAttr.KMAP_SHA, BpfAttr.SHA256_SIZE);
    map[BpfAttr.KMAP_EXCLUSIVE_FLAG + (order == ByteOrder.LITTLE_ENDIAN ? 0 : 3)] = 1; // u32 1 in target order
    return map;
  }

  private Emulation result(CtxLayout layout, long steps) throws BadInputException {
    List<Integer> mapFds = new ArrayList<>();
    for (int i = 0; i < layout.maps().size(); i++) {
      mapFds.add((int) memory.load(Memory.address(Memory.CTX, layout.mapFdOffset(i)), 4));
    }
    List<Integer> progFds = new ArrayList<>();
    for (int i = 0; i < layout.programs().size(); i++) {
      progFds.add((int) memory.load(Memory.address(Memory.CTX, layout.progFdOffset(i)), 4));
    }
    return new Emulation(regs[0], steps, new Trace(helpers.trace()), Bytes.of(memory.region(Memory.CTX)), mapFds, progFds);
  }

  private long execute() throws BadInputException {
    regs[1] = Memory.address(Memory.CTX, 0);
    regs[10] = Memory.framePointer();
    int pc = 0;
    long steps = 0;
    try {
      while (true) {
        if (pc < 0 || pc >= slots) {
          throw new BadInputException("execution ran off the program (slot " + pc + " of " + slots + ")");
        }
        if (++steps > stepLimit) {
          throw new BadInputException("loader did not finish within " + stepLimit + " steps");
        }
        int c = code[pc];
        if (c < 0) {
          throw new BadInputException("jump into the second slot of an ld_imm64");
        }
        int d = dst[pc];
        int s = src[pc];
        if (d > Reg.MAX || s > Reg.MAX && c != LD_IMM64 && (c & CLASS_MASK) != JMP) {
          throw new BadInputException("register r" + Math.max(d, s) + " does not exist");
        }
        switch (c & CLASS_MASK) {
          case ALU64 -> {
            writeReg(d, Alu.alu64(c, regs[d], operand(c, s, pc), off[pc], memory.order()));
            pc++;
          }
          case ALU -> {
            writeReg(d, Alu.alu32(c, regs[d], operand(c, s, pc), off[pc], memory.order()));
            pc++;
          }
          case JMP, JMP32 -> {
            int op = c & OP_MASK;
            if (op == EXIT && c == (JMP | EXIT)) {
              return steps;
            }
            if (op == CALL && c == (JMP | CALL)) {
              if (s != 0) {
                throw new BadInputException("only helper calls are available to a loader (call src " + s + ")");
              }
              regs[0] = helpers.call(pc, imm[pc]);
              pc++;
            } else if (op == JA) {
              pc += 1 + ((c & CLASS_MASK) == JMP32 ? imm[pc] : off[pc]);
            } else {
              if (s > Reg.MAX) {
                throw new BadInputException("register r" + s + " does not exist");
              }
              long rhs = (c & SRC_MASK) == X ? regs[s] : imm[pc];
              boolean taken = (c & CLASS_MASK) == JMP ? Alu.jump64(op, regs[d], rhs) : Alu.jump32(op, (int) regs[d], (int) rhs);
              pc += taken ? 1 + off[pc] : 1;
            }
          }
          case LDX -> {
            int mode = c & MODE_MASK;
            int size = sizeBytes(c);
            long v = memory.load(regs[s] + off[pc], size);
            if (mode == MEMSX) {
              v = signExtend(v, size);
            } else if (mode != MEM) {
              throw new BadInputException("load mode 0x" + Integer.toHexString(mode) + " not supported");
            }
            writeReg(d, v);
            pc++;
          }
          case ST -> {
            if ((c & MODE_MASK) != MEM) {
              throw new BadInputException("store mode 0x" + Integer.toHexString(c & MODE_MASK) + " not supported");
            }
            memory.store(regs[d] + off[pc], sizeBytes(c), imm[pc]);
            pc++;
          }
          case STX -> {
            int mode = c & MODE_MASK;
            if (mode == MEM) {
              memory.store(regs[d] + off[pc], sizeBytes(c), regs[s]);
            } else if (mode == ATOMIC) {
              atomic(c, d, s, off[pc], imm[pc]);
            } else {
              throw new BadInputException("store mode 0x" + Integer.toHexString(mode) + " not supported");
            }
            pc++;
          }
          default -> { // LD
            if (c != LD_IMM64) {
              throw new BadInputException("opcode 0x" + Integer.toHexString(c) + " not available to a loader");
            }
            writeReg(d, ldImm64(s, imm[pc], imm2[pc]));
            pc += 2;
          }
        }
      }
    } catch (BadInputException e) {
      throw new BadInputException("loader insn " + pc + ": " + e.getMessage(), e);
    }
  }

  /** Source register or sign-extended imm; byte swaps always take their width from imm. */
  private long operand(int c, int s, int pc) {
    return (c & SRC_MASK) == X && (c & OP_MASK) != END ? regs[s] : imm[pc];
  }

  private void writeReg(int d, long v) throws BadInputException {
    if (d == Reg.R10) {
      throw new BadInputException("r10 is read-only");
    }
    regs[d] = v;
  }

  private long ldImm64(int s, int lo, int hi) throws BadInputException {
    return switch (s) {
      case 0 -> (lo & 0xffffffffL) | (long) hi << 32;
      case PSEUDO_MAP_IDX_VALUE -> {
        mapIndexZero(lo);
        if ((hi & 0xffffffffL) >= memory.region(Memory.BLOB).length) {
          throw new BadInputException("map_idx_value offset " + Integer.toUnsignedString(hi) + " is outside the "
              + memory.region(Memory.BLOB).length + "-byte blob");
        }
        yield Memory.address(Memory.BLOB, hi & 0xffffffffL);
      }
      case PSEUDO_MAP_IDX -> {
        mapIndexZero(lo);
        yield Memory.address(Memory.MAP, 0);
      }
      default -> throw new BadInputException("ld_imm64 source " + s + " not available to a loader");
    };
  }

  /** The light skeleton binds exactly one map, at fd_array[0]. */
  private static void mapIndexZero(int index) throws BadInputException {
    if (index != 0) {
      throw new BadInputException("fd_array index " + index + " is not bound (only the loader map, index 0, is)");
    }
  }

  private void atomic(int c, int d, int s, int offset, int aop) throws BadInputException {
    int size = sizeBytes(c);
    if (size != 4 && size != 8) {
      throw new BadInputException("atomic operation of size " + size);
    }
    long addr = regs[d] + offset;
    if (aop == ATOMIC_LOAD_ACQ) {
      writeReg(d, memory.load(regs[s] + offset, size)); // dst = load_acquire(src + off)
      return;
    }
    if (aop == ATOMIC_STORE_REL) {
      memory.store(addr, size, regs[s]);
      return;
    }
    long old = memory.load(addr, size);
    long operand = size == 4 ? regs[s] & 0xffffffffL : regs[s];
    if (aop == ATOMIC_CMPXCHG) {
      long expected = size == 4 ? regs[0] & 0xffffffffL : regs[0];
      if (old == expected) {
        memory.store(addr, size, operand);
      }
      regs[0] = old;
      return;
    }
    if (aop == ATOMIC_XCHG) {
      memory.store(addr, size, operand);
      writeReg(s, old);
      return;
    }
    long updated = switch (aop & ~ATOMIC_FETCH) {
      case ADD -> old + operand;
      case OR -> old | operand;
      case AND -> old & operand;
      case XOR -> old ^ operand;
      default -> throw new BadInputException("atomic operation 0x" + Integer.toHexString(aop));
    };
    memory.store(addr, size, updated);
    if ((aop & ATOMIC_FETCH) != 0) {
      writeReg(s, old);
    }
  }

  private static int sizeBytes(int c) {
    return dev.bpfsign.loader.insn.Opcodes.sizeBytes(c);
  }

  static long signExtend(long v, int size) {
    int shift = 64 - 8 * size;
    return v << shift >> shift;
  }
}
