package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Private keys in PEM files, as OpenSSL writes them: PKCS#8 ({@code PRIVATE KEY}), encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1
 * ({@code EC PRIVATE KEY}), the last two also with OpenSSL's legacy PEM encryption.
 */
public final class PemKeys {
  private PemKeys() {}

  /** Reads the private key; signing with it happens in the platform's providers. */
  public static SigningCredentials credentials(Path keyFile, Optional<SecretSpec> password,
      java.util.Map<String, String> environment, java.security.cert.X509Certificate certificate)
      throws BadInputException {
    return SigningCredentials.inSoftware(read(keyFile, password, environment), certificate, keyFile.toString());
  }

  public static PrivateKey read(Path keyFile, Optional<SecretSpec> password, java.util.Map<String, String> environment)
      throws BadInputException {
    if (Files.isDirectory(keyFile)) {
      throw new BadInputException(keyFile + ": is a directory, not a PEM private key");
    }
    Object pem;
    try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      pem = parser.readObject();
    } catch (java.nio.charset.MalformedInputException e) {
      throw new BadInputException(keyFile + ": not a PEM private key (binary content)");
    } catch (IOException e) {
      if (e instanceof java.nio.file.FileSystemException fs) {
        throw new BadInputException(keyFile + ": cannot read private key: " + SecretSpec.reasonOf(fs));
      }
      // Bouncy Castle's message describes its parser ("failed to construct sequence from byte[]")
      throw new BadInputException(keyFile + ": malformed PEM private key (the block's base64 content is not a valid"
          + " DER key: damaged or truncated?)");
    }
    // the platform's key factories: the key signs in the platform's providers (SigningCredentials)
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      return switch (pem) {
        case null -> throw new BadInputException(keyFile + ": no PEM private key in the file");
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
        case PKCS8EncryptedPrivateKeyInfo encrypted -> decrypt(keyFile, encrypted, password, environment, converter);
        case PEMEncryptedKeyPair legacy -> decryptLegacy(keyFile, legacy, password, environment, converter);
        case X509CertificateHolder cert ->
            throw new BadInputException(keyFile + ": holds a certificate, not a private key (give it with --cert)");
        default -> throw new BadInputException(keyFile + ": holds a " + pem.getClass().getSimpleName()
            + ", not a private key");
      };
    } catch (PEMException e) {
      throw new BadInputException(keyFile + ": unusable private key (an algorithm this build does not support, or a"
          + " damaged encoding)");
    }
  }

  private static PrivateKey decrypt(Path keyFile, PKCS8EncryptedPrivateKeyInfo encrypted, Optional<SecretSpec> password,
      java.util.Map<String, String> environment, JcaPEMKeyConverter converter) throws BadInputException, PEMException {
    char[] pass = requirePassword(keyFile, password, environment);
    try {
      PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(pass));
      return converter.getPrivateKey(info);
    } catch (PKCSException e) {
      throw new BadInputException(keyFile + ": wrong password for the encrypted private key (from "
          + password.get().option() + ")");
    } catch (OperatorCreationException e) {
      throw new BadInputException(keyFile + ": unsupported private key encryption (re-encrypt it with"
          + " 'openssl pkcs8 -topk8 -v2 aes-256-cbc')");
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  private static PrivateKey decryptLegacy(Path keyFile, PEMEncryptedKeyPair legacy, Optional<SecretSpec> password,
      java.util.Map<String, String> environment, JcaPEMKeyConverter converter) throws BadInputException, PEMException {
    char[] pass = requirePassword(keyFile, password, environment);
    try {
      return converter.getKeyPair(legacy.decryptKeyPair(
          new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(pass))).getPrivate();
    } catch (EncryptionException e) {
      throw new BadInputException(keyFile + ": wrong password for the encrypted private key (from "
          + password.get().option() + ")");
    } catch (IOException e) {
      throw new BadInputException(keyFile + ": wrong password or corrupt encrypted private key");
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  private static char[] requirePassword(Path keyFile, Optional<SecretSpec> password,
      java.util.Map<String, String> environment) throws BadInputException {
    if (password.isEmpty()) {
      throw new BadInputException(keyFile + ": the private key is encrypted; give its password with"
          + " --key-pass env:VARIABLE or --key-pass file:PATH");
    }
    return password.get().read(environment);
  }

  static String oneLine(Exception e) {
    String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
