package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.io.DerShape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/** Reading signer certificates (PEM or DER, like bpftool's {@code -i}) and the facts we need of them. */
public final class Certificates {
  private Certificates() {}

  /** Reads one X.509 certificate, PEM or DER; the first one if a PEM file holds several. */
  public static X509Certificate read(Path path) throws BadInputException {
    if (Files.isDirectory(path)) {
      throw new BadInputException(path + ": is a directory, not a certificate");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read certificate: " + SecretSpec.reasonOf(e));
    }
    return parse(bytes, path.toString());
  }

  public static X509Certificate parse(byte[] bytes, String source) throws BadInputException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes));
    } catch (CertificateException | ClassCastException e) {
      throw new BadInputException(source + ": not an X.509 certificate, PEM or DER (" + DerShape.why(bytes) + ")");
    }
  }

  /** The subjectKeyIdentifier extension's key id, which the kernel matches a CMS signer against. */
  public static Optional<byte[]> subjectKeyIdentifier(X509Certificate cert) {
    byte[] extension = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (extension == null) {
      return Optional.empty();
    }
    try {
      ASN1OctetString outer = ASN1OctetString.getInstance(extension);
      return Optional.of(ASN1OctetString.getInstance(outer.getOctets()).getOctets());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A short name for messages and reports: the subject DN, plus the key id when there is one. */
  public static String describe(X509Certificate cert) {
    String subject = cert.getSubjectX500Principal().getName();
    return subjectKeyIdentifier(cert)
        .map(ski -> subject + " (key id " + HexFormat.of().formatHex(ski) + ")")
        .orElse(subject + " (serial " + cert.getSerialNumber().toString(16) + ")");
  }
}
