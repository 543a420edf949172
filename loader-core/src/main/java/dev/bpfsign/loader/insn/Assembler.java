package dev.bpfsign.loader.insn;

import static dev.bpfsign.loader.insn.Opcodes.*;

import dev.bpfsign.loader.BadInputException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds an instruction stream straight into a growable little-endian byte buffer (no
 * per-instruction objects). Jumps may name a label, resolved at {@link #build()}, or carry a raw
 * offset (gen_loader computes some itself). Like gen_loader's {@code gen->error}, the first
 * problem (unknown or duplicate label, offset outside s16) is remembered and {@link #build()}
 * reports it, naming the label and instruction index; the builder methods themselves only throw
 * for programming errors such as an invalid register.
 *
 * <p>Indexes are slot indexes: ld_imm64 takes two, as it does for jump offsets.
 */
public final class Assembler {
  private static final int SLOT = InsnCodec.SLOT_SIZE;

  private byte[] buf;
  private int slots;
  private final Map<String, Integer> labels = new HashMap<>(); // lookups only, never iterated
  private int[] fixupSlots = new int[16];
  private String[] fixupLabels = new String[16];
  private int fixups;
  private String error;

  public Assembler() {
    this(256);
  }

  public Assembler(int expectedSlots) {
    buf = new byte[Math.max(1, expectedSlots) * SLOT];
  }

  /** Index of the next instruction slot to be emitted. */
  public int index() {
    return slots;
  }

  /** Defines {@code name} as the index of the next instruction. */
  public Assembler label(String name) {
    if (labels.putIfAbsent(name, slots) != null) {
      fail("insn " + slots + ": label '" + name + "' defined twice");
    }
    return this;
  }

  /** Whether a label has been defined (so far). */
  public boolean hasLabel(String name) {
    return labels.containsKey(name);
  }

  // ---- raw emission ----

  public Assembler emit(int opcode, int dst, int src, int off, int imm) {
    checkReg(dst);
    checkReg(src);
    if (off != (short) off) {
      fail("insn " + slots + ": offset " + off + " does not fit in 16 bits");
    }
    ensure(1);
    InsnCodec.writeSlot(buf, slots * SLOT, opcode & 0xff, dst, src, off, imm, true);
    slots++;
    return this;
  }

  /** Appends a decoded instruction as is (any register nibble). */
  public Assembler emit(Insn insn) {
    ensure(insn.width());
    InsnCodec.writeSlot(buf, slots * SLOT, insn.opcode(), insn.dst(), insn.src(), insn.off(), insn.imm(), true);
    slots++;
    if (insn.isWide()) {
      InsnCodec.writeSlot(buf, slots * SLOT, 0, 0, 0, 0, insn.imm2(), true);
      slots++;
    }
    return this;
  }

  /** Overwrites the imm field of an emitted slot (e.g. constants known only at the end). */
  public Assembler patchImm(int slot, int imm) {
    if (slot < 0 || slot >= slots) {
      throw new IndexOutOfBoundsException("slot " + slot + " of " + slots);
    }
    int p = slot * SLOT + 4;
    buf[p] = (byte) imm;
    buf[p + 1] = (byte) (imm >>> 8);
    buf[p + 2] = (byte) (imm >>> 16);
    buf[p + 3] = (byte) (imm >>> 24);
    return this;
  }

  /** Overwrites the 64-bit constant of the ld_imm64 starting at {@code slot}. */
  public Assembler patchImm64(int slot, long value) {
    patchImm(slot, (int) value);
    return patchImm(slot + 1, (int) (value >>> 32));
  }

  // ---- ALU ----

  public Assembler alu64Imm(int op, int dst, int imm) {
    return emit(ALU64 | K | op, dst, 0, 0, imm);
  }

  public Assembler alu64Reg(int op, int dst, int src) {
    return emit(ALU64 | X | op, dst, src, 0, 0);
  }

  public Assembler alu32Imm(int op, int dst, int imm) {
    return emit(ALU | K | op, dst, 0, 0, imm);
  }

  public Assembler alu32Reg(int op, int dst, int src) {
    return emit(ALU | X | op, dst, src, 0, 0);
  }

  public Assembler mov64Reg(int dst, int src) {
    return alu64Reg(MOV, dst, src);
  }

  public Assembler mov64Imm(int dst, int imm) {
    return alu64Imm(MOV, dst, imm);
  }

  public Assembler mov32Reg(int dst, int src) {
    return alu32Reg(MOV, dst, src);
  }

  public Assembler mov32Imm(int dst, int imm) {
    return alu32Imm(MOV, dst, imm);
  }

  public Assembler add64Imm(int dst, int imm) {
    return alu64Imm(ADD, dst, imm);
  }

  public Assembler add64Reg(int dst, int src) {
    return alu64Reg(ADD, dst, src);
  }

  public Assembler sub64Imm(int dst, int imm) {
    return alu64Imm(SUB, dst, imm);
  }

  public Assembler and64Imm(int dst, int imm) {
    return alu64Imm(AND, dst, imm);
  }

  public Assembler and32Imm(int dst, int imm) {
    return alu32Imm(AND, dst, imm);
  }

  public Assembler or64Reg(int dst, int src) {
    return alu64Reg(OR, dst, src);
  }

  public Assembler lsh64Imm(int dst, int imm) {
    return alu64Imm(LSH, dst, imm);
  }

  public Assembler rsh64Imm(int dst, int imm) {
    return alu64Imm(RSH, dst, imm);
  }

  public Assembler arsh64Imm(int dst, int imm) {
    return alu64Imm(ARSH, dst, imm);
  }

  public Assembler neg64(int dst) {
    return emit(ALU64 | K | NEG, dst, 0, 0, 0);
  }

  // ---- loads and stores ----

  /** {@code dst = *(size *)(src + off)}. */
  public Assembler ldx(int size, int dst, int src, int off) {
    return emit(LDX | MEM | size, dst, src, off, 0);
  }

  /** {@code *(size *)(dst + off) = imm}. */
  public Assembler st(int size, int dst, int off, int imm) {
    return emit(ST | MEM | size, dst, 0, off, imm);
  }

  /** {@code *(size *)(dst + off) = src}. */
  public Assembler stx(int size, int dst, int src, int off) {
    return emit(STX | MEM | size, dst, src, off, 0);
  }

  /** Atomic read-modify-write; {@code atomicOp} goes in imm (e.g. {@code ADD | ATOMIC_FETCH}). */
  public Assembler atomic(int size, int atomicOp, int dst, int src, int off) {
    return emit(STX | ATOMIC | size, dst, src, off, atomicOp);
  }

  /** A two-slot {@code ld_imm64}: {@code imm} in the first slot, {@code imm2} in the second. */
  public Assembler ldImm64(int dst, int pseudoSrc, int imm, int imm2) {
    emit(LD_IMM64, dst, pseudoSrc, 0, imm);
    return emit(0, 0, 0, 0, imm2);
  }

  public Assembler ldImm64(int dst, long value) {
    return ldImm64(dst, 0, (int) value, (int) (value >>> 32));
  }

  // ---- jumps ----

  public Assembler jmpImm(int op, int dst, int imm, String label) {
    refer(label);
    return emit(JMP | K | op, dst, 0, 0, imm);
  }

  public Assembler jmpImm(int op, int dst, int imm, int off) {
    return emit(JMP | K | op, dst, 0, off, imm);
  }

  public Assembler jmpReg(int op, int dst, int src, String label) {
    refer(label);
    return emit(JMP | X | op, dst, src, 0, 0);
  }

  public Assembler jmpReg(int op, int dst, int src, int off) {
    return emit(JMP | X | op, dst, src, off, 0);
  }

  public Assembler jmp32Imm(int op, int dst, int imm, String label) {
    refer(label);
    return emit(JMP32 | K | op, dst, 0, 0, imm);
  }

  public Assembler jmp32Imm(int op, int dst, int imm, int off) {
    return emit(JMP32 | K | op, dst, 0, off, imm);
  }

  public Assembler jmp32Reg(int op, int dst, int src, String label) {
    refer(label);
    return emit(JMP32 | X | op, dst, src, 0, 0);
  }

  public Assembler jmp32Reg(int op, int dst, int src, int off) {
    return emit(JMP32 | X | op, dst, src, off, 0);
  }

  /** {@code goto label}. */
  public Assembler ja(String label) {
    return jmpImm(JA, 0, 0, label);
  }

  /** {@code goto +off}. */
  public Assembler ja(int off) {
    return jmpImm(JA, 0, 0, off);
  }

  public Assembler jeqImm(int dst, int imm, String label) {
    return jmpImm(JEQ, dst, imm, label);
  }

  public Assembler jeqImm(int dst, int imm, int off) {
    return jmpImm(JEQ, dst, imm, off);
  }

  public Assembler jneImm(int dst, int imm, String label) {
    return jmpImm(JNE, dst, imm, label);
  }

  public Assembler jneImm(int dst, int imm, int off) {
    return jmpImm(JNE, dst, imm, off);
  }

  public Assembler jneReg(int dst, int src, String label) {
    return jmpReg(JNE, dst, src, label);
  }

  public Assembler jneReg(int dst, int src, int off) {
    return jmpReg(JNE, dst, src, off);
  }

  public Assembler jsetImm(int dst, int imm, String label) {
    return jmpImm(JSET, dst, imm, label);
  }

  public Assembler jsetImm(int dst, int imm, int off) {
    return jmpImm(JSET, dst, imm, off);
  }

  public Assembler jsgtImm(int dst, int imm, String label) {
    return jmpImm(JSGT, dst, imm, label);
  }

  public Assembler jsgtImm(int dst, int imm, int off) {
    return jmpImm(JSGT, dst, imm, off);
  }

  public Assembler jsgeImm(int dst, int imm, String label) {
    return jmpImm(JSGE, dst, imm, label);
  }

  public Assembler jsgeImm(int dst, int imm, int off) {
    return jmpImm(JSGE, dst, imm, off);
  }

  public Assembler jsltImm(int dst, int imm, String label) {
    return jmpImm(JSLT, dst, imm, label);
  }

  public Assembler jsltImm(int dst, int imm, int off) {
    return jmpImm(JSLT, dst, imm, off);
  }

  public Assembler jsleImm(int dst, int imm, String label) {
    return jmpImm(JSLE, dst, imm, label);
  }

  public Assembler jsleImm(int dst, int imm, int off) {
    return jmpImm(JSLE, dst, imm, off);
  }

  /** Helper call by id ({@link Helpers}). */
  public Assembler call(int helperId) {
    return emit(JMP | CALL, 0, 0, 0, helperId);
  }

  /** Kfunc call: imm = BTF id of the FUNC, off = fd_array slot of its module BTF (0 = vmlinux). */
  public Assembler callKfunc(int btfId, int fdSlot) {
    return emit(JMP | CALL, 0, PSEUDO_KFUNC_CALL, fdSlot, btfId);
  }

  /** BPF-to-BPF call; imm = slots from the next instruction to the callee. */
  public Assembler callPseudo(int relative) {
    return emit(JMP | CALL, 0, PSEUDO_CALL, 0, relative);
  }

  public Assembler exit() {
    return emit(JMP | EXIT, 0, 0, 0, 0);
  }

  // ---- result ----

  /** The stream in little-endian byte order. */
  public byte[] build() throws BadInputException {
    resolve();
    return Arrays.copyOf(buf, slots * SLOT);
  }

  public byte[] build(ByteOrder order) throws BadInputException {
    byte[] out = build();
    if (order != ByteOrder.LITTLE_ENDIAN) {
      InsnCodec.swapOrder(out);
    }
    return out;
  }

  private void resolve() throws BadInputException {
    for (int i = 0; i < fixups && error == null; i++) {
      int slot = fixupSlots[i];
      Integer target = labels.get(fixupLabels[i]);
      if (target == null) {
        fail("insn " + slot + ": jump to undefined label '" + fixupLabels[i] + "'");
        break;
      }
      int off = target - (slot + 1);
      if (off != (short) off) {
        fail("insn " + slot + ": jump to label '" + fixupLabels[i] + "' is " + off + " slots away, beyond 16 bits");
        break;
      }
      int p = slot * SLOT + 2;
      buf[p] = (byte) off;
      buf[p + 1] = (byte) (off >>> 8);
    }
    fixups = 0;
    if (error != null) {
      throw new BadInputException("assembler: " + error);
    }
  }

  private void refer(String label) {
    if (fixups == fixupSlots.length) {
      fixupSlots = Arrays.copyOf(fixupSlots, fixups * 2);
      fixupLabels = Arrays.copyOf(fixupLabels, fixups * 2);
    }
    fixupSlots[fixups] = slots;
    fixupLabels[fixups] = label;
    fixups++;
  }

  private void ensure(int more) {
    int need = (slots + more) * SLOT;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  private void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  private static void checkReg(int reg) {
    if (!Reg.isValid(reg)) {
      throw new IllegalArgumentException("not a register: " + reg);
    }
  }
}
