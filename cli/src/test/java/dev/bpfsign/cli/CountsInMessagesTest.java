package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts in what commands print read as a person writes them: "1 map", "no signatures". */
class CountsInMessagesTest {
  @TempDir Path dir;

  @Test
  void gen_oneMapOneProgram_isSingular() {
    Cli.Result r = Cli.run("gen", Fixtures.objectPath(Fixtures.TYPED_KSYMS).toString(), "-o",
        dir.resolve("t.bin").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).endsWith(", 1 map, 1 program\n").doesNotContain("1 maps").doesNotContain("1 programs");
  }

  @Test
  void importPlain_saysNoSignatures() {
    Cli.Result r = Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.PLAIN).toString(), "-o",
        dir.resolve("p.bin").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("no signatures").doesNotContain("0 signatures");
  }

  @Test
  void inspectPlain_saysNoneForSignatures_andDiffOfTheSameSaysNoChanges() {
    Path p = dir.resolve("p.bin");
    assertThat(Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.PLAIN).toString(), "-o",
        p.toString()).code()).isZero();
    assertThat(Cli.run("inspect", p.toString()).out()).contains("signatures  none\n");
    assertThat(Cli.run("diff", p.toString(), p.toString()).out()).isEqualTo("no changes\n");
  }
}
