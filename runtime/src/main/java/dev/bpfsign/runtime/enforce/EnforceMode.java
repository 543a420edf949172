package dev.bpfsign.runtime.enforce;

import java.util.Locale;

/** Whom the policy trusts with a userspace BPF_PROG_LOAD (docs/enforce.md). */
public enum EnforceMode {
  /** The kernel verifies signatures: a load must carry one and name an allowed keyring. */
  KERNEL_VERIFIED(1, "kernel-verified"),
  /** The kernel cannot verify: only the admission service's cgroup may load. */
  SERVICE_GATED(2, "service-gated");

  private final int code;
  private final String label;

  EnforceMode(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The value of {@code policy.mode} in the BPF program. */
  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static EnforceMode ofCode(int code) {
    for (EnforceMode m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown enforce mode code " + code);
  }

  /** By label; null when unknown. */
  public static EnforceMode ofLabel(String label) {
    for (EnforceMode m : values()) {
      if (m.label.equals(label.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    return null;
  }
}
