package dev.bpfsign.verifier;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Says, in our words, why a chain that reaches a trust anchor by name does not validate. The
 * JDK's path builder only says "unable to find valid certification path to requested target";
 * validating the one path the names give, with the same rules, yields a reason and the
 * certificate it is about, which this turns into a sentence naming that certificate.
 */
final class ChainFailure {
  private ChainFailure() {}

  /**
   * @param path the signer first, then each issuer, without the anchor
   * @param anchor the trust anchor the names reach
   */
  static String why(List<X509Certificate> path, X509Certificate anchor, Date when) {
    String fallback = "the chain to trust anchor '" + subject(anchor) + "' does not pass PKIX validation"
        + " (a critical extension, name or policy constraint bpfsign does not satisfy)";
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      params.setRevocationEnabled(false);
      params.setDate(when);
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return fallback; // valid alone: the builder refused it for a reason outside the path
    } catch (CertPathValidatorException e) {
      int i = e.getIndex();
      String about = i >= 0 && i < path.size() ? "certificate '" + subject(path.get(i)) + "'" : "a certificate of the chain";
      String issuer = i >= 0 && i + 1 < path.size() ? "'" + subject(path.get(i + 1)) + "'"
          : "trust anchor '" + subject(anchor) + "'";
      return switch (e.getReason()) {
        case PKIXReason.NOT_CA_CERT -> about + " issues another certificate but is not a CA (basicConstraints)";
        case PKIXReason.INVALID_KEY_USAGE -> about + " may not sign certificates (its keyUsage lacks keyCertSign)";
        case PKIXReason.PATH_TOO_LONG -> "the chain is longer than a pathLenConstraint above " + about + " allows";
        case PKIXReason.UNRECOGNIZED_CRIT_EXT -> about + " has a critical extension bpfsign does not know";
        case PKIXReason.NAME_CHAINING -> about + " names an issuer that is not the next certificate";
        case PKIXReason.INVALID_NAME -> about + " violates a name constraint of its issuers";
        case PKIXReason.INVALID_POLICY -> about + " violates a certificate policy constraint of its issuers";
        case BasicReason.INVALID_SIGNATURE -> "the signature on " + about + " does not verify with the key of " + issuer;
        case BasicReason.ALGORITHM_CONSTRAINED -> about + " uses an algorithm or key size this JDK's security policy"
            + " refuses (jdk.certpath.disabledAlgorithms)";
        case BasicReason.EXPIRED -> about + " has expired";
        case BasicReason.NOT_YET_VALID -> about + " is not yet valid";
        default -> fallback;
      };
    } catch (GeneralSecurityException | RuntimeException e) {
      return fallback;
    }
  }

  private static String subject(X509Certificate c) {
    return CertIds.of(c).subject();
  }
}
