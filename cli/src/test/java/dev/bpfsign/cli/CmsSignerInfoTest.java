package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A hostile CMS is described or refused with BadInputException; nothing else escapes. */
class CmsSignerInfoTest {
  private static final byte[] SIG = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG);

  @Test
  void parse_bpftoolSignature_describesItsSigner() throws Exception {
    CmsSignerInfo info = CmsSignerInfo.parse(Bytes.of(SIG));
    assertThat(info.digestAlgorithm()).isEqualTo("sha256");
    assertThat(info.signer()).isNotBlank();
  }

  @Test
  void parse_everyTruncation_throwsBadInput() {
    IntStream.range(0, SIG.length).forEach(n -> assertThatThrownBy(() -> CmsSignerInfo.parse(Bytes.of(Arrays.copyOf(SIG, n))))
        .as("truncated to %d bytes", n)
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("CMS: "));
  }

  static Stream<Arguments> parse() {
    FuzzSeeds seeds = FuzzSeeds.create();
    for (String f : new String[] {Fixtures.MAPS_BASIC, Fixtures.KCONFIG}) {
      seeds.add(f + ".sig", Fixtures.golden(f, Fixtures.SIGNED, Fixtures.SIG));
    }
    return seeds.arguments(3000, 14);
  }

  /** Fuzz test: described, or a one-line BadInputException starting "CMS: "; nothing else. */
  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] cms) {
    try {
      CmsSignerInfo.parse(Bytes.of(cms));
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("CMS: ").doesNotContain("\n", "\r");
    }
  }
}
