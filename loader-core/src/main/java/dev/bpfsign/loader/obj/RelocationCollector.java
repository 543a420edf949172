package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.elf.ElfConstants;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Relocation;
import dev.bpfsign.loader.elf.RelocationSection;
import dev.bpfsign.loader.elf.Section;
import dev.bpfsign.loader.elf.Symbol;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the object's relocation sections into per-program relocations ({@code
 * bpf_object__collect_prog_relos}, {@code bpf_program__record_reloc}) and map-in-map slots
 * ({@code bpf_object__collect_map_relos}). Each program's list ends sorted by instruction, so
 * the order of records in the ELF does not matter.
 */
final class RelocationCollector {
  private final ElfFile elf;
  private final ObjectSections sections;
  private final Btf btf;
  private final List<ProgState> progs;
  private final List<MapState> maps;
  private final List<Extern> externs;

  RelocationCollector(ElfFile elf, ObjectSections sections, Btf btf, List<ProgState> progs, List<MapState> maps, List<Extern> externs) {
    this.elf = elf;
    this.sections = sections;
    this.btf = btf;
    this.progs = progs;
    this.maps = maps;
    this.externs = externs;
  }

  void collect() throws BadInputException {
    for (RelocationSection rs : elf.relocationSections()) {
      Section sh = rs.section();
      if (sh.type() != ElfConstants.SHT_REL || sections.kinds[sh.index()] != SectionKind.RELO) {
        continue;
      }
      Section target = elf.section(rs.targetIndex());
      if (target.index() == sections.mapsIndex) {
        mapRelos(rs);
      } else if (target.isExecutable()) {
        progRelos(rs, target);
      }
    }
    for (ProgState p : progs) {
      sort(p.relos);
    }
  }

  /** libbpf's {@code cmp_relocs}: by instruction, then relocation type. */
  static void sort(List<Relo> relos) {
    relos.sort(Comparator.comparingInt(Relo::insnIndex).thenComparing(Relo::type));
  }

  private void progRelos(RelocationSection rs, Section target) throws BadInputException {
    for (Relocation rel : rs.relocations()) {
      Symbol sym = elf.symbol(rel.symbolIndex());
      if (sym.sectionIndex() >= elf.sections().size()) {
        throw new BadInputException(at(rs, rel) + ": symbol #" + sym.index() + " points to invalid section " + sym.sectionIndex());
      }
      if (rel.offset() % 8 != 0 || rel.offset() >= target.size()) {
        throw new BadInputException(at(rs, rel) + ": invalid offset 0x" + Long.toHexString(rel.offset()));
      }
      int insn = (int) (rel.offset() / 8);
      ProgState p = ProgramCollector.find(progs, target.index(), insn);
      if (p == null) {
        continue; // code of an overridden weak function: libbpf skips it too
      }
      p.relos.add(record(p, insn - p.secInsnOff, sym, rs, rel));
    }
  }

  private String at(RelocationSection rs, Relocation rel) {
    return elf.fileName() + ": section " + rs.section().label() + ": relocation #" + rel.index();
  }

  private Relo record(ProgState p, int insn, Symbol sym, RelocationSection rs, Relocation rel) throws BadInputException {
    byte[] code = p.insns;
    // messages are only built on failure: this runs once per relocation
    java.util.function.Supplier<String> where = () -> {
      String symName = sym.type() == ElfConstants.STT_SECTION && sym.name().isEmpty()
          ? elf.section(sym.sectionIndex()).name()
          : sym.name();
      return at(rs, rel) + " in program '" + p.name + "' against '" + symName + "'";
    };
    boolean call = Slots.isCall(code, insn);
    if (!call && !Slots.isLdImm64(code, insn)) {
      throw new BadInputException(where.get() + ": instruction " + insn + " (code 0x" + Integer.toHexString(Slots.code(code, insn)) + ") cannot be relocated");
    }
    if (!call && insn + 1 >= p.secInsnCount) {
      throw new BadInputException(where.get() + ": ld_imm64 at instruction " + insn + " has no second slot");
    }
    if (sym.isUndefined() && (sym.bind() == ElfConstants.STB_GLOBAL || sym.bind() == ElfConstants.STB_WEAK)
        && sym.type() == ElfConstants.STT_NOTYPE) {
      for (int i = 0; i < externs.size(); i++) {
        if (externs.get(i).desc.symbolIndex() == sym.index()) {
          return Relo.extern(call ? Relo.Type.EXTERN_CALL : Relo.Type.EXTERN_LD64, insn, i);
        }
      }
      throw new BadInputException(where.get() + ": no extern for symbol #" + sym.index());
    }
    int shndx = sym.sectionIndex();
    if (call) {
      if (Slots.src(code, insn) != 1) {
        throw new BadInputException(where.get() + ": call relocation on a call that is not BPF-to-BPF");
      }
      if (shndx == 0 || shndx != sections.textIndex) {
        throw new BadInputException(where.get() + ": call target is not in .text");
      }
      if (sym.value() % 8 != 0) {
        throw new BadInputException(where.get() + ": call target at misaligned offset " + sym.value());
      }
      return Relo.of(Relo.Type.CALL, insn, -1, sym.value());
    }
    if (shndx == 0 || shndx >= ElfConstants.SHN_LORESERVE) {
      throw new BadInputException(where.get() + ": symbol in special section 0x" + Integer.toHexString(shndx) + " (uninitialised global?)");
    }
    if (isSubprogSymbol(sym)) {
      if (sym.value() % 8 != 0 || Slots.imm(code, insn) % 8 != 0) {
        throw new BadInputException(where.get() + ": subprogram address at misaligned offset");
      }
      return Relo.of(Relo.Type.SUBPROG_ADDR, insn, -1, sym.value());
    }
    if (shndx == sections.mapsIndex) {
      for (int i = 0; i < maps.size(); i++) {
        MapState m = maps.get(i);
        if (!m.internal.isInternal() && m.secIndex == shndx && m.secOffset == sym.value()) {
          return Relo.of(Relo.Type.LD64, insn, i, 0);
        }
      }
      throw new BadInputException(where.get() + ": no map at .maps offset " + sym.value());
    }
    if (!sections.isData(shndx)) {
      throw new BadInputException(where.get() + ": reference into section '" + elf.section(shndx).name() + "', which holds neither maps nor global data");
    }
    MapSpec.InternalKind kind = switch (sections.kinds[shndx]) {
      case DATA -> MapSpec.InternalKind.DATA;
      case RODATA -> MapSpec.InternalKind.RODATA;
      default -> MapSpec.InternalKind.BSS;
    };
    for (int i = 0; i < maps.size(); i++) {
      MapState m = maps.get(i);
      if (m.internal == kind && m.secIndex == shndx) {
        return Relo.of(Relo.Type.DATA, insn, i, sym.value());
      }
    }
    throw new BadInputException(where.get() + ": no global data map for section '" + elf.section(shndx).name() + "'");
  }

