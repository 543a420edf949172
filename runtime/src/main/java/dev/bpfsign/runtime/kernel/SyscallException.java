package dev.bpfsign.runtime.kernel;

/** A system call failed; carries the call that failed and the kernel's errno. */
public final class SyscallException extends Exception {
  private final String call;
  private final int errno;

  public SyscallException(String call, int errno) {
    super(call + " failed: " + Errno.describe(errno));
    this.call = call;
    this.errno = errno;
  }

  /** What was called, e.g. "BPF_PROG_LOAD". */
  public String call() {
    return call;
  }

  public int errno() {
    return errno;
  }
}
