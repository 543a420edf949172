package dev.bpfsign.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Counts this process's open BPF object fds ({@code /proc/self/fd} links to
 * {@code anon_inode:bpf-map}, {@code bpf-prog}, {@code bpf_link}, …) for leak checks. Only BPF
 * fds count: the JVM opens jar and other files lazily at its own pace.
 */
public final class OpenFds {
  private OpenFds() {}

  public static long count() {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.filter(OpenFds::isBpf).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBpf(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("anon_inode:bpf");
    } catch (IOException e) {
      return false; // closed while we looked
    }
  }
}
