package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.util.Arrays;

/**
 * The loader's data blob: append-only, every record rounded up to 8 bytes and zero-padded
 * (gen_loader's {@code add_data}), so every record is 8-aligned.
 */
final class Blob {
  /** gen_loader refuses buffers beyond INT32_MAX; a loader map value must also fit a u32. */
  private static final long MAX_SIZE = Integer.MAX_VALUE;

  private byte[] buf;
  private int size;

  Blob(int expected) {
    buf = new byte[Math.max(64, expected)];
  }

  /** Appends {@code length} bytes of {@code data} from {@code offset}; returns the record's offset. */
  int add(byte[] data, int offset, int length) throws BadInputException {
    int at = reserve(length);
    System.arraycopy(data, offset, buf, at, length);
    return at;
  }

  int add(byte[] data) throws BadInputException {
    return add(data, 0, data.length);
  }

  /** Appends {@code length} zero bytes (rounded to 8); returns the record's offset. */
  int addZeros(int length) throws BadInputException {
    return reserve(length);
  }

  int size() {
    return size;
  }

  Bytes toBytes() {
    return Bytes.of(buf, 0, size);
  }

  /** Appends {@code length} bytes read from {@code src} (its position is left unchanged). */
  int add(java.nio.ByteBuffer src, int length) throws BadInputException {
    int at = reserve(length);
    src.get(src.position(), buf, at, length);
    return at;
  }

  /** The live buffer, valid up to {@link #size()}; for hashing without a copy. */
  byte[] buffer() {
    return buf;
  }

  private int reserve(int length) throws BadInputException {
    long rounded = ((long) length + 7) & ~7L;
    if (length < 0 || size + rounded > MAX_SIZE) {
      throw new BadInputException("loader data blob would exceed " + MAX_SIZE + " bytes");
    }
    int at = size;
    int need = (int) (size + rounded);
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(MAX_SIZE, Math.max(need, (long) buf.length * 2)));
    }
    size = need; // new bytes are already zero: the buffer only grows and is never reused
    return at;
  }
}
