package dev.bpfsign.loader.skel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The bpftool goldens in keys-testdata ({@code bpf/golden/<fixture>/{plain,signed}.lskel.h} and
 * the raw {@code .bin} splits next to them), found through the golden directory's SHA256SUMS so
 * no classpath directory listing is needed.
 */
final class Goldens {
  static final String ROOT = "dev/bpfsign/testdata/bpf/golden/";

  private Goldens() {}

  /** Every fixture that has goldens, sorted. */
  static List<String> fixtures() {
    // TODO(testdata): fail instead of skipping once the goldens are in main
    byte[] sums = resource("SHA256SUMS").orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(sums != null,
        "SKIPPED LOUDLY: no " + ROOT + "SHA256SUMS on the test classpath: keys-testdata goldens are missing");
    TreeSet<String> names = new TreeSet<>();
    for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[1].endsWith("/plain.lskel.h")) {
        names.add(parts[1].replaceFirst("^\\./", "").replace("/plain.lskel.h", ""));
      }
    }
    return List.copyOf(names);
  }

  static byte[] header(String fixture, String mode) {
    return require(fixture + "/" + mode + ".lskel.h");
  }

  static byte[] bin(String fixture, String mode, String name) {
    return require(fixture + "/" + mode + "/" + name + ".bin");
  }

  static byte[] require(String path) {
    return resource(path).orElseThrow(() -> new IllegalStateException("missing golden " + ROOT + path));
  }

  static Optional<byte[]> resource(String path) {
    try (InputStream in = Goldens.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
