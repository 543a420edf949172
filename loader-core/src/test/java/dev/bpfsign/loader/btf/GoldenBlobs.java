package dev.bpfsign.loader.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Test utility: the BTF bytes a gen_loader data blob uploads. The blob starts with the 1280-byte
 * fd_array; the BTF is the first record after it, followed (8-aligned) by the BPF_BTF_LOAD attr,
 * whose {@code btf_size} field (offset 16) says how long the BTF is.
 */
public final class GoldenBlobs {
  public static final int FD_ARRAY_SIZE = 1280;
  private static final int BTF_SIZE_IN_ATTR = 16;

  private GoldenBlobs() {}

  public static byte[] uploadedBtf(byte[] blob) {
    ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    if ((buf.getShort(FD_ARRAY_SIZE) & 0xffff) != 0xeB9F) {
      throw new AssertionError("no BTF magic at offset 1280 of the blob");
    }
    int hdrLen = buf.getInt(FD_ARRAY_SIZE + 4);
    long end = 0;
    for (int field = 8; field + 8 <= Math.min(hdrLen, 32); field += 8) {
      end = Math.max(end, Integer.toUnsignedLong(buf.getInt(FD_ARRAY_SIZE + field)) + Integer.toUnsignedLong(buf.getInt(FD_ARRAY_SIZE + field + 4)));
    }
    int size = (int) (hdrLen + end);
    int attr = FD_ARRAY_SIZE + ((size + 7) & ~7);
    int recorded = buf.getInt(attr + BTF_SIZE_IN_ATTR);
    if (recorded != size) {
      throw new AssertionError("BTF_LOAD attr at " + attr + " says btf_size " + recorded + ", header says " + size);
    }
    return Arrays.copyOfRange(blob, FD_ARRAY_SIZE, FD_ARRAY_SIZE + size);
  }
}
