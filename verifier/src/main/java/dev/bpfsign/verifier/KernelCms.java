package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * Parses the DER CMS of a signature block with Bouncy Castle's ASN.1 classes (not the full CMS
 * API: verification here is over a digest computed once from the loader's own bytes).
 */
final class KernelCms {
  private KernelCms() {}

  /** Thrown for anything that is not a DER ContentInfo(SignedData) with at least one signer. */
  static final class MalformedCmsException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCmsException(String message) {
      super(message);
    }
  }

  static CmsEnvelope parse(Bytes der) throws MalformedCmsException {
    try {
      ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der.toArray()));
      if (ci == null || !CmsEnvelope.ID_SIGNED_DATA.equals(ci.getContentType().getId())) {
        throw new MalformedCmsException("not a CMS SignedData (content type "
            + (ci == null ? "missing" : ci.getContentType().getId()) + ")");
      }
      SignedData sd = SignedData.getInstance(ci.getContent());
      ContentInfo encap = sd.getEncapContentInfo();
      List<byte[]> certs = new ArrayList<>();
      ASN1Set certSet = sd.getCertificates();
      if (certSet != null) {
        for (ASN1Encodable e : certSet) {
          certs.add(Certificate.getInstance(e).getEncoded("DER"));
        }
      }
      List<CmsSigner> signers = new ArrayList<>();
      for (ASN1Encodable e : sd.getSignerInfos()) {
        signers.add(signer(SignerInfo.getInstance(e)));
      }
      if (signers.isEmpty()) {
        throw new MalformedCmsException("SignedData has no SignerInfo");
      }
      return new CmsEnvelope(encap.getContent() == null, encap.getContentType().getId(), certs, signers);
    } catch (IOException | RuntimeException e) {
      throw new MalformedCmsException("not DER CMS: " + CertificateFiles.oneLine(e));
    }
  }

  private static CmsSigner signer(SignerInfo si) throws IOException {
    SignerIdentifier sid = si.getSID();
    Optional<byte[]> skid = Optional.empty();
    Optional<X500Principal> issuer = Optional.empty();
    Optional<java.math.BigInteger> serial = Optional.empty();
    if (sid.isTagged()) {
      skid = Optional.of(ASN1OctetString.getInstance((ASN1TaggedObject) sid.getId(), false).getOctets());
    } else {
      IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(sid.getId());
      issuer = Optional.of(new X500Principal(ias.getName().getEncoded("DER")));
      serial = Optional.of(ias.getSerialNumber().getValue());
    }
    return new CmsSigner(skid, issuer, serial,
        si.getDigestAlgorithm().getAlgorithm().getId(),
        si.getDigestEncryptionAlgorithm().getAlgorithm().getId(),
        si.getAuthenticatedAttributes() != null,
        si.getEncryptedDigest().getOctets());
  }
}
