package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.testdata.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generation probe against this machine's kernel, checked by what the probe stands for: the
 * 6.18 variant's loader (bpftool 7.8's, with its metadata check) loads and runs exactly when the
 * probe says 6.18, and is refused with EACCES when it says 7.3; the 7.3 variant's loader (no
 * metadata check) loads unsigned on either generation. Loaded without signatures: this host's
 * kernel may not verify PKCS#7 (the VM tests do that part).
 */
class KernelGenerationKernelTest {
  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
  }

  @Test
  void probe_agreesWithWhetherThe618LoaderLoads() throws Exception {
    KernelGeneration.Probe probe = KernelGeneration.probe();
    System.out.println("kernel generation probe: " + probe);
    if (probe.scheme() == Scheme.LINUX_6_18) {
      try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.signed(Fixtures.TAILCALLS), LoadOptions.DEFAULT, false)) {
        assertThat(objects.programs()).hasSize(3);
      }
    } else {
      assertThatThrownBy(() -> LoadSequence.run(GoldenLoaders.signed(Fixtures.TAILCALLS), LoadOptions.DEFAULT, false))
          .isInstanceOfSatisfying(KernelRefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
    }
    assertThat(KernelGeneration.probe()).isSameAs(probe);
  }

  @Test
  void the73Loader_loadsUnsignedOnEitherGeneration() throws Exception {
    long before = OpenFds.count();
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.signed73(Fixtures.TAILCALLS), LoadOptions.DEFAULT, false)) {
      assertThat(objects.programs()).hasSize(3);
      assertThat(objects.maps()).hasSize(2);
    }
    assertThat(OpenFds.count()).isEqualTo(before);
  }
}
