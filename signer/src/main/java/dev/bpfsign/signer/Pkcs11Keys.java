package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.LoginException;

/**
 * A key on a PKCS#11 token through the JDK's SunPKCS11 provider ({@code --pkcs11 CONFIG --alias A}).
 * The provider is configured from the SunPKCS11 configuration file and used as an object, never
 * installed globally; signing runs inside it, so the private key stays on the token.
 */
public final class Pkcs11Keys {
  private Pkcs11Keys() {}

  public static SigningCredentials credentials(Path config, String alias, Optional<SecretSpec> pin,
      Map<String, String> environment, Optional<X509Certificate> certificate) throws BadInputException {
    Pkcs11Config.check(config);
    Provider provider = configure(config);
    char[] secret = pin.isPresent() ? pin.get().read(environment) : null;
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      try {
        store.load(null, secret);
      } catch (IOException e) {
        if (pinRefused(e)) {
          throw new BadInputException(config + ": the token refused the PIN"
              + pin.map(s -> " (from " + s.option() + ")").orElse(""));
        }
        throw new BadInputException(config + ": cannot open the token: " + PemKeys.oneLine(e));
      }
      return entry(store, provider, config, alias, pin, certificate);
    } catch (GeneralSecurityException e) {
      throw new BadInputException(config + ": cannot use the token: " + PemKeys.oneLine(e));
    } finally {
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
  }

  private static SigningCredentials entry(KeyStore store, Provider provider, Path config, String alias,
      Optional<SecretSpec> pin, Optional<X509Certificate> certificate) throws BadInputException {
    try {
      if (!store.containsAlias(alias)) {
        throw new BadInputException(config + ": the token has no entry with alias '" + alias + "' (aliases: "
            + String.join(", ", Collections.list(store.aliases())) + ")"
            + (pin.isEmpty() ? "; private keys are usually visible only after login with --pin" : ""));
      }
      Key key = store.getKey(alias, null);
      if (!(key instanceof PrivateKey privateKey)) {
        throw new BadInputException(config + ": alias '" + alias + "' on the token holds no private key");
      }
      X509Certificate cert = certificate.isPresent()
          ? certificate.get()
          : Pkcs12Keys.storedCertificate(store, config, alias);
      return SigningCredentials.inProvider(privateKey, provider, cert, "PKCS#11 token (" + config + ") alias " + alias);
    } catch (BadInputException | RuntimeException e) {
      logoutQuietly(provider);
      throw e;
    } catch (GeneralSecurityException e) {
      logoutQuietly(provider);
      throw new BadInputException(config + ": cannot use the token: " + PemKeys.oneLine(e));
    }
  }

  /** SunPKCS11 wraps a failed C_Login in layers; its PKCS#11 code names the reason. */
  private static boolean pinRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.security.auth.login.FailedLoginException
          || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")
          || String.valueOf(t.getMessage()).contains("CKR_PIN_LEN_RANGE")) {
        return true;
      }
    }
    return false;
  }

  /** Nothing will sign after a failure: do not leave the token logged in. */
  private static void logoutQuietly(Provider provider) {
    try {
      ((AuthProvider) provider).logout();
    } catch (LoginException | RuntimeException ignored) {
      // best effort; the original failure is what the user needs to see
    }
  }

  private static Provider configure(Path config) throws BadInputException {
    // The JDK's PKCS#11 bridge is only reachable through its registered template; configure()
    // returns a new, unregistered provider object bound to the configured token.
    Provider template = Security.getProvider("SunPKCS11");
    if (template == null) {
      throw new BadInputException(config + ": this JDK has no SunPKCS11 provider");
    }
    try {
      return template.configure(config.toString());
    } catch (ProviderException | java.security.InvalidParameterException e) {
      throw new BadInputException(Pkcs11Config.wordJdkFailure(config, e));
    }
  }
}
