package dev.bpfsign.runtime.enforce;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cgroup of the unified (v2) hierarchy: its directory, its id (the directory's inode number,
 * which is what {@code bpf_get_current_cgroup_id} returns) and its level below the root (what
 * {@code bpf_get_current_ancestor_cgroup_id} takes).
 */
public record Cgroup(Path path, long id, int level) {
  /** {@code CGROUP2_SUPER_MAGIC} from linux/magic.h. */
  static final long CGROUP2_MAGIC = 0x63677270L;

  /** The cgroup at {@code path}; bad input unless it is a cgroup2 directory. */
  public static Cgroup of(Path path, String option) throws BadInputException {
    Path p = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(p) || !isCgroup2(p)) {
      throw new BadInputException(option + " " + path + ": not a directory of a cgroup2 (unified) hierarchy"
          + " (mount one with 'mount -t cgroup2 none DIR')");
    }
    int level = 0;
    for (Path a = p.getParent(); a != null && isCgroup2(a); a = a.getParent()) {
      level++;
    }
    try {
      long ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
      return new Cgroup(p, ino, level);
    } catch (IOException | UnsupportedOperationException e) {
      throw new BadInputException(option + " " + path + ": cannot read its inode number (" + e.getMessage() + ")");
    }
  }

  private static boolean isCgroup2(Path p) {
    try {
      return (Sys.statfsType(p.toString()) & 0xffffffffL) == CGROUP2_MAGIC;
    } catch (SyscallException e) {
      return false;
    }
  }
}
