package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.time.Instant;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Algorithms, key/certificate pairing, certificate warnings, schemes and loader modes. */
class SignerChecksTest {
  private static final LoaderFile LOADER = Material.signableLoader(Fixtures.MAPS_BASIC);

  @ParameterizedTest
  @ValueSource(strings = {TestKeys.SIGNER_RSA2048, TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_RSA4096,
      TestKeys.SIGNER_P256, TestKeys.SIGNER_P384})
  void sign_kernelAlgorithms_verifyWithCertificate(String name) throws Exception {
    SignatureBlock block = Material.signer(name).sign(LOADER, Scheme.LINUX_6_18, name);

    KernelCmsVerifier.verify(block.cms().toArray(), LOADER.insns().toArray(), TestKeys.certificate(name), name);
    assertThat(Material.signer(name).warnings()).isEmpty();
  }

  @Test
  void create_ed25519_refusedAsNotKernelVerifiable() {
    assertThatThrownBy(() -> Material.signer(TestKeys.SIGNER_ED25519))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("the kernel does not verify Ed25519")
        .hasMessageContaining("--allow-non-kernel-alg");
  }

  @Test
  void create_ed25519Allowed_signsAndVerifies() throws Exception {
    LoaderSigner signer = LoaderSigner.create(Material.pem(TestKeys.SIGNER_ED25519),
        new LoaderSigner.Options(true, false, Material.NOW));
    SignatureBlock block = signer.sign(LOADER, Scheme.LINUX_6_18, "ed25519");
    assertThat(signer.algorithm().kernelVerifiable()).isFalse();
    assertThat(new CMSSignedData(block.cms().toArray()).getSignerInfos().size()).isEqualTo(1);
  }

  @Test
  void create_keyOfAnotherCertificate_refusedPrecisely() {
    assertThatThrownBy(() -> Material.signer(TestKeys.BAD_MISMATCH))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("bad-mismatch.key.pem: the private key does not belong to the certificate")
        .hasMessageContaining("the RSA moduli differ");
  }

  @Test
  void create_ecKeyWithRsaCertificate_refusedPrecisely() {
    assertThatThrownBy(() -> LoaderSigner.create(Material.pem("signer-p256.key.pem", TestKeys.SIGNER_RSA3072),
            LoaderSigner.Options.defaults(Material.NOW)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("the key is EC but the certificate's key is RSA-3072");
  }

  @Test
  void signPayload_otherP256Key_refusedAsMismatchAfterSelfVerification() throws Exception {
    // same curve, different key: only the self-verification can tell
    var p256 = Material.pem(TestKeys.SIGNER_P256);
    var ecKeyP256OtherCert = new SigningCredentials(p256.key(), p256.provider(),
        generatedP256Certificate(), "other.key.pem");
    LoaderSigner signer = LoaderSigner.create(ecKeyP256OtherCert, LoaderSigner.Options.defaults(Material.NOW));
    assertThatThrownBy(() -> signer.sign(LOADER, Scheme.LINUX_6_18, "maps_basic"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("other.key.pem: the private key does not belong to the certificate")
        .hasMessageContaining("does not verify with the certificate's public key");
  }

  /** A P-256 certificate for a fresh key (not the signer-p256 key). */
  private static java.security.cert.X509Certificate generatedP256Certificate() throws Exception {
    var gen = java.security.KeyPairGenerator.getInstance("EC");
    gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    var pair = gen.generateKeyPair();
    var name = new org.bouncycastle.asn1.x500.X500Name("CN=other");
    var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.TEN,
        java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")), java.util.Date.from(Instant.parse("2040-01-01T00:00:00Z")),
        name, pair.getPublic());
    builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectKeyIdentifier, false,
        new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()));
    var holder = builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
        .setProvider(BouncyCastle.PROVIDER).build(pair.getPrivate()));
    return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
  }

  @Test
  void warnings_expiredCertificate_warnsWithDate() throws Exception {
    assertThat(Material.signer(TestKeys.BAD_EXPIRED).warnings())
        .containsExactly("the certificate expired on 2021-01-01T00:00:00Z");
  }

