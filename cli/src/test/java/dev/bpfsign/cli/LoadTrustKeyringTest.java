package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.runtime.KernelSignatureSupport;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --trust-keyring}: the kernel's keyring is the trust. Its usage rules here; the
 * kernel accepting a signed loader and answering EKEYREJECTED for a changed instruction is
 * kernel-tests' JavaInVmTest (Linux 7.2 under qemu).
 */
class LoadTrustKeyringTest {
  @TempDir Path tmp;
  private String loader;

  @BeforeEach
  void setUp() {
    Path file = tmp.resolve("core_relos.bin");
    Cli.Result imported = Cli.run("import", Fixtures.header(Fixtures.CORE_RELOS, Fixtures.SIGNED).toString(),
        "-o", file.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    loader = file.toString();
  }

  @Test
  void withTrust_isAUsageError() {
    Cli.Result r = Cli.run("load", loader, "--trust-keyring", "--trust",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--trust-keyring").contains("takes no --trust");
  }

  @Test
  void withDryRun_isAUsageError() {
    Cli.Result r = Cli.run("load", loader, "--trust-keyring", "--dry-run");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("a dry run");
  }

  @Test
  void withAKeyringAnyProcessCanAddTo_isAUsageError() {
    Cli.Result r = Cli.run("load", loader, "--trust-keyring", "--keyring", "session");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--keyring session").contains("any process").hasLineCount(1);
  }

  @Test
  void onAKernelThatDoesNotVerifySignatures_refusedBeforeLoadingAnything() {
    KernelTests.requireBpf();
    KernelSignatureSupport.Probe probe = KernelSignatureSupport.probe();
    Cli.Result r = Cli.run("load", loader, "--trust-keyring", "--keyring", "builtin");

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.KERNEL_REFUSED);
    if (probe.result() == KernelSignatureSupport.Result.VERIFIES) {
      // the test signer is in no builtin keyring: the kernel itself refuses the signature
      assertThat(r.err()).containsPattern("EKEYREJECTED|ENOKEY");
    } else {
      assertThat(r.err()).contains("does not verify BPF signatures").contains("nothing was loaded");
      assertThat(r.out()).contains("ADMITTED").doesNotContainPattern("program +\\w+ +id \\d+");
    }
  }
}
