package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.insn.InsnCodec;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.elf.ElfConstants;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import dev.bpfsign.loader.elf.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the programs and subprograms of an object ({@code bpf_object__add_programs}): every
 * {@code STT_FUNC} symbol in an executable section is one, sliced out of its section; the list is
 * ordered by section index, then offset ({@code cmp_progs}), so symbol-table order never matters.
 */
final class ProgramCollector {
  private ProgramCollector() {}

  static List<ProgState> collect(ElfFile elf, ObjectSections sections) throws BadInputException {
    List<ProgState> progs = new ArrayList<>();
    for (Section sh : elf.sections()) {
      if (sh.index() == 0 || sh.type() != ElfConstants.SHT_PROGBITS || !sh.isExecutable() || sh.size() == 0) {
        continue;
      }
      java.nio.ByteBuffer data = elf.data(sh);
      long sectionSize = data.remaining();
      for (Symbol sym : elf.symbols()) {
        if (sym.sectionIndex() != sh.index() || sym.type() != ElfConstants.STT_FUNC) {
          continue;
        }
        long off = sym.value();
        long size = sym.size();
        String where = elf.fileName() + ": section " + sh.label() + ": program '" + sym.name() + "'";
        if (off < 0 || size < 0 || off + size > sectionSize) {
          throw new BadInputException(where + " at offset " + off + " crosses the section end");
        }
        if (sh.index() != sections.textIndex && sym.bind() == ElfConstants.STB_LOCAL) {
          throw new BadInputException(where + " is static; programs outside .text must be global");
        }
        if (size == 0 || size % 8 != 0 || off % 8 != 0) {
          throw new BadInputException(where + ": corrupted code at offset " + off + ", size " + size);
        }
        byte[] code = new byte[(int) size];
        data.get((int) off, code);
        if (elf.byteOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
          InsnCodec.swapOrder(code);
        }
        boolean global = sym.bind() != ElfConstants.STB_LOCAL;
        boolean hidden = global
            && (sym.visibility() == ElfConstants.STV_HIDDEN || sym.visibility() == ElfConstants.STV_INTERNAL);
        progs.add(new ProgState(sym.name(), sh.index(), sh.name(), (int) (off / 8), code, global, hidden));
      }
    }
    progs.sort(Comparator.comparingInt((ProgState p) -> p.secIndex).thenComparingInt(p -> p.secInsnOff));
    for (int i = 1; i < progs.size(); i++) {
      ProgState a = progs.get(i - 1);
      ProgState b = progs.get(i);
      if (a.secIndex == b.secIndex && a.secInsnOff == b.secInsnOff) {
        throw new BadInputException(elf.fileName() + ": section " + b.secName + ": programs '" + a.name + "' and '" + b.name + "' start at the same offset");
      }
    }
    return progs;
  }

  /** {@code find_prog_by_sec_insn}: the (sub)program holding instruction {@code insn} of a section. */
  static ProgState find(List<ProgState> progs, int secIndex, int insn) {
    int l = 0;
    int r = progs.size() - 1;
    if (r < 0) {
      return null;
    }
    while (l < r) {
      int m = l + (r - l + 1) / 2;
      ProgState p = progs.get(m);
      if (p.secIndex < secIndex || (p.secIndex == secIndex && p.secInsnOff <= insn)) {
        l = m;
      } else {
        r = m - 1;
      }
    }
    ProgState p = progs.get(l);
    return p.secIndex == secIndex && p.contains(insn) ? p : null;
  }
}
