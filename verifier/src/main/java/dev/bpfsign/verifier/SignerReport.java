package dev.bpfsign.verifier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One signer of the loader as the verdict reports it.
 *
 * @param signature index of the signature block
 * @param scheme the scheme of that block ({@code 6.18} or {@code 2026})
 * @param signerId how the CMS names the signer ({@code skid …} or issuer and serial)
 * @param certificate the matching certificate, if one was found
 * @param signatureValid the signature verified over the recomputed payload
 * @param trusted the certificate is trusted at the verification time (chain, validity, usage,
 *     revocation, denylist all passed)
 * @param chain subjects from the signer to its trust anchor
 */
public record SignerReport(
    int signature,
    String scheme,
    String signerId,
    Optional<CertIds> certificate,
    boolean signatureValid,
    boolean trusted,
    List<String> chain) {
  public SignerReport {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(signerId, "signerId");
    Objects.requireNonNull(certificate, "certificate");
    chain = List.copyOf(chain);
  }

  /** Verified and trusted: counts towards admission and the policy threshold. */
  public boolean counts() {
    return signatureValid && trusted;
  }
}
