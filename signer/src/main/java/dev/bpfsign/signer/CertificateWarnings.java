package dev.bpfsign.signer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate properties that do not stop signing (the kernel checks none of them) but that an
 * admission policy or an auditor will object to, so the signer hears of them first.
 */
public final class CertificateWarnings {
  private static final int DIGITAL_SIGNATURE = 0;

  private CertificateWarnings() {}

  public static List<String> of(X509Certificate cert, Instant now) {
    List<String> warnings = new ArrayList<>();
    if (cert.getBasicConstraints() >= 0) {
      warnings.add("the certificate is a CA certificate (basicConstraints CA:true); sign with a leaf certificate");
    }
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      warnings.add("the certificate expired on " + cert.getNotAfter().toInstant());
    } else if (now.isBefore(cert.getNotBefore().toInstant())) {
      warnings.add("the certificate is not valid before " + cert.getNotBefore().toInstant());
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && (usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE])) {
      warnings.add("the certificate's keyUsage lacks digitalSignature");
    }
    if (Certificates.subjectKeyIdentifier(cert).isEmpty()) {
      warnings.add("the certificate has no subjectKeyIdentifier: the signer is identified by issuer and serial"
          + " number (bpftool would refuse this certificate)");
    }
    return List.copyOf(warnings);
  }
}
