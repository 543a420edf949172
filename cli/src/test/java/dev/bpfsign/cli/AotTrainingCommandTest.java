package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package-time training run fails the build when a step fails; this says which one first. */
class AotTrainingCommandTest {
  @Test
  void everyTrainingStepSucceeds() {
    Cli.Result r = Cli.run("aot-training");

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
  }

  /** What bin/bpfsign-aot-cache does: inputs made once, then one cache per command and one for everything. */
  @Test
  void perCommandRunsOnPreparedInputsSucceed(@TempDir Path dir) {
    Cli.Result prepared = Cli.run("aot-training", "--prepare", dir.toString());
    assertThat(prepared.err()).isEmpty();
    assertThat(prepared.code()).isEqualTo(ExitCodes.OK);
    assertThat(dir.resolve("signed.bin")).isNotEmptyFile();
    assertThat(dir.resolve("signed.lskel.h")).isNotEmptyFile();

    for (String command : new String[] {"verify", "sign", "gen", "inspect", "load"}) {
      Cli.Result r = Cli.run("aot-training", "--inputs", dir.toString(), "--only", command, "--text-only");
      assertThat(r.err()).as(command).isEmpty();
      assertThat(r.code()).as(command).isEqualTo(ExitCodes.OK);
    }
    Cli.Result rest = Cli.run("aot-training", "--inputs", dir.toString());
    assertThat(rest.err()).isEmpty();
    assertThat(rest.code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aFailingStepIsNamed(@TempDir Path dir) throws Exception {
    Cli.run("aot-training", "--prepare", dir.toString());
    Files.write(dir.resolve("signed.bin"), new byte[] {1, 2, 3});

    Cli.Result r = Cli.run("aot-training", "--inputs", dir.toString(), "--only", "inspect");

    assertThat(r.code()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(r.err()).startsWith("bpfsign aot-training: step failed: inspect ");
  }

  @Test
  void isHiddenFromHelp() {
    assertThat(Cli.run("--help").out()).doesNotContain("aot-training");
  }
}
