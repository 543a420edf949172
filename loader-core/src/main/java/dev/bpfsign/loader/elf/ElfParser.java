package dev.bpfsign.loader.elf;

import static dev.bpfsign.loader.elf.ElfConstants.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ELF64 image into {@link ElfFile}. Every count is checked against the bytes that
 * remain before anything is allocated for it, so hostile input costs at most O(file size).
 */
final class ElfParser {
  private static final int EHDR_SIZE = 64;
  private static final int SHDR_SIZE = 64;
  private static final int SYM_SIZE = 24;
  private static final int REL_SIZE = 16;
  private static final int RELA_SIZE = 24;

  private final String fileName;
  private final byte[] bytes;
  private ByteBuffer buf;

  ElfParser(String fileName, byte[] bytes) {
    this.fileName = fileName;
    this.bytes = bytes;
  }

  ElfFile parse() throws ElfFormatException {
    if (bytes.length < EHDR_SIZE) {
      throw fail("file header: " + bytes.length + " bytes, an ELF64 header needs 64");
    }
    if (bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
      throw fail("file header at offset 0x0: not an ELF file (bad magic)");
    }
    if (bytes[4] != 2) {
      throw fail("file header at offset 0x4: ELF class " + bytes[4] + ", only ELF64 (2) is supported");
    }
    ByteOrder order =
        switch (bytes[5]) {
          case 1 -> ByteOrder.LITTLE_ENDIAN;
          case 2 -> ByteOrder.BIG_ENDIAN;
          default -> throw fail("file header at offset 0x5: unknown data encoding " + bytes[5]);
        };
    if (bytes[6] != 1) {
      throw fail("file header at offset 0x6: ELF version " + bytes[6] + ", expected 1");
    }
    buf = ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(order);

    int type = u16(16);
    int machine = u16(18);
    if (type != ET_REL) {
      throw fail("file header at offset 0x10: e_type " + type + ", expected a relocatable object (1)");
    }
    // libbpf also accepts EM_NONE, which old clang versions wrote.
    if (machine != EM_BPF && machine != EM_NONE) {
      throw fail("file header at offset 0x12: e_machine " + machine + ", expected EM_BPF (247)");
    }
    int flags = buf.getInt(48);
    long shoff = buf.getLong(40);
    int shentsize = u16(58);
    long shnum = u16(60);
    int shstrndx = u16(62);

    if (shoff == 0) {
      throw fail("file header at offset 0x28: no section header table");
    }
    if (shentsize != SHDR_SIZE) {
      throw fail("file header at offset 0x3a: e_shentsize " + shentsize + ", expected 64");
    }
    checkRange("section header table", "file header at offset 0x28", shoff, SHDR_SIZE);
    if (shnum == 0) {
      // Extended numbering: the real count is section 0's sh_size.
      shnum = buf.getLong((int) shoff + 32);
    }
    if (shstrndx == SHN_XINDEX) {
      shstrndx = buf.getInt((int) shoff + 40);
    }
    if (shnum <= 0 || shnum > (bytes.length - shoff) / SHDR_SIZE) {
      throw fail(
          "file header at offset 0x3c: "
              + Long.toUnsignedString(shnum)
              + " section headers at offset 0x"
              + Long.toHexString(shoff)
              + " do not fit in "
              + bytes.length
              + " bytes");
    }
    int count = (int) shnum;
    if (Integer.compareUnsigned(shstrndx, count) >= 0 || shstrndx == 0) {
      throw fail("file header at offset 0x3e: section name table index " + Integer.toUnsignedString(shstrndx) + " out of range");
    }

    Section shstr = readHeader((int) shoff, shstrndx, null);
    if (shstr.type() != SHT_STRTAB) {
      throw fail("section #" + shstrndx + ": section name table has type " + shstr.type() + ", expected SHT_STRTAB");
    }
    List<Section> sections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sections.add(readHeader((int) shoff, i, shstr));
    }

