package dev.bpfsign.verifier;

/** How much a finding weighs in the verdict (docs/verdict.md). */
public enum Severity {
  /** Refuses admission. */
  ERROR,
  /** Refuses admission only under {@code --strict}. */
  WARNING,
  /** A policy rule that enforce mode would refuse; the policy is in audit mode, so it admits. */
  AUDIT,
  /** A fact worth recording (which signer verified, which scheme); never refuses. */
  INFO;

  /** Whether a finding of this severity refuses admission. */
  public boolean refuses(boolean strict) {
    return this == ERROR || (strict && this == WARNING);
  }
}
