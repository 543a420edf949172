package dev.bpfsign.verifier;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import dev.bpfsign.loader.Bytes;

/**
 * The identifiers of a certificate that findings, policies and verdicts name it by: SHA-256
 * fingerprint of the DER encoding and the subjectKeyIdentifier (lower-case hex), and the subject.
 */
public record CertIds(String fingerprint, Optional<String> skid, String subject) {
  public CertIds {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(skid, "skid");
    Objects.requireNonNull(subject, "subject");
  }

  /** Reads the identifiers of a certificate. */
  public static CertIds of(X509Certificate cert) {
    try {
      String fp = Bytes.of(cert.getEncoded()).sha256().hex();
      return new CertIds(fp, skidOf(cert).map(b -> HexFormat.of().formatHex(b)),
          cert.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253));
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate re-encodes", e);
    }
  }

  /** The key identifier of the subjectKeyIdentifier extension, if present. */
  public static Optional<byte[]> skidOf(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ext == null) {
      return Optional.empty();
    }
    byte[] inner = ASN1OctetString.getInstance(ext).getOctets();
    return Optional.of(SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier());
  }
}
