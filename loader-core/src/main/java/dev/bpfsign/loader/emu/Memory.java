package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.BadInputException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The memory a loader program can reach, as bounds-checked regions: the ctx, the data blob (the
 * loader map's value), the 512-byte stack, and the read-only {@code struct bpf_map} of
 * fd_array[0]. An address is {@code region << 40 | offset}; every access checks that it lies
 * wholly inside one region. Multi-byte values use the loader's byte order.
 */
public final class Memory {
  public static final int CTX = 1;
  public static final int BLOB = 2;
  public static final int STACK = 3;
  public static final int MAP = 4;
  public static final int STACK_SIZE = 512;
  private static final String[] NAMES = {"null", "ctx", "blob", "stack", "map"};
  private static final int SHIFT = 40;
  private static final long OFFSET_MASK = (1L << SHIFT) - 1;

  private final byte[][] regions = new byte[5][];
  private final boolean[] writable = new boolean[5];
  private final boolean le;

  Memory(ByteOrder order, byte[] ctx, byte[] blob, byte[] kernelMap) {
    this.le = order == ByteOrder.LITTLE_ENDIAN;
    set(CTX, ctx, true);
    set(BLOB, blob, true);
    set(STACK, new byte[STACK_SIZE], true);
    set(MAP, kernelMap, false);
  }

  private void set(int region, byte[] bytes, boolean canWrite) {
    regions[region] = bytes;
    writable[region] = canWrite;
  }

  public static long address(int region, long offset) {
    return (long) region << SHIFT | offset;
  }

  /** The frame pointer: one past the top of the stack. */
  public static long framePointer() {
    return address(STACK, STACK_SIZE);
  }

  public ByteOrder order() {
    return le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
  }

  /** The live bytes of a region (the emulator's own, not a copy). */
  byte[] region(int region) {
    return regions[region];
  }

  /** Offset inside the blob of an address, or -1 if it does not point at the blob. */
  public static long blobOffset(long addr) {
    return addr >>> SHIFT == BLOB ? addr & OFFSET_MASK : -1;
  }

  /** Whether [addr, addr+len) lies inside one region. */
  public boolean isValid(long addr, long len) {
    int r = (int) (addr >>> SHIFT);
    if (r < 1 || r > 4 || len < 0 || len > Integer.MAX_VALUE) {
      return false;
    }
    long off = addr & OFFSET_MASK;
    return off + len <= regions[r].length;
  }

  private int check(long addr, long len, boolean write) throws BadInputException {
    if (!isValid(addr, len)) {
      throw new BadInputException((write ? "write" : "read") + " of " + len + " bytes at " + describe(addr) + " is outside loader memory");
    }
    int r = (int) (addr >>> SHIFT);
    if (write && !writable[r]) {
      throw new BadInputException("write to read-only " + NAMES[r] + " at " + describe(addr));
    }
    return r;
  }

  /** A readable name for an address: {@code blob+1280}, {@code stack-136}, or hex. */
  public static String describe(long addr) {
    int r = (int) (addr >>> SHIFT);
    long off = addr & OFFSET_MASK;
    if (r == STACK) {
      return "fp" + (off - STACK_SIZE);
    }
    if (r >= 1 && r <= 4) {
      return NAMES[r] + "+" + off;
    }
    return "0x" + Long.toHexString(addr);
  }

  /** Loads {@code size} (1, 2, 4, 8) bytes, zero-extended. */
  public long load(long addr, int size) throws BadInputException {
    byte[] b = regions[check(addr, size, false)];
    int p = (int) (addr & OFFSET_MASK);
    long v = 0;
    for (int i = 0; i < size; i++) {
      int idx = le ? p + size - 1 - i : p + i;
      v = v << 8 | (b[idx] & 0xff);
    }
    return v;
  }

  public void store(long addr, int size, long value) throws BadInputException {
    byte[] b = regions[check(addr, size, true)];
    int p = (int) (addr & OFFSET_MASK);
    for (int i = 0; i < size; i++) {
      int idx = le ? p + i : p + size - 1 - i;
      b[idx] = (byte) (value >>> (8 * i));
    }
  }

  public byte[] read(long addr, long len) throws BadInputException {
    byte[] b = regions[check(addr, len, false)];
    int p = (int) (addr & OFFSET_MASK);
    return Arrays.copyOfRange(b, p, p + (int) len);
  }

  public void write(long addr, byte[] src) throws BadInputException {
    byte[] b = regions[check(addr, src.length, true)];
    System.arraycopy(src, 0, b, (int) (addr & OFFSET_MASK), src.length);
  }

  public void fill(long addr, long len, byte value) throws BadInputException {
    byte[] b = regions[check(addr, len, true)];
    int p = (int) (addr & OFFSET_MASK);
    Arrays.fill(b, p, p + (int) len, value);
  }

  /** A NUL-terminated string of at most {@code max} bytes (without the NUL). */
  public String readCString(long addr, int max) throws BadInputException {
    int r = check(addr, 1, false);
    byte[] b = regions[r];
    int p = (int) (addr & OFFSET_MASK);
    int end = p;
    while (end < b.length && end - p < max && b[end] != 0) {
      end++;
    }
    if (end >= b.length || end - p >= max) {
      throw new BadInputException("string at " + describe(addr) + " is not NUL-terminated within " + max + " bytes");
    }
    return new String(b, p, end - p, StandardCharsets.UTF_8);
  }
}
