package dev.bpfsign.loader.elf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code SHT_REL} (or {@code SHT_RELA}) section; {@code targetIndex} (the header's {@code
 * sh_info}) is a valid section index and every record was range-checked at parse. Records are
 * decoded on first use: objects carry thousands of debug-info relocations nobody reads.
 */
public final class RelocationSection {
  private final Section section;
  private final int targetIndex;
  private final ByteBuffer data;
  private final int count;
  private volatile List<Relocation> decoded;

  RelocationSection(Section section, int targetIndex, ByteBuffer data, int count) {
    this.section = section;
    this.targetIndex = targetIndex;
    this.data = data;
    this.count = count;
  }

  public Section section() {
    return section;
  }

  public int targetIndex() {
    return targetIndex;
  }

  public boolean isRela() {
    return section.type() == ElfConstants.SHT_RELA;
  }

  public int count() {
    return count;
  }

  public Relocation relocation(int i) {
    Objects.checkIndex(i, count);
    int entry = isRela() ? 24 : 16;
    int at = i * entry;
    long info = data.getLong(at + 8);
    return new Relocation(i, data.getLong(at), (int) (info >>> 32), (int) info, isRela() ? data.getLong(at + 16) : 0);
  }

  /** All records in order. */
  public List<Relocation> relocations() {
    List<Relocation> list = decoded;
    if (list == null) {
      List<Relocation> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(relocation(i));
      }
      list = List.copyOf(out);
      decoded = list;
    }
    return list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelocationSection r
        && r.section.equals(section)
        && r.targetIndex == targetIndex
        && r.relocations().equals(relocations());
  }

  @Override
  public int hashCode() {
    return Objects.hash(section, targetIndex, count);
  }

  @Override
  public String toString() {
    return section.label() + " -> #" + targetIndex + " (" + count + " relocations)";
  }
}
