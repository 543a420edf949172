package dev.bpfsign.loader.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, fully range-checked 64-bit BPF relocatable ELF object (either byte order). Every
 * section's bytes, every symbol and every relocation have been validated by {@link #parse}, so
 * callers can use them without further bounds checks on the ELF structure itself.
 */
public final class ElfFile {
  private final String fileName;
  private final ByteBuffer image;
  private final int machine;
  private final int flags;
  private final List<Section> sections;
  private final Section symtab;
  private final List<Symbol> symbols;
  private final List<RelocationSection> relocationSections;

  ElfFile(
      String fileName,
      ByteBuffer image,
      int machine,
      int flags,
      List<Section> sections,
      Section symtab,
      List<Symbol> symbols,
      List<RelocationSection> relocationSections) {
    this.fileName = fileName;
    this.image = image;
    this.machine = machine;
    this.flags = flags;
    this.sections = List.copyOf(sections);
    this.symtab = symtab;
    this.symbols = List.copyOf(symbols);
    this.relocationSections = List.copyOf(relocationSections);
  }

  /**
   * Parses {@code bytes} (not copied: the caller must not change the array afterwards).
   *
   * @param fileName how messages name the file, e.g. {@code prog.o}
   */
  public static ElfFile parse(String fileName, byte[] bytes) throws ElfFormatException {
    return new ElfParser(fileName, bytes).parse();
  }

  public String fileName() {
    return fileName;
  }

  public ByteOrder byteOrder() {
    return image.order();
  }

  /** {@code e_machine}: {@link ElfConstants#EM_BPF} (or {@code EM_NONE}, which libbpf accepts). */
  public int machine() {
    return machine;
  }

  public int flags() {
    return flags;
  }

  /** All section headers in index order, including the null section at index 0. */
  public List<Section> sections() {
    return sections;
  }

  /** @throws IndexOutOfBoundsException for an index that {@link #sections()} does not hold */
  public Section section(int index) {
    return sections.get(index);
  }

  /** The first section with this name (names need not be unique in ELF). */
  public Optional<Section> section(String name) {
    for (Section s : sections) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The one {@code SHT_SYMTAB} section. */
  public Section symbolTableSection() {
    return symtab;
  }

  /** All symbols in table order, including the null symbol at index 0. */
  public List<Symbol> symbols() {
    return symbols;
  }

  public Symbol symbol(int index) {
    return symbols.get(index);
  }

  /** Every {@code SHT_REL}/{@code SHT_RELA} section, in section order. */
  public List<RelocationSection> relocationSections() {
    return relocationSections;
  }

  /** The relocation section that applies to section {@code targetIndex}, if any. */
  public Optional<RelocationSection> relocationsFor(int targetIndex) {
    for (RelocationSection r : relocationSections) {
      if (r.targetIndex() == targetIndex) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * A read-only view of the section's bytes in the file's byte order, positioned at 0; empty for
   * {@code SHT_NOBITS}. No copy.
   */
  public ByteBuffer data(Section section) {
    if (section.isNoBits()) {
      return ByteBuffer.allocate(0).order(image.order()).asReadOnlyBuffer();
    }
    return image.slice((int) section.offset(), (int) section.size()).order(image.order());
  }

  /** A copy of the section's bytes (empty for {@code SHT_NOBITS}). */
  public byte[] bytes(Section section) {
    ByteBuffer data = data(section);
    byte[] out = new byte[data.remaining()];
    data.get(out);
    return out;
  }

  /** A copy of the whole file. */
  public byte[] image() {
    byte[] out = new byte[image.capacity()];
    image.get(0, out);
    return out;
  }

  @Override
  public String toString() {
    return fileName + " (" + sections.size() + " sections, " + symbols.size() + " symbols)";
  }
}
