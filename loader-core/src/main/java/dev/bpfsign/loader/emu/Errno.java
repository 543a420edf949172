package dev.bpfsign.loader.emu;

/** The errno values a loader and the simulated kernel deal in (Linux, all architectures). */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int E2BIG = 7;
  public static final int EBADF = 9;
  public static final int EFAULT = 14;
  public static final int EINVAL = 22;

  private Errno() {}
}
