package dev.bpfsign.runtime;

import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a path lies in a BPF file system (statfs magic), where objects can be pinned. */
public final class Bpffs {
  /** {@code BPF_FS_MAGIC} from linux/magic.h. */
  public static final long MAGIC = 0xcafe4a11L;
  public static final Path DEFAULT_MOUNT = Path.of("/sys/fs/bpf");

  private Bpffs() {}

  /** True when {@code path}, or its nearest existing ancestor, is on bpffs. */
  public static boolean contains(Path path) {
    Path p = path.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return false;
    }
    try {
      return (Sys.statfsType(p.toString()) & 0xffffffffL) == MAGIC;
    } catch (SyscallException e) {
      return false;
    }
  }
}
