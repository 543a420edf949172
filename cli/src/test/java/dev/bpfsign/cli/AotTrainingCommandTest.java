package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The package-time training run fails the build when a step fails; this says which one first. */
class AotTrainingCommandTest {
  @Test
  void everyTrainingStepSucceeds() {
    Cli.Result r = Cli.run("aot-training");

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void isHiddenFromHelp() {
    assertThat(Cli.run("--help").out()).doesNotContain("aot-training");
  }
}
