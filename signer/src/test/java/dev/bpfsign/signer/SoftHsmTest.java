package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with keys on a real PKCS#11 token: a SoftHSM2 token this test initialises in a
 * temporary directory, reached through the JDK's SunPKCS11 provider exactly as
 * {@code bpfsign sign --pkcs11 CONFIG --alias A --pin env:VAR} does.
 */
class SoftHsmTest {
  private static final List<Path> MODULES = List.of(
      Path.of("/usr/lib/softhsm/libsofthsm2.so"),
      Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"));
  private static final String PIN = "4711-bpfsign";
  private static final Map<String, String> ENV = Map.of("TOKEN_PIN", PIN, "WRONG_PIN", "0000");

  @TempDir static Path tokens;
  static Path config;

  @BeforeAll
  static void initialiseToken() throws Exception {
    ExternalTools.require(ExternalTools.onPath("softhsm2-util").isPresent(),
        "softhsm2-util is not installed (apt-get install softhsm2)");
    Optional<Path> module = MODULES.stream().filter(Files::isRegularFile).findFirst();
    ExternalTools.require(module.isPresent(), "the SoftHSM2 PKCS#11 module is not installed (apt-get install softhsm2)");
    String conf = System.getenv("SOFTHSM2_CONF");
    ExternalTools.require(conf != null, "SOFTHSM2_CONF is not set (run this test through Maven)");
    Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");

    ExternalTools.Result init = ExternalTools.run(List.of("softhsm2-util", "--init-token", "--free",
        "--label", "bpfsign-test", "--pin", PIN, "--so-pin", "so-" + PIN), tokens, Map.of("SOFTHSM2_CONF", conf), 60);
    Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init.output());
    assertThat(init.exitCode()).as(init.output()).isZero();
    assertThat(slot.find()).as(init.output()).isTrue();

    config = tokens.resolve("pkcs11.cfg");
    Files.writeString(config, "name = bpfsign-test\nlibrary = " + module.get() + "\nslot = " + slot.group(1) + "\n");
    // SunPKCS11 lists a private key only together with a certificate of the same CKA_ID, so the
    // keys are put on the token with theirs, through the provider's own key store.
    Provider provider = Security.getProvider("SunPKCS11").configure(config.toString());
    KeyStore token = KeyStore.getInstance("PKCS11", provider);
    token.load(null, PIN.toCharArray());
    for (String name : List.of(TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_P256)) {
      token.setEntry(name, new KeyStore.PrivateKeyEntry(TestKeys.privateKey(name),
          new Certificate[] {TestKeys.certificate(name)}), null);
    }
    loggedIn.add(provider);
    logout();
  }

  /** Every provider that may hold a login; PKCS#11 login state is shared by the whole process. */
  private static final List<Provider> loggedIn = new java.util.ArrayList<>();

  /** Each test starts logged out, as a fresh {@code bpfsign} process would. */
  @AfterEach
  void logoutAfterTest() throws Exception {
    logout();
  }

  private static void logout() throws Exception {
    for (Provider p : loggedIn) {
      ((AuthProvider) p).logout();
    }
    loggedIn.clear();
  }

  private static SigningCredentials token(String alias, String pinVariable) throws BadInputException {
    SigningCredentials credentials = Pkcs11Keys.credentials(config, alias,
        Optional.of(SecretSpec.parse("--pkcs11-pin", "env:" + pinVariable)), ENV, Optional.empty());
    loggedIn.add(credentials.provider().orElseThrow());
    return credentials;
  }

  @Test
  void sign_rsaKeyOnToken_byteIdenticalToBpftoolAndKeyStaysOnToken() throws Exception {
    SigningCredentials credentials = token(TestKeys.SIGNER_RSA3072, "TOKEN_PIN");

    SignatureBlock block = LoaderSigner.create(credentials, LoaderSigner.Options.defaults(Material.NOW))
        .sign(Material.signableLoader(Fixtures.MAPS_BASIC), Scheme.LINUX_6_18, "maps_basic");

    assertThat(credentials.provider().orElseThrow().getName()).startsWith("SunPKCS11");
    assertThat(credentials.key().getEncoded()).as("a token key is not extractable").isNull();
    assertThat(block.cms().toArray()).isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG));
  }

  @Test
  void sign_p256KeyOnToken_verifiesWithCertificate() throws Exception {
    SigningCredentials credentials = token(TestKeys.SIGNER_P256, "TOKEN_PIN");
    var loader = Material.signableLoader(Fixtures.MAPS_BASIC);

    SignatureBlock block = LoaderSigner.create(credentials, LoaderSigner.Options.defaults(Material.NOW))
        .sign(loader, Scheme.LINUX_6_18, "maps_basic");

    KernelCmsVerifier.verify(block.cms().toArray(), loader.insns().toArray(),
        TestKeys.certificate(TestKeys.SIGNER_P256), "p256 on token");
  }

  @Test
  void credentials_wrongPin_refusedNamingThePinSource() {
    assertThatThrownBy(() -> token(TestKeys.SIGNER_RSA3072, "WRONG_PIN"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("refused the PIN (from --pkcs11-pin)");
  }

  @Test
  void credentials_unknownAlias_refusedListingAliases() {
    assertThatThrownBy(() -> token("no-such-key", "TOKEN_PIN"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no entry with alias 'no-such-key'")
        .hasMessageContaining(TestKeys.SIGNER_RSA3072);
  }
}
