package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import dev.bpfsign.testdata.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificates and CRLs as {@code --trust} and {@code --crl} read them (PEM bundles or DER):
 * parsed, or a one-line {@link BadInputException} naming the file; nothing else. Seeds: the test
 * PKI's certificates (PEM, DER, a chain) and its CRL.
 */
class CertificateFilesFuzzTest {
  static Stream<Arguments> certificates() {
    return FuzzSeeds.create()
        .add("rsa3072.pem", TestKeys.bytes(TestKeys.SIGNER_RSA3072 + ".cert.pem"))
        .add("p256.der", TestKeys.bytes(TestKeys.SIGNER_P256 + ".cert.der"))
        .add("ed25519.der", TestKeys.bytes(TestKeys.SIGNER_ED25519 + ".cert.der"))
        .add("chain.pem", TestKeys.bytes(TestKeys.CODESIGN_CHAIN))
        .arguments(400, 10);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void certificates(byte[] bytes) {
    try {
      assertThat(CertificateFiles.certificates(bytes, "c")).isNotEmpty();
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("c").doesNotContain("\n", "\r");
    }
  }

  static Stream<Arguments> crls() {
    byte[] pem = TestKeys.bytes(TestKeys.INTERMEDIATE_CRL);
    return FuzzSeeds.create()
        .add("crl.pem", pem)
        .add("crl.der", derOf(pem))
        .arguments(300, 11);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void crls(byte[] bytes) {
    try {
      assertThat(CertificateFiles.crls(bytes, "c")).isNotEmpty();
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("c").doesNotContain("\n", "\r");
    }
  }

  /** The DER body of a one-block PEM file. */
  private static byte[] derOf(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf('\n', text.indexOf("-----BEGIN")) + 1;
    return Base64.getMimeDecoder().decode(text.substring(begin, text.indexOf("-----END")));
  }
}
