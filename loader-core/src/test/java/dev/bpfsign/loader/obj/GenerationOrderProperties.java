package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.GeneratedLoader;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.gen.ReferenceHostInputs;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generation depends on what the object means, not on the order its symbol table and
 * relocation records happen to be in: shuffled re-encodings give the same loader bytes.
 */
class GenerationOrderProperties {
  @Provide
  Arbitrary<String> fixtures() {
    return Arbitraries.of(Fixtures.names());
  }

  @Property(tries = 40)
  void generate_shuffledSymbolsAndRelocations_sameBytes(@ForAll("fixtures") String fixture, @ForAll long seed) throws Exception {
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
