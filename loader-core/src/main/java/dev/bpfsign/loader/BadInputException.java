package dev.bpfsign.loader;

/**
 * Input that bpfsign cannot use: a malformed ELF object, loader file, key, certificate or
 * policy. The message is one line naming what is wrong and where (file, section, offset), fit
 * to show a user as is; the command line maps it to exit code 3. Names and text taken from the
 * input (section names, symbol names, lines) can hold any byte, so control characters in the
 * message are escaped here ({@link Printable#controlsEscaped}): whatever a parser quotes, the message
 * stays one line and cannot drive the terminal.
 */
public class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message == null ? null : Printable.controlsEscaped(message));
  }

  public BadInputException(String message, Throwable cause) {
    super(message == null ? null : Printable.controlsEscaped(message), cause);
  }
}
