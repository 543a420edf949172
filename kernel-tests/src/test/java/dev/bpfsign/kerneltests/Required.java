package dev.bpfsign.kerneltests;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What happens when an outside part (qemu, busybox-static, the kernel package mirror) is
 * missing: a loud skip, except under {@code BPFSIGN_REQUIRE_KERNEL=1} (CI), where it fails.
 */
final class Required {
  private Required() {}

  static void require(boolean available, String what) {
    if (available) {
      return;
    }
    if ("1".equals(System.getenv("BPFSIGN_REQUIRE_KERNEL"))) {
      fail("BPFSIGN_REQUIRE_KERNEL=1 but " + what);
    }
    String message = "SKIPPED: " + what + " (set BPFSIGN_REQUIRE_KERNEL=1 to make this a failure)";
    System.err.println("*** " + message);
    Assumptions.abort(message);
  }
}
