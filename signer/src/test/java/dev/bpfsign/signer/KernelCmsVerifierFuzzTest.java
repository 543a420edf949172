package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import dev.bpfsign.testdata.TestKeys;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signer's check of a CMS against a payload and certificate (run on every signature before
 * it is written, and on signatures made by other tools): accepted only with bpftool's signature
 * value of that payload (the parts the kernel ignores, such as SignedData's digestAlgorithms set,
 * may differ), else a one-line {@link BadInputException}; nothing else. {@code namesSigner}
 * never throws. Seeds: bpftool's signature of the maps_basic golden.
 */
class KernelCmsVerifierFuzzTest {
  private static final byte[] SIG = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG);
  private static final byte[] PAYLOAD = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS);
  private static final X509Certificate CERT = TestKeys.certificate(TestKeys.SIGNER_RSA3072);

  static Stream<Arguments> verify() {
    return FuzzSeeds.create().add("maps_basic.sig", SIG).arguments(300, 17);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void verify(byte[] cms) {
    KernelCmsVerifier.namesSigner(cms, CERT);
    try {
      KernelCmsVerifier.verify(cms, PAYLOAD, CERT, "s");
      // the RSA-3072 signature value (the CMS's last 384 bytes) cannot be forged by mutation
      assertThat(Arrays.copyOfRange(cms, Math.max(0, cms.length - 384), cms.length))
          .as("accepted a CMS with another signature value")
          .isEqualTo(Arrays.copyOfRange(SIG, SIG.length - 384, SIG.length));
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("s: ").doesNotContain("\n", "\r");
    }
  }
}
