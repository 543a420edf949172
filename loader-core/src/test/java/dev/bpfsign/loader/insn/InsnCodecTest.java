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

class InsnCodecTest {
  /** The loader prologue of kernel-signing.md §5 (1 program, 1 map), little-endian. */
  static final String PROLOGUE_LE =
      "bf16000000000000" + "bfa1000000000000" + "0701000078ffffff" + "b702000088000000"
          + "b703000000000000" + "8500000071000000" + "0500110000000000";

  static final List<Insn> PROLOGUE = List.of(
      new Insn(ALU64 | X | MOV, R6, R1, 0, 0),
      new Insn(ALU64 | X | MOV, R1, R10, 0, 0),
      new Insn(ALU64 | K | ADD, R1, 0, 0, -136),
      new Insn(ALU64 | K | MOV, R2, 0, 0, 136),
      new Insn(ALU64 | K | MOV, R3, 0, 0, 0),
      new Insn(JMP | CALL, 0, 0, 0, 113),
      new Insn(JMP | JA, 0, 0, 17, 0));

  @Test
  void decode_specPrologue_givesTheDocumentedInstructions() throws Exception {
    assertThat(InsnCodec.decode(HexFormat.of().parseHex(PROLOGUE_LE), ByteOrder.LITTLE_ENDIAN)).isEqualTo(PROLOGUE);
  }

  @Test
  void encode_specPrologue_givesTheDocumentedBytes() {
    assertThat(HexFormat.of().formatHex(InsnCodec.encode(PROLOGUE, ByteOrder.LITTLE_ENDIAN))).isEqualTo(PROLOGUE_LE);
  }

  @Test
  void encode_bigEndian_swapsRegisterNibblesAndFields() {
    // RFC 9669: on big-endian dst is the high nibble; off and imm are big-endian
    byte[] be = InsnCodec.encode(List.of(new Insn(ALU64 | K | ADD, R1, 0, 0, -136)), ByteOrder.BIG_ENDIAN);
    assertThat(HexFormat.of().formatHex(be)).isEqualTo("07100000ffffff78");
    assertThat(HexFormat.of().formatHex(InsnCodec.encode(List.of(PROLOGUE.get(0)), ByteOrder.BIG_ENDIAN)))
        .isEqualTo("bf61000000000000");
  }

  @Test
  void swapOrder_littleToBig_matchesBigEndianEncoding() {
    byte[] le = InsnCodec.encode(PROLOGUE, ByteOrder.LITTLE_ENDIAN);
    InsnCodec.swapOrder(le);
    assertThat(le).isEqualTo(InsnCodec.encode(PROLOGUE, ByteOrder.BIG_ENDIAN));
  }

  @Test
  void decode_ldImm64_isOneInstructionOfWidthTwo() throws Exception {
    byte[] bytes = HexFormat.of().parseHex("1861000000000000" + "0000000000050000");
    List<Insn> insns = InsnCodec.decode(bytes, ByteOrder.LITTLE_ENDIAN);
    assertThat(insns).containsExactly(Insn.ldImm64(R1, PSEUDO_MAP_IDX_VALUE, 0, 1280));
    assertThat(insns.get(0).width()).isEqualTo(2);
    assertThat(InsnCodec.slotCount(insns)).isEqualTo(2);
  }

  @Test
  void decode_truncatedLdImm64_throwsNamingTheIndex() {
    assertThatThrownBy(() -> InsnCodec.decode(HexFormat.of().parseHex("b7000000000000001801000000000000"), ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(BadInputException.class).hasMessageContaining("insn 1");
  }

  @Test
  void decode_ldImm64WithDirtySecondSlot_throws() {
    assertThatThrownBy(() -> InsnCodec.decode(HexFormat.of().parseHex("1801000000000000" + "0100000000000000"), ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(BadInputException.class).hasMessageContaining("second slot");
  }

  @Test
  void decode_partialSlot_throws() {
    assertThatThrownBy(() -> InsnCodec.decode(new byte[12], ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(BadInputException.class).hasMessageContaining("12");
  }
}
