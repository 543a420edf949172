package dev.bpfsign.loader.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: a little-endian .BTF image from raw type words and strings (24-byte header). */
final class BtfBytes {
  private BtfBytes() {}

  /** {@code strings} are appended after the leading empty string; offsets are the caller's job. */
  static byte[] of(int[] typeWords, String... strings) {
    ByteArrayOutputStream str = new ByteArrayOutputStream();
    str.write(0);
    for (String s : strings) {
      str.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      str.write(0);
    }
    byte[] strBytes = str.toByteArray();
    ByteBuffer buf = ByteBuffer.allocate(24 + typeWords.length * 4 + strBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24);
    buf.putInt(0).putInt(typeWords.length * 4).putInt(typeWords.length * 4).putInt(strBytes.length);
    for (int w : typeWords) {
      buf.putInt(w);
    }
    buf.put(strBytes);
    return buf.array();
  }

  static int info(int kind, int vlen) {
    return kind << 24 | vlen;
  }
}
