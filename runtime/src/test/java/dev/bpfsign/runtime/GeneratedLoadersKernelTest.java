package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.GeneratedLoader;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.gen.SkeletonNames;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bpfsign's own loaders (loader-core's generator, both modes) load on this kernel exactly where
 * bpftool's loaders load, and fail with the same errno where bpftool's fail
 * ({@link GoldenFixturesKernelTest#BPFTOOL_LOADALL_ERRNO}).
 */
class GeneratedLoadersKernelTest {
  /**
   * What bpftool read from this 6.18.44 host for the kconfig fixture (docs/testdata.md, "Inputs
   * taken from the generating machine"); bpfsign takes them only as explicit inputs.
   */
  static GenInputs inputs(String fixture) {
    GenInputs in = GenInputs.named(fixture);
    return fixture.equals(Fixtures.KCONFIG)
        ? in.withKernelVersion(6 << 16 | 18 << 8 | 44).withKconfig(
            "CONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=y\nCONFIG_DEFAULT_HOSTNAME=\"(none)\"\n")
        : in;
  }

  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
  }

  static Stream<Arguments> loaders() {
    return Fixtures.names().stream().flatMap(f -> Stream.of(Arguments.of(f, Mode.PLAIN), Arguments.of(f, Mode.SIGNABLE)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("loaders")
  void run_generatedLoader_loadsExactlyWhereBpftoolsLoads(String fixture, Mode mode) throws Exception {
    BpfObject obj = ObjectReader.read(fixture + ".bpf.o", Fixtures.object(fixture), inputs(fixture));
    GeneratedLoader gen = LoaderGenerator.generate(obj, mode);
    LoaderFile loader = new LoaderFile(fixture, mode, obj.byteOrder(), gen.insns(), gen.data(),
        SkeletonNames.ctxLayout(obj), List.of());
    long before = OpenFds.count();
    Integer expectedErrno = GoldenFixturesKernelTest.BPFTOOL_LOADALL_ERRNO.get(fixture);
    if (expectedErrno == null) {
      try (LoadedObjects objects = LoadSequence.run(loader, LoadOptions.DEFAULT, false)) {
        assertThat(objects.all()).hasSize(loader.ctx().maps().size() + loader.ctx().programs().size());
      }
    } else {
      assertThatThrownBy(() -> LoadSequence.run(loader, LoadOptions.DEFAULT, false))
          .isInstanceOfSatisfying(KernelRefusedException.class, e -> assertThat(e.errno()).isEqualTo(expectedErrno));
    }
    assertThat(OpenFds.count()).as("fds leaked").isEqualTo(before);
  }
}
