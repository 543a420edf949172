package dev.bpfsign.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.PKIXRevocationChecker.Option;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TestKeysTest {
  private static final Instant GOOD_FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant GOOD_TO = Instant.parse("2046-01-01T00:00:00Z");
  /** A moment inside every good certificate's validity, independent of today's date. */
  private static final Date IN_VALIDITY = Date.from(Instant.parse("2030-06-01T00:00:00Z"));
  private static final String SKI = "2.5.29.14";
  private static final String AKI = "2.5.29.35";
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final byte[] DATA = "bpfsign test data".getBytes();

  static final List<String> GOOD = TestKeys.GOOD_CERTIFICATES;
  static final List<String> SIGNERS = TestKeys.SIGNERS;
  static final List<String> KEY_PAIRS =
      List.of(
          TestKeys.ROOT_CA, TestKeys.INTERMEDIATE_CA, TestKeys.CODESIGN_LEAF, TestKeys.SIGNER_RSA2048,
          TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_RSA4096, TestKeys.SIGNER_P256, TestKeys.SIGNER_P384,
          TestKeys.SIGNER_ED25519, TestKeys.BAD_EXPIRED, TestKeys.BAD_NOT_YET_VALID,
          TestKeys.BAD_NO_DIGITAL_SIGNATURE, TestKeys.BAD_NO_SKI, TestKeys.BAD_REVOKED_LEAF);

  @ParameterizedTest
  @FieldSource("GOOD")
  void goodCertificate_hasSkiAndTwentyYearValidity(String name) throws Exception {
    X509Certificate c = TestKeys.certificate(name);
    assertThat(c.getExtensionValue(SKI)).isNotNull();
    assertThat(c.getNotBefore().toInstant()).isEqualTo(GOOD_FROM);
    assertThat(c.getNotAfter().toInstant()).isEqualTo(GOOD_TO);
    ZonedDateTime from = c.getNotBefore().toInstant().atZone(ZoneOffset.UTC);
    assertThat(from.plusYears(20).toInstant()).isEqualTo(c.getNotAfter().toInstant());
    c.checkValidity(IN_VALIDITY);
  }

  @ParameterizedTest
  @FieldSource("GOOD")
  void issuedCertificate_hasAkiMatchingIssuerSki(String name) throws Exception {
    X509Certificate c = TestKeys.certificate(name);
    if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      c.verify(c.getPublicKey());
      return;
    }
    X509Certificate issuer =
        TestKeys.certificate(name.equals(TestKeys.INTERMEDIATE_CA) ? TestKeys.ROOT_CA : TestKeys.INTERMEDIATE_CA);
    c.verify(issuer.getPublicKey());
    byte[] aki = octets(c.getExtensionValue(AKI));
    byte[] issuerSki = octets(issuer.getExtensionValue(SKI));
    // AuthorityKeyIdentifier ::= SEQUENCE { [0] keyIdentifier ... }
    Der.Tlv keyId = Der.parse(aki).children().getFirst();
    assertThat(keyId.tag()).isEqualTo(0x80);
    assertThat(keyId.content()).isEqualTo(Der.parse(issuerSki).content());
  }

  @ParameterizedTest
  @FieldSource("SIGNERS")
  void selfSignedSigner_isDigitalSignatureEndEntity(String name) throws Exception {
    X509Certificate c = TestKeys.certificate(name);
    c.verify(c.getPublicKey());
    assertThat(c.getBasicConstraints()).isEqualTo(-1);
    assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(c.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
  }

  @Test
  void chain_caFlagsAndCodeSigningLeaf() throws Exception {
    X509Certificate root = TestKeys.certificate(TestKeys.ROOT_CA);
    X509Certificate intermediate = TestKeys.certificate(TestKeys.INTERMEDIATE_CA);
    X509Certificate leaf = TestKeys.certificate(TestKeys.CODESIGN_LEAF);
    for (X509Certificate ca : List.of(root, intermediate)) {
      assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
      assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
      assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
    }
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getKeyUsage()[0]).isTrue();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(CODE_SIGNING);
    assertThat(TestKeys.certificates(TestKeys.CODESIGN_CHAIN)).containsExactly(leaf, intermediate);
  }

  @Test
  void chain_validatesUnderRoot() throws Exception {
    pkixValidate(TestKeys.CODESIGN_LEAF, false);
  }

  @Test
  void revokedLeaf_isListedInCrlAndFailsPkixWithRevocation() throws Exception {
    X509Certificate revoked = TestKeys.certificate(TestKeys.BAD_REVOKED_LEAF);
    X509CRL crl = TestKeys.crl(TestKeys.INTERMEDIATE_CRL);
    crl.verify(TestKeys.certificate(TestKeys.INTERMEDIATE_CA).getPublicKey());
    assertThat(crl.isRevoked(revoked)).isTrue();
    assertThat(crl.isRevoked(TestKeys.certificate(TestKeys.CODESIGN_LEAF))).isFalse();
    assertThat(crl.getRevokedCertificate(revoked.getSerialNumber())).isNotNull();

    pkixValidate(TestKeys.BAD_REVOKED_LEAF, false); // otherwise a good chain
    pkixValidate(TestKeys.CODESIGN_LEAF, true);
    assertThatThrownBy(() -> pkixValidate(TestKeys.BAD_REVOKED_LEAF, true))
        .isInstanceOfSatisfying(
            CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
  }

  @Test
  void expired_isExpired() {
    X509Certificate c = TestKeys.certificate(TestKeys.BAD_EXPIRED);
    assertThatThrownBy(c::checkValidity).isInstanceOf(CertificateExpiredException.class);
    assertThatThrownBy(() -> c.checkValidity(IN_VALIDITY)).isInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void notYetValid_isNotYetValid() {
    X509Certificate c = TestKeys.certificate(TestKeys.BAD_NOT_YET_VALID);
    assertThat(c.getNotBefore().toInstant()).isAfter(Instant.parse("2040-01-01T00:00:00Z"));
    assertThatThrownBy(c::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
  }

  @Test
  void noDigitalSignature_lacksOnlyThatKeyUsage() {
    X509Certificate c = TestKeys.certificate(TestKeys.BAD_NO_DIGITAL_SIGNATURE);
    assertThat(c.getKeyUsage()[0]).isFalse();
    assertThat(c.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    assertThat(c.getExtensionValue(SKI)).isNotNull();
  }

  @Test
  void noSki_hasNoSubjectKeyIdentifier() {
    X509Certificate c = TestKeys.certificate(TestKeys.BAD_NO_SKI);
    assertThat(c.getExtensionValue(SKI)).isNull();
    assertThat(c.getKeyUsage()[0]).isTrue();
  }

  @ParameterizedTest
  @FieldSource("KEY_PAIRS")
  void keyPair_matches(String name) throws Exception {
    assertThat(signsFor(TestKeys.privateKey(name), TestKeys.certificate(name).getPublicKey())).isTrue();
  }

  @Test
  void mismatch_keyDoesNotMatchCertificate() throws Exception {
    PrivateKey key = TestKeys.privateKey(TestKeys.BAD_MISMATCH);
    assertThat(signsFor(key, TestKeys.certificate(TestKeys.BAD_MISMATCH).getPublicKey())).isFalse();
  }

  @Test
  void pkcs1AndEncryptedAndPkcs12_holdTheRsa3072SignerKey() throws Exception {
    PrivateKey key = TestKeys.privateKey(TestKeys.SIGNER_RSA3072);
    assertThat(TestKeys.bytes(TestKeys.SIGNER_RSA3072_PKCS1)).asString().startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(TestKeys.privateKey(TestKeys.SIGNER_RSA3072_PKCS1).getEncoded()).isEqualTo(key.getEncoded());
    assertThat(TestKeys.bytes(TestKeys.SIGNER_RSA3072_ENCRYPTED))
        .asString()
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(TestKeys.privateKey(TestKeys.SIGNER_RSA3072_ENCRYPTED).getEncoded()).isEqualTo(key.getEncoded());

    KeyStore ks = TestKeys.keyStore(TestKeys.SIGNER_RSA3072_P12);
    assertThat(ks.isKeyEntry(TestKeys.P12_ALIAS)).isTrue();
    assertThat(ks.getKey(TestKeys.P12_ALIAS, TestKeys.password(TestKeys.SIGNER_RSA3072_P12)).getEncoded())
        .isEqualTo(key.getEncoded());
    assertThat(ks.getCertificate(TestKeys.P12_ALIAS)).isEqualTo(TestKeys.certificate(TestKeys.SIGNER_RSA3072));
  }

  @Test
  void sec1_holdsTheP256SignerKey() {
    assertThat(TestKeys.bytes(TestKeys.SIGNER_P256_SEC1)).asString().startsWith("-----BEGIN EC PRIVATE KEY-----");
    ECPrivateKey sec1 = (ECPrivateKey) TestKeys.privateKey(TestKeys.SIGNER_P256_SEC1);
    ECPrivateKey pkcs8 = (ECPrivateKey) TestKeys.privateKey(TestKeys.SIGNER_P256);
    assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
    assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
  }

  @Test
  void derCopies_equalThePemCertificates() {
    for (String name : List.of(TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_P256, TestKeys.CODESIGN_LEAF)) {
      assertThat(TestKeys.certificate(name + ".cert.der")).isEqualTo(TestKeys.certificate(name));
    }
  }

  @Test
  void passwords_areNonEmpty() {
    assertThat(TestKeys.password(TestKeys.SIGNER_RSA3072_ENCRYPTED)).isNotEmpty();
    assertThat(TestKeys.password(TestKeys.SIGNER_RSA3072_P12)).isNotEmpty();
  }

  @Test
  void path_isARealFileWithTheSameBytes() throws Exception {
    var p = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem");
    assertThat(Files.readAllBytes(p)).isEqualTo(TestKeys.bytes(TestKeys.SIGNER_RSA3072 + ".key.pem"));
    assertThat(p.resolveSibling(TestKeys.SIGNER_RSA3072_P12 + ".pass")).exists();
  }

  @Test
  void missingName_throwsIllegalArgumentNamingIt() {
    assertThatThrownBy(() -> TestKeys.privateKey("no-such-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-key");
    assertThatThrownBy(() -> TestKeys.certificate("no-such-cert"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-cert");
    assertThatThrownBy(() -> TestKeys.path("no-such-file"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-file");
    assertThatThrownBy(() -> TestKeys.password("signer-rsa3072.key.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signer-rsa3072.key.pem.pass");
  }

  /** PKIX validation of leaf + intermediate under the root, optionally with the CRL only. */
  private static void pkixValidate(String leafName, boolean revocation) throws Exception {
    X509Certificate leaf = TestKeys.certificate(leafName);
    X509Certificate intermediate = TestKeys.certificate(TestKeys.INTERMEDIATE_CA);
    CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, intermediate));
    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(TestKeys.certificate(TestKeys.ROOT_CA), null)));
    params.setDate(IN_VALIDITY);
    params.setRevocationEnabled(revocation);
    CertPathValidator validator = CertPathValidator.getInstance("PKIX");
    if (revocation) {
      // the root publishes no CRL: check only the leaf, only against the intermediate's CRL
      PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
      checker.setOptions(EnumSet.of(Option.PREFER_CRLS, Option.NO_FALLBACK, Option.ONLY_END_ENTITY));
      params.addCertPathChecker(checker);
      params.addCertStore(
          CertStore.getInstance(
              "Collection", new CollectionCertStoreParameters(List.of(TestKeys.crl(TestKeys.INTERMEDIATE_CRL)))));
    }
    validator.validate(path, params);
  }

  /** Whether a signature made with {@code key} verifies with {@code pub}. */
  private static boolean signsFor(PrivateKey key, PublicKey pub) throws Exception {
    String alg =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519
        };
    Signature s = Signature.getInstance(alg);
    s.initSign(key);
    s.update(DATA);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(pub);
    v.update(DATA);
    return v.verify(sig);
  }

  /** The contents of the OCTET STRING that getExtensionValue wraps the extension in. */
  private static byte[] octets(byte[] extensionValue) {
    return Der.parse(extensionValue).content();
  }
}
