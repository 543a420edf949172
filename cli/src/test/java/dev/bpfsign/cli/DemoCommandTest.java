package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_onBpfHost_generatesSignsVerifiesAndLoadsTheSample() {
    KernelTests.requireBpf();

    Cli.Result r = Cli.run("demo");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("1. generate  signable loader 'maps_basic'")
        .contains("2. sign      scheme 6.18")
        .contains("3. verify    VERIFIED")
        .contains("4. load      loaded into this kernel");
    // the sample declares eight maps and two programs: each appears once in the manifest and once loaded
    assertThat(r.out().lines().filter(l -> l.trim().startsWith("map ")).count()).isEqualTo(16);
    assertThat(r.out().lines().filter(l -> l.trim().startsWith("program ")).count()).isEqualTo(4);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void demo_withoutBpfPrivileges_saysWhyInOneLineAndSucceeds() throws Exception {
    KernelTests.require(Cli.canDropPrivileges(), "setpriv to drop capabilities");

    Cli.Result r = Cli.runWithoutCapabilities("demo");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("3. verify    VERIFIED");
    assertThat(r.out().lines().filter(l -> l.startsWith("4. load")))
        .singleElement().asString().startsWith("4. load      not loaded here: ").contains("EPERM");
  }
}
