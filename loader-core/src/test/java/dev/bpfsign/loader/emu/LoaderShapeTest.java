package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.insn.Helpers;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.insn.Opcodes;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoaderShapeTest {
  static Stream<String[]> goldens() {
    return GoldenLoaders.all().stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void check_bpftoolGolden_hasNoProblems(String fixture, String mode) {
    assertThat(LoaderShape.check(GoldenLoaders.load(fixture, mode))).isEmpty();
  }

  @Test
  void check_withEmulationAlreadyRun_reportsTheSameAsEmulatingItself() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.GLOBAL_DATA, Fixtures.PLAIN), insns -> {
      int i = indexOf(insns, in -> in.opcode() == (Opcodes.ALU64 | Opcodes.K | Opcodes.MOV) && in.dst() == 1 && in.imm() == BpfAttr.MAP_FREEZE);
      insns.set(i, insns.get(i).withImm(BpfAttr.MAP_DELETE_ELEM));
      return insns;
    });
    assertThat(LoaderShape.check(mutated, Emulator.run(mutated))).isEqualTo(LoaderShape.check(mutated)).isNotEmpty();
  }

  @Test
  void check_closeReplacedByProbeWriteUser_reportsHelperNotAllowed() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.MAPS_BASIC, Fixtures.SIGNED), insns -> {
      int i = indexOf(insns, in -> in.isHelperCall() && in.imm() == Helpers.SYS_CLOSE);
      insns.set(i, insns.get(i).withImm(Helpers.id("bpf_probe_write_user")));
      return insns;
    });
    assertThat(codes(mutated)).contains("HELPER_NOT_ALLOWED");
  }

  @Test
  void check_blobOffsetPastTheEnd_reportsBlobOffsetOutOfRange() throws Exception {
    LoaderFile golden = GoldenLoaders.load(Fixtures.GLOBAL_DATA, Fixtures.PLAIN);
    LoaderFile mutated = mutate(golden, insns -> {
      int i = indexOf(insns, in -> in.opcode() == Opcodes.LD_IMM64 && in.src() == Opcodes.PSEUDO_MAP_IDX_VALUE && in.imm2() > 1280);
      Insn old = insns.get(i);
      insns.set(i, Insn.ldImm64(old.dst(), old.src(), 0, golden.data().length() + 8));
      return insns;
    });
    List<String> codes = codes(mutated);
    assertThat(codes).contains("BLOB_OFFSET_OUT_OF_RANGE");
    assertThat(codes).contains("EMULATION_FAILED");
  }

  @Test
  void check_progLoadCommandChangedToProgRun_reportsBpfCommandNotAllowedStaticallyAndEmulated() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.MAPS_BASIC, Fixtures.PLAIN), insns -> {
      int i = indexOf(insns, in -> in.opcode() == (Opcodes.ALU64 | Opcodes.K | Opcodes.MOV) && in.dst() == 1 && in.imm() == BpfAttr.PROG_LOAD);
      insns.set(i, insns.get(i).withImm(BpfAttr.PROG_RUN));
      return insns;
    });
    List<ShapeProblem> problems = LoaderShape.check(mutated);
    assertThat(problems).filteredOn(p -> p.code().equals("BPF_CMD_NOT_ALLOWED")).hasSize(2)
        .anyMatch(p -> p.message().startsWith("emulated"));
  }

  @Test
  void check_mapIndexOne_reportsMapIndexNotZero() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.SIGNED), insns -> {
      int i = indexOf(insns, in -> in.opcode() == Opcodes.LD_IMM64 && in.src() == Opcodes.PSEUDO_MAP_IDX);
      insns.set(i, Insn.ldImm64(insns.get(i).dst(), Opcodes.PSEUDO_MAP_IDX, 1, 0));
      return insns;
    });
    assertThat(codes(mutated)).contains("MAP_INDEX_NOT_ZERO");
  }

  @Test
  void check_lastExitRemoved_reportsNoExitAtEnd() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.PLAIN), insns -> {
      insns.set(insns.size() - 1, new Insn(Opcodes.ALU64 | Opcodes.K | Opcodes.MOV, 0, 0, 0, 0));
      return insns;
    });
    assertThat(codes(mutated)).contains("NO_EXIT_AT_END", "EMULATION_FAILED");
  }

  @Test
  void check_backwardJumpNotToCleanup_reportsBackwardJump() throws Exception {
    LoaderFile mutated = mutate(GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.PLAIN), insns -> {
      int i = indexOf(insns, in -> in.opcode() == (Opcodes.JMP | Opcodes.K | Opcodes.JSLT) && in.off() < 0);
      insns.set(i, insns.get(i).withOff(insns.get(i).off() + 1));
      return insns;
    });
    assertThat(codes(mutated)).contains("BACKWARD_JUMP");
  }

  @Test
  void check_notEvenInstructions_reportsUndecodable() {
    LoaderFile golden = GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.PLAIN);
    byte[] insns = golden.insns().toArray();
    insns[insns.length - 16] = (byte) Opcodes.LD_IMM64; // the exit's predecessor becomes a dangling ld_imm64
    insns[insns.length - 8] = (byte) 0x95;
    LoaderFile mutated = new LoaderFile(golden.name(), golden.mode(), golden.order(), Bytes.of(insns), golden.data(), golden.ctx(), List.of());
    assertThat(codes(mutated)).containsExactly("UNDECODABLE");
  }

  static LoaderFile mutate(LoaderFile loader, UnaryOperator<List<Insn>> change) throws Exception {
    List<Insn> insns = new ArrayList<>(InsnCodec.decode(loader.insns(), ByteOrder.LITTLE_ENDIAN));
    byte[] bytes = InsnCodec.encode(change.apply(insns), ByteOrder.LITTLE_ENDIAN);
    return new LoaderFile(loader.name(), loader.mode(), loader.order(), Bytes.of(bytes), loader.data(), loader.ctx(), List.of());
  }

  private static int indexOf(List<Insn> insns, java.util.function.Predicate<Insn> p) {
    for (int i = 0; i < insns.size(); i++) {
      if (p.test(insns.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such instruction in the golden");
  }

  private static List<String> codes(LoaderFile loader) {
    return LoaderShape.check(loader).stream().map(ShapeProblem::code).toList();
  }
}
