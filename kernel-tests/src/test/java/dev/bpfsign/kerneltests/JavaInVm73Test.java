package dev.bpfsign.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bpfsign under Linux 7.3 (Debian experimental's cloud kernel): the same dual artefact
 * {@link JavaInVmTest} loads on 7.2 — {@code sign OBJ -o} writes and signs both variants — loads
 * here through the same {@code bpfsign load}, which probes the kernel, picks the 7.3 variant,
 * and the kernel verifies its signature over instructions ‖ data. One boot.
 */
@Tag("kernel")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaInVm73Test {
  Transcript t;

  @BeforeAll
  @Timeout(3600)
  void boot(@TempDir Path dir) throws Exception {
    Path signed = dir.resolve("signed.loader");
    Host.bpfsign("sign", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", signed.toString(),
        "--key", TestKeys.path("signer-rsa3072.key.pem").toString(),
        "--cert", TestKeys.path("signer-rsa3072.cert.pem").toString());

    String script = """
        step keyring-add bpfsign keyring add /data/signer.cert.pem
        serial=$(sed -n 's/^load with: --keyring //p' /tmp/step.out)
        step load-dual bpfsign load /data/signed.loader --trust /data/signer.cert.pem --keyring "$serial"
        step load-618 bpfsign load /data/signed.loader --scheme 6.18 --trust /data/signer.cert.pem --keyring "$serial"
        """;
    t = new Guest()
        .suite("experimental")
        .file("/data/signer.cert.pem", TestKeys.bytes("signer-rsa3072.cert.pem"))
        .file("/data/signed.loader", Files.readAllBytes(signed))
        .boot(script, dir, 1800);
    System.out.println("guest console:\n" + t.console());
  }

  @Test
  void guest_runsLinux73() {
    assertThat(t.kernel()).startsWith("7.3");
    assertThat(t.finished()).as("the script ran to its end").isTrue();
  }

  @Test
  void dualArtefact_probedAs73_kernelVerifiesTheFoldedSignature_programsCreated() {
    Transcript.Step load = t.step("load-dual");
    assertThat(load.rc()).as(load.output()).isZero();
    assertThat(load.output()).contains("this kernel takes the 7.3 variant")
        .contains("gate: kernel-signature").containsPattern("program\\s+count_getpid\\s+id \\d+");
  }

  @Test
  void the618Variant_refusedByLinux73WithEacces() {
    Transcript.Step load = t.step("load-618");
    assertThat(load.rc()).as(load.output()).isEqualTo(4);
    assertThat(load.output()).contains("EACCES");
  }
}
