package dev.bpfsign.loader.elf;

import dev.bpfsign.loader.btf.BtfByteSwapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.nio.ByteOrder;

/**
 * Test helper: rewrites a little-endian ELF64 object's ELF structures (header, section headers,
 * symbol table, REL records) in big-endian order, and {@code .BTF}/{@code .BTF.ext} with
 * {@link BtfByteSwapper}. Other section contents (instructions, data) are left as they are.
 * Written from the gABI layouts, independently of {@link ElfParser}.
 */
public final class ElfByteSwapper {
  private ElfByteSwapper() {}

  public static byte[] toBigEndian(byte[] little) {
    byte[] out = little.clone();
    ByteBuffer in = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
    out[5] = 2; // ELFDATA2MSB
    int[] halfs = {16, 18, 52, 54, 56, 58, 60, 62};
    for (int at : halfs) {
      be.putShort(at, in.getShort(at));
    }
    be.putInt(20, in.getInt(20));
    be.putInt(48, in.getInt(48));
    for (int at : new int[] {24, 32, 40}) {
      be.putLong(at, in.getLong(at));
    }
    int shoff = (int) in.getLong(40);
    int shnum = in.getShort(60) & 0xffff;
    int shstrOff = (int) in.getLong(shoff + (in.getShort(62) & 0xffff) * 64 + 24);
    for (int i = 0; i < shnum; i++) {
      int h = shoff + i * 64;
      be.putInt(h, in.getInt(h));
      int type = in.getInt(h + 4);
      be.putInt(h + 4, type);
      for (int f = 8; f <= 32; f += 8) {
        be.putLong(h + f, in.getLong(h + f));
      }
      be.putInt(h + 40, in.getInt(h + 40));
      be.putInt(h + 44, in.getInt(h + 44));
      be.putLong(h + 48, in.getLong(h + 48));
      be.putLong(h + 56, in.getLong(h + 56));
      int off = (int) in.getLong(h + 24);
      int size = (int) in.getLong(h + 32);
      if (type == 2) { // SHT_SYMTAB
        for (int s = off; s < off + size; s += 24) {
          be.putInt(s, in.getInt(s));
          be.putShort(s + 6, in.getShort(s + 6));
          be.putLong(s + 8, in.getLong(s + 8));
          be.putLong(s + 16, in.getLong(s + 16));
        }
      } else if (name(little, shstrOff + in.getInt(h)).equals(".BTF")) {
        System.arraycopy(BtfByteSwapper.btfToBigEndian(Arrays.copyOfRange(little, off, off + size)), 0, out, off, size);
      } else if (name(little, shstrOff + in.getInt(h)).equals(".BTF.ext")) {
        System.arraycopy(BtfByteSwapper.btfExtToBigEndian(Arrays.copyOfRange(little, off, off + size)), 0, out, off, size);
      } else if (type == 9) { // SHT_REL
        for (int r = off; r < off + size; r += 16) {
          be.putLong(r, in.getLong(r));
          be.putLong(r + 8, in.getLong(r + 8));
        }
      }
    }
    return out;
  }

  private static String name(byte[] image, int at) {
    int end = at;
    while (image[end] != 0) {
      end++;
    }
    return new String(image, at, end - at, StandardCharsets.US_ASCII);
  }
}
