package dev.bpfsign.loader.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** What {@link FileTransaction} needs to know about a path: where it really is, and what it is. */
final class OutputPaths {
  /** As the kernel's limit on nested symbolic links (MAXSYMLINKS). */
  private static final int MAX_LINKS = 40;

  private OutputPaths() {}

  /**
   * The file a write to {@code userPath} lands in: symbolic links followed (also a dangling
   * one, which a write creates the target of, as a shell redirection does).
   */
  static Path target(Path userPath) throws IOException {
    Path p = userPath.toAbsolutePath();
    for (int i = 0; Files.isSymbolicLink(p); i++) {
      if (i == MAX_LINKS) {
        throw new FileSystemException(userPath.toString(), null, "too many levels of symbolic links");
      }
      p = p.resolveSibling(Files.readSymbolicLink(p));
    }
    return p;
  }

  /** The directory part of a path as the user wrote it, for messages. */
  static String directoryAsGiven(Path userPath) {
    Path parent = userPath.getParent();
    return parent == null ? "." : parent.toString();
  }

  static PosixFileAttributes posixAttributes(Path file) throws IOException {
    return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Gives {@code file} the owner, group and mode of {@code from}. The owner and group are set
   * only where this user may (root; or a group the user is in), the mode always, after them
   * (changing the owner clears set-id bits).
   */
  static void carryOver(PosixFileAttributes from, Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes now = view.readAttributes();
    if (!now.owner().equals(from.owner())) {
      try {
        view.setOwner(from.owner());
      } catch (IOException e) {
        // not permitted: the file stays this user's, as any file this user writes
      }
    }
    if (!now.group().equals(from.group())) {
      try {
        view.setGroup(from.group());
      } catch (IOException e) {
        // not permitted: a group this user is not in
      }
    }
    view.setPermissions(from.permissions());
  }

  static void addOwnerWrite(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    if (permissions.add(PosixFilePermission.OWNER_WRITE)) {
      Files.setPosixFilePermissions(file, permissions);
    }
  }

  /** What went wrong, in words, without the (temporary) path NIO puts in its messages. */
  static String reason(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }
}
