package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier's CMS reader on hostile DER: an envelope, or {@link KernelCms.MalformedCmsException}
 * (which the verifier reports as a finding on that signature); nothing else. Seeds: bpftool's
 * signatures of the goldens.
 */
class KernelCmsFuzzTest {
  static Stream<Arguments> parse() {
    FuzzSeeds seeds = FuzzSeeds.create();
    for (String f : new String[] {Fixtures.MAPS_BASIC, Fixtures.KCONFIG}) {
      seeds.add(f + ".sig", Fixtures.golden(f, Fixtures.SIGNED, Fixtures.SIG));
    }
    return seeds.arguments(400, 12);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] der) {
    try {
      CmsEnvelope envelope = KernelCms.parse(Bytes.of(der));
      assertThat(envelope.signers()).isNotEmpty();
    } catch (KernelCms.MalformedCmsException expected) {
      assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n", "\r");
    }
  }
}
