package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.gen.LoaderLimits;
import dev.bpfsign.loader.skel.LightSkeletonReader;
import dev.bpfsign.testdata.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loaders over the layout's limits: the kernel refuses them (measured: 33 program-fd slots,
 * with or without subprograms among them, give EACCES at BPF_PROG_LOAD; 32 load), so
 * generation refuses them with the reason, and so does the check {@code import} uses on a
 * bpftool header.
 */
class LoaderLimitsTest {
  private static LoaderFile loaderFile(String name, Mode mode) throws BadInputException {
    byte[] bytes = UnsupportedObjectsTest.resource(name + ".bpf.o");
    return LoaderGenerator.loaderFile(ObjectReader.read(name + ".bpf.o", bytes, GenInputs.named(name)), mode);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void generate_33EntryPrograms_refusedSayingWhyAndWhatToDo(Mode mode) {
    assertThatThrownBy(() -> loaderFile("too_many_programs", mode))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("too_many_programs")
        .hasMessageContaining("33 program fds")
        .hasMessageContaining("EACCES")
        .hasMessageContaining("split the object")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void generate_31ProgramsAnd2Subprograms_refused() {
    assertThatThrownBy(() -> loaderFile("too_many_with_subprogs", Mode.SIGNABLE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("33 program fds (subprograms count)");
  }

  @Test
  void generate_exactly32Slots_isGenerated() throws Exception {
    assertThat(loaderFile("max_programs", Mode.PLAIN).ctx().programs()).hasSize(30);
  }

  @Test
  void check_bpftoolHeaderOverTheLimit_refused() throws Exception {
    byte[] header = UnsupportedObjectsTest.resource("golden/too_many_with_subprogs.lskel.h");
    LoaderFile bpftools = LightSkeletonReader.readLoader(header, "too_many_with_subprogs.lskel.h");
    assertThatThrownBy(() -> LoaderLimits.check(bpftools, "too_many_with_subprogs.lskel.h"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("too_many_with_subprogs.lskel.h: the loader keeps 33 program fds");
  }

  static java.util.List<String> fixtures() {
    return Fixtures.names();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void check_everyFixtureWithinLimits_passes(String name) throws Exception {
    LoaderFile loader = LoaderGenerator.loaderFile(
        ObjectReader.read(name, Fixtures.object(name), GenInputs.named(name)
            .withKconfig("CONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=y\n").withKernelVersion(0x061200)), Mode.SIGNABLE);
    LoaderLimits.check(loader, name);
  }
}
