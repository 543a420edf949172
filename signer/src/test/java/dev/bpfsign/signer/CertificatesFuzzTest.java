package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import dev.bpfsign.testdata.TestKeys;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signer's certificate reader ({@code sign -i}, PEM or DER): a certificate that can be
 * described, or a one-line {@link BadInputException} naming the file; nothing else.
 */
class CertificatesFuzzTest {
  static Stream<Arguments> parse() {
    return FuzzSeeds.create()
        .add("rsa3072.pem", TestKeys.bytes(TestKeys.SIGNER_RSA3072 + ".cert.pem"))
        .add("rsa3072.der", TestKeys.bytes(TestKeys.SIGNER_RSA3072 + ".cert.der"))
        .add("p384.der", TestKeys.bytes(TestKeys.SIGNER_P384 + ".cert.der"))
        .add("ed25519.pem", TestKeys.bytes(TestKeys.SIGNER_ED25519 + ".cert.pem"))
        .add("no-ski.pem", TestKeys.bytes(TestKeys.BAD_NO_SKI + ".cert.pem"))
        .arguments(400, 16);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] bytes) {
    try {
      assertThat(Certificates.describe(Certificates.parse(bytes, "c"))).isNotBlank();
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("c: ").doesNotContain("\n", "\r");
    }
  }
}
