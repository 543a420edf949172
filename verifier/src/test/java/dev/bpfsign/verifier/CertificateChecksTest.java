package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Validity, usage, chains, revocation and denylists of the signer's certificate. */
class CertificateChecksTest {
  static final KeyPair ROOT_KEY = TestPki.key("rsa2048:root");
  static final KeyPair INTER_KEY = TestPki.key("rsa2048:intermediate");
  static final KeyPair LEAF_KEY = TestPki.key("rsa3072:signer");
  static final X509Certificate ROOT = TestPki.cert("CN=root,O=bpfsign test", ROOT_KEY).ca().serial(1).build();
  static final X509Certificate INTER = TestPki.cert("CN=intermediate,O=bpfsign test", INTER_KEY).ca().serial(2)
      .issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
  static final X509Certificate LEAF = TestPki.cert("CN=leaf,O=bpfsign test", LEAF_KEY).codeSigning().serial(0x1001)
      .issuedBy(INTER, INTER_KEY.getPrivate()).build();
  static final LoaderFile LOADER = VerifierTest.LOADER;

  static LoaderFile signedBy(KeyPair key, X509Certificate cert) {
    return TestCms.signed(LOADER, Scheme.LINUX_6_18, key.getPrivate(), cert);
  }

  static Verdict selfSigned(TestPki.CertSpec spec) {
    X509Certificate cert = spec.build();
    return VerifierTest.trusting(cert).verify(signedBy(spec.key, cert));
  }

  static Verifier.Builder chainVerifier() {
    return Verifier.builder().trust(TrustStore.of(List.of(ROOT))).intermediates(List.of(INTER, LEAF)).at(TestPki.NOW);
  }

  @Test
  void verify_expiredSigner_refusedWithCertExpired() {
    Verdict v = selfSigned(TestPki.cert("CN=expired,O=bpfsign test", LEAF_KEY)
        .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_EXPIRED);
    assertThat(v.signers().get(0).signatureValid()).isTrue();
    assertThat(v.kernel().get(0).answer()).as("the kernel ignores validity dates").isEqualTo("accept");
  }

