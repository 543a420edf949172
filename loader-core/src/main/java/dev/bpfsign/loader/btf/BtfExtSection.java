package dev.bpfsign.loader.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The records of one {@code .BTF.ext} subsection for one ELF section ({@code btf_ext_info_sec}).
 * Records are {@link #recordSize()} bytes (at least the kind's minimum; extra trailing fields are
 * kept); all fields are 32-bit. {@code insn_off} is in bytes from the start of the ELF section.
 */
public final class BtfExtSection {
  private final BtfExtInfoKind kind;
  private final int nameOff;
  private final String sectionName;
  private final int recordSize;
  private final int count;
  private final int[] words;

  BtfExtSection(BtfExtInfoKind kind, int nameOff, String sectionName, int recordSize, int count, int[] words) {
    this.kind = kind;
    this.nameOff = nameOff;
    this.sectionName = sectionName;
    this.recordSize = recordSize;
    this.count = count;
    this.words = words;
  }

  public BtfExtInfoKind kind() {
    return kind;
  }

  /** Offset of the ELF section name in the {@code .BTF} string section. */
  public int nameOff() {
    return nameOff;
  }

  public String sectionName() {
    return sectionName;
  }

  public int recordSize() {
    return recordSize;
  }

  public int count() {
    return count;
  }

  /** Field {@code field} (0-based 32-bit word) of record {@code i}. */
  public int field(int i, int field) {
    if (i < 0 || i >= count || field < 0 || field >= recordSize / 4) {
      throw new IndexOutOfBoundsException("record " + i + " field " + field);
    }
    return words[i * (recordSize / 4) + field];
  }

  /** {@code insn_off} of record {@code i}, in bytes. */
  public int insnOff(int i) {
    return field(i, 0);
  }

  /** FUNC_INFO/CORE_RELO: {@code type_id}. */
  public int typeId(int i) {
    return field(i, 1);
  }

  /** Record {@code i} encoded in {@code order}, {@link #recordSize()} bytes. */
  public byte[] record(int i, ByteOrder order) {
    byte[] out = new byte[recordSize];
    int per = recordSize / 4;
    ByteBuffer.wrap(out).order(order).asIntBuffer().put(words, i * per, per);
    return out;
  }

  /** All records' words, host order, {@code recordSize/4} per record. */
  public int[] words() {
    return words.clone();
  }

  @Override
  public String toString() {
    return kind.label() + " " + sectionName + ": " + count + " records of " + recordSize + " bytes";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BtfExtSection s
        && s.kind == kind && s.nameOff == nameOff && s.recordSize == recordSize
        && Arrays.equals(s.words, words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words) * 31 + nameOff;
  }
}
