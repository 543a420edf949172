package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** doctor on this machine: 6.18 with BPF, no PKCS#7 verification (measured.md). */
class HostDoctorTest {
  @Test
  void check_thisHost_probesEveryFeatureByUsingIt() {
    KernelTests.requireBpf();
    List<HostCheck> checks = HostDoctor.check();
    checks.forEach(c -> System.out.println((c.ok() ? "OK      " : "MISSING ") + c.name() + ": " + c.detail() + " " + c.fix()));
    assertThat(checks).extracting(HostCheck::name).containsExactly("kernel", "bpf() allowed", "syscall programs",
        "sleepable loaders", "exclusive maps", "map hashes", "in-kernel signature verification", "keyrings present",
        "BPF LSM active", "bpffs mounted");
    assertThat(checks).filteredOn(c -> !c.ok()).allSatisfy(c -> assertThat(c.fix()).isNotBlank());
    // what the load tests rely on must be there; signature verification's answer is the kernel's own
    assertThat(checks.subList(1, 6)).allSatisfy(c -> assertThat(c.ok()).as(c.name()).isTrue());
    HostCheck sig = checks.get(6);
    assertThat(sig.ok()).isEqualTo(KernelSignatureSupport.probe().result() == KernelSignatureSupport.Result.VERIFIES);
  }
}
