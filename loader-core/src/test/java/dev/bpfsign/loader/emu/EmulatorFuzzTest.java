package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile loaders through everything that reads a loader's instructions and data without a
 * kernel — the emulator, the manifest decoder, the shape check: a result or a {@link
 * BadInputException}; nothing else, and the emulator stops within its step budget. Input: a
 * loader file. Seeds: bpftool's goldens as loader files.
 */
class EmulatorFuzzTest {
  static Stream<Arguments> emulate() {
    FuzzSeeds seeds = FuzzSeeds.create();
    seeds.add("kconfig.plain", LoaderFileFormat.write(GoldenLoaders.load(Fixtures.KCONFIG, Fixtures.PLAIN)));
    seeds.add("kfuncs_ksyms.signed", LoaderFileFormat.write(GoldenLoaders.load(Fixtures.KFUNCS_KSYMS, Fixtures.SIGNED)));
    seeds.add("map_in_map.plain", LoaderFileFormat.write(GoldenLoaders.load(Fixtures.MAP_IN_MAP, Fixtures.PLAIN)));
    seeds.add("maps_basic.signed", LoaderFileFormat.write(GoldenLoaders.load(Fixtures.MAPS_BASIC, Fixtures.SIGNED)));
    return seeds.arguments(600, 8);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void emulate(byte[] file) {
    LoaderFile loader;
    try {
      loader = LoaderFileFormat.read(file, "f");
    } catch (BadInputException notALoader) {
      return; // the loader file reader has its own fuzz test
    }
    try {
      Emulator.run(loader, new RecordingKernel(), 200_000);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n", "\r");
    }
    try {
      Manifest.of(loader);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n", "\r");
    }
    assertThat(LoaderShape.check(loader)).isNotNull();
  }
}
