package dev.bpfsign.verifier;

import java.util.Locale;
import java.util.Objects;

/**
 * The keyring a kernel is asked to verify against ({@code keyring_id} of BPF_PROG_LOAD,
 * kernel-signing §3.5): a system keyring (0 builtin, 1 secondary, 2 platform), a special
 * keyring (-3 session, -4 user, …; -9 the {@code .bpf} keyring of linux-next) or a serial.
 */
public record Keyring(String name, long id) {
  public static final Keyring BUILTIN = new Keyring("builtin", 0);
  public static final Keyring SECONDARY = new Keyring("secondary", 1);
  public static final Keyring PLATFORM = new Keyring("platform", 2);
  public static final Keyring THREAD = new Keyring("thread", -1);
  public static final Keyring PROCESS = new Keyring("process", -2);
  public static final Keyring SESSION = new Keyring("session", -3);
  public static final Keyring USER = new Keyring("user", -4);
  public static final Keyring BPF = new Keyring("bpf", -9);

  public Keyring {
    Objects.requireNonNull(name, "name");
  }

  /**
   * A keyring by name ({@code builtin secondary platform thread process session user bpf}) or by
   * serial number.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Keyring parse(String text) {
    for (Keyring k : new Keyring[] {BUILTIN, SECONDARY, PLATFORM, THREAD, PROCESS, SESSION, USER, BPF}) {
      if (k.name.equals(text.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    try {
      long serial = Long.parseLong(text);
      if (serial > Integer.MAX_VALUE || serial < Integer.MIN_VALUE) {
        throw new IllegalArgumentException("keyring serial out of the s32 range: " + text);
      }
      return new Keyring("serial " + serial, serial);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a keyring name or serial: '" + text
          + "' (builtin, secondary, platform, session, user, process, thread, bpf, or a number)", e);
    }
  }

  /** Whether any process holding it may add keys: the thread, process, session and user keyrings. */
  public boolean userWritable() {
    return id == THREAD.id || id == PROCESS.id || id == SESSION.id || id == USER.id;
  }

  /** Whether a released kernel (6.18 and the 2026 series) resolves this id; -9 exists only in linux-next. */
  boolean resolvesOnMainline() {
    return id != BPF.id;
  }
}
