package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks, before anything is signed, that the private key belongs to the certificate, as far as
 * the key lets us look at it (a token's key may show nothing). Whatever passes here is checked
 * again for certain by verifying the first signature with the certificate.
 */
final class KeyCertificateMatch {
  private KeyCertificateMatch() {}

  static void check(SigningCredentials credentials, KeyAlgorithm algorithm) throws BadInputException {
    PrivateKey key = credentials.key();
    PublicKey pub = credentials.certificate().getPublicKey();
    String keyFamily = family(key.getAlgorithm());
    String certFamily = family(pub.getAlgorithm());
    if (!keyFamily.equals(certFamily)) {
      throw mismatch(credentials, "the key is " + keyFamily + " but the certificate's key is " + algorithm.name());
    }
    if (key instanceof RSAPrivateKey rsaKey && pub instanceof RSAPublicKey rsaPub
        && !rsaKey.getModulus().equals(rsaPub.getModulus())) {
      throw mismatch(credentials, "the RSA moduli differ");
    }
    if (key instanceof ECPrivateKey ecKey && pub instanceof ECPublicKey ecPub
        && !ecKey.getParams().getOrder().equals(ecPub.getParams().getOrder())) {
      throw mismatch(credentials, "the key and the certificate use different curves");
    }
  }

  static BadInputException mismatch(SigningCredentials credentials, String detail) {
    return new BadInputException(credentials.keySource() + ": the private key does not belong to the certificate "
        + Certificates.describe(credentials.certificate()) + ": " + detail);
  }

  private static String family(String jcaAlgorithm) {
    return switch (jcaAlgorithm) {
      case "RSA", "RSASSA-PSS" -> "RSA";
      case "EC", "ECDSA" -> "EC";
      case "Ed25519", "EdDSA", "Ed448" -> "EdDSA";
      default -> jcaAlgorithm;
    };
  }
}
