package dev.bpfsign.loader.btf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A name+kind → type id index over a kernel's BTF (e.g. {@code /sys/kernel/btf/vmlinux}, ~6 MB,
 * ~150k types), answering {@code bpf_btf_find_by_name_kind} the way the kernel does: the lowest
 * id with that exact name and kind. Loading reads only each type's name offset and kind: no
 * strings are decoded and no object is made per type; the index is an open-addressing table of
 * ints. Types' extents and name offsets are range-checked; nothing else is validated.
 */
public final class VmlinuxBtf {
  private final String origin;
  private final byte[] strings;
  private final int strStart;
  private final int strLen;
  private final int typeCount;
  /** nameOff and kind per type id (index 0 unused). */
  private final int[] nameOffs;
  private final byte[] kinds;
  /** Open addressing: slot holds a type id, 0 = empty. */
  private final int[] slots;
  private final int mask;

  private VmlinuxBtf(String origin, byte[] bytes, int strStart, int strLen, int typeCount, int[] nameOffs, byte[] kinds) {
    this.origin = origin;
    this.strings = bytes;
    this.strStart = strStart;
    this.strLen = strLen;
    this.typeCount = typeCount;
    this.nameOffs = nameOffs;
    this.kinds = kinds;
    int capacity = Integer.highestOneBit(Math.max(16, typeCount * 2 - 1)) << 1;
    this.slots = new int[capacity];
    this.mask = capacity - 1;
    for (int id = 1; id < typeCount; id++) {
      if (nameOffs[id] != 0) {
        insert(id);
      }
    }
  }

  public static VmlinuxBtf load(Path path) throws IOException, BtfFormatException {
    return parse(path.toString(), Files.readAllBytes(path));
  }

  /** Indexes {@code bytes} (kept, not copied: do not change it afterwards). */
  public static VmlinuxBtf parse(String origin, byte[] bytes) throws BtfFormatException {
    if (bytes.length < BtfHeader.BASE_LEN) {
      throw new BtfFormatException(origin + ": header: " + bytes.length + " bytes, a BTF header needs 24");
    }
    ByteOrder order;
    if ((bytes[0] & 0xff | (bytes[1] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ((bytes[1] & 0xff | (bytes[0] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new BtfFormatException(origin + ": header at offset 0x0: bad magic");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
    long hdrLen = Integer.toUnsignedLong(buf.getInt(4));
    long typeOff = Integer.toUnsignedLong(buf.getInt(8));
    long typeLen = Integer.toUnsignedLong(buf.getInt(12));
    long strOff = Integer.toUnsignedLong(buf.getInt(16));
    long strLen = Integer.toUnsignedLong(buf.getInt(20));
    byte[] layout = new byte[0];
    if (hdrLen >= BtfHeader.FULL_LEN) {
      long layoutOff = Integer.toUnsignedLong(buf.getInt(24));
      long layoutLen = Integer.toUnsignedLong(buf.getInt(28));
      if (layoutLen != 0 && hdrLen + layoutOff + layoutLen <= bytes.length) {
        layout = java.util.Arrays.copyOfRange(bytes, (int) (hdrLen + layoutOff), (int) (hdrLen + layoutOff + layoutLen));
      }
    }
    if (hdrLen < BtfHeader.BASE_LEN || hdrLen + strOff + strLen > bytes.length || hdrLen + typeOff + typeLen > bytes.length
        || typeOff % 4 != 0 || strLen == 0 || bytes[(int) (hdrLen + strOff + strLen - 1)] != 0) {
      throw new BtfFormatException(origin + ": header: sections do not fit in " + bytes.length + " bytes");
    }
    int typeStart = (int) (hdrLen + typeOff);
    int typeEnd = (int) (typeStart + typeLen);
    // every type takes at least 12 bytes, so this bound is justified by the input
    int maxTypes = (int) (typeLen / 12);
    int[] nameOffs = new int[maxTypes + 1];
    byte[] kinds = new byte[maxTypes + 1];
    int id = 1;
    for (int at = typeStart; at + 12 <= typeEnd; id++) {
      int nameOff = buf.getInt(at);
      if (Integer.toUnsignedLong(nameOff) >= strLen) {
        throw new BtfFormatException(origin + ": type [" + id + "] at offset 0x" + Integer.toHexString(at) + ": name offset outside the strings");
      }
      nameOffs[id] = nameOff;
      kinds[id] = (byte) ((buf.getInt(at + 4) >>> 24) & 0x7f);
      at = next(buf, at, typeEnd, layout, origin, id);
    }
    int count = id - 1;
    return new VmlinuxBtf(origin, bytes, (int) (hdrLen + strOff), (int) strLen, count + 1, nameOffs, kinds);
  }

  private static int next(ByteBuffer buf, int at, int end, byte[] layout, String origin, int id)
      throws BtfFormatException {
    int info = buf.getInt(at + 4);
    int kind = (info >>> 24) & 0x7f;
    int vlen = info & 0xffffff;
    long tail = BtfKind.tailWords(kind, vlen);
    if (tail < 0 && kind * 4 + 4 <= layout.length) {
      tail = (layout[kind * 4] & 0xff) / 4 + (long) vlen * ((layout[kind * 4 + 1] & 0xff) / 4);
    }
    long nextAt = at + 12 + tail * 4;
    if (tail < 0 || nextAt > end) {
      throw new BtfFormatException(origin + ": type [" + id + "] at offset 0x" + Integer.toHexString(at) + ": " + BtfKind.name(kind) + " does not fit in the type section");
    }
    return (int) nextAt;
  }

  /** Number of type ids including void. */
  public int typeCount() {
    return typeCount;
  }

  /** The lowest type id with exactly this name and kind. */
  public OptionalInt findByNameKind(String name, int kind) {
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    int h = hash(wanted, 0, wanted.length, kind);
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot];
      if (id == 0) {
        return OptionalInt.empty();
      }
      if (kinds[id] == kind && equalsAt(nameOffs[id], wanted)) {
        return OptionalInt.of(id);
      }
    }
  }

  public String origin() {
    return origin;
  }

  private void insert(int id) {
    int off = strStart + nameOffs[id];
    int end = off;
    while (strings[end] != 0) {
      end++;
    }
    int h = hash(strings, off, end - off, kinds[id]);
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int other = slots[slot];
      if (other == 0) {
        slots[slot] = id;
        return;
      }
      if (kinds[other] == kinds[id] && sameName(nameOffs[other], nameOffs[id])) {
        return; // keep the lower id, as the kernel's search finds it first
      }
    }
  }

  private boolean sameName(int a, int b) {
    if (a == b) {
      return true;
    }
    int i = strStart + a;
    int j = strStart + b;
    while (strings[i] == strings[j]) {
      if (strings[i] == 0) {
        return true;
      }
      i++;
      j++;
    }
    return false;
  }

  private boolean equalsAt(int nameOff, byte[] wanted) {
    int at = strStart + nameOff;
    if (nameOff + wanted.length >= strLen) {
      return false;
    }
    for (int i = 0; i < wanted.length; i++) {
      if (strings[at + i] != wanted[i]) {
        return false;
      }
    }
    return strings[at + wanted.length] == 0;
  }

  private static int hash(byte[] b, int off, int len, int kind) {
    int h = 0x811c9dc5;
    for (int i = off; i < off + len; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    h ^= kind * 0x9e3779b9;
    return h ^ (h >>> 16);
  }
}
