package dev.bpfsign.verifier;

import java.util.Objects;

/**
 * One thing the verifier found: a stable code (docs/verdict.md), its severity, and a one-line
 * message naming what and where ("signature 0: …").
 */
public record Finding(FindingCode code, Severity severity, String message) {
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** A finding with the code's own severity. */
  public static Finding of(FindingCode code, String message) {
    return new Finding(code, code.severity(), message);
  }

  @Override
  public String toString() {
    return severity + " " + code + ": " + message;
  }
}
