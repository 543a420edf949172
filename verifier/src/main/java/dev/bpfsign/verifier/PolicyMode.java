package dev.bpfsign.verifier;

/** Whether policy violations refuse admission or are only recorded. */
public enum PolicyMode {
  /** Policy violations are errors: the loader is not admitted. */
  ENFORCE,
  /**
   * Policy violations are recorded with severity {@link Severity#AUDIT} and do not refuse.
   * Signature, trust and integrity failures still refuse: audit relaxes policy, never trust.
   */
  AUDIT
}
