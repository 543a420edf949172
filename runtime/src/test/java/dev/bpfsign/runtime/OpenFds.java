package dev.bpfsign.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts this process's open file descriptors (/proc/self/fd) for leak checks. */
public final class OpenFds {
  private OpenFds() {}

  public static long count() {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count() - 1; // the directory stream's own fd
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
