package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.oci.NetworkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns an exception that escaped a command into one line on stderr and an exit code. NIO
 * exceptions carry only a path as their message, so they are rephrased to say what went wrong.
 */
final class Failures {
  private Failures() {}

  /** An exception a command throws when the kernel refused; carries its own exit code. */
  interface KernelRefusal {}

  static int exitCode(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof KernelRefusal) {
      return ExitCodes.KERNEL_REFUSED;
    }
    if (t instanceof NetworkException) {
      return ExitCodes.NETWORK;
    }
    if (t instanceof BadInputException || t instanceof IOException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.INTERNAL;
  }

  static String message(Throwable e) {
    Throwable t = unwrap(e);
    return switch (t) {
      case NoSuchFileException f -> f.getFile() + ": no such file";
      case AccessDeniedException f -> f.getFile() + ": permission denied";
      case NotDirectoryException f -> f.getFile() + ": not a directory";
      case FileAlreadyExistsException f -> f.getFile() + ": already exists";
      case FileSystemException f -> f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot access");
      case BadInputException b -> b.getMessage();
      case IOException io -> io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
      default -> t instanceof KernelRefusal
          ? t.getMessage()
          : "internal error: " + t + " (run with --stacktrace and report it)";
    };
  }

  static void report(PrintWriter err, Throwable e, boolean stackTrace) {
    err.println("bpfsign: " + message(e));
    if (stackTrace) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    err.flush();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof UncheckedIOException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
