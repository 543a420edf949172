package dev.bpfsign.loader.file;

import java.util.Optional;

/** Which bytes a kernel verifies a loader signature over. */
public enum Scheme {
  /** Linux 6.18: the loader instructions only; the blob is bound by the hash inside them. */
  LINUX_6_18("6.18", 1),
  /** bpf-next July 2026 (not in a released kernel yet): instructions followed by the data blob. */
  LINUX_2026("2026", 2);

  private final String label;
  private final int code;

  Scheme(String label, int code) {
    this.label = label;
    this.code = code;
  }

  public String label() {
    return label;
  }

  /** The byte stored in a signature block of a loader file. */
  public int code() {
    return code;
  }

  public static Optional<Scheme> fromCode(int code) {
    for (Scheme s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static Optional<Scheme> fromLabel(String label) {
    for (Scheme s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
