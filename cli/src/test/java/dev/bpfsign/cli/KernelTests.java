package dev.bpfsign.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bpfsign.runtime.kernel.Bpf;
import dev.bpfsign.runtime.kernel.Sys;
import dev.bpfsign.runtime.kernel.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Assumptions;

/**
 * The CLI's gate for tests that need the kernel: bpf() must work (root or CAP_BPF). Missing →
 * skipped with a loud line, unless BPFSIGN_REQUIRE_KERNEL=1 (CI), where it fails.
 */
final class KernelTests {
  private KernelTests() {}

  static void requireBpf() {
    String missing = null;
    if (!Sys.supported()) {
      missing = "not Linux on a known architecture";
    } else {
      try (Arena arena = Arena.ofConfined()) {
        Sys.close(new Bpf(arena).mapCreate(Bpf.MAP_TYPE_ARRAY, 4, 8, 1, 0, "bpfsign_test", MemorySegment.NULL));
      } catch (SyscallException e) {
        missing = e.getMessage();
      }
    }
    if (missing != null) {
      skipOrFail("kernel test needs bpf(): " + missing);
    }
  }

  static void require(boolean present, String what) {
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
}
