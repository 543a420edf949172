package dev.bpfsign.loader.btf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A changeable copy of a {@link Btf}, for the fix-ups libbpf applies before upload. In-place
 * edits keep libbpf's "unmodified" encoding; appending a type or a string switches to the
 * re-serialised one, as libbpf's {@code btf_ensure_modifiable} does.
 */
public final class BtfEditor {
  private final Btf base;
  private int[] words;
  private int wordCount;
  private int[] starts;
  private int typeCount;
  private byte[] strings;
  private int strLen;
  private boolean modified;
  private Map<String, Integer> stringIndex;

  public BtfEditor(Btf btf) {
    this.base = btf;
    this.words = btf.words.clone();
    this.wordCount = btf.header.typeLen() / 4;
    this.starts = btf.starts.clone();
    this.typeCount = btf.typeCount;
    this.strings = btf.strings.clone();
    this.strLen = btf.strLen;
    this.modified = btf.modified;
  }

  /** The current state as a {@link Btf} (the editor stays usable). */
  public Btf build() {
    BtfHeader h = base.header;
    int typeLen = wordCount * 4;
    BtfHeader header = h;
    if (modified) {
      int layoutOff = h.layoutLen() != 0 ? h.typeOff() + typeLen : h.layoutOff();
      int strOff = h.layoutLen() != 0 ? layoutOff + h.layoutLen() : h.typeOff() + typeLen;
      header = new BtfHeader(h.magic(), h.version(), h.flags(), h.hdrLen(), h.typeOff(), typeLen, strOff, strLen, layoutOff, h.layoutLen());
    }
    return new Btf(
        base.origin, base.order, header, base.original, Arrays.copyOf(words, wordCount),
        Arrays.copyOf(starts, typeCount), typeCount, Arrays.copyOf(strings, strLen), strLen,
        base.layout, modified);
  }

  public int typeCount() {
    return typeCount;
  }

  public int info(int id) {
    return words[start(id) + 1];
  }

  public void setInfo(int id, int info) {
    words[start(id) + 1] = info;
  }

  public void setNameOff(int id, int nameOff) {
    words[start(id)] = nameOff;
  }

  public void setSizeOrType(int id, int value) {
    words[start(id) + 2] = value;
  }

  public int tail(int id, int i) {
    return words[start(id) + 3 + i];
  }

  public void setTail(int id, int i, int value) {
    words[start(id) + 3 + i] = value;
  }

  /**
   * Appends a VAR like {@code btf__add_var}: type memory first, then the name through the string
   * set (an existing identical string is reused).
   */
  public int addVar(String name, int linkage, int typeId) throws BtfFormatException {
    ensureModifiable();
    int nameOff = addString(name);
    int id = appendType(new int[] {nameOff, BtfKind.VAR << 24, typeId, linkage});
    return id;
  }

  /**
   * Returns the offset of {@code s}, appending it if no string in the section equals it. Like
   * libbpf's string set, only whole strings (starting after a NUL) count, and the first wins.
   */
  public int addString(String s) throws BtfFormatException {
    ensureModifiable();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    // keys are the raw bytes (as Latin-1), so comparison is byte-exact like libbpf's strcmp
    String key = new String(b, StandardCharsets.ISO_8859_1);
    Integer known = stringIndex.get(key);
    if (known != null) {
      return known;
    }
    if (strings.length < strLen + b.length + 1) {
      strings = Arrays.copyOf(strings, Math.max(strings.length * 2, strLen + b.length + 1));
    }
    int off = strLen;
    System.arraycopy(b, 0, strings, off, b.length);
    strings[off + b.length] = 0;
    strLen += b.length + 1;
    stringIndex.put(key, off);
    return off;
  }

  private int appendType(int[] type) {
    if (words.length < wordCount + type.length) {
      words = Arrays.copyOf(words, Math.max(words.length * 2, wordCount + type.length));
    }
    if (starts.length <= typeCount) {
      starts = Arrays.copyOf(starts, Math.max(starts.length * 2, typeCount + 1));
    }
    System.arraycopy(type, 0, words, wordCount, type.length);
    starts[typeCount] = wordCount;
    wordCount += type.length;
    return typeCount++;
  }

  private void ensureModifiable() throws BtfFormatException {
    if (stringIndex != null) {
      return;
    }
    if (hasHeaderExtra()) {
      throw new BtfFormatException(base.origin + ": header: unknown non-zero header bytes after offset 32; the BTF cannot be changed");
    }
    stringIndex = new HashMap<>();
    for (int off = 0; off < strLen; ) {
      int end = off;
      while (strings[end] != 0) {
        end++;
      }
      stringIndex.putIfAbsent(new String(strings, off, end - off, StandardCharsets.ISO_8859_1), off);
      off = end + 1;
    }
    modified = true;
  }

  private boolean hasHeaderExtra() {
    for (int i = BtfHeader.FULL_LEN; i < base.header.hdrLen(); i++) {
      if (base.original[i] != 0) {
        return true;
      }
    }
    return false;
  }

  private int start(int id) {
    if (id <= 0 || id >= typeCount) {
      throw new IllegalArgumentException("type id " + id + " outside 1.." + (typeCount - 1));
    }
    return starts[id];
  }
}
