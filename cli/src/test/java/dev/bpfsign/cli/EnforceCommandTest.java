package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.runtime.enforce.LsmProbe;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bpfsign enforce} and {@code bpfsign keyring} on the build host: export, status, and bad
 * input that must be refused before anything is installed. Installing and enforcing need a kernel
 * that loads BPF LSM programs: kernel-tests' EnforceVmTest runs them under Linux 7.2.
 */
class EnforceCommandTest {
  @TempDir Path dir;

  @Test
  void exportLoader_writesTheSignableLoaderOfTheEnforceProgram() {
    Path out = dir.resolve("enforce.loader");
    Cli.Result r = Cli.run("enforce", "--export-loader", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Cli.Result inspect = Cli.run("inspect", out.toString());
    assertThat(inspect.out()).contains("policy").contains("counters").contains("events")
        .contains("enforce_host").contains("enforce_cgroup").contains("attach lsm_cgroup bpf_prog_load");
  }

  @Test
  void status_withNoPolicy_saysSoInTextAndJson() {
    Cli.Result text = Cli.run("enforce", "--status", "--bpffs", dir.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("no enforcement active");
    Cli.Result json = Cli.run("enforce", "--status", "--json", "--bpffs", dir.toString());
    assertThat(json.out()).contains("\"schema\" : \"bpfsign.enforce-status/v1\"").contains("\"policies\" : [ ]");
  }

  @Test
  void policiesThatTrustUserKeyringsOrNameNoCgroup_badInputOneLineBeforeAnythingElse() throws Exception {
    String cert = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    Path badPolicy = dir.resolve("policy.json");
    Files.writeString(badPolicy, "{\"schema\": \"bpfsign.enforce-policy/v1\", \"keyringz\": []}");
    String[][] cases = {
      {"--mode", "nonsense"},
      {"--keyring", "session"},
      {"--keyring", "user"},
      {"--policy", badPolicy.toString()},
      {"--allow-cgroup", dir.toString()},
      {"--allow-type", "no_such_type"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 5];
      args[0] = "enforce";
      System.arraycopy(c, 0, args, 1, c.length);
      args[c.length + 1] = "--loader";
      args[c.length + 2] = dir.resolve("absent.loader").toString();
      args[c.length + 3] = "--trust";
      args[c.length + 4] = cert;
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as("%s: %s", String.join(" ", c), r.err()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void kernelThatRefusesBpfLsmPrograms_oneLineExitFour() {
    LsmProbe.Result lsm = LsmProbe.probe();
    KernelTests.require(!lsm.loads(), "a kernel that refuses BPF LSM programs (this one loads them: "
        + lsm.detail() + ")");
    Cli.Result plain = Cli.run("enforce", "--loader", "x", "--trust", "y");
    assertThat(plain.code()).as(plain.err()).isEqualTo(ExitCodes.KERNEL_REFUSED);
    assertThat(plain.err()).contains("refuses to load BPF LSM programs here");
    assertThat(plain.err().strip().lines().count()).isEqualTo(1);
  }

  @Test
  void keyring_badCertificateSystemKeyringUnknownSerial_badInputOneLine() throws Exception {
    Path notCert = dir.resolve("not-a-cert.pem");
    Files.writeString(notCert, "hello\n");
    String cert = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    String[][] cases = {
      {"keyring", "add", notCert.toString()},
      {"keyring", "add", cert, "--keyring", "builtin"},
      {"keyring", "add", cert, "--keyring", "2147483000"},
      {"keyring", "list", "--keyring", "2147483000"},
    };
    for (String[] c : cases) {
      Cli.Result r = Cli.run(c);
      assertThat(r.code()).as("%s: %s", String.join(" ", c), r.err()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    }
  }

  @Test
  void keyringList_json_isValid() {
    KernelTests.requireBpf();
    Cli.Result r = Cli.run("keyring", "list", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"schema\" : \"bpfsign.keyring-list/v1\"");
  }
}
