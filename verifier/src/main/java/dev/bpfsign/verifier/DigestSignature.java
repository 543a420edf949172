package dev.bpfsign.verifier;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * Verifies a SignerInfo signature without signed attributes against a SHA-256 digest the
 * verifier computed itself from the loader's bytes — what the kernel does (it hashes the
 * payload, then checks the signature over that digest). RSA PKCS#1 v1.5 and ECDSA only: the
 * algorithms a kernel verifies.
 */
final class DigestSignature {
  static final String RSA = "1.2.840.113549.1.1.1";
  static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

  /** DER DigestInfo prefix for SHA-256 (AlgorithmIdentifier with NULL parameters, as the kernel wants). */
  private static final byte[] SHA256_DIGEST_INFO = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20
  };

  private DigestSignature() {}

  /** The name of a signature algorithm the kernel cannot verify, if this is one. */
  static Optional<String> notKernel(String signatureOid) {
    return switch (signatureOid) {
      case RSA, SHA256_WITH_RSA, EC_PUBLIC_KEY, ECDSA_WITH_SHA256 -> Optional.empty();
      case "1.3.101.112" -> Optional.of("Ed25519");
      case "1.3.101.113" -> Optional.of("Ed448");
      case "1.2.840.113549.1.1.10" -> Optional.of("RSASSA-PSS");
      default -> Optional.of("algorithm " + signatureOid);
    };
  }

  /**
   * Whether the signature verifies under the key over the SHA-256 digest.
   *
   * @throws GeneralSecurityException if the key does not fit the algorithm
   */
  static boolean verify(PublicKey key, String signatureOid, byte[] sha256, byte[] signature)
      throws GeneralSecurityException {
    switch (signatureOid) {
      case RSA, SHA256_WITH_RSA -> {
        if (!(key instanceof RSAPublicKey)) {
          throw new GeneralSecurityException("an RSA signature but a " + key.getAlgorithm() + " key");
        }
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initVerify(key);
        byte[] digestInfo = Arrays.copyOf(SHA256_DIGEST_INFO, SHA256_DIGEST_INFO.length + sha256.length);
        System.arraycopy(sha256, 0, digestInfo, SHA256_DIGEST_INFO.length, sha256.length);
        s.update(digestInfo);
        try {
          return s.verify(signature);
        } catch (java.security.SignatureException e) {
          return false; // e.g. a value not below the modulus: a bad signature
        }
      }
      case EC_PUBLIC_KEY, ECDSA_WITH_SHA256 -> {
        if (!(key instanceof ECPublicKey)) {
          throw new GeneralSecurityException("an ECDSA signature but a " + key.getAlgorithm() + " key");
        }
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initVerify(key);
        s.update(sha256);
        try {
          return s.verify(signature);
        } catch (java.security.SignatureException e) {
          return false; // a mangled DER signature is a bad signature, not a key problem
        }
      }
      default -> throw new GeneralSecurityException("unsupported signature algorithm " + signatureOid);
    }
  }
}
