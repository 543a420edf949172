package dev.bpfsign.signer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides what happens when a real outside part (openssl, SoftHSM2, qemu, the
 * kernel package mirror) is missing: the test is skipped with a loud message, except under
 * {@code BPFSIGN_REQUIRE_KERNEL=1} (CI), where it fails instead.
 */
final class ExternalTools {
  private ExternalTools() {}

  static boolean required() {
    return "1".equals(System.getenv("BPFSIGN_REQUIRE_KERNEL"));
  }

  /** Skips (or, when required, fails) unless {@code available}. */
  static void require(boolean available, String what) {
    if (available) {
      return;
    }
    String message = "SKIPPED: " + what + " (set BPFSIGN_REQUIRE_KERNEL=1 to make this a failure)";
    if (required()) {
      fail("BPFSIGN_REQUIRE_KERNEL=1 but " + what);
    }
    System.err.println("*** " + message);
    Assumptions.abort(message);
  }

  /** The first executable named {@code name} on PATH. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  record Result(int exitCode, String output) {}

  /** Runs a command, stdout and stderr merged, with a deadline; never hangs a test. */
  static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Path log = Files.createTempFile("bpfsign-tool", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, Files.readString(log, StandardCharsets.ISO_8859_1) + "\n[timed out after "
            + timeoutSeconds + " s]");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
