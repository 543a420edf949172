package dev.bpfsign.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bpfsign enforce} under Linux 7.2 (BPF LSM active, signatures verified), scoped to a test
 * cgroup of a cgroup2 hierarchy the guest mounts: kernel-verified, audit and service-gated
 * modes, loads inside and outside the cgroup, --off, and what is left afterwards. One boot runs
 * the whole script; each test checks its steps of the transcript.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnforceVmTest {
  Transcript t;

  @BeforeAll
  @Timeout(3600)
  void boot(@TempDir Path dir) throws Exception {
    String rsaKey = TestKeys.path("signer-rsa3072.key.pem").toString();
    String rsaCert = TestKeys.path("signer-rsa3072.cert.pem").toString();
    Path signed = dir.resolve("signed.loader");
    Host.bpfsign("sign", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", signed.toString(),
        "--key", rsaKey, "--cert", rsaCert);
    Path p256 = dir.resolve("p256.loader");
    Host.bpfsign("sign", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", p256.toString(),
        "--key", TestKeys.path("signer-p256.key.pem").toString(),
        "--cert", TestKeys.path("signer-p256.cert.pem").toString());
    // the enforce program goes the way of every loader: exported, signed, then admitted in the guest
    Path enforce = dir.resolve("enforce.loader");
    Host.bpfsign("enforce", "--export-loader", enforce.toString());
    Host.bpfsign("sign", enforce.toString(), "--key", rsaKey, "--cert", rsaCert);

    String script = """
        mkdir -p /cg && mount -t cgroup2 none /cg && mkdir -p /cg/test/admission
        ENF="--loader /data/enforce.loader --trust /data/rsa.cert.pem"
        step keyring-add bpfsign keyring add /data/rsa.cert.pem
        serial=$(sed -n 's/^load with: --keyring //p' /tmp/step.out)
        step own-add bpfsign keyring add /data/p256.cert.pem --keyring user

        step kv-install bpfsign enforce $ENF --mode kernel-verified --keyring "$serial" --cgroup /cg/test
        step kv-status bpfsign enforce --status --json
        step kv-unsigned-inside in_cgroup /cg/test bpfsign doctor
        step kv-signed-inside in_cgroup /cg/test bpfsign load --scheme 6.18 /data/signed.loader --trust /data/rsa.cert.pem --keyring "$serial"
        step kv-own-inside in_cgroup /cg/test bpfsign load --scheme 6.18 /data/p256.loader --trust /data/p256.cert.pem --keyring user
        step kv-unsigned-outside bpfsign doctor
        step kv-events bpfsign enforce --watch --json --no-follow
        step kv-again bpfsign enforce $ENF --keyring "$serial" --cgroup /cg/test
        step kv-off bpfsign enforce --off --cgroup /cg/test

        step audit-install bpfsign enforce $ENF --audit --keyring "$serial" --cgroup /cg/test
        step audit-unsigned-inside in_cgroup /cg/test bpfsign doctor
        step audit-events bpfsign enforce --watch --json --no-follow
        step audit-status bpfsign enforce --status
        step audit-off bpfsign enforce --off --cgroup /cg/test

        step sg-install bpfsign enforce $ENF --mode service-gated --allow-cgroup /cg/test/admission --keyring "$serial" --cgroup /cg/test
        step sg-signed-inside in_cgroup /cg/test bpfsign load --scheme 6.18 /data/signed.loader --trust /data/rsa.cert.pem --keyring "$serial"
        step sg-admission in_cgroup /cg/test/admission bpfsign load --scheme 6.18 /data/signed.loader --trust /data/rsa.cert.pem --keyring "$serial"
        step sg-events bpfsign enforce --watch --no-follow
        step sg-off bpfsign enforce --off --cgroup /cg/test

        step bad-session-keyring bpfsign enforce $ENF --keyring session --cgroup /cg/test
        step bad-unknown-keyring bpfsign enforce $ENF --keyring 12345 --cgroup /cg/test
        step bad-locked-out bpfsign enforce $ENF --mode service-gated --cgroup /cg/test
        step bad-no-bpffs bpfsign enforce $ENF --keyring "$serial" --cgroup /cg/test --bpffs /tmp

        step after-pins ls -A /sys/fs/bpf/bpfsign/enforce
        step after-status bpfsign enforce --status
        step after-doctor-inside in_cgroup /cg/test bpfsign doctor

        bench() { in_cgroup /cg/test /java/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m \\
          --enable-native-access=ALL-UNNAMED -cp "/bench:$(cat /app/classpath)" dev.bpfsign.kerneltests.LoadLatency "$@"; }
        step bench-without bench without 1000
        step bench-install bpfsign enforce $ENF --audit --keyring "$serial" --cgroup /cg/test
        step bench-with bench with-audit-policy 1000
        step bench-off bpfsign enforce --off --cgroup /cg/test
        step bench-without-again bench without-again 1000
        """;
    t = new Guest()
        .file("/data/rsa.cert.pem", TestKeys.bytes("signer-rsa3072.cert.pem"))
        .file("/data/p256.cert.pem", TestKeys.bytes("signer-p256.cert.pem"))
        .file("/data/signed.loader", Files.readAllBytes(signed))
        .file("/data/p256.loader", Files.readAllBytes(p256))
        .file("/data/enforce.loader", Files.readAllBytes(enforce))
        .directory("/bench/dev/bpfsign/kerneltests", Path.of("target/test-classes/dev/bpfsign/kerneltests"))
        .boot(script, dir, 3000);
    System.out.println("guest console:\n" + t.console());
  }

  @Test
  void kernelVerified_installsOnTheTestCgroup() {
    Transcript.Step install = t.step("kv-install");
    assertThat(install.rc()).as(install.output()).isZero();
    assertThat(install.output()).contains("enforcing kernel-verified on cgroup /cg/test");
    Transcript.Step status = t.step("kv-status");
    assertThat(status.output()).contains("\"schema\" : \"bpfsign.enforce-status/v1\"")
        .contains("\"mode\" : \"kernel-verified\"").contains("\"audit\" : false");
  }

  @Test
  void kernelVerified_unsignedLoadInsideTheCgroup_refusedWithEperm() {
    Transcript.Step doctor = t.step("kv-unsigned-inside");
    assertThat(doctor.output()).containsPattern("MISSING\\s+syscall programs\\s+BPF_PROG_LOAD: EPERM \\(1\\)");
  }

  @Test
  void kernelVerified_signedLoaderFromAllowedKeyring_admittedWithItsPrograms() {
    Transcript.Step load = t.step("kv-signed-inside");
    assertThat(load.rc()).as(load.output()).isZero();
    assertThat(load.output()).contains("gate: kernel-signature").containsPattern("program\\s+count_getpid\\s+id \\d+");
  }

  /**
   * A user's own keyrings (session, user) are not trusted: anyone can add a key there. The user
   * keyring stands for both here: each process of the guest gets its own anonymous session
   * keyring, so a key added to "session" by one bpfsign run is gone for the next (the kernel
   * then answers ENOKEY before the policy is asked); the user keyring is shared by the user's
   * processes, so the kernel finds the key, the signature verifies, and the policy refuses.
   */
  @Test
  void kernelVerified_loaderSignedByAKeyInTheUsersOwnKeyring_refusedByThePolicy() {
    assertThat(t.step("own-add").rc()).as(t.step("own-add").output()).isZero();
    Transcript.Step load = t.step("kv-own-inside");
    assertThat(load.rc()).as(load.output()).isEqualTo(4);
    assertThat(load.output()).contains("EPERM");
  }

  @Test
  void kernelVerified_loadsOutsideTheCgroupUntouched() {
    assertThat(t.step("kv-unsigned-outside").output()).containsPattern("OK\\s+syscall programs");
  }

  @Test
  void kernelVerified_eventsSayWhatWasDecidedAndWhy() {
    String events = t.step("kv-events").output();
    assertThat(events).contains("\"decision\":\"refused\",\"reason\":\"no signature\"")
        .contains("\"decision\":\"allowed\",\"reason\":\"signed, allowed keyring\"")
        .contains("\"decision\":\"refused\",\"reason\":\"keyring not allowed\"")
        .contains("\"comm\":\"java\"").contains("\"program_name\":\"__loader.prog\"")
        .contains("\"keyring\":-4");
  }

  @Test
  void secondInstallOnTheSameScope_badInputAndTheFirstStays() {
    Transcript.Step again = t.step("kv-again");
    assertThat(again.rc()).as(again.output()).isEqualTo(3);
    assertThat(again.output()).contains("already enforced");
    assertThat(t.step("kv-off").output()).contains("removed the policy on cgroup /cg/test");
  }

  @Test
  void audit_reportsInsteadOfRefusing() {
    assertThat(t.step("audit-install").output()).contains("auditing (nothing is refused) kernel-verified");
    assertThat(t.step("audit-unsigned-inside").output()).containsPattern("OK\\s+syscall programs");
    assertThat(t.step("audit-events").output()).contains("\"decision\":\"would-refuse\",\"reason\":\"no signature\"");
    assertThat(t.step("audit-status").output()).containsPattern("would refuse [1-9]");
  }

  @Test
  void serviceGated_onlyTheAdmissionCgroupLoads() {
    assertThat(t.step("sg-install").rc()).as(t.step("sg-install").output()).isZero();
    Transcript.Step outside = t.step("sg-signed-inside");
    assertThat(outside.rc()).as(outside.output()).isEqualTo(4);
    assertThat(outside.output()).contains("EPERM");
    Transcript.Step admission = t.step("sg-admission");
    assertThat(admission.rc()).as(admission.output()).isZero();
    assertThat(admission.output()).containsPattern("program\\s+count_getpid\\s+id \\d+");
    assertThat(t.step("sg-events").output()).contains("REFUSED").contains("outside the admission cgroup")
        .contains("ALLOWED").contains("allowed cgroup");
  }

  @Test
  void badPolicies_oneLineExitThreeNothingInstalled() {
    for (String s : new String[] {"bad-session-keyring", "bad-unknown-keyring", "bad-locked-out", "bad-no-bpffs"}) {
      Transcript.Step step = t.step(s);
      assertThat(step.rc()).as("%s: %s", s, step.output()).isEqualTo(3);
      assertThat(step.output().strip().lines().count()).as("%s: %s", s, step.output()).isEqualTo(1);
    }
  }

  @Test
  void afterOff_nothingAttachedOrPinnedAndLoadsWorkAgain() {
    assertThat(t.step("after-pins").output().strip()).isEmpty();
    assertThat(t.step("after-status").output()).contains("no enforcement active");
    Transcript.Step doctor = t.step("after-doctor-inside");
    assertThat(doctor.output()).containsPattern("OK\\s+syscall programs").containsPattern("OK\\s+BPF LSM programs");
    assertThat(t.finished()).as("the script ran to its end").isTrue();
  }

  @Test
  void benchmark_loadLatencyWithAndWithoutThePolicy() {
    long without = median(t.step("bench-without").output());
    long with = median(t.step("bench-with").output());
    long again = median(t.step("bench-without-again").output());
    System.out.printf("BPF_PROG_LOAD median under qemu (software emulation): without %d ns, with the audit"
        + " policy attached %d ns, without again %d ns%n", without, with, again);
    assertThat(with).isPositive();
  }

  private static long median(String output) {
    Matcher m = Pattern.compile("median_ns=(\\d+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1));
  }
}
