package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture's bpftool golden loader, plain and signed, through our load sequence on this
 * machine's kernel: it must load exactly where bpftool's own loader loads, and fail with the
 * same errno where bpftool's fails.
 *
 * <p>Expected failures come from bpftool, not from us: {@code bpftool prog loadall -L
 * NAME.bpf.o DIR} (bpftool 7.8 / libbpf 1.8) on this Linux 6.18.44 host printed "prog
 * 'on_fentry': failed to load: -EPERM" for trampolines and "prog 'on_switch': failed to load:
 * -ENOENT" for typed_ksyms and loaded every other fixture; keys-testdata's {@code
 * check-load.sh} (the plain skeleton's {@code __open_and_load()}) agrees, recorded as
 * {@link Fixtures#REFERENCE_HOST_LOAD_FAILURES}. The signed loader is loaded without passing its
 * signature (this kernel has no PKCS#7 verification: EOPNOTSUPP, measured.md) so its own data
 * hash check runs.
 */
class GoldenFixturesKernelTest {
  static final Map<String, Integer> BPFTOOL_LOADALL_ERRNO = Map.of(
      Fixtures.TRAMPOLINES, Errno.EPERM,
      Fixtures.TYPED_KSYMS, Errno.ENOENT);

  /** What the kernel says, through the loader's log, for each expected failure. */
  static final Map<String, String> KERNEL_LOG = Map.of(
      Fixtures.TYPED_KSYMS, "kernel log: ldimm64 failed to find the address for kernel symbol 'runqueues'");

  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
  }

  static Stream<Arguments> loaders() {
    return Fixtures.names().stream().flatMap(f -> Stream.of(
        Arguments.of(f, "plain"), Arguments.of(f, "signed")));
  }

  static LoaderFile loader(String fixture, String mode) {
    return mode.equals("plain") ? GoldenLoaders.plain(fixture) : GoldenLoaders.signed(fixture);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("loaders")
  void run_golden_loadsExactlyWhereBpftoolLoads(String fixture, String mode) throws Exception {
    assertThat(BPFTOOL_LOADALL_ERRNO.keySet()).isEqualTo(Fixtures.REFERENCE_HOST_LOAD_FAILURES.keySet());
    LoaderFile loader = loader(fixture, mode);
    long before = OpenFds.count();
    Integer expectedErrno = BPFTOOL_LOADALL_ERRNO.get(fixture);
    if (expectedErrno == null) {
      try (LoadedObjects objects = LoadSequence.run(loader, LoadOptions.DEFAULT, false)) {
        assertThat(objects.maps()).extracting(LoadedObject::name).containsExactlyElementsOf(loader.ctx().maps());
        assertThat(objects.programs()).extracting(LoadedObject::name).containsExactlyElementsOf(loader.ctx().programs());
        List<ObjectDescription> described = objects.describe();
        assertThat(described).allSatisfy(d -> assertThat(d.id()).isPositive());
        assertThat(OpenFds.count() - before).isEqualTo(objects.all().size());
      }
    } else {
      assertThatThrownBy(() -> LoadSequence.run(loader, LoadOptions.DEFAULT, false))
          .isInstanceOfSatisfying(KernelRefusedException.class, e -> {
            assertThat(e.errno()).isEqualTo(expectedErrno);
            assertThat(e.getMessage()).contains(KERNEL_LOG.getOrDefault(fixture, "")).doesNotContain("\n");
          });
    }
    assertThat(OpenFds.count()).as("fds leaked").isEqualTo(before);
  }
}
