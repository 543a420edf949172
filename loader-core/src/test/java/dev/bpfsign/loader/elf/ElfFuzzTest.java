package dev.bpfsign.loader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ELF reader on hostile bytes: an {@link ElfFile} whose every section lies inside the input,
 * or a one-line {@link ElfFormatException} naming the file; nothing else. Seeds: the small
 * fixture objects, little- and big-endian.
 */
class ElfFuzzTest {
  static final List<String> SMALL = List.of(
      "global_data", "kconfig", "map_in_map", "maps_basic", "subprogs", "tailcalls", "unsupported_prog_array_init");

  static Stream<Arguments> parse() {
    FuzzSeeds seeds = FuzzSeeds.create();
    for (String name : SMALL) {
      seeds.add(name, FixtureObjects.object(name));
      seeds.add(name + "-be", ElfByteSwapper.toBigEndian(FixtureObjects.object(name)));
    }
    return seeds.arguments(2000, 1);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] image) {
    try {
      ElfFile elf = ElfFile.parse("o", image);
      for (Section s : elf.sections()) {
        assertThat(elf.data(s).remaining()).isLessThanOrEqualTo(image.length);
      }
    } catch (ElfFormatException expected) {
      assertThat(expected.getMessage()).startsWith("o: ").doesNotContain("\n", "\r");
    }
  }
}
