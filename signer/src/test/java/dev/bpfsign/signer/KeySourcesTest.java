package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to hand over the RSA-3072 golden key gives bpftool's signature byte for byte (RSA
 * PKCS#1 v1.5 is deterministic); the SEC1 P-256 key gives signatures the certificate verifies.
 */
class KeySourcesTest {
  private static final byte[] GOLDEN = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG);
  private static final String PKCS8_PASS = new String(TestKeys.password(TestKeys.SIGNER_RSA3072_ENCRYPTED));
  private static final String P12_PASS = new String(TestKeys.password(TestKeys.SIGNER_RSA3072_P12));

  private static byte[] sign(SigningCredentials credentials) throws BadInputException {
    return LoaderSigner.create(credentials, LoaderSigner.Options.defaults(Material.NOW))
        .sign(Material.signableLoader(Fixtures.MAPS_BASIC), Scheme.LINUX_6_18, "maps_basic").cms().toArray();
  }

  private static SigningCredentials pem(String keyFile, Optional<SecretSpec> pass, Map<String, String> env)
      throws BadInputException {
    return PemKeys.credentials(TestKeys.path(keyFile), pass, env,
        Certificates.read(TestKeys.path("signer-rsa3072.cert.pem")));
  }

  @Test
  void sign_pkcs8Pem_equalsBpftool() throws Exception {
    assertThat(sign(pem("signer-rsa3072.key.pem", Optional.empty(), Map.of()))).isEqualTo(GOLDEN);
  }

  @Test
  void sign_pkcs1Pem_equalsBpftool() throws Exception {
    assertThat(sign(pem(TestKeys.SIGNER_RSA3072_PKCS1, Optional.empty(), Map.of()))).isEqualTo(GOLDEN);
  }

  @Test
  void sign_encryptedPkcs8WithPasswordFromEnv_equalsBpftool() throws Exception {
    var pass = Optional.of(SecretSpec.parse("--key-pass", "env:KEY_PASS"));
    assertThat(sign(pem(TestKeys.SIGNER_RSA3072_ENCRYPTED, pass, Map.of("KEY_PASS", PKCS8_PASS)))).isEqualTo(GOLDEN);
  }

  @Test
  void sign_encryptedPkcs8WithPasswordFile_equalsBpftool(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass"), PKCS8_PASS + "\n");
    var pass = Optional.of(SecretSpec.parse("--key-pass", "file:" + file));
    assertThat(sign(pem(TestKeys.SIGNER_RSA3072_ENCRYPTED, pass, Map.of()))).isEqualTo(GOLDEN);
  }

  @Test
  void sign_pkcs12_equalsBpftool() throws Exception {
    var credentials = Pkcs12Keys.credentials(TestKeys.path(TestKeys.SIGNER_RSA3072_P12), TestKeys.P12_ALIAS,
        Optional.of(SecretSpec.parse("--store-pass", "env:P12")), Map.of("P12", P12_PASS), Optional.empty());
    assertThat(sign(credentials)).isEqualTo(GOLDEN);
  }

  @Test
  void sign_sec1P256_verifiesWithCertificate() throws Exception {
    var credentials = PemKeys.credentials(TestKeys.path(TestKeys.SIGNER_P256_SEC1), Optional.empty(), Map.of(),
        Certificates.read(TestKeys.path("signer-p256.cert.der")));
    byte[] cms = sign(credentials);
    KernelCmsVerifier.verify(cms, Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS),
        TestKeys.certificate(TestKeys.SIGNER_P256), "p256");
  }

  @Test
  void read_encryptedWithoutPassword_asksForKeyPass() {
    assertThatThrownBy(() -> pem(TestKeys.SIGNER_RSA3072_ENCRYPTED, Optional.empty(), Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("encrypted").hasMessageContaining("--key-pass env:VARIABLE");
  }

  @Test
  void read_encryptedWrongPassword_saysWrongPassword() {
    assertThatThrownBy(() -> pem(TestKeys.SIGNER_RSA3072_ENCRYPTED,
            Optional.of(SecretSpec.parse("--key-pass", "env:P")), Map.of("P", "not-it")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("wrong password").hasMessageContaining("--key-pass");
  }

  @Test
  void read_passwordVariableUnset_namesVariable() {
    assertThatThrownBy(() -> pem(TestKeys.SIGNER_RSA3072_ENCRYPTED,
            Optional.of(SecretSpec.parse("--key-pass", "env:NOT_SET_ANYWHERE")), Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--key-pass: environment variable NOT_SET_ANYWHERE is not set");
  }

  @Test
  void parse_literalPassword_refused() {
    assertThatThrownBy(() -> SecretSpec.parse("--key-pass", "hunter2"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("env:VARIABLE or file:PATH");
  }

  @Test
  void read_missingKeyFile_namesFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> PemKeys.read(missing, Optional.empty(), Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(missing + ": cannot read private key: no such file");
  }

  @Test
  void read_certificateGivenAsKey_saysItIsACertificate() {
    assertThatThrownBy(() -> PemKeys.read(TestKeys.path("signer-rsa3072.cert.pem"), Optional.empty(), Map.of()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("holds a certificate, not a private key");
  }

  @Test
  void read_garbageCertificate_refused(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    assertThatThrownBy(() -> Certificates.read(junk))
        .isInstanceOf(BadInputException.class)
        .hasMessage(junk + ": not an X.509 certificate, PEM or DER (it is text without a PEM block of that kind)");
  }

  @Test
  void pkcs12_wrongPassword_saysWrongKeystorePassword() {
    assertThatThrownBy(() -> Pkcs12Keys.credentials(TestKeys.path(TestKeys.SIGNER_RSA3072_P12), TestKeys.P12_ALIAS,
            Optional.of(SecretSpec.parse("--store-pass", "env:P12")), Map.of("P12", "wrong"), Optional.empty()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("wrong keystore password (from --store-pass)");
  }

  @Test
  void pkcs12_unknownAlias_listsAliases() {
    assertThatThrownBy(() -> Pkcs12Keys.credentials(TestKeys.path(TestKeys.SIGNER_RSA3072_P12), "other",
            Optional.of(SecretSpec.parse("--store-pass", "env:P12")), Map.of("P12", P12_PASS), Optional.empty()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no entry with alias 'other'")
        .hasMessageContaining(TestKeys.P12_ALIAS);
  }
}
