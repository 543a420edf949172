package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.btf.BtfKind.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads and validates {@code .BTF} with the checks libbpf's {@code btf__new} makes (header layout,
 * string section, type extents, referenced ids and string offsets), plus a loop check on
 * reference chains. Allocation is bounded by the section size.
 */
final class BtfParser {
  private final String origin;
  private final byte[] bytes;

  BtfParser(String origin, byte[] bytes) {
    this.origin = origin;
    this.bytes = bytes;
  }

  Btf parse() throws BtfFormatException {
    if (bytes.length < BtfHeader.BASE_LEN) {
      throw fail("header: " + bytes.length + " bytes, a BTF header needs 24");
    }
    ByteOrder order;
    if ((bytes[0] & 0xff | (bytes[1] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ((bytes[1] & 0xff | (bytes[0] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw fail(String.format("header at offset 0x0: bad magic 0x%02x%02x", bytes[0], bytes[1]));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
    int version = bytes[2] & 0xff;
    int flags = bytes[3] & 0xff;
    long hdrLen = Integer.toUnsignedLong(buf.getInt(4));
    if (hdrLen < BtfHeader.BASE_LEN || hdrLen > bytes.length) {
      throw fail("header at offset 0x4: hdr_len " + hdrLen + " outside 24.." + bytes.length);
    }
    long typeOff = u32(buf, 8);
    long typeLen = u32(buf, 12);
    long strOff = u32(buf, 16);
    long strLen = u32(buf, 20);
    long layoutOff = hdrLen >= BtfHeader.FULL_LEN ? u32(buf, 24) : 0;
    long layoutLen = hdrLen >= BtfHeader.FULL_LEN ? u32(buf, 28) : 0;
    long metaLeft = bytes.length - hdrLen;
    if (strOff + strLen > metaLeft) {
      throw fail("header: string section (offset " + strOff + ", length " + strLen + ") extends past the end (" + metaLeft + " bytes after the header)");
    }
    if (typeOff + typeLen > strOff) {
      throw fail("header: type section (offset " + typeOff + ", length " + typeLen + ") overlaps the string section at " + strOff);
    }
    if (typeOff % 4 != 0 || typeLen % 4 != 0) {
      throw fail("header: type section (offset " + typeOff + ", length " + typeLen + ") is not 4-byte aligned");
    }
    byte[] layout = new byte[0];
    if (layoutLen != 0) {
      if (layoutOff % 4 != 0 || layoutLen % 4 != 0) {
        throw fail("header: layout section (offset " + layoutOff + ", length " + layoutLen + ") is not 4-byte aligned");
      }
      if (layoutOff < typeOff + typeLen || layoutOff + layoutLen > strOff) {
        throw fail("header: layout section (offset " + layoutOff + ", length " + layoutLen + ") is not between the types and the strings");
      }
      int at = (int) (hdrLen + layoutOff);
      layout = Arrays.copyOfRange(bytes, at, at + (int) layoutLen);
    }
    int strStart = (int) (hdrLen + strOff);
    if (strLen == 0 || bytes[strStart + (int) strLen - 1] != 0) {
      throw fail("string section at offset 0x" + Integer.toHexString(strStart) + ": empty or not NUL-terminated");
    }
    if (bytes[strStart] != 0) {
      throw fail("string section at offset 0x" + Integer.toHexString(strStart) + ": does not start with the empty string");
    }
    byte[] strings = Arrays.copyOfRange(bytes, strStart, strStart + (int) strLen);

    int typeStart = (int) (hdrLen + typeOff);
    int[] words = new int[(int) (typeLen / 4)];
    ByteBuffer.wrap(bytes, typeStart, (int) typeLen).order(order).asIntBuffer().get(words);
    int count = countTypes(words, layout, typeStart);
    int[] starts = new int[count + 1];
    starts[0] = -1;
    for (int id = 1, w = 0; id <= count; id++) {
      starts[id] = w;
      w += 3 + tailWords(words, w, layout);
    }
    BtfHeader header =
        new BtfHeader(
            BtfHeader.MAGIC, version, flags, (int) hdrLen, (int) typeOff, (int) typeLen,
            (int) strOff, (int) strLen, (int) layoutOff, (int) layoutLen);
    Btf btf =
        new Btf(origin, order, header, bytes, words, starts, count + 1, strings, (int) strLen, layout, false);
    BtfValidator.validate(btf, typeStart);
    return btf;
  }

  /** First pass: walks the type section to count types, checking every extent. */
  private int countTypes(int[] words, byte[] layout, int typeStart) throws BtfFormatException {
    int count = 0;
    int w = 0;
    while (w + 3 <= words.length) {
      long tail = tailWords(words, w, layout);
      if (tail < 0) {
        throw fail(
            "type [" + (count + 1) + "] at offset 0x" + Integer.toHexString(typeStart + w * 4)
                + ": unknown kind " + ((words[w + 1] >>> 24) & 0x7f) + " and no layout entry for it");
      }
      if (w + 3 + tail > words.length) {
        throw fail(
            "type [" + (count + 1) + "] at offset 0x" + Integer.toHexString(typeStart + w * 4)
                + ": " + BtfKind.name((words[w + 1] >>> 24) & 0x7f) + " with vlen "
                + (words[w + 1] & 0xffffff) + " extends past the end of the type section");
      }
      w += 3 + (int) tail;
      count++;
    }
    if (w != words.length) {
      throw fail("type section: " + (words.length - w) * 4 + " trailing bytes after type [" + count + "]");
    }
    return count;
  }

  /** Words after the common header; -1 for a kind neither known nor described by the layout. */
  static int tailWords(int[] words, int w, byte[] layout) {
    int info = words[w + 1];
    int kind = (info >>> 24) & 0x7f;
    int vlen = info & 0xffffff;
    int known = BtfKind.tailWords(kind, vlen);
    if (known >= 0) {
      return known;
    }
    if (kind * 4 + 4 > layout.length) {
      return -1;
    }
    int infoSz = layout[kind * 4] & 0xff;
    int elemSz = layout[kind * 4 + 1] & 0xff;
    if (infoSz % 4 != 0 || elemSz % 4 != 0) {
      return -1;
    }
    long tail = infoSz / 4 + (long) vlen * (elemSz / 4);
    return tail > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) tail;
  }

  private static long u32(ByteBuffer buf, int at) {
    return Integer.toUnsignedLong(buf.getInt(at));
  }

  private BtfFormatException fail(String message) {
    return new BtfFormatException(origin + ": " + message);
  }
}
