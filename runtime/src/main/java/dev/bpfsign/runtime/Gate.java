package dev.bpfsign.runtime;

/** What stood between the loader and the kernel when it loaded. */
public enum Gate {
  /** The kernel checked the loader's signature against a keyring (and the loader its data hash). */
  KERNEL_SIGNATURE("kernel-signature"),
  /**
   * The kernel cannot check signatures (or the loader is unsigned): bpfsign's own admission
   * verdict was the gate; the loader still checks its data hash when it is signable.
   */
  USERSPACE_VERDICT("userspace-verdict");

  private final String label;

  Gate(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
