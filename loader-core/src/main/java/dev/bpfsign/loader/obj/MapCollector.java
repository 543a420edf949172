package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfKind;
import dev.bpfsign.loader.elf.ElfFile;
import dev.bpfsign.loader.elf.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the object's map list in libbpf's order ({@code bpf_object__init_maps}): BTF-defined
 * maps in {@code .maps} DATASEC order, then one internal map per non-empty {@code .data*},
 * {@code .rodata*}, {@code .bss*} section in section order, then {@code .kconfig}.
 */
final class MapCollector {
  private static final long MAX_BSS = 64L << 20;

  private final ElfFile elf;
  private final ObjectSections sections;
  private final Btf btf;
  private final String objectName;
  private final GenInputs inputs;
  private final List<MapState> maps = new ArrayList<>();

  MapCollector(ElfFile elf, ObjectSections sections, Btf btf, String objectName, GenInputs inputs) {
    this.elf = elf;
    this.sections = sections;
    this.btf = btf;
    this.objectName = objectName;
    this.inputs = inputs;
  }

  List<MapState> collect(List<Extern> externs) throws BadInputException {
    userMaps();
    for (Section sh : elf.sections()) {
      SectionKind k = sh.index() < sections.kinds.length ? sections.kinds[sh.index()] : SectionKind.NONE;
      if (sh.index() == 0 || sh.size() == 0) {
        continue;
      }
      switch (k) {
        case DATA -> internal(MapSpec.InternalKind.DATA, sh.name(), sh.index(), elf.bytes(sh));
        case RODATA -> internal(MapSpec.InternalKind.RODATA, sh.name(), sh.index(), elf.bytes(sh));
        case BSS -> internal(MapSpec.InternalKind.BSS, sh.name(), sh.index(), new byte[(int) checkedSize(sh)]);
        default -> {}
      }
    }
    Extern last = null;
    for (Extern e : externs) {
      if (e.isKconfig()) {
        last = e;
      }
    }
    if (last != null) {
      internal(MapSpec.InternalKind.KCONFIG, ".kconfig", sections.symtabIndex,
          new byte[last.desc.kcfgDataOff() + last.desc.kcfgSize()]);
    }
    return maps;
  }

  /** A .bss size is not backed by file bytes; bound it before allocating the zero value. */
  private long checkedSize(Section sh) throws BadInputException {
    if (sh.size() > MAX_BSS) {
      throw new BadInputException(elf.fileName() + ": section " + sh.label() + " is " + sh.size()
          + " bytes; a map value (and a loader blob holding it) cannot exceed " + MAX_BSS + " bytes");
    }
    return sh.size();
  }

