package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.TestKeys;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in test PKI's signers and negative material, signing a bpftool golden's loader. */
class CheckedInPkiTest {
  static final LoaderFile LOADER = Goldens.unsigned("maps_basic");

  static LoaderFile signedBy(String name, TestCms.SignerId id) {
    Bytes cms = TestCms.sign(LOADER.insns().toArray(), TestKeys.privateKey(name), TestKeys.certificate(name), id, false);
    return LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, cms, LOADER.insns().sha256()));
  }

  static Verdict selfTrusted(String name) {
    return VerifierTest.trusting(TestKeys.certificate(name)).verify(signedBy(name, TestCms.SignerId.SKID));
  }

  static Verifier.Builder chain() {
    List<X509Certificate> chain = TestKeys.certificates(TestKeys.CODESIGN_CHAIN);
    return Verifier.builder().trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.ROOT_CA))))
        .intermediates(List.of(chain.get(1), TestKeys.certificate(TestKeys.BAD_REVOKED_LEAF), chain.get(0)))
        .crls(List.of(TestKeys.crl(TestKeys.INTERMEDIATE_CRL))).at(TestPki.NOW);
  }

  @Test
  void verify_eachKernelAlgorithmSigner_admitted() {
    for (String s : List.of(TestKeys.SIGNER_RSA2048, TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_RSA4096, TestKeys.SIGNER_P256,
        TestKeys.SIGNER_P384)) {
      assertThat(selfTrusted(s).admitted()).as(s).isTrue();
    }
  }

  @Test
  void verify_ed25519Signer_refusedAsNotKernel() {
    Verdict v = selfTrusted(TestKeys.SIGNER_ED25519);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.ALGORITHM_NOT_KERNEL);
    assertThat(v.kernel().get(0).answer()).isEqualTo("ENOPKG");
  }

  @Test
  void verify_badExpired_refusedWithCertExpired() {
    assertThat(VerifierTest.codes(selfTrusted(TestKeys.BAD_EXPIRED))).contains(FindingCode.CERT_EXPIRED);
  }

  @Test
  void verify_badNotYetValid_refusedWithCertNotYetValid() {
    assertThat(VerifierTest.codes(selfTrusted(TestKeys.BAD_NOT_YET_VALID))).contains(FindingCode.CERT_NOT_YET_VALID);
  }

  @Test
  void verify_badNoDigitalSignature_refusedWithCertKeyUsage() {
    assertThat(VerifierTest.codes(selfTrusted(TestKeys.BAD_NO_DIGITAL_SIGNATURE))).contains(FindingCode.CERT_KEY_USAGE);
  }

  @Test
  void verify_badMismatch_refusedWithSignatureInvalid() {
    Verdict v = selfTrusted(TestKeys.BAD_MISMATCH);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_badNoSkiByIssuerSerial_admitted() {
    Verdict v = VerifierTest.trusting(TestKeys.certificate(TestKeys.BAD_NO_SKI))
        .verify(signedBy(TestKeys.BAD_NO_SKI, TestCms.SignerId.ISSUER_SERIAL));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_codesignLeafThroughChainWithCrl_admitted() {
    Verdict v = chain().policy(Policy.builder().requireCodeSigning(true).build()).build()
        .verify(signedBy(TestKeys.CODESIGN_LEAF, TestCms.SignerId.SKID));

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.signers().get(0).chain()).hasSize(3);
  }

  @Test
  void verify_revokedLeaf_refusedWithCertRevoked() {
    Verdict v = chain().build().verify(signedBy(TestKeys.BAD_REVOKED_LEAF, TestCms.SignerId.SKID));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_REVOKED);
  }

  @Test
  void verify_selfSignedSignerWithoutCodeSigningEku_refusedWhenRequired() {
    X509Certificate cert = TestKeys.certificate(TestKeys.SIGNER_RSA3072);
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(cert))).at(TestPki.NOW)
        .policy(Policy.builder().requireCodeSigning(true).build()).build()
        .verify(signedBy(TestKeys.SIGNER_RSA3072, TestCms.SignerId.SKID));

    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_EXTENDED_KEY_USAGE);
  }
}
