package dev.bpfsign.loader.btf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.FixtureObjects;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BTF and BTF.ext readers on hostile bytes: parsed, or a one-line {@link BtfFormatException}
 * naming the origin; nothing else. Seeds: the .BTF and .BTF.ext sections of the small fixtures.
 */
class BtfFuzzTest {
  static final List<String> FIXTURES = List.of("global_data", "kconfig", "map_in_map", "maps_basic", "subprogs", "tailcalls");

  static byte[] section(String fixture, String name) {
    ElfFile elf = FixtureObjects.parse(fixture);
    return elf.bytes(elf.section(name).orElseThrow());
  }

  static Stream<Arguments> parseBtf() {
    FuzzSeeds seeds = FuzzSeeds.create();
    FIXTURES.forEach(f -> seeds.add(f + ".BTF", section(f, ".BTF")));
    return seeds.arguments(1000, 2);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parseBtf(byte[] bytes) {
    try {
      Btf.parse("t", bytes);
    } catch (BtfFormatException expected) {
      assertThat(expected.getMessage()).startsWith("t: ").doesNotContain("\n", "\r");
    }
  }

  /** Input: one byte choosing the fixture whose .BTF the .BTF.ext refers to, then the .BTF.ext. */
  static Stream<Arguments> parseBtfExt() {
    FuzzSeeds seeds = FuzzSeeds.create();
    for (int i = 0; i < FIXTURES.size(); i++) {
      byte[] ext = section(FIXTURES.get(i), ".BTF.ext");
      byte[] input = new byte[ext.length + 1];
      input[0] = (byte) i;
      System.arraycopy(ext, 0, input, 1, ext.length);
      seeds.add(FIXTURES.get(i) + ".BTF.ext", input);
    }
    return seeds.arguments(1000, 3);
  }

  private static final List<Btf> BTFS = FIXTURES.stream().map(f -> {
    try {
      return Btf.parse(f, section(f, ".BTF"));
    } catch (BtfFormatException e) {
      throw new AssertionError(e);
    }
  }).toList();

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parseBtfExt(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Btf btf = BTFS.get((input[0] & 0xff) % BTFS.size());
    try {
      BtfExt.parse("t", Arrays.copyOfRange(input, 1, input.length), btf);
    } catch (BtfFormatException expected) {
      assertThat(expected.getMessage()).startsWith("t: ").doesNotContain("\n", "\r");
    }
  }
}