  private void userMaps() throws BadInputException {
    if (sections.mapsIndex < 0) {
      return;
    }
    Section mapsSec = elf.section(sections.mapsIndex);
    String where = elf.fileName() + ": section " + mapsSec.label();
    if (btf == null) {
      throw new BadInputException(where + ": BTF-defined maps need .BTF, which is missing");
    }
    int sec = btf.findByNameKind(ObjectSections.MAPS, BtfKind.DATASEC).orElse(-1);
    if (sec < 0) {
      throw new BadInputException(where + ": DATASEC '.maps' not found in BTF");
    }
    BtfMapParser parser = new BtfMapParser(btf, where);
    for (int i = 0; i < btf.vlen(sec); i++) {
      int var = BtfTypes.secinfoType(btf, sec, i);
      String name = btf.name(var);
      long off = Integer.toUnsignedLong(BtfTypes.secinfoOffset(btf, sec, i));
      long size = Integer.toUnsignedLong(BtfTypes.secinfoSize(btf, sec, i));
      if (name.isEmpty()) {
        throw new BadInputException(where + ": map #" + i + " has an empty name");
      }
      if (off + size > mapsSec.size()) {
        throw new BadInputException(where + ": map '" + name + "' lies outside the section (BTF data is corrupted)");
      }
      if (btf.kind(var) != BtfKind.VAR) {
        throw new BadInputException(where + ": map '" + name + "' is a " + BtfKind.name(btf.kind(var)) + ", not a VAR");
      }
      if (BtfTypes.varLinkage(btf, var) != BtfKind.VAR_GLOBAL_ALLOCATED) {
        throw new BadInputException(where + ": map '" + name + "' is not a global variable");
      }
      int def = BtfTypes.skipModsAndTypedefs(btf, btf.sizeOrType(var));
      if (btf.kind(def) != BtfKind.STRUCT) {
        throw new BadInputException(where + ": map '" + name + "' is not defined by a struct");
      }
      if (Integer.toUnsignedLong(btf.sizeOrType(def)) > size) {
        throw new BadInputException(where + ": map '" + name + "' has an invalid definition size");
      }
      MapState m = new MapState();
      m.name = name;
      m.realName = name;
      m.secIndex = sections.mapsIndex;
      m.secOffset = off;
      m.btfVarIndex = i;
      m.def = parser.parse(name, def, false);
      if (m.def.pinning != 0) {
        throw new BadInputException(where + ": map '" + name + "' is pinned by name; loader programs cannot pin maps");
      }
      adjustRingbuf(m.def);
      m.btfKeyTypeId = m.def.keyTypeId;
      m.btfValueTypeId = m.def.valueTypeId;
      if (m.def.inner != null) {
        MapState inner = new MapState();
        inner.name = name + ".inner";
        inner.realName = inner.name;
        inner.secIndex = sections.mapsIndex;
        inner.def = m.def.inner;
        adjustRingbuf(inner.def);
        inner.btfKeyTypeId = inner.def.keyTypeId;
        inner.btfValueTypeId = inner.def.valueTypeId;
        m.inner = inner;
      }
      maps.add(m);
    }
  }

  /** libbpf rounds ring buffer sizes up to a power-of-2 multiple of the page size. */
  private void adjustRingbuf(MapDef def) {
    if (def.type != MapSpec.TYPE_RINGBUF && def.type != MapSpec.TYPE_USER_RINGBUF) {
      return;
    }
    long sz = Integer.toUnsignedLong(def.maxEntries);
    long page = inputs.pageSize();
    if (sz == 0 || (sz % page == 0 && Long.bitCount(sz / page) == 1)) {
      return;
    }
    for (long mul = 1; mul <= 0xffffffffL / page; mul <<= 1) {
      if (mul * page > sz) {
        def.maxEntries = (int) (mul * page);
        return;
      }
    }
  }

  private void internal(MapSpec.InternalKind kind, String realName, int secIndex, byte[] value) {
    MapState m = new MapState();
    m.internal = kind;
    m.realName = realName;
    m.name = InternalMapName.of(objectName, realName);
    m.secIndex = secIndex;
    m.def = new MapDef();
    m.def.type = 2; // BPF_MAP_TYPE_ARRAY
    m.def.keySize = 4;
    m.def.valueSize = value.length;
    m.def.maxEntries = 1;
    m.def.flags = kind == MapSpec.InternalKind.RODATA || kind == MapSpec.InternalKind.KCONFIG ? MapSpec.F_RDONLY_PROG : 0;
    if (btf != null) {
      int id = btf.findByName(realName).orElse(0);
      m.btfValueTypeId = id;
      if (id > 0 && isMmapable(id)) {
        m.def.flags |= MapSpec.F_MMAPABLE;
      }
    }
    m.value = value;
    maps.add(m);
  }

  /** Mmapable when the DATASEC has a variable the skeleton exposes (non-static). */
  private boolean isMmapable(int id) {
    if (btf.kind(id) != BtfKind.DATASEC) {
      return false;
    }
    for (int i = 0; i < btf.vlen(id); i++) {
      int v = BtfTypes.secinfoType(btf, id, i);
      if (btf.kind(v) != BtfKind.VAR) {
        continue;
      }
      // .kconfig externs (GLOBAL_EXTERN) count too: libbpf makes them global variables
      if (BtfTypes.varLinkage(btf, v) != BtfKind.VAR_STATIC) {
        return true;
      }
    }
    return false;
  }
}
