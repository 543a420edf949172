package dev.bpfsign.signer;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The algorithm identifiers of a kernel-format SignerInfo, written as OpenSSL (and so bpftool)
 * writes them, and read back into the JCA algorithm that checks the signature value.
 */
final class CmsAlgorithms {
  /** sha256 without parameters, as OpenSSL writes it (the digestAlgorithms SET and the SignerInfo). */
  static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
  static final AlgorithmIdentifier SHA512 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512);
  private static final AlgorithmIdentifier RSA_ENCRYPTION =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
  private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
  private static final AlgorithmIdentifier DSA_SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.dsa_with_sha256);
  private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
  private static final AlgorithmIdentifier ED448 = new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed448);

  private CmsAlgorithms() {}

  /** The digest named in the SignerInfo: SHA-256, except EdDSA, which RFC 8419 pairs with SHA-512. */
  static AlgorithmIdentifier digest(KeyAlgorithm algorithm) {
    return algorithm.family() == KeyAlgorithm.Family.EDDSA ? SHA512 : SHA256;
  }

  /** The SignerInfo signatureAlgorithm: RSA as {@code rsaEncryption} with NULL parameters, like OpenSSL. */
  static AlgorithmIdentifier signature(KeyAlgorithm algorithm) {
    return switch (algorithm.family()) {
      case RSA -> RSA_ENCRYPTION;
      case EC -> ECDSA_SHA256;
      case DSA -> DSA_SHA256;
      case EDDSA -> algorithm.name().equals("Ed448") ? ED448 : ED25519;
    };
  }

  /**
   * The JCA algorithm that verifies a SignerInfo's signature value over the content itself (no
   * signed attributes), or empty for combinations a kernel-format CMS never has.
   */
  static Optional<String> jcaVerifier(AlgorithmIdentifier digest, AlgorithmIdentifier signature) {
    ASN1ObjectIdentifier d = digest.getAlgorithm();
    ASN1ObjectIdentifier s = signature.getAlgorithm();
    if (d.equals(NISTObjectIdentifiers.id_sha256)) {
      if (s.equals(PKCSObjectIdentifiers.rsaEncryption) || s.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)) {
        return Optional.of("SHA256withRSA");
      }
      if (s.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)) {
        return Optional.of("SHA256withECDSA");
      }
      if (s.equals(NISTObjectIdentifiers.dsa_with_sha256)) {
        return Optional.of("SHA256withDSA");
      }
    }
    if (d.equals(NISTObjectIdentifiers.id_sha512)) {
      if (s.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return Optional.of("Ed25519");
      }
      if (s.equals(EdECObjectIdentifiers.id_Ed448)) {
        return Optional.of("Ed448");
      }
    }
    return Optional.empty();
  }
}
