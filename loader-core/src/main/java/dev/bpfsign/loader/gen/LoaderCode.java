package dev.bpfsign.loader.gen;

import static dev.bpfsign.loader.insn.Opcodes.B;
import static dev.bpfsign.loader.insn.Opcodes.DW;
import static dev.bpfsign.loader.insn.Opcodes.H;
import static dev.bpfsign.loader.insn.Opcodes.PSEUDO_MAP_IDX_VALUE;
import static dev.bpfsign.loader.insn.Opcodes.W;
import static dev.bpfsign.loader.insn.Reg.R0;
import static dev.bpfsign.loader.insn.Reg.R1;
import static dev.bpfsign.loader.insn.Reg.R10;
import static dev.bpfsign.loader.insn.Reg.R2;
import static dev.bpfsign.loader.insn.Reg.R3;
import static dev.bpfsign.loader.insn.Reg.R6;
import static dev.bpfsign.loader.insn.Reg.R7;
import static dev.bpfsign.loader.insn.Reg.R9;

import dev.bpfsign.loader.insn.Assembler;
import dev.bpfsign.loader.insn.Helpers;

/**
 * The instruction templates gen_loader is built from ({@code emit_rel_store}, the {@code move_*}
 * family, {@code emit_sys_bpf}, {@code emit_check_err}, {@code emit_sys_close_*}). Every blob
 * address is an {@code ld_imm64} with {@code BPF_PSEUDO_MAP_IDX_VALUE}, fd_array index 0 (the
 * loader map) and the byte offset in the second slot. Register use follows gen_loader: R6 ctx,
 * R7 last result, R8 relocated instruction, R9 scratch.
 */
final class LoaderCode {
  /** Label of the cleanup block every failed step jumps to. */
  static final String CLEANUP = "cleanup";

  final Assembler asm;

  LoaderCode(Assembler asm) {
    this.asm = asm;
  }

  static int sizeOf(int bytes) {
    return switch (bytes) {
      case 8 -> DW;
      case 4 -> W;
      case 2 -> H;
      case 1 -> B;
      default -> throw new IllegalArgumentException("no load/store of " + bytes + " bytes");
    };
  }

  /** {@code reg = &blob[off]}. */
  void ldBlob(int reg, int off) {
    asm.ldImm64(reg, PSEUDO_MAP_IDX_VALUE, 0, off);
  }

  /** {@code *(u64 *)&blob[off] = &blob[data]}: a pointer field of a recorded attr. */
  void relStore(int off, int data) {
    ldBlob(R0, data);
    ldBlob(R1, off);
    asm.stx(DW, R1, R0, 0);
  }

  void blobToBlob(int off, int size, int blobOff) {
    ldBlob(R2, blobOff);
    asm.ldx(sizeOf(size), R0, R2, 0);
    ldBlob(R1, off);
    asm.stx(sizeOf(size), R1, R0, 0);
  }

  void blobToCtx(int ctxOff, int size, int blobOff) {
    ldBlob(R1, blobOff);
    asm.ldx(sizeOf(size), R0, R1, 0);
    asm.stx(sizeOf(size), R6, R0, ctxOff);
  }

  /** With {@code skipZero} a zero in ctx leaves the blob as recorded (e.g. max_entries 0). */
  void ctxToBlob(int off, int size, int ctxOff, boolean skipZero) {
    asm.ldx(sizeOf(size), R0, R6, ctxOff);
    if (skipZero) {
      asm.jeqImm(R0, 0, 3);
    }
    ldBlob(R1, off);
    asm.stx(sizeOf(size), R1, R0, 0);
  }

  void stackToBlob(int off, int size, int stackOff) {
    asm.ldx(sizeOf(size), R0, R10, stackOff);
    ldBlob(R1, off);
    asm.stx(sizeOf(size), R1, R0, 0);
  }

  void stackToCtx(int ctxOff, int size, int stackOff) {
    asm.ldx(sizeOf(size), R0, R10, stackOff);
    asm.stx(sizeOf(size), R6, R0, ctxOff);
  }

  /** {@code r7 = bpf_sys_bpf(cmd, &blob[attr], attrSize)}. */
  void sysBpf(int cmd, int attr, int attrSize) {
    asm.mov64Imm(R1, cmd);
    ldBlob(R2, attr);
    asm.mov64Imm(R3, attrSize);
    asm.call(Helpers.SYS_BPF);
    asm.mov64Reg(R7, R0);
  }

  /** {@code if (r7 < 0) goto cleanup}. */
  void checkErr() {
    asm.jsltImm(R7, 0, CLEANUP);
  }

  /** Closes the fd in R1 if it is positive. */
  void closeR1() {
    asm.jsleImm(R1, 0, 2);
    asm.mov64Reg(R9, R1);
    asm.call(Helpers.SYS_CLOSE);
  }

  void closeStack(int stackOff) {
    asm.ldx(W, R1, R10, stackOff);
    closeR1();
  }

  void closeBlob(int blobOff) {
    ldBlob(R0, blobOff);
    asm.ldx(W, R1, R0, 0);
    closeR1();
  }
}
