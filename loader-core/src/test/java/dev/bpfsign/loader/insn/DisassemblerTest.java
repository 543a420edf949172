package dev.bpfsign.loader.insn;

import static dev.bpfsign.loader.insn.Opcodes.*;
import static dev.bpfsign.loader.insn.Reg.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each form of docs/disassembly.md, with the kernel verifier log's spelling. */
class DisassemblerTest {
  @Test
  void text_loaderForms_readLikeTheVerifierLog() {
    assertThat(Disassembler.text(new Insn(ALU64 | X | MOV, R6, R1, 0, 0))).isEqualTo("r6 = r1");
    assertThat(Disassembler.text(new Insn(ALU64 | K | ADD, R1, 0, 0, -136))).isEqualTo("r1 += -136");
    assertThat(Disassembler.text(new Insn(ALU64 | K | RSH, R7, 0, 0, 32))).isEqualTo("r7 >>= 32");
    assertThat(Disassembler.text(new Insn(ALU | K | AND, R2, 0, 0, 1))).isEqualTo("w2 &= 1");
    assertThat(Disassembler.text(new Insn(LDX | MEM | W, R1, R10, -136, 0))).isEqualTo("r1 = *(u32 *)(r10 -136)");
    assertThat(Disassembler.text(new Insn(STX | MEM | DW, R1, R0, 0, 0))).isEqualTo("*(u64 *)(r1 +0) = r0");
    assertThat(Disassembler.text(new Insn(ST | MEM | H, R10, 0, -8, 7))).isEqualTo("*(u16 *)(r10 -8) = 7");
    assertThat(Disassembler.text(new Insn(JMP | K | JSLE, R1, 0, 1, 0))).isEqualTo("if r1 s<= 0x0 goto +1");
    assertThat(Disassembler.text(new Insn(JMP | K | JSLT, R7, 0, -40, 0))).isEqualTo("if r7 s< 0x0 goto -40");
    assertThat(Disassembler.text(new Insn(JMP | X | JNE, R2, R3, -74, 0))).isEqualTo("if r2 != r3 goto -74");
    assertThat(Disassembler.text(new Insn(JMP | K | JNE, R2, 0, 3, -22))).isEqualTo("if r2 != 0xffffffea goto +3");
    assertThat(Disassembler.text(new Insn(JMP32 | K | JEQ, R1, 0, 2, 5))).isEqualTo("if w1 == 0x5 goto +2");
    assertThat(Disassembler.text(new Insn(JMP | CALL, 0, 0, 0, 168))).isEqualTo("call bpf_sys_close#168");
    assertThat(Disassembler.text(new Insn(JMP | CALL, 0, 0, 0, 9999))).isEqualTo("call unknown#9999");
    assertThat(Disassembler.text(new Insn(JMP | CALL, 0, PSEUDO_CALL, 0, 12))).isEqualTo("call pc+12");
    assertThat(Disassembler.text(new Insn(JMP | CALL, 0, PSEUDO_KFUNC_CALL, 0, 1234))).isEqualTo("call kfunc#1234");
    assertThat(Disassembler.text(new Insn(JMP | JA, 0, 0, 17, 0))).isEqualTo("goto +17");
    assertThat(Disassembler.text(new Insn(JMP | EXIT, 0, 0, 0, 0))).isEqualTo("exit");
    assertThat(Disassembler.text(Insn.ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, 1280))).isEqualTo("r1 = map_idx_value[0] + 1280 ll");
    assertThat(Disassembler.text(Insn.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0))).isEqualTo("r1 = map_idx[0] ll");
    assertThat(Disassembler.text(Insn.ldImm64(R3, 0x51ca5af204fb165eL))).isEqualTo("r3 = 0x51ca5af204fb165e ll");
  }

  @Test
  void text_atomicsAndSwaps_useKernelNames() {
    assertThat(Disassembler.text(new Insn(STX | ATOMIC | W, R1, R2, 0, ADD))).isEqualTo("lock *(u32 *)(r1 +0) += r2");
    assertThat(Disassembler.text(new Insn(STX | ATOMIC | DW, R1, R2, 8, ADD | ATOMIC_FETCH)))
        .isEqualTo("r2 = atomic64_fetch_add((u64 *)(r1 +8), r2)");
    assertThat(Disassembler.text(new Insn(STX | ATOMIC | DW, R1, R2, 0, ATOMIC_CMPXCHG)))
        .isEqualTo("r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)");
    assertThat(Disassembler.text(new Insn(ALU | X | END, R1, 0, 0, 16))).isEqualTo("w1 = be16 w1");
    assertThat(Disassembler.text(new Insn(ALU64 | K | END, R1, 0, 0, 64))).isEqualTo("r1 = bswap64 r1");
    assertThat(Disassembler.text(new Insn(ALU64 | X | MOV, R1, R2, 8, 0))).isEqualTo("r1 = (s8)r2");
  }

  @Test
  void text_invalidOpcode_saysInvalid() {
    assertThat(Disassembler.text(new Insn(ALU64 | K | 0xe0, R1, 0, 0, 0))).startsWith("invalid alu op");
    assertThat(Disassembler.text(new Insn(JMP | K | 0xe0, R1, 0, 0, 0))).startsWith("invalid jmp op");
  }

  @Test
  void listing_afterLdImm64_indexSkipsASlot() {
    String out = Disassembler.listing(List.of(Insn.ldImm64(R0, 1L), new Insn(JMP | EXIT, 0, 0, 0, 0)));
    assertThat(out).isEqualTo("   0: (18) r0 = 0x1 ll\n   2: (95) exit\n");
  }

  @Test
  void helpers_loaderIds_haveUapiNames() {
    assertThat(Helpers.name(Helpers.SYS_BPF)).isEqualTo("bpf_sys_bpf");
    assertThat(Helpers.name(Helpers.BTF_FIND_BY_NAME_KIND)).isEqualTo("bpf_btf_find_by_name_kind");
    assertThat(Helpers.name(Helpers.KALLSYMS_LOOKUP_NAME)).isEqualTo("bpf_kallsyms_lookup_name");
    assertThat(Helpers.name(211)).isEqualTo("bpf_cgrp_storage_delete");
    assertThat(Helpers.id("bpf_probe_write_user")).isEqualTo(36);
    assertThat(Helpers.name(0)).isNull();
    assertThat(Helpers.maxId()).isEqualTo(211);
  }
}
