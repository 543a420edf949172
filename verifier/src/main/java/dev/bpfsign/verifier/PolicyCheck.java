package dev.bpfsign.verifier;

import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Evaluates a policy's rules; in audit mode its findings are recorded, not refusing. */
final class PolicyCheck {
  private PolicyCheck() {}

  static Finding finding(Policy policy, FindingCode code, String message) {
    return new Finding(code, policy.mode() == PolicyMode.AUDIT ? Severity.AUDIT : code.severity(),
        (policy.mode() == PolicyMode.AUDIT ? "audit: " : "") + message);
  }

  /** Allowed signers and the n-of-m threshold, over the signers that verified and are trusted. */
  static void signers(Policy policy, List<SignerReport> signers, List<X509Certificate> certs, VerificationRun run) {
    if (policy.allowedSigners().isEmpty() && policy.threshold() == 1) {
      return;
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (int i = 0; i < signers.size(); i++) {
      SignerReport r = signers.get(i);
      X509Certificate c = certs.get(i);
      if (!r.counts() || c == null) {
        continue;
      }
      CertIds ids = r.certificate().orElseThrow();
      if (policy.allowedSigners().isEmpty()
          || policy.allowedSigners().stream().anyMatch(rule -> rule.matches(c, ids))) {
        allowed.add(ids.fingerprint());
      }
    }
    if (allowed.size() >= policy.threshold()) {
      return;
    }
    if (policy.threshold() == 1) {
      run.add(finding(policy, FindingCode.POLICY_SIGNER_NOT_ALLOWED,
          "no verified, trusted signer is on the policy's allowed-signer list"));
    } else {
      run.add(finding(policy, FindingCode.POLICY_THRESHOLD_NOT_MET, allowed.size() + " of the required "
          + policy.threshold() + " allowed signers signed the loader"));
    }
  }
}
