package dev.bpfsign.kerneltests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A minimal Java runtime for the guest: {@code jlink} from the JDK running the build, with the
 * modules bpfsign needs, cached per JDK version and module list; plus the shared libraries
 * {@code ldd} names for its launcher and libraries (the guest has no /lib of its own).
 */
final class GuestJava {
  /**
   * The modules bpfsign needs at run time (jdeps on the application, plus the PKCS#11 provider
   * for HSM keys). Test-only: a distribution runtime is built elsewhere.
   */
  static final List<String> MODULES = List.of("java.base", "java.naming", "java.sql", "jdk.unsupported",
      "jdk.crypto.cryptoki", "java.logging");

  private GuestJava() {}

  /** The runtime image directory, built once per JDK and module list. */
  static Path runtime() throws IOException, InterruptedException {
    String key = System.getProperty("java.version") + "-" + sha(String.join(",", MODULES)).substring(0, 12);
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "bpfsign", "jlink", key);
    if (Files.isExecutable(cache.resolve("bin/java"))) {
      return cache;
    }
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    Required.require(Files.isExecutable(jlink), "the JDK running the build has no jlink (" + jlink + ")");
    Path tmp = cache.resolveSibling(key + ".tmp-" + ProcessHandle.current().pid());
    Files.createDirectories(tmp.getParent());
    run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files",
        "--no-man-pages", "--generate-cds-archive", "--output", tmp.toString()), 600);
    try {
      Files.move(tmp, cache);
    } catch (IOException e) {
      if (!Files.isExecutable(cache.resolve("bin/java"))) { // another build won the race: fine
        throw e;
      }
    }
    return cache;
  }

  /** Every shared library the runtime's executables and libraries need, as host paths. */
  static List<Path> sharedLibraries(Path runtime) throws IOException, InterruptedException {
    List<Path> binaries = new ArrayList<>();
    binaries.add(runtime.resolve("bin/java"));
    try (Stream<Path> s = Files.walk(runtime.resolve("lib"))) {
      s.filter(p -> p.toString().endsWith(".so")).sorted().forEach(binaries::add);
    }
    TreeSet<String> libs = new TreeSet<>();
    for (Path b : binaries) {
      for (String line : run(List.of("ldd", b.toString()), 60).split("\n")) {
        String l = line.strip();
        // "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
        int arrow = l.indexOf("=> ");
        String path = arrow >= 0 ? l.substring(arrow + 3) : l;
        int paren = path.indexOf(" (");
        path = paren >= 0 ? path.substring(0, paren).strip() : path.strip();
        if (path.startsWith("/") && !path.startsWith(runtime.toString())) {
          libs.add(path);
        }
      }
    }
    return libs.stream().map(Path::of).toList();
  }

  private static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
