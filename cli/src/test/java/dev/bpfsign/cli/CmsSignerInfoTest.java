package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A hostile CMS is described or refused with BadInputException; nothing else escapes. */
class CmsSignerInfoTest {
  private static final byte[] SIG = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG);

  @Property(tries = 3000)
  void parse_mutatedCms_throwsOnlyBadInput(@ForAll("edits") List<int[]> edits) {
    byte[] b = SIG.clone();
    for (int[] e : edits) {
      b[e[0] % b.length] = (byte) e[1];
    }
    parseExpectingOnlyBadInput(b);
  }

  @Property(tries = 600)
  void parse_truncatedCms_throwsBadInput(@ForAll @IntRange(min = 0, max = 100_000) int cut) {
    int n = cut % SIG.length;
    try {
      CmsSignerInfo.parse(Bytes.of(Arrays.copyOf(SIG, n)));
      throw new AssertionError("accepted a CMS truncated to " + n + " bytes");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("CMS: ");
    }
  }

  private static void parseExpectingOnlyBadInput(byte[] b) {
    try {
      CmsSignerInfo.parse(Bytes.of(b));
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("CMS: ").doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<List<int[]>> edits() {
    Arbitrary<int[]> edit = Arbitraries.integers().between(0, Integer.MAX_VALUE)
        .flatMap(pos -> Arbitraries.integers().between(0, 255).map(v -> new int[] {pos, v}));
    return edit.list().ofMinSize(1).ofMaxSize(5);
  }
}
