package dev.bpfsign.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides whether a kernel test runs: it needs bpf() (root or CAP_BPF).
 * Missing → the test is skipped with a loud line, unless BPFSIGN_REQUIRE_KERNEL=1 (CI), where
 * it fails.
 */
public final class KernelTests {
  private static volatile String missing;
  private static volatile boolean probed;

  private KernelTests() {}

  public static void requireBpf() {
    if (!probed) {
      missing = probe();
      probed = true;
    }
    if (missing == null) {
      return;
    }
    skipOrFail("kernel test needs bpf(): " + missing);
  }

  /** bpf() and a BPF file system at /sys/fs/bpf (.ci/run mounts one). */
  public static void requireBpffs() {
    requireBpf();
    if (!Bpffs.contains(Bpffs.DEFAULT_MOUNT)) {
      skipOrFail("kernel test needs bpffs mounted at " + Bpffs.DEFAULT_MOUNT + " (mount -t bpf bpf " + Bpffs.DEFAULT_MOUNT + ")");
    }
  }

  /** Anything else a kernel test needs from the host. */
  public static void require(boolean present, String what) {
    if (!present) {
      skipOrFail("kernel test needs " + what);
    }
  }

  private static void skipOrFail(String why) {
    if ("1".equals(System.getenv("BPFSIGN_REQUIRE_KERNEL"))) {
      fail(why + " (BPFSIGN_REQUIRE_KERNEL=1)");
    }
    System.err.println("SKIPPED (loudly): " + why);
    Assumptions.abort(why);
  }

  private static String probe() {
    if (!Sys.supported()) {
      return "not Linux on a known architecture (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")";
    }
    try (Arena arena = Arena.ofConfined()) {
      int fd = new Bpf(arena).mapCreate(Bpf.MAP_TYPE_ARRAY, 4, 8, 1, 0, "bpfsign_test", MemorySegment.NULL);
      Sys.close(fd);
      return null;
    } catch (SyscallException e) {
      return e.getMessage();
    }
  }
}
