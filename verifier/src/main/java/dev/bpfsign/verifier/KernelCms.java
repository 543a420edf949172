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

    private final boolean unreadable;

    MalformedCmsException(String message) {
      this(message, false);
    }

    MalformedCmsException(String message, boolean unreadable) {
      super(message);
      this.unreadable = unreadable;
    }

    /** Not a DER ContentInfo(SignedData) at all, as opposed to one of the wrong shape. */
    boolean unreadable() {
      return unreadable;
    }
  }

  static CmsEnvelope parse(Bytes der) throws MalformedCmsException {
    try {
      byte[] bytes = der.toArray();
      ASN1Primitive top = ASN1Primitive.fromByteArray(bytes);
      if (!java.util.Arrays.equals(top.getEncoded("DER"), bytes)) {
        throw new MalformedCmsException("not DER: the encoding is not the distinguished one");
      }
      ContentInfo ci = ContentInfo.getInstance(top);
      if (ci == null || !CmsEnvelope.ID_SIGNED_DATA.equals(ci.getContentType().getId())) {
        throw new MalformedCmsException("not a CMS SignedData (content type "
            + (ci == null ? "missing" : ci.getContentType().getId()) + ")", true);
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
      strictShape(sd, signers);
      return new CmsEnvelope(encap.getContent() == null, encap.getContentType().getId(), certs, signers);
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle's words ("corrupted stream - out of bounds length found") describe its parser
      throw new MalformedCmsException("not a DER CMS SignedData (" + dev.bpfsign.loader.io.DerShape.why(der.toArray(), false)
          + ")", true);
    }
  }

  /**
   * RFC 5652 version numbers and algorithm sets: a CMS whose bytes were altered outside the
   * signature value must not pass as the one that was signed.
   */
  private static void strictShape(SignedData sd, List<CmsSigner> signers) throws MalformedCmsException {
    boolean anySkid = signers.stream().anyMatch(s -> s.skid().isPresent());
    int version = sd.getVersion().intValueExact();
    if (version != (anySkid ? 3 : 1)) {
      throw new MalformedCmsException("SignedData version " + version + ", expected " + (anySkid ? 3 : 1));
    }
    java.util.Set<String> declared = new java.util.TreeSet<>();
    for (ASN1Encodable e : sd.getDigestAlgorithms()) {
      org.bouncycastle.asn1.x509.AlgorithmIdentifier a = org.bouncycastle.asn1.x509.AlgorithmIdentifier.getInstance(e);
      nullOrAbsent(a, "digestAlgorithms");
      declared.add(a.getAlgorithm().getId());
    }
    java.util.Set<String> used = new java.util.TreeSet<>();
    signers.forEach(s -> used.add(s.digestOid()));
    if (!declared.equals(used)) {
      throw new MalformedCmsException("SignedData digestAlgorithms " + declared + " differ from the signers' " + used);
    }
    int i = 0;
    for (ASN1Encodable e : sd.getSignerInfos()) {
      SignerInfo si = SignerInfo.getInstance(e);
      int expected = si.getSID().isTagged() ? 3 : 1;
      if (si.getVersion().intValueExact() != expected) {
        throw new MalformedCmsException("SignerInfo " + i + " version " + si.getVersion() + ", expected " + expected);
      }
      nullOrAbsent(si.getDigestAlgorithm(), "SignerInfo " + i + " digestAlgorithm");
      nullOrAbsent(si.getDigestEncryptionAlgorithm(), "SignerInfo " + i + " signatureAlgorithm");
      if (si.getUnauthenticatedAttributes() != null) {
        throw new MalformedCmsException("SignerInfo " + i + " has unsigned attributes");
      }
      i++;
    }
  }

  private static void nullOrAbsent(org.bouncycastle.asn1.x509.AlgorithmIdentifier a, String where)
      throws MalformedCmsException {
    ASN1Encodable p = a.getParameters();
    if (p != null && !(p instanceof org.bouncycastle.asn1.ASN1Null)) {
      throw new MalformedCmsException(where + " " + a.getAlgorithm().getId() + " has unexpected parameters");
    }
  }

  private static CmsSigner signer(SignerInfo si) throws IOException {
    SignerIdentifier sid = si.getSID();
    Optional<byte[]> skid = Optional.empty();
    Optional<X500Principal> issuer = Optional.empty();
    Optional<java.math.BigInteger> serial = Optional.empty();
    if (sid.isTagged()) {
      org.bouncycastle.asn1.ASN1TaggedObject tag = (org.bouncycastle.asn1.ASN1TaggedObject) sid.toASN1Primitive();
      if (tag.getTagClass() != org.bouncycastle.asn1.BERTags.CONTEXT_SPECIFIC || tag.getTagNo() != 0) {
        throw new IOException("SignerIdentifier is tagged [" + tag.getTagNo() + "], not [0] subjectKeyIdentifier");
      }
      skid = Optional.of(ASN1OctetString.getInstance(sid.getId()).getOctets()); // getId() unwraps the [0] tag
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
