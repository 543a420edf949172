package dev.bpfsign.loader.insn;

import static dev.bpfsign.loader.insn.Opcodes.*;
import static dev.bpfsign.loader.insn.Reg.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssemblerTest {
  @Test
  void build_specPrologue_givesTheDocumentedBytes() throws Exception {
    Assembler a = new Assembler()
        .mov64Reg(R6, R1)
        .mov64Reg(R1, R10)
        .add64Imm(R1, -136)
        .mov64Imm(R2, 136)
        .mov64Imm(R3, 0)
        .call(Helpers.PROBE_READ_KERNEL)
        .ja(17);
    assertThat(HexFormat.of().formatHex(a.build())).isEqualTo(InsnCodecTest.PROLOGUE_LE);
  }

  @Test
  void jump_forwardLabelOverLdImm64_countsTwoSlots() throws Exception {
    Assembler a = new Assembler()
        .jsgtImm(R7, 0, "done")
        .ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, 1280)
        .mov64Imm(R0, 1)
        .label("done")
        .exit();
    List<Insn> insns = InsnCodec.decode(a.build(), ByteOrder.LITTLE_ENDIAN);
    assertThat(insns.get(0).off()).isEqualTo((short) 3);
  }

  @Test
  void jump_backwardLabel_givesNegativeOffset() throws Exception {
    Assembler a = new Assembler().mov64Imm(R0, 0).label("cleanup").mov64Reg(R0, R7).exit().jsltImm(R7, 0, "cleanup");
    assertThat(InsnCodec.decode(a.build(), ByteOrder.LITTLE_ENDIAN).get(3).off()).isEqualTo((short) -3);
  }

  @Test
  void index_afterLdImm64_advancesByTwo() {
    Assembler a = new Assembler().mov64Imm(R0, 0);
    assertThat(a.index()).isEqualTo(1);
    a.ldImm64(R1, 42L);
    assertThat(a.index()).isEqualTo(3);
  }

  @Test
  void build_undefinedLabel_throwsNamingLabelAndIndex() {
    Assembler a = new Assembler().mov64Imm(R0, 0).ja("nowhere");
    assertThatThrownBy(a::build).isInstanceOf(BadInputException.class)
        .hasMessageContaining("'nowhere'").hasMessageContaining("insn 1");
  }

  @Test
  void build_labelBeyondS16_throwsNamingLabelAndIndex() {
    Assembler a = new Assembler().ja("far");
    for (int i = 0; i < 40_000; i++) {
      a.mov64Imm(R0, 0);
    }
    a.label("far").exit();
    assertThatThrownBy(a::build).isInstanceOf(BadInputException.class)
        .hasMessageContaining("'far'").hasMessageContaining("insn 0").hasMessageContaining("40000");
  }

  @Test
  void build_rawOffsetBeyondS16_throws() {
    Assembler a = new Assembler().mov64Imm(R0, 0).ja(40_000);
    assertThatThrownBy(a::build).isInstanceOf(BadInputException.class).hasMessageContaining("insn 1");
  }

  @Test
  void label_definedTwice_buildThrows() {
    Assembler a = new Assembler().label("x").exit().label("x");
    assertThatThrownBy(a::build).isInstanceOf(BadInputException.class).hasMessageContaining("'x' defined twice");
  }

  @Test
  void emit_invalidRegister_throwsImmediately() {
    assertThatThrownBy(() -> new Assembler().mov64Reg(11, R1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void patchImm64_rewritesBothSlots() throws Exception {
    Assembler a = new Assembler().ldImm64(R3, 0L).exit();
    a.patchImm64(0, 0x1122334455667788L);
    assertThat(InsnCodec.decode(a.build(), ByteOrder.LITTLE_ENDIAN).get(0).imm64()).isEqualTo(0x1122334455667788L);
  }

  @Test
  void build_manyInstructions_growsBuffer() throws Exception {
    Assembler a = new Assembler(1);
    for (int i = 0; i < 1000; i++) {
      a.mov64Imm(R0, i);
    }
    byte[] out = a.build();
    assertThat(out).hasSize(8000);
    assertThat(InsnCodec.decode(out, ByteOrder.LITTLE_ENDIAN).get(999).imm()).isEqualTo(999);
  }
}