    Section symtab = null;
    for (Section s : sections) {
      if (s.type() == SHT_SYMTAB) {
        if (symtab != null) {
          throw fail("section " + s.label() + ": a second SHT_SYMTAB (first is " + symtab.label() + ")");
        }
        symtab = s;
      }
    }
    if (symtab == null) {
      throw fail("no SHT_SYMTAB section");
    }
    List<Symbol> symbols = readSymbols(sections, symtab);
    List<RelocationSection> relocs = new ArrayList<>();
    for (Section s : sections) {
      if (s.type() == SHT_REL || s.type() == SHT_RELA) {
        relocs.add(readRelocations(sections, symtab, symbols.size(), s));
      }
    }
    return new ElfFile(fileName, buf, machine, flags, sections, symtab, symbols, relocs);
  }

  /** Reads header {@code i}, naming it from {@code names} (or "" while names is not known). */
  private Section readHeader(int shoff, int i, Section names) throws ElfFormatException {
    int at = shoff + i * SHDR_SIZE;
    String where = "section header #" + i + " at offset 0x" + Integer.toHexString(at);
    int nameOff = buf.getInt(at);
    int type = buf.getInt(at + 4);
    long flags = buf.getLong(at + 8);
    long addr = buf.getLong(at + 16);
    long offset = buf.getLong(at + 24);
    long size = buf.getLong(at + 32);
    int link = buf.getInt(at + 40);
    int info = buf.getInt(at + 44);
    long align = buf.getLong(at + 48);
    long entsize = buf.getLong(at + 56);
    if (Section.hasFileBytes(type)) {
      checkRange("contents of section #" + i, where, offset, size);
    } else if (size < 0 && type != SHT_NULL) {
      throw fail(where + ": size 0x" + Long.toUnsignedString(size, 16) + " too large");
    }
    String name = names == null ? "" : stringAt(names, nameOff, where + ": name");
    return new Section(i, name, type, flags, addr, offset, size, link, info, align, entsize);
  }

  private List<Symbol> readSymbols(List<Section> sections, Section symtab) throws ElfFormatException {
    if (symtab.size() % SYM_SIZE != 0) {
      throw fail("section " + symtab.label() + ": size " + symtab.size() + " is not a multiple of 24");
    }
    if (Integer.compareUnsigned(symtab.link(), sections.size()) >= 0) {
      throw fail("section " + symtab.label() + ": string table index " + Integer.toUnsignedString(symtab.link()) + " out of range");
    }
    Section strtab = sections.get(symtab.link());
    if (strtab.type() != SHT_STRTAB) {
      throw fail("section " + symtab.label() + ": linked section " + strtab.label() + " is not SHT_STRTAB");
    }
    int n = (int) (symtab.size() / SYM_SIZE);
    List<Symbol> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = (int) symtab.offset() + i * SYM_SIZE;
      int nameOff = buf.getInt(at);
      int info = bytes[at + 4] & 0xff;
      int other = bytes[at + 5] & 0xff;
      int shndx = u16(at + 6);
      long value = buf.getLong(at + 8);
      long size = buf.getLong(at + 16);
      if (shndx == SHN_XINDEX) {
        throw fail(symbolAt(symtab, i, at) + ": extended section indexes (SHN_XINDEX) are not supported");
      }
      if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= sections.size()) {
        throw fail(symbolAt(symtab, i, at) + ": section index " + shndx + " out of range");
      }
      out.add(new Symbol(i, stringAt(strtab, nameOff, symtab, i, at), info, other, shndx, value, size));
    }
    return out;
  }

  private static String symbolAt(Section symtab, int i, int at) {
    return "section " + symtab.label() + ": symbol " + i + " at offset 0x" + Integer.toHexString(at);
  }

  /** A symbol's name; the message prefix is only built on failure. */
  private String stringAt(Section strtab, int off, Section symtab, int i, int at) throws ElfFormatException {
    if (Integer.toUnsignedLong(off) < strtab.size()) {
      int start = (int) strtab.offset() + off;
      int end = (int) (strtab.offset() + strtab.size());
      for (int j = start; j < end; j++) {
        if (bytes[j] == 0) {
          return j == start ? "" : new String(bytes, start, j - start, StandardCharsets.UTF_8);
        }
      }
    }
    return stringAt(strtab, off, symbolAt(symtab, i, at) + " name");
  }

  private RelocationSection readRelocations(
      List<Section> sections, Section symtab, int symbolCount, Section rel) throws ElfFormatException {
    boolean rela = rel.type() == SHT_RELA;
    int entry = rela ? RELA_SIZE : REL_SIZE;
    if (rel.size() % entry != 0) {
      throw fail("section " + rel.label() + ": size " + rel.size() + " is not a multiple of " + entry);
    }
    if (Integer.compareUnsigned(rel.info(), sections.size()) >= 0 || rel.info() == 0) {
      throw fail("section " + rel.label() + ": target section index " + Integer.toUnsignedString(rel.info()) + " out of range");
    }
    if (rel.link() != symtab.index()) {
      throw fail("section " + rel.label() + ": symbol table index " + Integer.toUnsignedString(rel.link()) + " is not the symbol table " + symtab.label());
    }
    Section target = sections.get(rel.info());
    int n = (int) (rel.size() / entry);
    for (int i = 0; i < n; i++) {
      int at = (int) rel.offset() + i * entry;
      long offset = buf.getLong(at);
      long sym = buf.getLong(at + 8) >>> 32;
      if (sym >= symbolCount) {
        throw fail(relocationAt(rel, i, at) + ": symbol index " + sym + " out of range");
      }
      if (!target.isNoBits() && Long.compareUnsigned(offset, target.size()) >= 0) {
        throw fail(relocationAt(rel, i, at) + ": offset 0x" + Long.toUnsignedString(offset, 16) + " outside " + target.label() + " (size 0x" + Long.toHexString(target.size()) + ")");
      }
    }
    ByteBuffer data = buf.slice((int) rel.offset(), (int) rel.size()).order(buf.order());
    return new RelocationSection(rel, rel.info(), data, n);
  }

  private static String relocationAt(Section rel, int i, int at) {
    return "section " + rel.label() + ": relocation " + i + " at offset 0x" + Integer.toHexString(at);
  }

  private String stringAt(Section strtab, int off, String what) throws ElfFormatException {
    if (Integer.compareUnsigned(off, (int) Math.min(strtab.size(), Integer.MAX_VALUE)) >= 0) {
      if (off == 0 && strtab.size() == 0) {
        return "";
      }
      throw fail(what + ": string offset 0x" + Integer.toHexString(off) + " outside " + strtab.label() + " (size 0x" + Long.toHexString(strtab.size()) + ")");
    }
    int start = (int) strtab.offset() + off;
    int end = (int) (strtab.offset() + strtab.size());
    int i = start;
    while (i < end && bytes[i] != 0) {
      i++;
    }
    if (i == end) {
      throw fail(what + ": string at offset 0x" + Integer.toHexString(off) + " in " + strtab.label() + " is not NUL-terminated");
    }
    return new String(bytes, start, i - start, StandardCharsets.UTF_8);
  }

  private void checkRange(String what, String where, long offset, long size) throws ElfFormatException {
    if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset) {
      throw fail(
          where + ": " + what + " (offset 0x" + Long.toUnsignedString(offset, 16) + ", size 0x"
              + Long.toUnsignedString(size, 16) + ") extends past the end of the file (0x"
              + Integer.toHexString(bytes.length) + " bytes)");
    }
  }

  private int u16(int at) {
    return buf.getShort(at) & 0xffff;
  }

  private ElfFormatException fail(String message) {
    return new ElfFormatException(fileName + ": " + message);
  }
}