  private boolean isSubprogSymbol(Symbol sym) {
    if (sym.sectionIndex() != sections.textIndex) {
      return false;
    }
    if (sym.bind() == ElfConstants.STB_LOCAL && sym.type() == ElfConstants.STT_SECTION) {
      return true;
    }
    return (sym.bind() == ElfConstants.STB_GLOBAL || sym.bind() == ElfConstants.STB_WEAK) && sym.type() == ElfConstants.STT_FUNC;
  }

  private void mapRelos(RelocationSection rs) throws BadInputException {
    String where = elf.fileName() + ": section " + rs.section().label();
    int sec = btf == null ? -1 : btf.findByNameKind(ObjectSections.MAPS, dev.bpfsign.loader.btf.BtfKind.DATASEC).orElse(-1);
    if (sec < 0) {
      throw new BadInputException(where + ": map relocations without a '.maps' DATASEC");
    }
    for (Relocation rel : rs.relocations()) {
      Symbol sym = elf.symbol(rel.symbolIndex());
      String at = where + ": relocation #" + rel.index() + " against '" + sym.name() + "'";
      MapState map = null;
      int vi = -1;
      for (MapState m : maps) {
        if (m.secIndex != sections.mapsIndex || m.internal.isInternal()) {
          continue;
        }
        long off = Integer.toUnsignedLong(BtfTypes.secinfoOffset(btf, sec, m.btfVarIndex));
        long size = Integer.toUnsignedLong(BtfTypes.secinfoSize(btf, sec, m.btfVarIndex));
        if (off <= rel.offset() && rel.offset() + 8 <= off + size) {
          map = m;
          vi = m.btfVarIndex;
          break;
        }
      }
      if (map == null) {
        throw new BadInputException(at + ": no map at offset " + rel.offset());
      }
      boolean mapInMap = map.def.type == MapSpec.TYPE_ARRAY_OF_MAPS || map.def.type == MapSpec.TYPE_HASH_OF_MAPS;
      boolean progArray = map.def.type == MapSpec.TYPE_PROG_ARRAY;
      int slot = slot(map, sec, vi, rel.offset(), at);
      if (mapInMap) {
        if (sym.sectionIndex() != sections.mapsIndex) {
          throw new BadInputException(at + ": '" + sym.name() + "' is not a BTF-defined map");
        }
        if (map.def.type == MapSpec.TYPE_HASH_OF_MAPS && map.def.keySize != 4) {
          throw new BadInputException(at + ": hash-of-maps '" + map.name + "' must have a 4-byte key");
        }
        int target = -1;
        for (int i = 0; i < maps.size(); i++) {
          if (maps.get(i).name.equals(sym.name())) {
            target = i;
            break;
          }
        }
        if (target < 0) {
          throw new BadInputException(at + ": '" + sym.name() + "' is not a map of this object");
        }
        while (map.initSlots.size() <= slot) {
          map.initSlots.add(-1);
        }
        map.initSlots.set(slot, target);
      } else if (progArray) {
        while (map.progSlots.size() <= slot) {
          map.progSlots.add(null);
        }
        map.progSlots.set(slot, sym.name());
      } else {
        throw new BadInputException(at + ": map '" + map.name + "' is neither map-in-map nor prog array");
      }
    }
  }

  private int slot(MapState map, int sec, int vi, long relOffset, String at) throws BadInputException {
    int var = BtfTypes.secinfoType(btf, sec, vi);
    int def = BtfTypes.skipModsAndTypedefs(btf, btf.sizeOrType(var));
    int vlen = btf.vlen(def);
    if (vlen == 0 || !BtfTypes.memberName(btf, def, vlen - 1).equals("values")) {
      throw new BadInputException(at + ": map '" + map.name + "' has no trailing 'values' member");
    }
    long varOff = Integer.toUnsignedLong(BtfTypes.secinfoOffset(btf, sec, vi));
    long moff = BtfTypes.memberBitOffset(btf, def, vlen - 1) / 8;
    if (relOffset - varOff < moff) {
      throw new BadInputException(at + ": relocation before the 'values' member");
    }
    long slotOff = relOffset - varOff - moff;
    if (slotOff % 8 != 0) {
      throw new BadInputException(at + ": misaligned 'values' slot");
    }
    long slot = slotOff / 8;
    if (slot > map.def.maxEntries && slot > 1 << 20) {
      throw new BadInputException(at + ": 'values' slot " + slot + " is out of range");
    }
    return (int) slot;
  }
}
