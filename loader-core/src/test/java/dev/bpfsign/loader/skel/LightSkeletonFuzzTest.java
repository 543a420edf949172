package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The light-skeleton header reader on hostile text: a loader, or a one-line {@link
 * BadInputException} naming the header; nothing else. Seeds: bpftool's golden headers (plain and
 * signed) and a hand-written header with every member the reader knows.
 */
class LightSkeletonFuzzTest {
  static Stream<Arguments> read() {
    FuzzSeeds seeds = FuzzSeeds.create().add("members", (LightSkeletonReaderTest.header(
        LightSkeletonReaderTest.MEMBERS + "\t__s32 keyring_id;\n",
        LightSkeletonReaderTest.NEW_STYLE
            + "\tstatic const char opts_sig[] = \"\\x30\\x82\\0\\x01\";\n"
            + "\tstatic const char opts_excl_hash[] = \"" + "\\x11".repeat(32) + "\";\n"))
        .getBytes(StandardCharsets.ISO_8859_1));
    for (String fixture : List.of(Fixtures.MAPS_BASIC, Fixtures.KCONFIG, Fixtures.SUBPROGS)) {
      for (String mode : List.of(Fixtures.PLAIN, Fixtures.SIGNED)) {
        try {
          seeds.add(fixture + "." + mode, Files.readAllBytes(Fixtures.header(fixture, mode)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return seeds.arguments(1500, 4);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void read(byte[] text) {
    try {
      LightSkeletonReader.toLoaderFile(LightSkeletonReader.read(text, "h"), "h");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("h").doesNotContain("\n", "\r");
    }
  }
}
