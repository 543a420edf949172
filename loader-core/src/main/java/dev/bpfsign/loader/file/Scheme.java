package dev.bpfsign.loader.file;

import java.util.Optional;

/**
 * A kernel generation's signing scheme, named after the first kernel that verifies it: which
 * bytes the signature covers and which loader the kernel expects (see docs/signing.md).
 */
public enum Scheme {
  /**
   * Linux 6.18 … 7.2: the signature covers the loader instructions only; the signable loader
   * binds the data blob itself with a 33-instruction metadata check of the blob's SHA-256.
   */
  LINUX_6_18("6.18", 1),
  /**
   * Linux 7.3 (the folded scheme): the signature covers instructions ‖ data blob, the kernel
   * checks the blob itself (frozen exclusive map, {@code fd_array_cnt = 1}), and the signable
   * loader has no metadata check. File code 2 (called "2026" before 7.3 was released).
   */
  LINUX_7_3("7.3", 2);

  /** The name the 7.3 scheme had before it reached a kernel; still accepted on the command line. */
  public static final String ALIAS_2026 = "2026";

  private final String label;
  private final int code;

  Scheme(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /** The name used on the command line, in JSON and in messages: the first kernel that verifies it. */
  public String label() {
    return label;
  }

  /** The byte stored in a loader file (variant and signature block). */
  public int code() {
    return code;
  }

  /** The kernels that verify this scheme, in words. */
  public String kernels() {
    return switch (this) {
      case LINUX_6_18 -> "Linux 6.18 to 7.2";
      case LINUX_7_3 -> "Linux 7.3 and later";
    };
  }

  public static Optional<Scheme> fromCode(int code) {
    for (Scheme s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** {@code 6.18}, {@code 7.3} or the alias {@code 2026}. */
  public static Optional<Scheme> fromLabel(String label) {
    if (ALIAS_2026.equals(label)) {
      return Optional.of(LINUX_7_3);
    }
    for (Scheme s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
