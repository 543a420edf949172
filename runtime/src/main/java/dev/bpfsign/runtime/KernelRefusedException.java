package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Errno;

/**
 * The kernel refused a step of loading, pinning or attaching. The message is one line naming
 * the step, the errno and, where it is known, the cause and what to do about it.
 */
public final class KernelRefusedException extends Exception {
  private final String step;
  private final int errno;

  public KernelRefusedException(String step, int errno, String cause) {
    super(step + ": " + Errno.describe(errno) + (cause.isEmpty() ? "" : " — " + cause));
    this.step = step;
    this.errno = errno;
  }

  /** What was being done, in words. */
  public String step() {
    return step;
  }

  public int errno() {
    return errno;
  }
}
