package dev.bpfsign.loader.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The golden tests' failure messages point at the first difference, with both sides shown. */
class LoaderDiffTest {
  @Test
  void insns_oneChangedInstruction_namesItsIndexWithBothDisassemblies() throws Exception {
    byte[] expected = GeneratorGoldenTest.generate(Fixtures.SUBPROGS, Mode.PLAIN).insns().toArray();
    byte[] actual = expected.clone();
    actual[8 * 20 + 4] ^= 1; // imm of instruction 20

    String diff = LoaderDiff.insns(expected, actual);

    assertThat(diff).startsWith("first differing instruction #20 ").contains("bpftool:").contains("ours:");
    assertThat(diff.lines().filter(l -> l.trim().startsWith("20 ")).findFirst()).isPresent();
  }

  @Test
  void data_shorterBlob_namesOffsetAndSizes() {
    byte[] expected = new byte[64];
    byte[] actual = Arrays.copyOf(expected, 40);

    assertThat(LoaderDiff.data(expected, actual)).startsWith("first differing blob offset 40 (expected 64 bytes, got 40)");
  }
}
