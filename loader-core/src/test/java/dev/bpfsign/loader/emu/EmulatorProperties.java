package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Hostile loaders: byte mutations of bpftool goldens never escape as anything but BadInputException. */
class EmulatorProperties {
  private static final List<LoaderFile> BASES = List.of(
      GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.PLAIN),
      GoldenLoaders.load(Fixtures.KFUNCS_KSYMS, Fixtures.SIGNED),
      GoldenLoaders.load(Fixtures.MAP_IN_MAP, Fixtures.PLAIN));

  @Property(tries = 600)
  void emulateAndDecode_mutatedGolden_failOnlyWithBadInput(
      @ForAll("bases") int base, @ForAll("mutations") List<Tuple2<Integer, Byte>> mutations) {
    LoaderFile loader = mutate(BASES.get(base), mutations);
    try {
      Emulator.run(loader, new RecordingKernel(), 200_000);
    } catch (BadInputException expected) {
      // fine: the loader cannot be emulated, and the message says why
      assertThat(expected.getMessage()).isNotBlank();
    }
    try {
      Manifest.of(loader);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    assertThat(LoaderShape.check(loader)).isNotNull();
  }

  @Provide
  Arbitrary<Integer> bases() {
    return Arbitraries.integers().between(0, BASES.size() - 1);
  }

  /** Positions are fractions of insns‖data scaled at use; half of them land in the instructions. */
  @Provide
  Arbitrary<List<Tuple2<Integer, Byte>>> mutations() {
    return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes())
        .as(Tuple::of).list().ofMinSize(1).ofMaxSize(8);
  }

  private static LoaderFile mutate(LoaderFile loader, List<Tuple2<Integer, Byte>> mutations) {
    byte[] insns = loader.insns().toArray();
    byte[] data = loader.data().toArray();
    for (Tuple2<Integer, Byte> m : mutations) {
      int pos = m.get1();
      if (pos % 2 == 0) {
        insns[(pos / 2) % insns.length] = m.get2();
      } else {
        data[(pos / 2) % data.length] = m.get2();
      }
    }
    return new LoaderFile(loader.name(), loader.mode(), loader.order(), Bytes.of(insns), Bytes.of(data), loader.ctx(), List.of());
  }
}
