package dev.bpfsign.cli;

/** The exit codes every bpfsign command uses; scripts depend on them (README, --help). */
public final class ExitCodes {
  /** Success; for verify and load: the loader was admitted. */
  public static final int OK = 0;
  /** The loader was not admitted (verify, load); the findings say why. */
  public static final int NOT_ADMITTED = 1;
  /** Bad command line: unknown option, missing argument. */
  public static final int USAGE = 2;
  /** Input that cannot be used: missing or unreadable file, malformed ELF, loader, key, certificate, policy. */
  public static final int BAD_INPUT = 3;
  /** The kernel refused: no privileges, the loader failed, a feature is missing. */
  public static final int KERNEL_REFUSED = 4;
  /** The registry could not be reached: connection, TLS handshake, timeout, server error (5xx). Try again later. */
  public static final int NETWORK = 5;
  /** A bug in bpfsign. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
