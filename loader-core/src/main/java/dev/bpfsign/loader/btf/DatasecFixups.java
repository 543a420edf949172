package dev.bpfsign.loader.btf;

import static dev.bpfsign.loader.elf.ElfConstants.*;

import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import dev.bpfsign.loader.elf.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libbpf's {@code btf_fixup_datasec}, for every DATASEC in id order. Clang leaves DATASEC sizes
 * and VAR offsets at zero; libbpf fills them from the ELF section size and the symbol values (a
 * DATASEC with a non-zero size, e.g. from the BPF static linker, keeps its offsets). A global VAR
 * whose symbol is hidden or internal becomes static. Then the entries are sorted by offset
 * (stably, with libbpf's {@code int} subtraction comparator). {@code .kconfig} and {@code .ksyms}
 * were laid out by {@link ExternFixups} and are only sorted.
 */
final class DatasecFixups {
  private DatasecFixups() {}

  static void apply(ElfFile elf, Btf btf, BtfEditor editor) throws BtfFormatException {
    for (int sec : BtfFixups.datasecs(btf)) {
      fixup(elf, btf, editor, sec);
    }
  }

  private static void fixup(ElfFile elf, Btf btf, BtfEditor editor, int sec) throws BtfFormatException {
    String name = btf.name(sec);
    int vlen = btf.vlen(sec);
    String where = btf.origin() + ": DATASEC '" + name + "' [" + sec + "]";
    if (!name.equals(".kconfig") && !name.equals(".ksyms")) {
      boolean fixOffsets = false;
      if (btf.sizeOrType(sec) == 0) {
        Optional<Section> section = elf.section(name);
        long size = section.map(Section::size).orElse(0L);
        if (size == 0 || size > 0xffffffffL) {
          throw new BtfFormatException(where + ": no ELF section of that name with a usable size");
        }
        editor.setSizeOrType(sec, (int) size);
        fixOffsets = true;
      }
      for (int i = 0; i < vlen; i++) {
        int var = editor.tail(sec, 3 * i);
        if (btf.kind(var) != BtfKind.VAR) {
          throw new BtfFormatException(where + ": entry " + i + " is " + BtfKind.name(btf.kind(var)) + " [" + var + "], not a VAR");
        }
        int linkage = editor.tail(var, 0);
        if (linkage == BtfKind.VAR_STATIC || linkage == BtfKind.VAR_GLOBAL_EXTERN) {
          continue;
        }
        String varName = btf.name(var);
        Symbol sym = globalObject(elf, varName);
        if (sym == null) {
          throw new BtfFormatException(where + ": no global ELF symbol for VAR '" + varName + "'");
        }
        if (fixOffsets) {
          editor.setTail(sec, 3 * i + 1, (int) sym.value());
        }
        if (sym.visibility() == STV_HIDDEN || sym.visibility() == STV_INTERNAL) {
          editor.setTail(var, 0, BtfKind.VAR_STATIC);
        }
      }
    }
    sortByOffset(editor, sec, vlen);
  }

  /** libbpf's {@code find_elf_var_sym}: the first global or weak STT_OBJECT with that name. */
  private static Symbol globalObject(ElfFile elf, String name) {
    for (Symbol sym : elf.symbols()) {
      if (sym.type() == STT_OBJECT
          && (sym.bind() == STB_GLOBAL || sym.bind() == STB_WEAK)
          && sym.name().equals(name)) {
        return sym;
      }
    }
    return null;
  }

  private static void sortByOffset(BtfEditor editor, int sec, int vlen) {
    List<int[]> entries = new ArrayList<>(vlen);
    for (int i = 0; i < vlen; i++) {
      entries.add(new int[] {editor.tail(sec, 3 * i), editor.tail(sec, 3 * i + 1), editor.tail(sec, 3 * i + 2)});
    }
    // compare_vsi_off returns a->offset - b->offset as int; List.sort is stable like glibc's
    // merge-sort qsort
    entries.sort((a, b) -> Integer.signum(a[1] - b[1]));
    for (int i = 0; i < vlen; i++) {
      int[] e = entries.get(i);
      editor.setTail(sec, 3 * i, e[0]);
      editor.setTail(sec, 3 * i + 1, e[1]);
      editor.setTail(sec, 3 * i + 2, e[2]);
    }
  }
}
