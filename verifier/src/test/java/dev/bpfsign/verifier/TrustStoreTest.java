package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust from PEM files and bundles, DER files, directories and PKCS#12 stores; bad files. */
class TrustStoreTest {
  @TempDir Path dir;

  static String fp(String name) {
    return CertIds.of(TestKeys.certificate(name)).fingerprint();
  }

  static List<String> fps(TrustStore t) {
    return t.certificates().stream().map(c -> CertIds.of(c).fingerprint()).toList();
  }

  @Test
  void load_pemAndDer_readTheSameCertificate() throws Exception {
    TrustStore pem = TrustStore.load(List.of(TestKeys.path("signer-rsa3072.cert.pem")));
    TrustStore der = TrustStore.load(List.of(TestKeys.path("signer-rsa3072.cert.der")));

    assertThat(fps(pem)).containsExactly(fp(TestKeys.SIGNER_RSA3072));
    assertThat(fps(der)).isEqualTo(fps(pem));
  }

  @Test
  void load_pemBundle_readsEveryCertificateInOrder() throws Exception {
    TrustStore t = TrustStore.load(List.of(TestKeys.path(TestKeys.CODESIGN_CHAIN)));

    assertThat(fps(t)).containsExactly(fp(TestKeys.CODESIGN_LEAF), fp(TestKeys.INTERMEDIATE_CA));
  }

  @Test
  void load_directory_readsCertificateFilesAndSkipsOthers() throws Exception {
    Files.write(dir.resolve("b.pem"), TestKeys.bytes("signer-p256.cert.pem"));
    Files.write(dir.resolve("a.der"), TestKeys.bytes("signer-rsa2048.cert.der"));
    Files.writeString(dir.resolve("README.txt"), "not a certificate");

    TrustStore t = TrustStore.load(List.of(dir));

    assertThat(fps(t)).containsExactly(fp(TestKeys.SIGNER_RSA2048), fp(TestKeys.SIGNER_P256));
  }

  @Test
  void load_duplicates_keptOnce() throws Exception {
    TrustStore t = TrustStore.load(List.of(TestKeys.path("signer-rsa3072.cert.pem"), TestKeys.path("signer-rsa3072.cert.der")));

    assertThat(t.size()).isEqualTo(1);
  }

  @Test
  void load_pkcs12WithPassword_readsItsCertificate() throws Exception {
    TrustStore t = TrustStore.load(List.of(TestKeys.path(TestKeys.SIGNER_RSA3072_P12)),
        Optional.of(TestKeys.password(TestKeys.SIGNER_RSA3072_P12)));

    assertThat(fps(t)).containsExactly(fp(TestKeys.SIGNER_RSA3072));
  }

  @Test
  void load_pkcs12WithoutPassword_isBadInputNamingTheFile() {
    assertThatThrownBy(() -> TrustStore.load(List.of(TestKeys.path(TestKeys.SIGNER_RSA3072_P12))))
        .isInstanceOf(BadInputException.class).hasMessageContaining("signer-rsa3072.p12").hasMessageContaining("PKCS#12");
  }

  @Test
  void load_keyFileOnly_isBadInput() {
    assertThatThrownBy(() -> TrustStore.load(List.of(TestKeys.path("signer-rsa3072.key.pem"))))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no CERTIFICATE block");
  }

  @Test
  void load_garbageDer_isBadInputNamingTheFile() throws Exception {
    Path f = dir.resolve("junk.der");
    Files.write(f, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});

    assertThatThrownBy(() -> TrustStore.load(List.of(f)))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith(f.toString()).hasMessageContaining("not an X.509 certificate");
  }

  @Test
  void load_missingPath_isBadInput() {
    assertThatThrownBy(() -> TrustStore.load(List.of(dir.resolve("absent.pem"))))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
  }

  @Test
  void readCrls_pem_readsTheIntermediatesCrl() throws Exception {
    assertThat(CertificateFiles.readCrls(List.of(TestKeys.path(TestKeys.INTERMEDIATE_CRL)))).hasSize(1);
  }
}
