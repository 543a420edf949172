package dev.bpfsign.runtime.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel key retention service through {@code add_key(2)} and {@code keyctl(2)}: create a
 * keyring, add an X.509 certificate as an {@code asymmetric} key (the kernel parses it), search,
 * describe and list. Serials are the kernel's s32 key ids; negative ids are the special
 * keyrings ({@code KEY_SPEC_SESSION_KEYRING} -3, {@code KEY_SPEC_USER_KEYRING} -4, ...).
 */
public final class Keys {
  public static final int SPEC_SESSION_KEYRING = -3;
  public static final int SPEC_USER_KEYRING = -4;

  private static final int KEYCTL_GET_KEYRING_ID = 0;
  private static final int KEYCTL_DESCRIBE = 6;
  private static final int KEYCTL_SEARCH = 10;
  private static final int KEYCTL_READ = 11;

  /** One key as {@code KEYCTL_DESCRIBE} reports it ("type;uid;gid;perm;description"). */
  public record Key(int serial, String type, int uid, String description) {}

  private Keys() {}

  /** add_key("keyring", name, NULL, 0, parent): the new (or existing, same name) keyring's serial. */
  public static int addKeyring(String name, int parent) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      return (int) Sys.syscall("add_key(keyring)", Sys.SYS_ADD_KEY, arena.allocateFrom("keyring").address(),
          arena.allocateFrom(name).address(), 0, 0, parent);
    }
  }

  /** add_key("asymmetric", description, der, len, keyring): the key's serial; a null description lets the kernel name the key from the certificate. */
  public static int addAsymmetric(String description, byte[] der, int keyring) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment payload = arena.allocateFrom(ValueLayout.JAVA_BYTE, der);
      return (int) Sys.syscall("add_key(asymmetric)", Sys.SYS_ADD_KEY, arena.allocateFrom("asymmetric").address(),
          description == null ? 0 : arena.allocateFrom(description).address(), payload.address(), der.length, keyring);
    }
  }

  /** The serial of a special keyring (-3 session, -4 user, ...), without creating it. */
  public static int resolve(int special) throws SyscallException {
    return (int) Sys.syscall("keyctl(GET_KEYRING_ID)", Sys.SYS_KEYCTL, KEYCTL_GET_KEYRING_ID, special, 0, 0, 0);
  }

  /** A keyring named {@code name} reachable from {@code from}, or {@code ENOKEY}. */
  public static int searchKeyring(int from, String name) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      return (int) Sys.syscall("keyctl(SEARCH)", Sys.SYS_KEYCTL, KEYCTL_SEARCH, from,
          arena.allocateFrom("keyring").address(), arena.allocateFrom(name).address(), 0);
    }
  }

  public static Key describe(int serial) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(4096);
      long n = Sys.syscall("keyctl(DESCRIBE)", Sys.SYS_KEYCTL, KEYCTL_DESCRIBE, serial, buf.address(), 4096, 0);
      String text = new String(buf.asSlice(0, Math.max(0, Math.min(n, 4096) - 1)).toArray(ValueLayout.JAVA_BYTE),
          StandardCharsets.UTF_8);
      String[] f = text.split(";", 5);
      if (f.length < 5) {
        throw new SyscallException("keyctl(DESCRIBE) of " + serial + " gave '" + text + "'", Errno.EINVAL);
      }
      return new Key(serial, f[0], Integer.parseInt(f[1]), f[4]);
    }
  }

  /** The serials a keyring holds, in the kernel's order. */
  public static List<Integer> read(int keyring) throws SyscallException {
    try (Arena arena = Arena.ofConfined()) {
      int size = 4096;
      MemorySegment buf = arena.allocate(size, 4);
      long n = Sys.syscall("keyctl(READ)", Sys.SYS_KEYCTL, KEYCTL_READ, keyring, buf.address(), size, 0);
      List<Integer> out = new ArrayList<>();
      for (long off = 0; off + 4 <= Math.min(n, size); off += 4) {
        out.add(buf.get(ValueLayout.JAVA_INT, off));
      }
      return out;
    }
  }
}
