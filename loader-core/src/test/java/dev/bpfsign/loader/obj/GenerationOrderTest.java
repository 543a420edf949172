package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.GeneratedLoader;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.gen.ReferenceHostInputs;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generation depends on what the object means, not on the order its symbol table and
 * relocation records happen to be in: shuffled re-encodings give the same loader bytes. Every
 * fixture is shuffled with several fixed seeds (the same shuffles on every run).
 */
class GenerationOrderTest {
  private static final int SEEDS_PER_FIXTURE = 3;

  static Stream<Arguments> shuffles() {
    List<String> fixtures = Fixtures.names();
    return fixtures.stream().flatMap(f -> Stream.iterate(0L, s -> s + 1).limit(SEEDS_PER_FIXTURE)
        .map(s -> Arguments.of(f, 0x5eed0000L + 31L * fixtures.indexOf(f) + s)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("shuffles")
  void generate_shuffledSymbolsAndRelocations_sameBytes(String fixture, long seed) throws Exception {
    GenInputs in = ReferenceHostInputs.of(fixture);
    byte[] original = Fixtures.object(fixture);
    byte[] shuffled = ElfShuffle.shuffle(original, seed);

    GeneratedLoader a = LoaderGenerator.generate(ObjectReader.read("o", original, in), Mode.SIGNABLE);
    GeneratedLoader b = LoaderGenerator.generate(ObjectReader.read("o", shuffled, in), Mode.SIGNABLE);

    assertThat(Arrays.equals(shuffled, original)).as("the re-encoding changed something").isFalse();
    assertThat(b.insns()).isEqualTo(a.insns());
    assertThat(b.data()).isEqualTo(a.data());
  }
}
