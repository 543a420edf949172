package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
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
    forCertificate(cert, source).verify(cms, payload, source);
  }

  /** A verifier bound to one certificate, for checking many signatures by it (what a signer does). */
  public static Bound forCertificate(X509Certificate cert, String source) throws BadInputException {
    try {
      return new Bound(cert, new JcaX509CertificateHolder(cert),
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(cert));
    } catch (CertificateEncodingException | OperatorCreationException e) {
      throw new BadInputException(source + ": certificate cannot be used to verify: " + PemKeys.oneLine(e));
    }
  }

  /** {@link KernelCmsVerifier} with the certificate's parsed forms prepared once. */
  public static final class Bound {
    private final X509Certificate cert;
    private final JcaX509CertificateHolder holder;
    private final SignerInformationVerifier verifier;

    private Bound(X509Certificate cert, JcaX509CertificateHolder holder, SignerInformationVerifier verifier) {
      this.cert = cert;
      this.holder = holder;
      this.verifier = verifier;
    }

    public void verify(byte[] cms, byte[] payload, String source) throws BadInputException {
      SignerInformation signer = kernelShapedSigner(cms, payload, source);
      if (!signer.getSID().match(holder)) {
        throw new BadInputException(source + ": CMS names signer " + describe(signer) + ", not the certificate "
            + Certificates.describe(cert));
      }
      boolean valid;
      try {
        valid = signer.verify(verifier);
      } catch (CMSException | RuntimeException e) {
        valid = false;
      }
      if (!valid) {
        throw new SignatureMismatchException(source + ": the signature does not verify with the public key of "
            + Certificates.describe(cert));
      }
    }
  }

  /** Parses the CMS and checks it has the one shape the kernel verifies; returns its signer. */
  private static SignerInformation kernelShapedSigner(byte[] cms, byte[] payload, String source)
      throws BadInputException {
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
    boolean edDsa = EdECObjectIdentifiers.id_Ed25519.getId().equals(signer.getEncryptionAlgOID());
    var digest = signer.getDigestAlgorithmID().getAlgorithm();
    // Ed25519 (never kernel-verifiable; only with --allow-non-kernel-alg) must use SHA-512 (RFC 8419)
    if (!(edDsa ? NISTObjectIdentifiers.id_sha512 : NISTObjectIdentifiers.id_sha256).equals(digest)) {
      throw new BadInputException(source + ": CMS digest is " + signer.getDigestAlgOID() + ", not SHA-256");
    }
    if (signer.getSignedAttributes() != null) {
      throw new BadInputException(source + ": CMS has signed attributes, which the kernel rejects on BPF signatures");
    }
    return signer;
  }

  /** Whether a CMS (well-formed or not) names {@code cert}'s key as its signer; for finding earlier signatures. */
  public static boolean namesSigner(byte[] cms, X509Certificate cert) {
    try {
      JcaX509CertificateHolder holder = new JcaX509CertificateHolder(cert);
      return new CMSSignedData(cms).getSignerInfos().getSigners().stream().anyMatch(s -> s.getSID().match(holder));
    } catch (CMSException | CertificateEncodingException | RuntimeException e) {
      return false;
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
