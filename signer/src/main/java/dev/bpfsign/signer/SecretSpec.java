package dev.bpfsign.signer;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Where a password or PIN comes from: {@code env:VAR} or {@code file:PATH}. A secret is never
 * taken from the command line itself, where {@code ps} and shell history would show it.
 *
 * @param option the option that gave it (for messages), e.g. {@code --key-pass}
 */
public record SecretSpec(String option, Kind kind, String reference) {
  public enum Kind { ENV, FILE }

  public SecretSpec {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reference, "reference");
  }

  /** Parses {@code env:VAR} or {@code file:PATH}; anything else is refused, naming the option. */
  public static SecretSpec parse(String option, String spec) throws BadInputException {
    if (spec.startsWith("env:") && spec.length() > 4) {
      return new SecretSpec(option, Kind.ENV, spec.substring(4));
    }
    if (spec.startsWith("file:") && spec.length() > 5) {
      return new SecretSpec(option, Kind.FILE, spec.substring(5));
    }
    throw new BadInputException(option + ": expected env:VARIABLE or file:PATH (a secret is never"
        + " taken from the command line itself)");
  }

  /**
   * Reads the secret. A file's single trailing newline (as {@code echo} writes) is dropped; the
   * caller should wipe the returned array when done.
   */
  public char[] read(Map<String, String> environment) throws BadInputException {
    return switch (kind) {
      case ENV -> {
        String value = environment.get(reference);
        if (value == null) {
          throw new BadInputException(option + ": environment variable " + reference + " is not set");
        }
        yield value.toCharArray();
      }
      case FILE -> readFile();
    };
  }

  private char[] readFile() throws BadInputException {
    if (Files.isDirectory(Path.of(reference))) {
      throw new BadInputException(option + ": " + reference + " is a directory, not a file holding the secret");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Path.of(reference));
    } catch (IOException e) {
      throw new BadInputException(option + ": cannot read " + reference + ": " + reasonOf(e));
    }
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (CharacterCodingException e) {
      throw new BadInputException(option + ": " + reference + " is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static String reasonOf(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException f -> "no such file";
      case java.nio.file.AccessDeniedException f -> "permission denied";
      // NIO's own message repeats the path; its reason is what went wrong
      case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
