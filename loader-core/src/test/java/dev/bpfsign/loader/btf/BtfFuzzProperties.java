package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Mutated or truncated .BTF/.BTF.ext parse and fix up, or raise BtfFormatException; nothing else. */
class BtfFuzzProperties {
  private static final String[] SMALL = {"global_data", "kconfig", "map_in_map", "maps_basic", "subprogs"};

  @Property(tries = 1000)
  void parse_mutatedBtf_parsesOrThrowsTyped(
      @ForAll @IntRange(min = 0, max = 4) int fixture,
      @ForAll @IntRange(min = 1, max = 8) int mutations,
      @ForAll long seed) throws Exception {
    ElfFile elf = FixtureObjects.parse(SMALL[fixture]);
    byte[] btfBytes = elf.bytes(elf.section(".BTF").orElseThrow());
    byte[] extBytes = elf.bytes(elf.section(".BTF.ext").orElseThrow());
    Random random = new Random(seed);
    byte[] target = random.nextBoolean() ? btfBytes : extBytes;
    for (int i = 0; i < mutations; i++) {
      // half the mutations hit the header, where offsets and lengths live
      int at = random.nextBoolean() ? random.nextInt(Math.min(32, target.length)) : random.nextInt(target.length);
      target[at] = (byte) random.nextInt(256);
    }
    try {
      Btf btf = Btf.parse("t", btfBytes);
      BtfExt.parse("t", extBytes, btf);
      BtfFixups.forUpload(elf, BtfFixups.open(elf, btf).btf()).encode();
    } catch (BtfFormatException expected) {
      assertThat(expected.getMessage()).startsWith("t: ").doesNotContain("\n");
    }
  }

  @Property(tries = 300)
  void parse_truncatedBtf_parsesOrThrowsTyped(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
    ElfFile elf = FixtureObjects.parse("maps_basic");
    byte[] full = elf.bytes(elf.section(".BTF").orElseThrow());
    try {
      Btf.parse("t", Arrays.copyOf(full, cut % (full.length + 1)));
    } catch (BtfFormatException expected) {
      assertThat(expected.getMessage()).startsWith("t: ");
    }
  }
}
