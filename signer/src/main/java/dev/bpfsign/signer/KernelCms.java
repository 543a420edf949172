package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Makes the CMS the kernel verifies on {@code BPF_PROG_LOAD} — the shape of
 * {@code bpftool gen skeleton -S}: SignedData, DER, detached (no eContent), no certificates,
 * no CRLs, one SignerInfo identified by subjectKeyIdentifier (issuer and serial number when
 * the certificate has none), SHA-256, and no signed attributes, so the signature value is
 * computed over the payload directly (the kernel rejects signed attributes on BPF signatures).
 * For RSA this is byte-identical to bpftool's for the same key and payload.
 *
 * <p>The signature value is one JCA {@code Signature} over the payload in the key's provider
 * (a token's key never leaves it); the rest is a few hundred bytes of DER assembled with Bouncy
 * Castle's ASN.1 classes, so signing costs what the signature itself costs.
 */
final class KernelCms {
  private final SigningCredentials credentials;
  private final KeyAlgorithm algorithm;
  private final SignerIdentifier signerId;
  private final AlgorithmIdentifier digest;
  private final AlgorithmIdentifier signature;

  KernelCms(SigningCredentials credentials, KeyAlgorithm algorithm) {
    this.credentials = credentials;
    this.algorithm = algorithm;
    Optional<byte[]> ski = Certificates.subjectKeyIdentifier(credentials.certificate());
    this.signerId = ski.isPresent()
        ? new SignerIdentifier(new DEROctetString(ski.get()))
        : new SignerIdentifier(new IssuerAndSerialNumber(
            X500Name.getInstance(credentials.certificate().getIssuerX500Principal().getEncoded()),
            credentials.certificate().getSerialNumber()));
    this.digest = CmsAlgorithms.digest(algorithm);
    this.signature = CmsAlgorithms.signature(algorithm);
  }

  /** The DER CMS over {@code payload}. */
  byte[] sign(byte[] payload) throws BadInputException {
    byte[] value;
    try {
      Signature signer = credentials.signer(algorithm.jcaSignature());
      signer.update(payload);
      value = signer.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new BadInputException(credentials.keySource() + ": cannot sign with this key (" + algorithm.name()
          + "): " + PemKeys.oneLine(e));
    }
    SignerInfo signerInfo = new SignerInfo(signerId, digest, (ASN1Set) null, signature, new DEROctetString(value),
        (ASN1Set) null);
    SignedData signedData = new SignedData(new DERSet(digest), new ContentInfo(CMSObjectIdentifiers.data, null),
        null, null, new DERSet(signerInfo));
    try {
      return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a fresh CMS failed", e);
    }
  }
}
