package dev.bpfsign.signer;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSSignatureEncryptionAlgorithmFinder;

/**
 * Names RSA PKCS#1 v1.5 SignerInfo signatures {@code rsaEncryption} with NULL parameters, as
 * OpenSSL (and so bpftool) writes them, instead of Bouncy Castle's default
 * {@code sha256WithRSAEncryption}. Both verify; only this one is byte-identical to bpftool's.
 * Other algorithms (ECDSA, EdDSA) keep their signature algorithm identifier, as OpenSSL does.
 */
final class RsaEncryptionIdentifier implements CMSSignatureEncryptionAlgorithmFinder {
  private static final AlgorithmIdentifier RSA_ENCRYPTION =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

  @Override
  public AlgorithmIdentifier findEncryptionAlgorithm(AlgorithmIdentifier signatureAlgorithm) {
    var oid = signatureAlgorithm.getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)
        || oid.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption)
        || oid.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption)
        || oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return RSA_ENCRYPTION;
    }
    return signatureAlgorithm;
  }
}
