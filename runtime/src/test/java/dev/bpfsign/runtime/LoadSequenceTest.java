package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.kernel.Errno;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load sequence against this machine's kernel, with bpftool's golden loaders. */
class LoadSequenceTest {
  private static final String FIXTURE = "core_relos";

  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
  }

  @Test
  void run_plainGolden_returnsEveryCtxObjectOpen() throws Exception {
    LoaderFile loader = GoldenLoaders.plain(FIXTURE);
    long before = OpenFds.count();
    try (LoadedObjects objects = LoadSequence.run(loader, LoadOptions.DEFAULT, false)) {
      assertThat(objects.maps()).extracting(LoadedObject::name).containsExactlyElementsOf(loader.ctx().maps());
      assertThat(objects.programs()).extracting(LoadedObject::name).containsExactlyElementsOf(loader.ctx().programs());
      assertThat(OpenFds.count() - before).isEqualTo(loader.ctx().maps().size() + loader.ctx().programs().size());
      assertThat(objects.gate()).isEqualTo(Gate.USERSPACE_VERDICT);
      System.out.println(objects.describe());
    }
    assertThat(OpenFds.count()).isEqualTo(before);
  }

  @Test
  void run_signedGoldenWithoutKernelCheck_loads() throws Exception {
    LoaderFile loader = GoldenLoaders.signed(FIXTURE);
    try (LoadedObjects objects = LoadSequence.run(loader, LoadOptions.DEFAULT, false)) {
      assertThat(objects.programs()).hasSize(loader.ctx().programs().size());
    }
  }

  @Test
  void run_signedGoldenWithSignatureOnThisKernel_isRefusedWithEopnotsupp() {
    // measured.md: 6.18 here has no CONFIG_SYSTEM_DATA_VERIFICATION
    LoaderFile loader = GoldenLoaders.signed(FIXTURE);
    long before = OpenFds.count();
    assertThatThrownBy(() -> LoadSequence.run(loader, LoadOptions.DEFAULT, true))
        .isInstanceOfSatisfying(KernelRefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP));
    assertThat(OpenFds.count()).isEqualTo(before);
  }

  @Test
  void run_signatureWithAKeyringThatDoesNotExist_isRefusedWithEinvalBeforeTheSignatureCheck() {
    // kernel-signing.md §3.5: the keyring is looked up before the PKCS#7 step; no key -> EINVAL.
    // So EINVAL (not this kernel's EOPNOTSUPP) shows keyring_id reached the kernel.
    LoaderFile loader = GoldenLoaders.signed(FIXTURE);
    long before = OpenFds.count();
    assertThatThrownBy(() -> LoadSequence.run(loader, new LoadOptions(dev.bpfsign.verifier.Keyring.parse("987654321")), true))
        .isInstanceOfSatisfying(KernelRefusedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
    assertThat(OpenFds.count()).isEqualTo(before);
  }

  @Test
  void run_signedGoldenWithDataByteChanged_isRefusedAsTampered() {
    LoaderFile good = GoldenLoaders.signed(FIXTURE);
    byte[] data = good.data().toArray();
    data[data.length / 2] ^= 1;
    LoaderFile tampered = new LoaderFile(good.name(), good.mode(), good.order(), good.insns(), Bytes.of(data),
        good.ctx(), good.signatures());
    long before = OpenFds.count();
    assertThatThrownBy(() -> LoadSequence.run(tampered, LoadOptions.DEFAULT, false))
        .isInstanceOfSatisfying(KernelRefusedException.class, e -> {
          assertThat(e.errno()).isEqualTo(Errno.EINVAL);
          assertThat(e.getMessage()).contains("data tampered");
        });
    assertThat(OpenFds.count()).isEqualTo(before);
  }

  @Test
  void run_ctxLayoutMissingAProgram_isBadInputAndLeavesNothingOpen() {
    LoaderFile good = GoldenLoaders.plain(FIXTURE);
    List<String> progs = good.ctx().programs().subList(0, good.ctx().programs().size() - 1);
    LoaderFile cut = new LoaderFile(good.name(), good.mode(), good.order(), good.insns(), good.data(),
        new CtxLayout(good.ctx().maps(), progs), good.signatures());
    long before = OpenFds.count();
    assertThatThrownBy(() -> LoadSequence.run(cut, LoadOptions.DEFAULT, false))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("ctx layout");
    assertThat(OpenFds.count()).isEqualTo(before);
  }
}
