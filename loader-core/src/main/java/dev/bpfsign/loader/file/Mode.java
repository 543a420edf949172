package dev.bpfsign.loader.file;

/** How a loader binds its data blob. */
public enum Mode {
  /** {@code bpftool gen skeleton -L}: no hash check, host may override map sizes and initial values. */
  PLAIN("plain"),
  /**
   * {@code bpftool gen skeleton -L -S}: the instructions embed SHA-256 of the data blob and check
   * it against the frozen, exclusive loader map; no ctx overrides.
   */
  SIGNABLE("signable");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  /** The lower-case name used in JSON and on the command line. */
  public String label() {
    return label;
  }
}
