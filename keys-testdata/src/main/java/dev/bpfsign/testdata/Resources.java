package dev.bpfsign.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classpath access to the test data, with real file paths on demand. Resources normally live in
 * {@code target/classes} (a directory) but come from a jar when another module depends on this
 * one; then they are copied once into a private temporary directory.
 */
final class Resources {
  static final String BASE = "dev/bpfsign/testdata/";

  private static final Map<String, Path> EXTRACTED = new HashMap<>();
  private static Path extractDir;

  private Resources() {}

  /** The bytes of {@code BASE + relative}; {@link IllegalArgumentException} naming it if absent. */
  static byte[] bytes(String relative) {
    try (InputStream in = open(relative)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data " + relative, e);
    }
  }

  static boolean exists(String relative) {
    return loader().getResource(BASE + relative) != null;
  }

  /** A file system path holding the bytes of {@code BASE + relative}. */
  static synchronized Path path(String relative) {
    URL url = url(relative);
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("bad resource URL " + url, e);
      }
    }
    Path p = EXTRACTED.get(relative);
    if (p == null) {
      try {
        if (extractDir == null) {
          extractDir = Files.createTempDirectory("bpfsign-testdata");
          extractDir.toFile().deleteOnExit();
        }
        // keep the relative layout so sibling files (e.g. *.pass) end up side by side;
        // deleteOnExit runs in reverse order of registration: files first, then directories
        p = extractDir.resolve(relative);
        for (Path dir : parents(extractDir, p.getParent())) {
          if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
            dir.toFile().deleteOnExit();
          }
        }
        Files.write(p, bytes(relative));
        p.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract test data " + relative, e);
      }
      EXTRACTED.put(relative, p);
      // a protected file is useless without its password: extract the .pass sibling with it
      if (!relative.endsWith(".pass") && exists(relative + ".pass")) {
        path(relative + ".pass");
      }
    }
    return p;
  }

  /**
   * The entries of a {@code SHA256SUMS} file ({@code sha256sum} format: hex digest, two
   * characters, path relative to the file's directory), in file order: path to hex digest.
   */
  static Map<String, String> sha256sums(String relative) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String line : new String(bytes(relative), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.length() < 67 || line.charAt(64) != ' ') {
        throw new IllegalStateException("malformed line in " + relative + ": " + line);
      }
      sums.put(line.substring(66), line.substring(0, 64));
    }
    return sums;
  }

  private static InputStream open(String relative) throws IOException {
    return url(relative).openStream();
  }

  private static URL url(String relative) {
    URL url = loader().getResource(BASE + relative);
    if (url == null) {
      throw new IllegalArgumentException(
          "no test data '" + relative + "' (classpath resource " + BASE + relative + ")");
    }
    return url;
  }

  private static List<Path> parents(Path root, Path dir) {
    List<Path> out = new ArrayList<>();
    for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      out.addFirst(d);
    }
    return out;
  }

  private static ClassLoader loader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : Resources.class.getClassLoader();
  }
}
