package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.*;
import static dev.bpfsign.loader.insn.Reg.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.insn.Assembler;
import dev.bpfsign.loader.insn.Helpers;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Instruction semantics per RFC 9669, on tiny programs whose r0 is the answer. */
class EmulatorTest {
  private static long r0(Consumer<Assembler> body) throws Exception {
    return run(body, new byte[64]).r0();
  }

  private static Emulation run(Consumer<Assembler> body, byte[] blob) throws Exception {
    Assembler a = new Assembler();
    body.accept(a);
    a.exit();
    LoaderFile loader = new LoaderFile("t", Mode.PLAIN, ByteOrder.LITTLE_ENDIAN, Bytes.of(a.build()), Bytes.of(blob),
        new CtxLayout(List.of("m"), List.of("p")), List.of());
    return Emulator.run(loader, new RecordingKernel(), 10_000);
  }

  @Test
  void alu_divisionAndModuloByZero_followTheIsa() throws Exception {
    assertThat(r0(a -> a.mov64Imm(R0, 7).alu64Imm(DIV, R0, 0))).isZero();
    assertThat(r0(a -> a.mov64Imm(R0, 7).alu64Imm(MOD, R0, 0))).isEqualTo(7);
    assertThat(r0(a -> a.mov64Imm(R0, -7).emit(ALU64 | K | DIV, R0, 0, 1, 2))).isEqualTo(-3); // sdiv
  }

  @Test
  void alu32_resultIsZeroExtended() throws Exception {
    assertThat(r0(a -> a.mov64Imm(R0, -1).alu32Imm(ADD, R0, 1))).isZero();
    assertThat(r0(a -> a.mov64Imm(R0, -1).alu32Imm(MOV, R0, -1))).isEqualTo(0xffffffffL);
    assertThat(r0(a -> a.mov64Imm(R0, 0x1234).emit(ALU | X | END, R0, 0, 0, 16))).isEqualTo(0x3412); // be16 on LE
  }

  @Test
  void jumps_signedAndUnsigned_compareDifferently() throws Exception {
    assertThat(r0(a -> a.mov64Imm(R1, -1).mov64Imm(R0, 1).jmpImm(JGT, R1, 5, 1).mov64Imm(R0, 0))).isEqualTo(1);
    assertThat(r0(a -> a.mov64Imm(R1, -1).mov64Imm(R0, 1).jsgtImm(R1, 5, 1).mov64Imm(R0, 0))).isZero();
    assertThat(r0(a -> a.ldImm64(R1, 0x1_0000_0005L).mov64Imm(R0, 1).jmp32Imm(JEQ, R1, 5, 1).mov64Imm(R0, 0))).isEqualTo(1);
  }

  @Test
  void memory_storeThenLoadOnTheStack_roundTrips() throws Exception {
    assertThat(r0(a -> a.st(DW, R10, -8, -2).ldx(W, R0, R10, -8))).isEqualTo(0xfffffffeL);
    assertThat(r0(a -> a.st(DW, R10, -8, -2).emit(LDX | MEMSX | W, R0, R10, -8, 0))).isEqualTo(-2);
  }

  @Test
  void memory_blobPointer_readsTheBlob() throws Exception {
    byte[] blob = new byte[16];
    blob[8] = 42;
    assertThat(run(a -> a.ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, 8).ldx(B, R0, R1, 0), blob).r0()).isEqualTo(42);
  }

  @Test
  void memory_readPastTheBlob_throwsNamingInsnAndAddress() {
    assertThatThrownBy(() -> r0(a -> a.ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, 60).ldx(DW, R0, R1, 0)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("insn 2").hasMessageContaining("blob+60");
  }

  @Test
  void memory_writeToKernelMap_throws() {
    assertThatThrownBy(() -> r0(a -> a.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0).st(W, R1, 0, 1)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("read-only");
  }

  @Test
  void kernelMap_holdsBlobHashAndExclusivityFlag() throws Exception {
    byte[] blob = new byte[24];
    long firstWord = Bytes.of(blob).sha256().buffer(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(run(a -> a.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0).ldx(DW, R0, R1, 0), blob).r0()).isEqualTo(firstWord);
    assertThat(run(a -> a.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0).ldx(W, R0, R1, 32), blob).r0()).isEqualTo(1);
  }

  @Test
  void probeReadKernel_fromNull_zeroFillsAndReturnsEfault() throws Exception {
    assertThat(r0(a -> a.st(DW, R10, -8, 7).mov64Reg(R1, R10).add64Imm(R1, -8).mov64Imm(R2, 8).mov64Imm(R3, 0)
        .call(Helpers.PROBE_READ_KERNEL).mov64Reg(R6, R0).ldx(DW, R0, R10, -8).add64Reg(R0, R6))).isEqualTo(-Errno.EFAULT);
  }

  @Test
  void call_helperOutsideTheLoaderSet_throws() {
    assertThatThrownBy(() -> r0(a -> a.call(Helpers.id("bpf_probe_write_user"))))
        .isInstanceOf(BadInputException.class).hasMessageContaining("bpf_probe_write_user#36");
  }

  @Test
  void run_endlessLoop_stopsAtTheStepLimit() {
    assertThatThrownBy(() -> r0(a -> a.label("top").ja("top")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("10000 steps");
  }

  @Test
  void sysBpf_commandOutsideTheLoaderSet_getsEinvalAndIsTraced() throws Exception {
    Emulation run = run(a -> a.mov64Imm(R1, BpfAttr.PROG_RUN).ldImm64(R2, PSEUDO_MAP_IDX_VALUE, 0, 0).mov64Imm(R3, 32)
        .call(Helpers.SYS_BPF), new byte[64]);
    assertThat(run.r0()).isEqualTo(-Errno.EINVAL);
    assertThat(run.trace().events()).singleElement().satisfies(e -> assertThat(e.call().kind()).isEqualTo("BPF_PROG_TEST_RUN"));
  }
}
