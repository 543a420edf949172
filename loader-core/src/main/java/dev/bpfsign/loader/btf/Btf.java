package dev.bpfsign.loader.btf;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parsed, validated {@code .BTF}: every type's extent, every referenced type id and every string
 * offset was checked by {@link #parse}, and modifier/typedef/array chains are loop-free. Types are
 * held as the raw 32-bit words of the type section (no object per type); {@link #type(int)} gives
 * a light view. Immutable; {@link BtfEditor} makes changed copies.
 */
public final class Btf {
  final String origin;
  final ByteOrder order;
  final BtfHeader header;
  /** The section as read; the upload encoding of an unmodified BTF starts from these bytes. */
  final byte[] original;
  /** Type section words in host order. */
  final int[] words;
  /** starts[id] = index of type id's first word; starts[0] (void) is -1. */
  final int[] starts;
  final int typeCount;
  final byte[] strings;
  final int strLen;
  final byte[] layout;
  /** True once types or strings were appended: libbpf then re-serialises instead of reusing. */
  final boolean modified;

  private volatile Map<String, Integer> firstByName;

  Btf(
      String origin,
      ByteOrder order,
      BtfHeader header,
      byte[] original,
      int[] words,
      int[] starts,
      int typeCount,
      byte[] strings,
      int strLen,
      byte[] layout,
      boolean modified) {
    this.origin = origin;
    this.order = order;
    this.header = header;
    this.original = original;
    this.words = words;
    this.starts = starts;
    this.typeCount = typeCount;
    this.strings = strings;
    this.strLen = strLen;
    this.layout = layout;
    this.modified = modified;
  }

  /**
   * Parses a {@code .BTF} section image (not copied; do not change it afterwards).
   *
   * @param origin how messages name the data, e.g. {@code prog.o: section .BTF (#25)}
   */
  public static Btf parse(String origin, byte[] bytes) throws BtfFormatException {
    return new BtfParser(origin, bytes).parse();
  }

  /** The object's {@code .BTF}, if it has one. */
  public static Optional<Btf> read(ElfFile elf) throws BtfFormatException {
    Optional<Section> section = elf.section(".BTF");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        parse(elf.fileName() + ": section " + section.get().label(), elf.bytes(section.get())));
  }

  public ByteOrder byteOrder() {
    return order;
  }

  /** The header as it will be encoded (lengths and offsets follow appended types/strings). */
  public BtfHeader header() {
    return header;
  }

  /** Number of type ids including void (id 0), like libbpf's {@code btf__type_cnt}. */
  public int typeCount() {
    return typeCount;
  }

  public boolean hasType(long id) {
    return id >= 0 && id < typeCount;
  }

  public BtfType type(int id) {
    checkId(id);
    return new BtfType(this, id);
  }

  /** The layout section bytes (empty if absent). */
  public byte[] layout() {
    return layout.clone();
  }

  public int kind(int id) {
    checkId(id);
    return id == 0 ? BtfKind.UNKN : (words[starts[id] + 1] >>> 24) & 0x7f;
  }

  public int info(int id) {
    checkId(id);
    return id == 0 ? 0 : words[starts[id] + 1];
  }

  public int vlen(int id) {
    return info(id) & 0xffffff;
  }

  public boolean kindFlag(int id) {
    return info(id) < 0;
  }

  public int nameOff(int id) {
    checkId(id);
    return id == 0 ? 0 : words[starts[id]];
  }

  public String name(int id) {
    return string(nameOff(id));
  }

  /** The {@code size}/{@code type} union of the common header. */
  public int sizeOrType(int id) {
    checkId(id);
    return id == 0 ? 0 : words[starts[id] + 2];
  }

  /** Word {@code i} after the 12-byte common header (e.g. INT encoding, member fields). */
  public int tail(int id, int i) {
    checkId(id);
    return words[starts[id] + 3 + i];
  }

  /** The NUL-terminated string at {@code offset}; offsets were validated at parse. */
  public String string(int offset) {
    if (offset < 0 || offset >= strLen) {
      throw new IllegalArgumentException("string offset " + offset + " outside " + strLen + " bytes");
    }
    int end = offset;
    while (strings[end] != 0) {
      end++;
    }
    return new String(strings, offset, end - offset, StandardCharsets.UTF_8);
  }

  public boolean isValidStringOffset(long offset) {
    return offset >= 0 && offset < strLen;
  }

  /** The first type with this name, like {@code btf__find_by_name}. */
  public OptionalInt findByName(String name) {
    Integer id = nameIndex().get(name);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** The first type with this name and kind, like {@code btf__find_by_name_kind}. */
  public OptionalInt findByNameKind(String name, int kind) {
    if (kind == BtfKind.UNKN && name.equals("void")) {
      return OptionalInt.of(0);
    }
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int id = 1; id < typeCount; id++) {
      if (kind(id) == kind && nameEquals(nameOff(id), wanted)) {
        return OptionalInt.of(id);
      }
    }
    return OptionalInt.empty();
  }

  private boolean nameEquals(int off, byte[] wanted) {
    if (off + wanted.length >= strLen) {
      return false;
    }
    for (int i = 0; i < wanted.length; i++) {
      if (strings[off + i] != wanted[i]) {
        return false;
      }
    }
    return strings[off + wanted.length] == 0;
  }

  private Map<String, Integer> nameIndex() {
    Map<String, Integer> index = firstByName;
    if (index == null) {
      index = new HashMap<>(typeCount * 2);
      for (int id = typeCount - 1; id >= 1; id--) {
        int off = nameOff(id);
        if (off != 0) {
          index.put(string(off), id); // walking backwards leaves the first id per name
        }
      }
      firstByName = index;
    }
    return index;
  }

  /** The bytes libbpf would upload for this BTF ({@code btf__raw_data}); see {@link BtfEncoder}. */
  public byte[] encode() {
    return BtfEncoder.encode(this);
  }

  /** Used in messages: where this BTF came from. */
  public String origin() {
    return origin;
  }

  private void checkId(int id) {
    if (id < 0 || id >= typeCount) {
      throw new IllegalArgumentException("type id " + id + " outside 0.." + (typeCount - 1));
    }
  }

  @Override
  public String toString() {
    return "BTF (" + (typeCount - 1) + " types, " + strLen + " string bytes) from " + origin;
  }
}
