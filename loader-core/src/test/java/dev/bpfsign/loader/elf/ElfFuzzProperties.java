package dev.bpfsign.loader.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Hostile input: mutated or truncated objects parse or raise ElfFormatException, nothing else. */
class ElfFuzzProperties {

  @Property(tries = 2000)
  void parse_mutatedFixture_parsesOrThrowsTyped(
      @ForAll("smallFixtures") String name,
      @ForAll @IntRange(min = 1, max = 16) int mutations,
      @ForAll boolean bigEndian,
      @ForAll long seed) {
    byte[] image = bigEndian ? ElfByteSwapper.toBigEndian(FixtureObjects.object(name)) : FixtureObjects.object(name);
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < mutations; i++) {
      // bias towards the structures: ELF header and section/symbol/relocation tables at the end
      int at =
          random.nextBoolean()
              ? random.nextInt(Math.min(64, image.length))
              : image.length - 1 - random.nextInt(Math.min(image.length, 4096));
      image[at] = (byte) random.nextInt(256);
    }
    assertParsesOrThrowsTyped(name, image);
  }

  @Property(tries = 500)
  void parse_truncatedFixture_parsesOrThrowsTyped(
      @ForAll("smallFixtures") String name, @ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
    byte[] full = FixtureObjects.object(name);
    byte[] image = Arrays.copyOf(full, cut % (full.length + 1));
    assertParsesOrThrowsTyped(name, image);
  }

  @Provide
  Arbitrary<String> smallFixtures() {
    return Arbitraries.of(
        "global_data", "kconfig", "map_in_map", "maps_basic", "subprogs", "tailcalls",
        "unsupported_prog_array_init");
  }

  static void assertParsesOrThrowsTyped(String name, byte[] image) {
    try {
      ElfFile elf = ElfFile.parse(name, image);
      for (Section s : elf.sections()) {
        assertThat(elf.data(s).remaining()).isLessThanOrEqualTo(image.length);
      }
    } catch (ElfFormatException expected) {
      assertThat(expected.getMessage()).startsWith(name + ": ").doesNotContain("\n");
    }
  }
}
