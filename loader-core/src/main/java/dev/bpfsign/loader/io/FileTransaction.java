package dev.bpfsign.loader.io;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way bpfsign writes files: every output is first written whole to a temporary file in
 * its directory, synced, read back and checked; only when every output of the command is ready
 * are they renamed over their targets ({@link #commit}). A failure before that leaves every
 * target as it was, so a command with several outputs writes all of them or none.
 *
 * <p>A file rewritten in place ({@link #update}) is read, edited and replaced while this
 * transaction holds an exclusive lock, so concurrent updaters (co-signers) take turns and each
 * sees the previous one's result: none is lost. The lock is a {@code fcntl} lock on a sibling
 * file {@code .NAME.lock} that is never renamed or deleted; a lock on the target itself would be
 * lost with the inode the rename replaces, letting a waiter and a newcomer in at once.
 *
 * <p>A replaced file keeps what it was: symbolic links are followed and their target replaced,
 * the mode, owner and group are carried over (owner and group where the user may set them), and
 * a file the user could not write is refused rather than replaced. Errors name the path the user
 * gave, never a temporary name.
 */
public final class FileTransaction implements AutoCloseable {
  /** Computes a file's new content from its current one, under the lock; null leaves it as it is. */
  public interface Edit {
    byte[] apply(byte[] current) throws IOException, BadInputException;
  }

  /** Checks an output as read back from disk before it replaces anything. */
  public interface Check {
    Check NONE = written -> {};

    void check(byte[] written) throws IOException, BadInputException;
  }

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private record Pending(Path userPath, Path target, Path temporary) {}

  private final Map<Path, Pending> pending = new LinkedHashMap<>();
  private final Map<Path, FileLock> locks = new HashMap<>();
  private boolean committed;

  /**
   * Takes the locks of several files that will be updated, in one fixed order (sorted paths), so
   * two commands updating the same files in different orders cannot deadlock.
   */
  public void lock(Collection<Path> userPaths) throws IOException {
    Map<Path, Path> byTarget = new TreeMap<>();
    for (Path p : userPaths) {
      byTarget.putIfAbsent(existingTarget(p), p);
    }
    for (var e : byTarget.entrySet()) {
      lockTarget(e.getValue(), e.getKey());
    }
  }

  /**
   * Rewrites an existing file in place: under its lock, reads it (at most {@code maxSize}
   * bytes), passes the content to {@code edit}, and prepares the edited content for
   * {@link #commit}. Returns whether the file will change.
   */
  public boolean update(Path userPath, long maxSize, Edit edit, Check check) throws IOException, BadInputException {
    Path target = existingTarget(userPath);
    if (!Files.isWritable(target)) {
      throw new FileSystemException(userPath.toString(), null,
          "not writable by you; bpfsign does not replace a file you could not write (give an output file instead)");
    }
    lockTarget(userPath, target);
    long size = Files.size(target);
    if (size > maxSize) {
      throw new BadInputException(userPath + ": " + size + " bytes is more than the " + maxSize + " this input may have");
    }
    byte[] edited = edit.apply(Files.readAllBytes(target));
    if (edited == null) {
      return false;
    }
    prepare(userPath, target, edited, check);
    return true;
  }

  /** Prepares {@code content} to replace (or create) {@code userPath} on {@link #commit}. */
  public void write(Path userPath, byte[] content, Check check) throws IOException, BadInputException {
    Path target = OutputPaths.target(userPath);
    if (Files.isDirectory(target)) {
      throw new FileSystemException(userPath.toString(), null, "is a directory");
    }
    if (Files.exists(target) && !Files.isWritable(target)) {
      throw new FileSystemException(userPath.toString(), null,
          "not writable by you; bpfsign does not replace a file you could not write");
    }
    prepare(userPath, target, content, check);
  }

  public void write(Path userPath, byte[] content) throws IOException, BadInputException {
    write(userPath, content, Check.NONE);
  }

  /** Renames every prepared output over its target. */
  public void commit() throws IOException {
    for (Pending p : pending.values()) {
      try {
        try {
          Files.move(p.temporary(), p.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(p.temporary(), p.target(), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new FileSystemException(p.userPath().toString(), null, "cannot replace: " + OutputPaths.reason(e));
      }
      syncDirectory(p.target().getParent());
    }
    committed = true;
  }

  /** Deletes what was prepared but not committed, then releases the locks. */
  @Override
  public void close() throws IOException {
    try {
      if (!committed) {
        for (Pending p : pending.values()) {
          Files.deleteIfExists(p.temporary());
        }
      }
    } finally {
      for (FileLock lock : locks.values()) {
        lock.channel().close();
      }
      locks.clear();
    }
  }

  /**
   * Refuses, before any work, an output whose directory does not exist: the same one line as a
   * write would give ({@code PATH: cannot write: no such directory DIR}). bpfsign never creates
   * the directory of an output file (docs/cli.md); a command that fetches or computes for a
   * while checks first, so the user learns it at once.
   */
  public static void requireDirectory(Path userPath) throws IOException {
    requireDirectory(userPath, OutputPaths.target(userPath).getParent());
  }

  private static void requireDirectory(Path userPath, Path dir) throws FileSystemException {
    if (Files.isDirectory(dir)) {
      return;
    }
    throw new FileSystemException(userPath.toString(), null, "cannot write: "
        + (Files.exists(dir) ? OutputPaths.directoryAsGiven(userPath) + " is not a directory"
            : "no such directory " + OutputPaths.directoryAsGiven(userPath)));
  }

  private void prepare(Path userPath, Path target, byte[] content, Check check) throws IOException, BadInputException {
    if (pending.containsKey(target)) {
      throw new FileSystemException(userPath.toString(), null, "is the same file as another output of this command");
    }
    Path dir = target.getParent();
    requireDirectory(userPath, dir);
    PosixFileAttributes keep = Files.exists(target) ? OutputPaths.posixAttributes(target) : null;
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + SEQUENCE.incrementAndGet() + ".tmp");
    try {
      Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (AccessDeniedException e) {
      throw new FileSystemException(userPath.toString(), null,
          "cannot write: the directory " + OutputPaths.directoryAsGiven(userPath) + " is not writable by you");
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new FileSystemException(userPath.toString(), null, "cannot write: " + OutputPaths.reason(e));
    }
    pending.put(target, new Pending(userPath, target, tmp));
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    byte[] readBack = Files.readAllBytes(tmp);
    if (!Arrays.equals(readBack, content)) {
      throw new IOException(userPath + ": the bytes read back differ from those written");
    }
    check.check(readBack);
    if (keep != null) {
      OutputPaths.carryOver(keep, tmp);
    }
  }

  private void lockTarget(Path userPath, Path target) throws IOException {
    if (locks.containsKey(target)) {
      return;
    }
    Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
    try {
      Files.createFile(lockFile);
      // those who may write the file may take its lock
      OutputPaths.carryOver(OutputPaths.posixAttributes(target), lockFile);
      OutputPaths.addOwnerWrite(lockFile);
    } catch (FileAlreadyExistsException e) {
      // another updater made it: it is the same lock
    } catch (IOException e) {
      throw new FileSystemException(userPath.toString(), null,
          "cannot create its lock file " + lockFile.getFileName() + ": " + OutputPaths.reason(e));
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new FileSystemException(userPath.toString(), null,
          "cannot open its lock file " + lockFile.getFileName() + ": " + OutputPaths.reason(e));
    }
    try {
      locks.put(target, channel.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new FileSystemException(userPath.toString(), null,
          "cannot lock " + lockFile.getFileName() + ": " + OutputPaths.reason(e));
    }
  }

  private static Path existingTarget(Path userPath) throws IOException {
    Path target = OutputPaths.target(userPath);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(userPath.toString());
    }
    if (Files.isDirectory(target)) {
      throw new FileSystemException(userPath.toString(), null, "is a directory");
    }
    return target;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // durability of the rename is best effort where directories cannot be synced
    }
  }

  /** The outputs prepared so far, for tests. */
  List<Path> prepared() {
    return new ArrayList<>(pending.keySet());
  }
}
