package dev.bpfsign.loader;

/**
 * Input that bpfsign cannot use: a malformed ELF object, loader file, key, certificate or
 * policy. The message is one line naming what is wrong and where (file, section, offset), fit
 * to show a user as is; the command line maps it to exit code 3.
 */
public class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
