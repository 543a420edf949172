package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.elf.ElfConstants;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import java.nio.charset.StandardCharsets;

/**
 * The first pass over an object's sections ({@code bpf_object__elf_collect}): license, kernel
 * version, where the maps, BTF, code and global data live, and which features gen_loader cannot
 * express (refused here with the section named).
 */
final class ObjectSections {
  static final String MAPS = ".maps";

  final SectionKind[] kinds;
  int textIndex;
  int mapsIndex = -1;
  int symtabIndex;
  String license = "";
  int kernVersion;

  private ObjectSections(int count) {
    kinds = new SectionKind[count];
    java.util.Arrays.fill(kinds, SectionKind.NONE);
  }

  static ObjectSections classify(ElfFile elf) throws BadInputException {
    ObjectSections s = new ObjectSections(elf.sections().size());
    s.symtabIndex = elf.symbolTableSection().index();
    String file = elf.fileName();
    for (Section sh : elf.sections()) {
      if (sh.index() == 0 || ignored(sh)) {
        continue;
      }
      String name = sh.name();
      boolean hasData = sh.size() > 0;
      if (name.equals("license")) {
        s.license = license(elf.bytes(sh));
      } else if (name.equals("version")) {
        if (sh.size() != 4) {
          throw new BadInputException(file + ": section " + sh.label() + ": kernel version is " + sh.size() + " bytes, not 4");
        }
        s.kernVersion = elf.data(sh).getInt(0);
      } else if (name.equals("maps")) {
        throw new BadInputException(file + ": section " + sh.label() + ": legacy map definitions are not supported (use BTF-defined maps in .maps)");
      } else if (name.equals(MAPS)) {
        s.mapsIndex = sh.index();
      } else if (name.equals(".BTF") || name.equals(".BTF.ext") || sh.type() == ElfConstants.SHT_SYMTAB) {
        // read by the BTF and symbol table readers
      } else if (sh.type() == ElfConstants.SHT_PROGBITS && hasData) {
        if (sh.isExecutable()) {
          if (name.equals(".text")) {
            s.textIndex = sh.index();
          }
        } else if (name.equals(".data") || name.startsWith(".data.")) {
          s.kinds[sh.index()] = SectionKind.DATA;
        } else if (name.equals(".rodata") || name.startsWith(".rodata.")) {
          s.kinds[sh.index()] = SectionKind.RODATA;
        } else if (name.equals(".struct_ops") || name.equals(".struct_ops.link")
            || name.equals("?.struct_ops") || name.equals("?.struct_ops.link")) {
          throw new BadInputException(file + ": section " + sh.label() + ": struct_ops maps are not supported by loader programs");
        } else if (name.equals(".addr_space.1")) {
          throw new BadInputException(file + ": section " + sh.label() + ": arena (__arena globals) is not supported by loader programs");
        } else if (name.equals(".jumptables")) {
          throw new BadInputException(file + ": section " + sh.label() + ": jump tables are not supported by loader programs");
        }
      } else if (sh.type() == ElfConstants.SHT_REL) {
        s.kinds[sh.index()] = SectionKind.RELO;
      } else if (sh.type() == ElfConstants.SHT_NOBITS && (name.equals(".bss") || name.startsWith(".bss."))) {
        s.kinds[sh.index()] = SectionKind.BSS;
      }
    }
    return s;
  }

  boolean isData(int index) {
    SectionKind k = kinds[index];
    return k == SectionKind.DATA || k == SectionKind.RODATA || k == SectionKind.BSS;
  }

  /** libbpf keeps at most 63 bytes of the license, up to the first NUL. */
  private static String license(byte[] data) {
    int n = 0;
    while (n < data.length && n < 63 && data[n] != 0) {
      n++;
    }
    return new String(data, 0, n, StandardCharsets.ISO_8859_1);
  }

  private static boolean ignored(Section sh) {
    String name = sh.name();
    if (sh.type() == ElfConstants.SHT_STRTAB || sh.type() == ElfConstants.SHT_LLVM_ADDRSIG) {
      return true;
    }
    if (sh.type() == ElfConstants.SHT_PROGBITS && sh.size() == 0 && name.equals(".text")) {
      return true;
    }
    if (name.startsWith(".debug_")) {
      return true;
    }
    if (name.startsWith(".rel")) {
      String target = name.substring(4);
      return target.startsWith(".debug_") || target.equals(".BTF") || target.equals(".BTF.ext");
    }
    return false;
  }
}
