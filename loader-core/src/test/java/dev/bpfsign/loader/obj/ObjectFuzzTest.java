package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Object to loader on hostile objects: everything {@code gen} does with an object (ELF, BTF,
 * BTF.ext, maps, programs, relocations, externs, BTF fix-ups, generation) either makes a loader
 * or refuses with a one-line {@link BadInputException}; nothing else. Seeds: the small fixtures.
 */
class ObjectFuzzTest {
  private static final List<String> SMALL = List.of(
      Fixtures.MAPS_BASIC, Fixtures.SUBPROGS, Fixtures.MAP_IN_MAP, Fixtures.GLOBAL_DATA, Fixtures.TAILCALLS,
      Fixtures.KCONFIG);
  private static final GenInputs INPUTS = GenInputs.named("fuzz").withKernelVersion(0x06122c)
      .withKconfig("CONFIG_HZ=250\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=y\n");

  static Stream<Arguments> readAndGenerate() {
    FuzzSeeds seeds = FuzzSeeds.create();
    SMALL.forEach(f -> seeds.add(f, Fixtures.object(f)));
    return seeds.arguments(1000, 5);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void readAndGenerate(byte[] image) {
    try {
      LoaderGenerator.generate(ObjectReader.read("fuzz.o", image, INPUTS), Mode.SIGNABLE);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n", "\r");
    }
  }
}