  @Test
  void warnings_notYetValid_warns() throws Exception {
    assertThat(Material.signer(TestKeys.BAD_NOT_YET_VALID).warnings())
        .containsExactly("the certificate is not valid before 2045-01-01T00:00:00Z");
  }

  @Test
  void warnings_noDigitalSignature_warns() throws Exception {
    assertThat(Material.signer(TestKeys.BAD_NO_DIGITAL_SIGNATURE).warnings())
        .containsExactly("the certificate's keyUsage lacks digitalSignature");
  }

  @Test
  void warnings_caCertificate_warns() throws Exception {
    assertThat(Material.signer(TestKeys.ROOT_CA).warnings())
        .anyMatch(w -> w.contains("is a CA certificate"));
  }

  @Test
  void sign_certificateWithoutSki_signerIdentifiedByIssuerAndSerial() throws Exception {
    LoaderSigner signer = Material.signer(TestKeys.BAD_NO_SKI);
    SignatureBlock block = signer.sign(LOADER, Scheme.LINUX_6_18, "no-ski");

    var sid = new CMSSignedData(block.cms().toArray()).getSignerInfos().getSigners().iterator().next().getSID();
    assertThat(sid.getSubjectKeyIdentifier()).isNull();
    assertThat(sid.getSerialNumber()).isEqualTo(TestKeys.certificate(TestKeys.BAD_NO_SKI).getSerialNumber());
    assertThat(signer.warnings()).anyMatch(w -> w.contains("no subjectKeyIdentifier"));
    KernelCmsVerifier.verify(block.cms().toArray(), LOADER.insns().toArray(),
        TestKeys.certificate(TestKeys.BAD_NO_SKI), "no-ski");
  }

  @Test
  void sign_scheme2026_signsInstructionsFollowedByData() throws Exception {
    SignatureBlock block = Material.signer(TestKeys.SIGNER_RSA3072).sign(LOADER, Scheme.LINUX_7_3, "maps_basic");

    byte[] insnsAndData = LOADER.insns().concat(LOADER.data()).toArray();
    KernelCmsVerifier.verify(block.cms().toArray(), insnsAndData, TestKeys.certificate(TestKeys.SIGNER_RSA3072), "2026");
    assertThatThrownBy(() -> KernelCmsVerifier.verify(block.cms().toArray(), LOADER.insns().toArray(),
            TestKeys.certificate(TestKeys.SIGNER_RSA3072), "2026"))
        .hasMessageContaining("does not verify");
    assertThat(block.scheme()).isEqualTo(Scheme.LINUX_7_3);
    assertThat(block.exclProgHash()).isEqualTo(LOADER.insns().sha256());
  }

  @Test
  void sign_plainLoader_refusedSuggestingGen() {
    assertThatThrownBy(() -> Material.signer(TestKeys.SIGNER_RSA3072)
            .sign(Material.plainLoader(Fixtures.MAPS_BASIC), Scheme.LINUX_6_18, "plain.bin"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("plain.bin: a plain loader cannot be signed")
        .hasMessageContaining("'bpfsign gen' without --plain");
  }

  @Test
  void verify_tamperedInstructions_refused() {
    byte[] insns = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS);
    insns[100] ^= 1;
    assertThatThrownBy(() -> KernelCmsVerifier.verify(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG),
            insns, TestKeys.certificate(TestKeys.SIGNER_RSA3072), "tampered"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("tampered: the signature does not verify");
  }

  @Test
  void verify_otherCertificate_namesBothSigners() {
    assertThatThrownBy(() -> KernelCmsVerifier.verify(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG),
            Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS),
            TestKeys.certificate(TestKeys.SIGNER_RSA4096), "golden"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("golden: CMS names signer key id");
  }

  @Test
  void verify_junk_refusedAsNotCms() {
    assertThatThrownBy(() -> KernelCmsVerifier.verify(new byte[] {0x30, 0x03, 1, 2, 3}, new byte[8],
            TestKeys.certificate(TestKeys.SIGNER_RSA3072), "junk"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("junk: not a DER CMS SignedData");
  }
}
