package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;

/**
 * The keyring the kernel checks a loader signature against ({@code keyring_id} of
 * BPF_PROG_LOAD, kernel-signing.md §3.5): system keyrings 0–2, special ids, or a key serial.
 */
public record Keyring(int id, String label) {
  public static final Keyring BUILTIN = new Keyring(0, "builtin");
  public static final Keyring SECONDARY = new Keyring(1, "secondary");
  public static final Keyring PLATFORM = new Keyring(2, "platform");
  public static final Keyring SESSION = new Keyring(-3, "session");
  public static final Keyring USER = new Keyring(-4, "user");

  /** builtin, secondary, platform, session, user, or a positive key serial (decimal or 0x hex). */
  public static Keyring parse(String text) throws BadInputException {
    switch (text) {
      case "builtin": return BUILTIN;
      case "secondary": return SECONDARY;
      case "platform": return PLATFORM;
      case "session": return SESSION;
      case "user": return USER;
      default: break;
    }
    try {
      long serial = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      if (serial <= 2 || serial > Integer.MAX_VALUE) {
        throw new BadInputException("--keyring " + text
            + ": a key serial must be above 2 (0–2 are the system keyrings: use their names)");
      }
      return new Keyring((int) serial, "serial " + serial);
    } catch (NumberFormatException e) {
      throw new BadInputException("--keyring " + text
          + ": unknown keyring (use builtin, secondary, platform, session, user or a key serial)");
    }
  }
}
