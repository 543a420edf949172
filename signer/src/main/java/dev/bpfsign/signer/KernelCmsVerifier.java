package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks a kernel-format CMS against a payload and a certificate the way the kernel would: one
 * signer, SHA-256, no signed attributes, detached id-data, the signer identifier naming the
 * certificate, and a signature value that verifies with the certificate's public key. Used to
 * verify every signature before it is written, and to check signatures made by other tools.
 */
public final class KernelCmsVerifier {
  private KernelCmsVerifier() {}

  /** Throws, naming the first defect, unless {@code cms} is a valid kernel signature of {@code payload} by {@code cert}. */
  public static void verify(byte[] cms, byte[] payload, X509Certificate cert, String source) throws BadInputException {
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(new CMSProcessableByteArray(payload), cms);
    } catch (CMSException | IllegalArgumentException | ClassCastException e) {
      throw new BadInputException(source + ": not a DER CMS SignedData");
    }
    ContentInfo info = signed.toASN1Structure();
    if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
      throw new BadInputException(source + ": CMS content type is not signedData");
    }
    SignedData signedData = SignedData.getInstance(info.getContent());
    if (!CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType())) {
      throw new BadInputException(source + ": CMS encapsulated content type is not id-data");
    }
    if (signedData.getEncapContentInfo().getContent() != null) {
      throw new BadInputException(source + ": CMS is not detached (it embeds content)");
    }
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      throw new BadInputException(source + ": CMS has " + signers.size() + " signers, the kernel format has one");
    }
    SignerInformation signer = signers.iterator().next();
    if (!NISTObjectIdentifiers.id_sha256.equals(signer.getDigestAlgorithmID().getAlgorithm())) {
      throw new BadInputException(source + ": CMS digest is " + signer.getDigestAlgOID() + ", not SHA-256");
    }
    if (signer.getSignedAttributes() != null) {
      throw new BadInputException(source + ": CMS has signed attributes, which the kernel rejects on BPF signatures");
    }
    JcaX509CertificateHolder holder;
    try {
      holder = new JcaX509CertificateHolder(cert);
    } catch (CertificateEncodingException e) {
      throw new BadInputException(source + ": certificate cannot be encoded: " + PemKeys.oneLine(e));
    }
    if (!signer.getSID().match(holder)) {
      throw new BadInputException(source + ": CMS names signer " + describe(signer) + ", not the certificate "
          + Certificates.describe(cert));
    }
    boolean valid;
    try {
      valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(cert));
    } catch (OperatorCreationException | CMSException | RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new BadInputException(source + ": the signature does not verify with the public key of "
          + Certificates.describe(cert));
    }
  }

  private static String describe(SignerInformation signer) {
    var sid = signer.getSID();
    if (sid.getSubjectKeyIdentifier() != null) {
      return "key id " + HexFormat.of().formatHex(sid.getSubjectKeyIdentifier());
    }
    return sid.getIssuer() + " serial " + (sid.getSerialNumber() != null ? sid.getSerialNumber().toString(16) : "?");
  }
}
