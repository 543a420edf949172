package dev.bpfsign.loader.skel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The host C compiler and libbpf's {@code skel_internal.h}, for checking that generated headers
 * compile. Missing tools skip the test loudly, except under {@code BPFSIGN_REQUIRE_KERNEL=1}
 * (CI), where a missing gcc or system {@code skel_internal.h} fails it.
 */
final class CCompiler {
  static final String REQUIRE_ENV = "BPFSIGN_REQUIRE_KERNEL";
  /** A directory with {@code bpf/*.h} from libbpf ≥ 1.7 and {@code linux/bpf.h} from Linux ≥ 6.18. */
  static final String SIGNING_INCLUDE_ENV = "BPFSIGN_LIBBPF_INCLUDE";
  private static final Path SYSTEM_SKEL_INTERNAL = Path.of("/usr/include/bpf/skel_internal.h");

  private CCompiler() {}

  static boolean required() {
    return "1".equals(System.getenv(REQUIRE_ENV));
  }

  /** Skips (or, when required, fails) unless gcc and the system's libbpf headers are present. */
  static void requireGccAndSystemLibbpf() {
    String missing = !onPath("gcc") ? "gcc is not installed"
        : !Files.isRegularFile(SYSTEM_SKEL_INTERNAL) ? SYSTEM_SKEL_INTERNAL + " is missing (install libbpf-dev)" : null;
    if (missing == null) {
      return;
    }
    String msg = "SKIPPED LOUDLY: cannot compile generated skeletons: " + missing;
    if (required()) {
      Assertions.fail(msg + " (and " + REQUIRE_ENV + "=1)");
    }
    System.err.println(msg);
    Assumptions.abort(msg);
  }

  /**
   * Include directory for signed headers, which need libbpf ≥ 1.7's {@code skel_internal.h}
   * (signature, keyring_id, excl_prog_hash): the system's if it is that new, else {@value
   * #SIGNING_INCLUDE_ENV}. Debian 12's libbpf-dev 1.1 predates signing; {@code .ci/run} fetches
   * newer headers and sets the variable, so on CI the signed compile check always runs.
   */
  static Optional<List<String>> signingIncludes() throws IOException {
    String env = System.getenv(SIGNING_INCLUDE_ENV);
    if (env != null && Files.isRegularFile(Path.of(env, "bpf", "skel_internal.h"))) {
      return Optional.of(List.of("-I" + env));
    }
    if (Files.isRegularFile(SYSTEM_SKEL_INTERNAL)
        && Files.readString(SYSTEM_SKEL_INTERNAL, StandardCharsets.ISO_8859_1).contains("keyring_id")) {
      return Optional.of(List.of());
    }
    return Optional.empty();
  }

  /** Compiles {@code source} to an object file; returns gcc's output, failing the test on errors. */
  static String compile(Path source, List<String> includes) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("gcc", "-c", "-Wall", "-Werror", "-o",
        source.resolveSibling(source.getFileName() + ".o").toString()));
    cmd.addAll(includes);
    cmd.add(source.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      Assertions.fail("gcc did not finish within 120 s on " + source);
    }
    Assertions.assertEquals(0, p.exitValue(), () -> "gcc failed on " + source + ":\n" + output);
    return output;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
