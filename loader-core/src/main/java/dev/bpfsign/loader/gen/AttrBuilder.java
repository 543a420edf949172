package dev.bpfsign.loader.gen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A zeroed attribute record whose scalar fields are written in the target byte order, as
 * gen_loader's {@code tgt_endian()} does. Pointer fields stay zero: the loader fills them in.
 */
final class AttrBuilder {
  private final ByteBuffer buf;

  AttrBuilder(int size, ByteOrder order) {
    buf = ByteBuffer.allocate(size).order(order);
  }

  AttrBuilder u32(int offset, int value) {
    buf.putInt(offset, value);
    return this;
  }

  AttrBuilder u64(int offset, long value) {
    buf.putLong(offset, value);
    return this;
  }

  /** {@code libbpf_strlcpy}: at most {@code max - 1} bytes and a NUL. */
  AttrBuilder name(int offset, String name, int max) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(b.length, max - 1);
    buf.put(offset, b, 0, n);
    return this;
  }

  byte[] bytes() {
    return buf.array();
  }
}
