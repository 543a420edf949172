package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Hostile headers: whatever is done to one, reading it ends in a result or a BadInputException. */
class LightSkeletonReaderPropertiesTest {
  private static final byte[] BASE = LightSkeletonReaderTest.header(LightSkeletonReaderTest.MEMBERS + "\t__s32 keyring_id;\n",
      LightSkeletonReaderTest.NEW_STYLE
          + "\tstatic const char opts_sig[] = \"\\x30\\x82\\0\\x01\";\n"
          + "\tstatic const char opts_excl_hash[] = \"" + "\\x11".repeat(32) + "\";\n")
      .getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] INTERESTING = "\"\\;{}[]()x0 \n/*'#=".getBytes(StandardCharsets.US_ASCII);

  @Property(tries = 1500)
  void read_mutatedHeader_throwsOnlyBadInput(@ForAll("edits") List<int[]> edits) {
    byte[] text = BASE.clone();
    for (int[] e : edits) {
      text[e[0] % text.length] = e[1] < INTERESTING.length ? INTERESTING[e[1]] : (byte) e[1];
    }
    readExpectingOnlyBadInput(text);
  }

  @Property(tries = 1000)
  void read_truncatedHeader_throwsOnlyBadInput(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
    readExpectingOnlyBadInput(Arrays.copyOf(BASE, cut % (BASE.length + 1)));
  }

  @Property(tries = 1000)
  void read_randomBytes_throwOnlyBadInput(@ForAll("noise") byte[] text) {
    readExpectingOnlyBadInput(text);
  }

  private static void readExpectingOnlyBadInput(byte[] text) {
    try {
      LightSkeleton s = LightSkeletonReader.read(text, "h");
      LightSkeletonReader.toLoaderFile(s, "h");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("h").doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<List<int[]>> edits() {
    Arbitrary<int[]> edit = Arbitraries.integers().between(0, Integer.MAX_VALUE)
        .flatMap(pos -> Arbitraries.integers().between(0, 255).map(v -> new int[] {pos, v}));
    return edit.list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }
}