  @Test
  void verify_notYetValidSigner_refusedWithCertNotYetValid() {
    Verdict v = selfSigned(TestPki.cert("CN=future,O=bpfsign test", LEAF_KEY)
        .validity(Instant.parse("2045-01-01T00:00:00Z"), Instant.parse("2046-01-01T00:00:00Z")));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_NOT_YET_VALID);
  }

  @Test
  void verify_atInsideValidity_admitsTheSameCertificate() {
    TestPki.CertSpec spec = TestPki.cert("CN=expired,O=bpfsign test", LEAF_KEY)
        .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"));
    X509Certificate cert = spec.build();
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(cert))).at(Instant.parse("2020-06-01T00:00:00Z")).build()
        .verify(signedBy(LEAF_KEY, cert));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_keyUsageWithoutDigitalSignature_refusedWithCertKeyUsage() {
    Verdict v = selfSigned(TestPki.cert("CN=encipher only,O=bpfsign test", LEAF_KEY).keyUsage(KeyUsage.keyEncipherment));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_KEY_USAGE);
  }

  @Test
  void verify_codeSigningRequiredButAbsent_refusedWithExtendedKeyUsage() {
    TestPki.CertSpec spec = TestPki.cert("CN=no eku,O=bpfsign test", LEAF_KEY);
    X509Certificate cert = spec.build();
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(cert))).at(TestPki.NOW)
        .policy(Policy.builder().requireCodeSigning(true).build()).build().verify(signedBy(LEAF_KEY, cert));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_EXTENDED_KEY_USAGE);
  }

  @Test
  void verify_leafChainsToTrustedRootThroughIntermediate_admitted() {
    Verdict v = chainVerifier().policy(Policy.builder().requireCodeSigning(true).build()).build()
        .verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.signers().get(0).chain()).containsExactly(CertIds.of(LEAF).subject(), CertIds.of(INTER).subject(),
        CertIds.of(ROOT).subject());
  }

  @Test
  void verify_certificatesCarriedInTheSignatureBlock_helpBuildTheChain() throws Exception {
    LoaderFile signed = signedBy(LEAF_KEY, LEAF);
    SignatureBlock b = signed.signatures().get(0);
    LoaderFile withCerts = signed.withoutSignatures().withSignature(new SignatureBlock(b.scheme(), b.cms(),
        b.exclProgHash(), List.of(Bytes.of(LEAF.getEncoded()), Bytes.of(INTER.getEncoded()))));

    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(ROOT))).at(TestPki.NOW).build().verify(withCerts);

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_intermediateMissing_refusedWithSignerUntrusted() {
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(ROOT))).intermediates(List.of(LEAF)).at(TestPki.NOW).build()
        .verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.SIGNER_UNTRUSTED);
  }

  /** The message of the one CERT_CHAIN_INVALID finding: in our words, naming the certificate at fault. */
  private static String chainInvalid(Verdict v) {
    assertThat(v.admitted()).isFalse();
    return v.findings().stream().filter(f -> f.code() == FindingCode.CERT_CHAIN_INVALID).map(Finding::message)
        .findFirst().orElseThrow(() -> new AssertionError("no CERT_CHAIN_INVALID in " + v));
  }

  @Test
  void verify_intermediateThatIsNotACa_namesItInsteadOfTheJdksText() {
    // the "intermediate" is an end-entity certificate: right names, right signature, not a CA
    X509Certificate notCa = TestPki.cert("CN=intermediate,O=bpfsign test", INTER_KEY).serial(4)
        .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature | org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)
        .issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(ROOT))).intermediates(List.of(notCa, LEAF)).at(TestPki.NOW)
        .build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(chainInvalid(v)).isEqualTo("signature 0 (6.18): certificate 'O=bpfsign test,CN=leaf': chain to a trust"
        + " anchor does not validate: certificate 'O=bpfsign test,CN=intermediate' issues another certificate but is"
        + " not a CA (basicConstraints)");
  }

  @Test
  void verify_intermediateSignedByAnotherKey_saysWhichSignatureFails() {
    // names chain to the root, but the root's key did not sign the intermediate
    X509Certificate forged = TestPki.cert("CN=intermediate,O=bpfsign test", INTER_KEY).ca().serial(5)
        .issuedBy(ROOT, INTER_KEY.getPrivate()).build();
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(ROOT))).intermediates(List.of(forged, LEAF)).at(TestPki.NOW)
        .build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(chainInvalid(v)).isEqualTo("signature 0 (6.18): certificate 'O=bpfsign test,CN=leaf': chain to a trust"
        + " anchor does not validate: the signature on certificate 'O=bpfsign test,CN=intermediate' does not verify"
        + " with the key of trust anchor 'O=bpfsign test,CN=root'");
  }

  @Test
  void verify_intermediateExpired_refusedWithCertExpired() {
    X509Certificate oldInter = TestPki.cert("CN=intermediate,O=bpfsign test", INTER_KEY).ca().serial(3)
        .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"))
        .issuedBy(ROOT, ROOT_KEY.getPrivate()).build();
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(ROOT))).intermediates(List.of(oldInter, LEAF)).at(TestPki.NOW)
        .build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_EXPIRED);
  }

  @Test
  void verify_leafListedInIntermediatesCrl_refusedWithCertRevoked() {
    var crl = TestPki.crl(INTER, INTER_KEY.getPrivate(), Instant.parse("2026-03-01T00:00:00Z"), List.of(LEAF));
    Verdict v = chainVerifier().crls(List.of(crl)).build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.CERT_REVOKED);
  }

  @Test
  void verify_crlListingAnotherSerial_admitted() {
    X509Certificate other = TestPki.cert("CN=other leaf,O=bpfsign test", LEAF_KEY).serial(0x1002)
        .issuedBy(INTER, INTER_KEY.getPrivate()).build();
    var crl = TestPki.crl(INTER, INTER_KEY.getPrivate(), Instant.parse("2026-03-01T00:00:00Z"), List.of(other));
    Verdict v = chainVerifier().crls(List.of(crl)).build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_crlSignedByAnotherKey_isUnusableWarningAndStrictRefuses() {
    var forged = TestPki.crl(INTER, ROOT_KEY.getPrivate(), Instant.parse("2026-03-01T00:00:00Z"), List.of());
    Verdict lenient = chainVerifier().crls(List.of(forged)).build().verify(signedBy(LEAF_KEY, LEAF));
    Verdict strict = chainVerifier().crls(List.of(forged)).strict(true).build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(lenient.admitted()).isTrue();
    assertThat(VerifierTest.codes(lenient)).contains(FindingCode.CRL_UNUSABLE);
    assertThat(strict.admitted()).isFalse();
  }

  @Test
  void verify_signerKeyOnDenylist_refusedWithKeyDenied() {
    String skid = CertIds.of(LEAF).skid().orElseThrow();
    Verdict v = chainVerifier().policy(Policy.builder().deniedKeys(List.of(skid)).build()).build()
        .verify(signedBy(LEAF_KEY, LEAF));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.KEY_DENIED);
  }

  @Test
  void verify_intermediateFingerprintOnDenylist_refusedWithKeyDenied() {
    Verdict v = chainVerifier().policy(Policy.builder().deniedKeys(List.of(CertIds.of(INTER).fingerprint())).build()).build()
        .verify(signedBy(LEAF_KEY, LEAF));

    assertThat(VerifierTest.codes(v)).contains(FindingCode.KEY_DENIED);
    assertThat(v.admitted()).isFalse();
  }

  @Test
  void verify_loaderDigestOnDenylist_refusedWithLoaderDenied() {
    Verdict byInsns = chainVerifier().policy(Policy.builder().deniedLoaders(List.of(LOADER.insns().sha256().hex())).build())
        .build().verify(signedBy(LEAF_KEY, LEAF));
    Verdict byWhole = chainVerifier().policy(Policy.builder()
            .deniedLoaders(List.of(LOADER.signedPayload(Scheme.LINUX_7_3).sha256().hex())).build())
        .build().verify(signedBy(LEAF_KEY, LEAF));

    assertThat(byInsns.admitted()).isFalse();
    assertThat(VerifierTest.codes(byInsns)).contains(FindingCode.LOADER_DENIED);
    assertThat(byWhole.admitted()).isFalse();
    assertThat(VerifierTest.codes(byWhole)).contains(FindingCode.LOADER_DENIED);
  }

  @Test
  void verify_signerWithoutSkidByIssuerSerial_admittedDirectly() {
    X509Certificate noSkid = TestPki.cert("CN=no skid,O=bpfsign test", LEAF_KEY).noSkid().build();
    Bytes cms = TestCms.sign(LOADER.insns().toArray(), LEAF_KEY.getPrivate(), noSkid, TestCms.SignerId.ISSUER_SERIAL, false);
    Verdict v = VerifierTest.trusting(noSkid).verify(
        LOADER.withSignature(new SignatureBlock(Scheme.LINUX_6_18, cms, LOADER.insns().sha256())));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }
}
