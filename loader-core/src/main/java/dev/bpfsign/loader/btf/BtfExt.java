package dev.bpfsign.loader.btf;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parsed {@code .BTF.ext}: func_info, line_info and CO-RE relocation records per ELF section, with
 * libbpf's {@code btf_ext__new} checks (version 1, no flags, 4-aligned subsections inside the
 * data, record sizes at least the minimum and a multiple of 4 — exactly the minimum for
 * non-little-endian data — no empty subsection or section entry). Section names are resolved in
 * the object's {@code .BTF} strings, and the type ids and string offsets records carry must exist
 * there.
 */
public final class BtfExt {
  private final ByteOrder order;
  private final List<BtfExtSection> funcInfo;
  private final List<BtfExtSection> lineInfo;
  private final List<BtfExtSection> coreRelos;

  private BtfExt(ByteOrder order, List<BtfExtSection> funcInfo, List<BtfExtSection> lineInfo, List<BtfExtSection> coreRelos) {
    this.order = order;
    this.funcInfo = List.copyOf(funcInfo);
    this.lineInfo = List.copyOf(lineInfo);
    this.coreRelos = List.copyOf(coreRelos);
  }

  public static Optional<BtfExt> read(ElfFile elf, Btf btf) throws BtfFormatException {
    Optional<Section> section = elf.section(".BTF.ext");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parse(elf.fileName() + ": section " + section.get().label(), elf.bytes(section.get()), btf));
  }

  public static BtfExt parse(String origin, byte[] bytes, Btf btf) throws BtfFormatException {
    if (bytes.length < 8) {
      throw new BtfFormatException(origin + ": header: " + bytes.length + " bytes, too short");
    }
    ByteOrder order;
    if ((bytes[0] & 0xff | (bytes[1] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ((bytes[1] & 0xff | (bytes[0] & 0xff) << 8) == BtfHeader.MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new BtfFormatException(String.format("%s: header at offset 0x0: bad magic 0x%02x%02x", origin, bytes[0], bytes[1]));
    }
    if (bytes[2] != 1) {
      throw new BtfFormatException(origin + ": header at offset 0x2: unsupported version " + (bytes[2] & 0xff));
    }
    if (bytes[3] != 0) {
      throw new BtfFormatException(origin + ": header at offset 0x3: unsupported flags 0x" + Integer.toHexString(bytes[3] & 0xff));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
    long hdrLen = Integer.toUnsignedLong(buf.getInt(4));
    if (hdrLen >= bytes.length) {
      throw new BtfFormatException(origin + ": header at offset 0x4: hdr_len " + hdrLen + " leaves no data in " + bytes.length + " bytes");
    }
    if (hdrLen < 24) {
      throw new BtfFormatException(origin + ": header at offset 0x4: hdr_len " + hdrLen + " lacks func_info/line_info");
    }
    boolean native_ = order == ByteOrder.LITTLE_ENDIAN;
    List<BtfExtSection> func = subsection(origin, bytes, buf, (int) hdrLen, 8, BtfExtInfoKind.FUNC_INFO, btf, native_);
    List<BtfExtSection> line = subsection(origin, bytes, buf, (int) hdrLen, 16, BtfExtInfoKind.LINE_INFO, btf, native_);
    List<BtfExtSection> core = hdrLen >= 32
        ? subsection(origin, bytes, buf, (int) hdrLen, 24, BtfExtInfoKind.CORE_RELO, btf, native_)
        : List.of();
    return new BtfExt(order, func, line, core);
  }

  private static List<BtfExtSection> subsection(
      String origin, byte[] bytes, ByteBuffer buf, int hdrLen, int fieldAt, BtfExtInfoKind kind, Btf btf, boolean nativeOrder)
      throws BtfFormatException {
    long off = Integer.toUnsignedLong(buf.getInt(fieldAt));
    long len = Integer.toUnsignedLong(buf.getInt(fieldAt + 4));
    String what = origin + ": " + kind.label();
    if (len == 0) {
      return List.of();
    }
    if (off % 4 != 0) {
      throw new BtfFormatException(what + ": offset " + off + " is not 4-byte aligned");
    }
    long start = hdrLen + off;
    if (start + len > bytes.length) {
      throw new BtfFormatException(what + ": offset " + off + " length " + len + " extends past the end of the section (" + bytes.length + " bytes)");
    }
    if (len < 4) {
      throw new BtfFormatException(what + ": no record size");
    }
    int at = (int) start;
    long recordSize = Integer.toUnsignedLong(buf.getInt(at));
    if (recordSize < kind.minRecordSize() || recordSize % 4 != 0 || (!nativeOrder && recordSize != kind.minRecordSize())) {
      throw new BtfFormatException(what + " at offset 0x" + Integer.toHexString(at) + ": invalid record size " + recordSize);
    }
    long left = len - 4;
    at += 4;
    if (left == 0) {
      throw new BtfFormatException(what + ": no records");
    }
    List<BtfExtSection> out = new ArrayList<>();
    while (left > 0) {
      if (left < 8) {
        throw new BtfFormatException(what + " at offset 0x" + Integer.toHexString(at) + ": truncated section entry");
      }
      int nameOff = buf.getInt(at);
      long num = Integer.toUnsignedLong(buf.getInt(at + 4));
      if (num == 0) {
        throw new BtfFormatException(what + " at offset 0x" + Integer.toHexString(at) + ": section entry with no records");
      }
      // compare by division: num * recordSize can overflow a long (both are up to 2^32 - 1)
      if (num > (left - 8) / recordSize) {
        throw new BtfFormatException(what + " at offset 0x" + Integer.toHexString(at) + ": " + num + " records of " + recordSize + " bytes do not fit in the remaining " + (left - 8) + " bytes");
      }
      if (!btf.isValidStringOffset(Integer.toUnsignedLong(nameOff))) {
        throw new BtfFormatException(what + " at offset 0x" + Integer.toHexString(at) + ": section name offset " + Integer.toUnsignedString(nameOff) + " outside the .BTF strings");
      }
      int[] words = new int[(int) (num * recordSize / 4)];
      ByteBuffer.wrap(bytes, at + 8, (int) (num * recordSize)).order(buf.order()).asIntBuffer().get(words);
      checkReferences(what, at + 8, kind, words, (int) recordSize / 4, btf);
      long total = 8 + num * recordSize;
      out.add(new BtfExtSection(kind, nameOff, btf.string(nameOff), (int) recordSize, (int) num, words));
      at += (int) total;
      left -= total;
    }
    return out;
  }

  /**
   * Type ids and string offsets in records must exist in the BTF, so users of the records never
   * index out of range (libbpf leaves this to the kernel, which rejects such records at load).
   */
  private static void checkReferences(String what, int start, BtfExtInfoKind kind, int[] words, int per, Btf btf)
      throws BtfFormatException {
    for (int r = 0, w = 0; w < words.length; r++, w += per) {
      int at = start + w * 4;
      switch (kind) {
        case FUNC_INFO -> checkType(what, r, at, words[w + 1], btf);
        case LINE_INFO -> {
          checkString(what, r, at, words[w + 1], btf);
          checkString(what, r, at, words[w + 2], btf);
        }
        case CORE_RELO -> {
          checkType(what, r, at, words[w + 1], btf);
          checkString(what, r, at, words[w + 2], btf);
        }
      }
    }
  }

  private static void checkType(String what, int r, int at, int id, Btf btf) throws BtfFormatException {
    if (!btf.hasType(Integer.toUnsignedLong(id))) {
      throw new BtfFormatException(what + " record " + r + " at offset 0x" + Integer.toHexString(at) + ": type id " + Integer.toUnsignedString(id) + " out of range");
    }
  }

  private static void checkString(String what, int r, int at, int off, Btf btf) throws BtfFormatException {
    if (!btf.isValidStringOffset(Integer.toUnsignedLong(off))) {
      throw new BtfFormatException(what + " record " + r + " at offset 0x" + Integer.toHexString(at) + ": string offset " + Integer.toUnsignedString(off) + " outside the .BTF strings");
    }
  }

  public ByteOrder byteOrder() {
    return order;
  }

  public List<BtfExtSection> funcInfo() {
    return funcInfo;
  }

  public List<BtfExtSection> lineInfo() {
    return lineInfo;
  }

  public List<BtfExtSection> coreRelos() {
    return coreRelos;
  }

  public List<BtfExtSection> sections(BtfExtInfoKind kind) {
    return switch (kind) {
      case FUNC_INFO -> funcInfo;
      case LINE_INFO -> lineInfo;
      case CORE_RELO -> coreRelos;
    };
  }

  /** The entry of {@code kind} for ELF section {@code sectionName}, if any. */
  public Optional<BtfExtSection> section(BtfExtInfoKind kind, String sectionName) {
    for (BtfExtSection s : sections(kind)) {
      if (s.sectionName().equals(sectionName)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
