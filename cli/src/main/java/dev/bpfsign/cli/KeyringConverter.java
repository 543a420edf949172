package dev.bpfsign.cli;

import dev.bpfsign.verifier.Keyring;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --keyring}: one parser for every command that takes it, so a bad value is the same
 * usage error (exit 2) everywhere.
 */
final class KeyringConverter implements ITypeConverter<Keyring> {
  /** The names {@link Keyring#parse} knows, for help texts. */
  static final String VALUES = "builtin, secondary, platform, session, user, process, thread, bpf, or a key serial";

  @Override
  public Keyring convert(String value) {
    try {
      return Keyring.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
