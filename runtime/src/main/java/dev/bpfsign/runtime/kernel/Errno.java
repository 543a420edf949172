package dev.bpfsign.runtime.kernel;

import java.util.Map;

/** Linux errno numbers the bpf() paths return, with their symbolic names for messages. */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int E2BIG = 7;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EFAULT = 14;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EXDEV = 18;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ENOSPC = 28;
  public static final int ERANGE = 34;
  public static final int ENOSYS = 38;
  public static final int ENOPKG = 65;
  public static final int EBADMSG = 74;
  public static final int EOPNOTSUPP = 95;
  public static final int ENOKEY = 126;
  public static final int EKEYREJECTED = 129;
  /** Kernel-internal "not supported" that leaks to user space from some BPF paths. */
  public static final int ENOTSUPP = 524;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
      Map.entry(E2BIG, "E2BIG"), Map.entry(EBADF, "EBADF"), Map.entry(EAGAIN, "EAGAIN"),
      Map.entry(ENOMEM, "ENOMEM"), Map.entry(EACCES, "EACCES"), Map.entry(EFAULT, "EFAULT"),
      Map.entry(EBUSY, "EBUSY"), Map.entry(EEXIST, "EEXIST"), Map.entry(EXDEV, "EXDEV"),
      Map.entry(ENOTDIR, "ENOTDIR"), Map.entry(EINVAL, "EINVAL"), Map.entry(ENOSPC, "ENOSPC"),
      Map.entry(ERANGE, "ERANGE"), Map.entry(ENOSYS, "ENOSYS"), Map.entry(ENOPKG, "ENOPKG"),
      Map.entry(EBADMSG, "EBADMSG"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
      Map.entry(ENOKEY, "ENOKEY"), Map.entry(EKEYREJECTED, "EKEYREJECTED"),
      Map.entry(ENOTSUPP, "ENOTSUPP"));

  private Errno() {}

  /** "EINVAL (22)", or "errno 123" for a number without a name here. */
  public static String describe(int errno) {
    String name = NAMES.get(errno);
    return name != null ? name + " (" + errno + ")" : "errno " + errno;
  }
}
