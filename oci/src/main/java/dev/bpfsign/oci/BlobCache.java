package dev.bpfsign.oci;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A content-addressed store of blobs and manifests: {@code DIR/blobs/sha256/HEX}. Content enters
 * only after its digest was checked, through a temporary file renamed into place, so a reader
 * never sees a partial or unverified entry; what is read back is checked again (a disk can rot).
 * {@link #fetchOnce} holds a lock per digest — a file lock across processes, a JVM lock within
 * one — so concurrent pulls of one reference fetch each blob from the registry once.
 */
public final class BlobCache {
  private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private final Path root;

  /** Fetches content from the registry. */
  @FunctionalInterface
  public interface Fetch {
    byte[] fetch() throws IOException, BadInputException;
  }

  /** Checks fetched content beyond its digest (that it parses as what it should be) before it is cached. */
  @FunctionalInterface
  public interface Check {
    void check(byte[] content) throws BadInputException;
  }

  public BlobCache(Path root) {
    this.root = root;
  }

  /**
   * The cache directory: {@code $CACHE_DIRECTORY} when systemd gives one ({@code CacheDirectory=bpfsign},
   * i.e. {@code /var/cache/bpfsign}), else {@code $XDG_CACHE_HOME/bpfsign/oci}, else
   * {@code ~/.cache/bpfsign/oci}.
   */
  public static Path defaultRoot(Map<String, String> env) {
    String systemd = env.get("CACHE_DIRECTORY");
    if (systemd != null && !systemd.isEmpty()) {
      return Path.of(systemd.split(":")[0]);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "bpfsign", "oci");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "bpfsign", "oci");
  }

  public Path root() {
    return root;
  }

  private Path path(Digest d) {
    return root.resolve("blobs").resolve("sha256").resolve(d.hex());
  }

  /** The cached content of {@code d}, if present and still matching its digest. */
  public Optional<byte[]> get(Digest d) throws IOException {
    Path p = path(d);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    byte[] content = Files.readAllBytes(p);
    if (!d.matches(content)) {
      Files.deleteIfExists(p); // rotted: drop it and fetch again
      return Optional.empty();
    }
    return Optional.of(content);
  }

  /**
   * The content of {@code d}: from the cache, else fetched once (under the digest's lock), its
   * digest and {@code check} passed, then stored. Content failing either is never stored.
   */
  public byte[] fetchOnce(Digest d, String what, Fetch fetch, Check check) throws IOException, BadInputException {
    Optional<byte[]> hit = get(d);
    if (hit.isPresent()) {
      return hit.get();
    }
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(d.hex(), k -> new ReentrantLock());
    jvm.lock();
    try {
      Path locks = Files.createDirectories(root.resolve("locks"));
      try (FileChannel ch = FileChannel.open(locks.resolve(d.hex()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock ignored = ch.lock()) {
        hit = get(d);
        if (hit.isPresent()) {
          return hit.get();
        }
        byte[] content = fetch.fetch();
        if (!d.matches(content)) {
          throw new BadInputException(what + ": content does not match its digest " + d + " (got " + Digest.of(content) + ")");
        }
        check.check(content);
        put(d, content);
        return content;
      }
    } finally {
      jvm.unlock();
    }
  }

  /** Stores verified content: temporary file in the same directory, forced, renamed. */
  void put(Digest d, byte[] content) throws IOException {
    Path target = path(d);
    Path dir = Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(dir, "." + d.hex() + ".", ".tmp");
    try {
      Files.write(tmp, content);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
