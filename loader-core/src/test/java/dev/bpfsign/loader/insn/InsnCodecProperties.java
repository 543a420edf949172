package dev.bpfsign.loader.insn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InsnCodecProperties {
  @Property(tries = 500)
  void decodeEncode_arbitraryStream_isIdentity(@ForAll("streams") List<Insn> insns, @ForAll boolean bigEndian) throws Exception {
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] bytes = InsnCodec.encode(insns, order);
    assertThat(InsnCodec.decode(bytes, order)).isEqualTo(insns);
    assertThat(InsnCodec.encode(InsnCodec.decode(bytes, order), order)).isEqualTo(bytes);
  }

  @Property(tries = 200)
  void assembler_emittingDecodedInsns_reproducesTheEncoding(@ForAll("streams") List<Insn> insns) throws Exception {
    Assembler a = new Assembler(1);
    insns.forEach(a::emit);
    assertThat(a.build()).isEqualTo(InsnCodec.encode(insns, ByteOrder.LITTLE_ENDIAN));
    assertThat(a.build(ByteOrder.BIG_ENDIAN)).isEqualTo(InsnCodec.encode(insns, ByteOrder.BIG_ENDIAN));
  }

  @Provide
  Arbitrary<List<Insn>> streams() {
    return insn().list().ofMaxSize(64);
  }

  /** Any opcode byte, any register nibbles, any off/imm; ld_imm64 with any second imm. */
  private static Arbitrary<Insn> insn() {
    Arbitrary<Integer> opcode = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 255)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Opcodes.LD_IMM64)));
    Arbitrary<Integer> nibble = Arbitraries.integers().between(0, 15);
    return Combinators.combine(opcode, nibble, nibble, Arbitraries.shorts(), Arbitraries.integers(), Arbitraries.integers())
        .as((op, dst, src, off, imm, imm2) -> new Insn(op, dst, src, off, imm, op == Opcodes.LD_IMM64 ? imm2 : 0));
  }
}
