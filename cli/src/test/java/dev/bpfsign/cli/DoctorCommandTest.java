package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** bpfsign doctor on this machine's kernel, with and without privileges. */
class DoctorCommandTest {
  @Test
  void doctor_asRoot_isReadyAndSaysWhatIsMissing() {
    KernelTests.requireBpf();
    Cli.Result r = Cli.run("doctor");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).containsPattern("(?m)^OK +map hashes");
    assertThat(r.out()).contains("ready: bpfsign can load");
    // whether this host can enforce, in one line either way
    assertThat(r.out()).containsPattern("(?m)^(OK|MISSING) +BPF LSM programs +\\S");
  }

  @Test
  void doctorJson_asRoot_listsEveryCheckWithStatus() {
    KernelTests.requireBpf();
    Cli.Result r = Cli.run("doctor", "--json");
    JsonNode json = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(json.get("ready").asBoolean()).isTrue();
    assertThat(json.get("checks")).hasSize(12);
    assertThat(json.get("checks").get(10).get("name").asString()).isEqualTo("BPF LSM programs");
    assertThat(json.get("checks").get(11).get("name").asString()).isEqualTo("enforcement");
    for (JsonNode c : json.get("checks")) {
      assertThat(c.get("status").asString()).isIn("OK", "MISSING");
      if (c.get("status").asString().equals("MISSING")) {
        assertThat(c.get("fix").asString()).isNotBlank();
      }
    }
  }

  @Test
  void doctor_withoutCapabilities_reportsEpermWithTheCapabilityAndExits4() throws Exception {
    KernelTests.requireBpf();
    KernelTests.require(Cli.canDropPrivileges(), "setpriv to drop capabilities");
    Cli.Result r = Cli.runWithoutCapabilities("doctor");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.KERNEL_REFUSED);
    assertThat(r.out()).containsPattern("(?m)^MISSING +bpf\\(\\) allowed +BPF_MAP_CREATE: EPERM");
    assertThat(r.out()).contains("CAP_BPF and CAP_PERFMON");
  }
}
