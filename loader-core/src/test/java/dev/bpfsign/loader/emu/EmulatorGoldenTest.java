package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bpftool's own loaders, run in the emulator: they must succeed and fill the ctx with fds. */
class EmulatorGoldenTest {
  static Stream<String[]> goldens() {
    return GoldenLoaders.all().stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void run_bpftoolGolden_returnsZeroAndFillsCtxWithFds(String fixture, String mode) throws Exception {
    LoaderFile loader = GoldenLoaders.load(fixture, mode);
    Emulation run = Emulator.run(loader);

    assertThat(run.r0()).as("loader return value").isZero();
    assertThat(run.mapFds()).hasSize(loader.ctx().maps().size()).allMatch(fd -> fd >= RecordingKernel.FIRST_FD);
    assertThat(run.progFds()).hasSize(loader.ctx().programs().size()).allMatch(fd -> fd >= RecordingKernel.FIRST_FD);
    Set<Integer> all = new HashSet<>(run.mapFds());
    all.addAll(run.progFds());
    assertThat(all).as("distinct fds").hasSize(run.mapFds().size() + run.progFds().size());
    assertThat(run.trace().calls(KernelCall.BtfLoad.class)).hasSize(1);
    assertThat(run.trace().calls(KernelCall.ProgLoad.class)).hasSize(loader.ctx().programs().size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goldens")
  void run_bpftoolGolden_closesTheBtfAndNothingItHandsOut(String fixture, String mode) throws Exception {
    LoaderFile loader = GoldenLoaders.load(fixture, mode);
    RecordingKernel kernel = new RecordingKernel();
    Emulation run = Emulator.run(loader, kernel, Emulator.DEFAULT_STEP_LIMIT);

    // the epilogue closes the BTF fd; every map and program fd stays open for the skeleton
    Set<Integer> open = kernel.openObjects().keySet();
    assertThat(open).containsAll(run.mapFds()).containsAll(run.progFds());
    assertThat(kernel.openObjects().values()).noneMatch(o -> o instanceof RecordingKernel.Btf);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.bpfsign.testdata.Fixtures#names")
  void run_signedGoldenWithChangedDataByte_returnsEinvalFromTheHashCheck(String fixture) throws Exception {
    LoaderFile loader = GoldenLoaders.load(fixture, Fixtures.SIGNED);
    byte[] data = loader.data().toArray();
    data[data.length / 2] ^= 1;
    LoaderFile tampered = new LoaderFile(loader.name(), loader.mode(), loader.order(), loader.insns(),
        dev.bpfsign.loader.Bytes.of(data), loader.ctx(), List.of());

    Emulation run = Emulator.run(tampered);

    // measured.md: with one data byte changed, the real loader returns -EINVAL (22)
    assertThat(run.r0()).isEqualTo(-Errno.EINVAL);
    assertThat(run.trace().calls(KernelCall.BpfCommand.class)).isEmpty();
  }
}
