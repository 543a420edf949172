package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.DerShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** A private key and its certificate from a PKCS#12 file ({@code --keystore FILE --alias A}). */
public final class Pkcs12Keys {
  private Pkcs12Keys() {}

  /**
   * @param certificate a certificate to use instead of the one stored with the key
   */
  public static SigningCredentials credentials(Path keystore, String alias, Optional<SecretSpec> storePassword,
      Map<String, String> environment, Optional<X509Certificate> certificate) throws BadInputException {
    if (Files.isDirectory(keystore)) {
      throw new BadInputException(keystore + ": is a directory, not a PKCS#12 keystore");
    }
    char[] pass = storePassword.isPresent() ? storePassword.get().read(environment) : new char[0];
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, pass);
      } catch (java.nio.file.FileSystemException e) {
        throw new BadInputException(keystore + ": cannot read keystore: " + SecretSpec.reasonOf(e));
      } catch (IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
          throw new BadInputException(keystore + ": wrong keystore password"
              + storePassword.map(s -> " (from " + s.option() + ")").orElse(" (none given; use --store-pass)"));
        }
        throw new BadInputException(keystore + ": not a PKCS#12 keystore (" + DerShape.why(head(keystore), false) + ")");
      }
      if (!store.containsAlias(alias)) {
        throw new BadInputException(keystore + ": no entry with alias '" + alias + "' (aliases: "
            + String.join(", ", Collections.list(store.aliases())) + ")");
      }
      Key key;
      try {
        key = store.getKey(alias, pass);
      } catch (UnrecoverableKeyException e) {
        throw new BadInputException(keystore + ": the key of alias '" + alias
            + "' has a password other than the keystore's, which is not supported");
      }
      if (!(key instanceof PrivateKey privateKey)) {
        throw new BadInputException(keystore + ": alias '" + alias + "' holds no private key");
      }
      X509Certificate cert = certificate.isPresent() ? certificate.get() : storedCertificate(store, keystore, alias);
      return SigningCredentials.inSoftware(privateKey, cert, keystore + " alias " + alias);
    } catch (GeneralSecurityException e) {
      throw new BadInputException(keystore + ": cannot use keystore: " + PemKeys.oneLine(e));
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  static X509Certificate storedCertificate(KeyStore store, Object where, String alias)
      throws BadInputException, GeneralSecurityException {
    Certificate cert = store.getCertificate(alias);
    if (!(cert instanceof X509Certificate x509)) {
      throw new BadInputException(where + ": alias '" + alias + "' has no X.509 certificate; give one with --cert");
    }
    return x509;
  }

  /** The first bytes of a file, to say what it looks like in a message (empty when unreadable). */
  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(512);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
