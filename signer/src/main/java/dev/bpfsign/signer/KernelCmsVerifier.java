package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Checks a kernel-format CMS against a payload and a certificate the way the kernel would: one
 * signer, SHA-256, no signed attributes, detached id-data, the signer identifier naming the
 * certificate, and a signature value that verifies with the certificate's public key over the
 * payload. Used to verify every signature before it is written, and to check signatures made
 * by other tools (bpftool, sign-file).
 */
public final class KernelCmsVerifier {
  private KernelCmsVerifier() {}

  /** Throws, naming the first defect, unless {@code cms} is a valid kernel signature of {@code payload} by {@code cert}. */
  public static void verify(byte[] cms, byte[] payload, X509Certificate cert, String source) throws BadInputException {
    forCertificate(cert, source).verify(cms, payload, source);
  }

  /** A verifier bound to one certificate, for checking many signatures by it (what a signer does). */
  public static Bound forCertificate(X509Certificate cert, String source) throws BadInputException {
    return new Bound(cert, cert.getPublicKey());
  }

  /** Whether a CMS (well-formed or not) names {@code cert}'s key as its signer; for finding earlier signatures. */
  public static boolean namesSigner(byte[] cms, X509Certificate cert) {
    try {
      SignedData signedData = signedData(cms, "cms");
      if (signedData.getSignerInfos().size() != 1) {
        return false;
      }
      return new Signer(cert).isNamedBy(SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0)).getSID());
    } catch (BadInputException | RuntimeException e) {
      return false;
    }
  }

  /** {@link KernelCmsVerifier} with the certificate's key prepared once for the provider. */
  public static final class Bound {
    private final X509Certificate cert;
    private final PublicKey key;
    private final Signer signerOfCert;

    private Bound(X509Certificate cert, PublicKey key) {
      this.cert = cert;
      this.key = key;
      this.signerOfCert = new Signer(cert);
    }

    public void verify(byte[] cms, byte[] payload, String source) throws BadInputException {
      SignerInfo signer = kernelShapedSigner(cms, source);
      if (!signerOfCert.isNamedBy(signer.getSID())) {
        throw new BadInputException(source + ": CMS names signer " + describe(signer.getSID()) + ", not the certificate "
            + Certificates.describe(cert));
      }
      String jca = CmsAlgorithms.jcaVerifier(signer.getDigestAlgorithm(), signer.getDigestEncryptionAlgorithm())
          .orElseThrow(() -> new BadInputException(source + ": CMS signature algorithm "
              + signer.getDigestEncryptionAlgorithm().getAlgorithm() + " with digest "
              + signer.getDigestAlgorithm().getAlgorithm() + " is not one a kernel verifies"));
      boolean valid;
      try {
        // the platform's providers: the certificate's key is already theirs (no conversion)
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(key);
        verifier.update(payload);
        valid = verifier.verify(signer.getEncryptedDigest().getOctets());
      } catch (SignatureException e) {
        valid = false;
      } catch (GeneralSecurityException e) {
        throw new BadInputException(source + ": the certificate's " + key.getAlgorithm() + " key cannot check a "
            + jca + " signature: " + PemKeys.oneLine(e));
      }
      if (!valid) {
        throw new SignatureMismatchException(source + ": the signature does not verify with the public key of "
            + Certificates.describe(cert));
      }
    }
  }

  /** Parses the CMS and checks it has the one shape the kernel verifies; returns its signer. */
  private static SignerInfo kernelShapedSigner(byte[] cms, String source) throws BadInputException {
    SignedData signedData = signedData(cms, source);
    if (!CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType())) {
      throw new BadInputException(source + ": CMS encapsulated content type is not id-data");
    }
    if (signedData.getEncapContentInfo().getContent() != null) {
      throw new BadInputException(source + ": CMS is not detached (it embeds content)");
    }
    int count = signedData.getSignerInfos().size();
    if (count != 1) {
      throw new BadInputException(source + ": CMS has " + count + " signers, the kernel format has one");
    }
    SignerInfo signer;
    try {
      signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
      // Bouncy Castle parses lazily: read every field used later here, so a malformed signer
      // identifier or algorithm is bad input now rather than an exception later (found by fuzzing)
      describe(signer.getSID());
      signer.getDigestAlgorithm().getAlgorithm();
      signer.getDigestEncryptionAlgorithm().getAlgorithm();
      signer.getEncryptedDigest().getOctets();
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException | NullPointerException e) {
      throw new BadInputException(source + ": malformed CMS SignerInfo");
    }
    boolean edDsa = signer.getDigestEncryptionAlgorithm().getAlgorithm().on(EdECObjectIdentifiers.id_edwards_curve_algs);
    // EdDSA (never kernel-verifiable; only with --allow-non-kernel-alg) is paired with SHA-512 (RFC 8419)
    var expected = edDsa ? CmsAlgorithms.SHA512 : CmsAlgorithms.SHA256;
    if (!expected.getAlgorithm().equals(signer.getDigestAlgorithm().getAlgorithm())) {
      throw new BadInputException(source + ": CMS digest is " + signer.getDigestAlgorithm().getAlgorithm()
          + ", not SHA-256");
    }
    if (signer.getAuthenticatedAttributes() != null) {
      throw new BadInputException(source + ": CMS has signed attributes, which the kernel rejects on BPF signatures");
    }
    return signer;
  }

  private static SignedData signedData(byte[] cms, String source) throws BadInputException {
    try {
      ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
      if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
        throw new BadInputException(source + ": CMS content type is not signedData");
      }
      return SignedData.getInstance(info.getContent());
    } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException
        | NullPointerException e) {
      throw new BadInputException(source + ": not a DER CMS SignedData");
    }
  }

  /** The two ways a SignerInfo can name a certificate, read off the certificate once. */
  private static final class Signer {
    private final Optional<byte[]> keyId;
    private final X500Name issuer;
    private final java.math.BigInteger serial;

    Signer(X509Certificate cert) {
      this.keyId = Certificates.subjectKeyIdentifier(cert);
      this.issuer = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
      this.serial = cert.getSerialNumber();
    }

    boolean isNamedBy(SignerIdentifier sid) {
      if (sid.isTagged()) {
        byte[] named = ASN1OctetString.getInstance(sid.getId()).getOctets();
        return keyId.isPresent() && Arrays.equals(keyId.get(), named);
      }
      IssuerAndSerialNumber issuerSerial = IssuerAndSerialNumber.getInstance(sid.getId());
      return issuerSerial.getSerialNumber().getValue().equals(serial) && issuerSerial.getName().equals(issuer);
    }
  }

  private static String describe(SignerIdentifier sid) {
    if (sid.isTagged()) {
      return "key id " + HexFormat.of().formatHex(ASN1OctetString.getInstance(sid.getId()).getOctets());
    }
    IssuerAndSerialNumber issuerSerial = IssuerAndSerialNumber.getInstance(sid.getId());
    return issuerSerial.getName() + " serial " + issuerSerial.getSerialNumber().getValue().toString(16);
  }
}
