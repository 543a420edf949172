package dev.bpfsign.loader.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Test helper: rewrites little-endian .BTF / .BTF.ext images in big-endian order. Every field
 * after the 4-byte preamble is a 32-bit word (types, BTF.ext records and section entries), except
 * the layout section's 16-bit flags; strings are bytes. Written from the uapi layouts,
 * independently of the parser.
 */
public final class BtfByteSwapper {
  private BtfByteSwapper() {}

  public static byte[] btfToBigEndian(byte[] le) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = le.clone();
    ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
    be.putShort(0, in.getShort(0));
    int hdrLen = in.getInt(4);
    for (int at = 4; at < Math.min(hdrLen, 32); at += 4) {
      be.putInt(at, in.getInt(at));
    }
    int typeStart = hdrLen + in.getInt(8);
    for (int at = typeStart; at < typeStart + in.getInt(12); at += 4) {
      be.putInt(at, in.getInt(at));
    }
    if (hdrLen >= 32) {
      int layoutStart = hdrLen + in.getInt(24);
      for (int at = layoutStart; at < layoutStart + in.getInt(28); at += 4) {
        be.putShort(at + 2, in.getShort(at + 2));
      }
    }
    return out;
  }

  public static byte[] btfExtToBigEndian(byte[] le) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = le.clone();
    ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
    be.putShort(0, in.getShort(0));
    for (int at = 4; at + 4 <= le.length; at += 4) {
      be.putInt(at, in.getInt(at));
    }
    return out;
  }
}
