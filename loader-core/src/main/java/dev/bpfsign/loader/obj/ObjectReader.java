package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.btf.BtfExt;
import dev.bpfsign.loader.btf.BtfFixups;
import dev.bpfsign.loader.btf.ObjectBtf;
import dev.bpfsign.loader.elf.ElfFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens and prepares a BPF object the way libbpf does before it records a loader ({@code
 * bpf_object_open} then {@code bpf_object_prepare} with {@code gen_loader} set): sections,
 * BTF with its fix-ups, externs, maps, programs and relocations; then extern values, linking and
 * relocation. The result holds nothing from the host running it.
 */
public final class ObjectReader {
  private ObjectReader() {}

  public static BpfObject read(String fileName, byte[] image, GenInputs inputs) throws BadInputException {
    return read(ElfFile.parse(fileName, image), inputs);
  }

  public static BpfObject read(ElfFile elf, GenInputs inputs) throws BadInputException {
    String file = elf.fileName();
    ObjectSections sections = ObjectSections.classify(elf);
    List<ProgState> progs = ProgramCollector.collect(elf, sections);
    ObjectBtf opened = BtfFixups.open(elf).orElse(null);
    Btf btf = opened == null ? null : opened.btf();
    BtfExt ext = btf == null ? null : BtfExt.read(elf, btf).orElse(null);
    List<Extern> externs = new ArrayList<>();
    if (opened != null) {
      opened.externs().forEach(e -> externs.add(new Extern(e)));
    } else if (hasExternSymbols(elf)) {
      throw new BadInputException(file + ": the object references externs but has no .BTF to describe them");
    }
    List<MapState> maps = new MapCollector(elf, sections, btf, inputs.objectName(), inputs).collect(externs);
    for (ProgState p : progs) {
      p.secDef = SectionDefs.find(p.secName).orElse(null);
    }
    new RelocationCollector(elf, sections, btf, progs, maps, externs).collect();
    refuseProgArraySlots(file, maps);

    int kconfigIndex = -1;
    for (int i = 0; i < maps.size(); i++) {
      if (maps.get(i).internal == MapSpec.InternalKind.KCONFIG) {
        kconfigIndex = i;
      }
    }
    InputsUsed.Recorder used = new InputsUsed.Recorder();
    new ExternResolver(externs, inputs, file, used).resolve(kconfigIndex < 0 ? null : maps.get(kconfigIndex).value, elf.byteOrder());
    settleMapSizes(file, maps, inputs, used);

    CodeLinker linker = new CodeLinker(elf, sections, ext, progs, new ExceptionCallbacks(btf, progs, sections.textIndex));
    linker.link();
    DataRelocator data = new DataRelocator(btf, externs, kconfigIndex, file);
    List<LoadableProgram> loadable = new ArrayList<>();
    for (ProgState p : progs) {
      if (linker.isSubprog(p) || !p.autoload) {
        continue;
      }
      data.relocate(p);
    }
    for (ProgState p : progs) {
      if (linker.isSubprog(p) || !p.autoload) {
        continue;
      }
      loadable.add(ProgramSettings.loadable(file, p, data.records(p), btf != null));
    }
    Bytes btfBytes = btf == null ? Bytes.EMPTY : Bytes.of(BtfFixups.forUpload(elf, btf).encode());
    List<MapSpec> specs = new ArrayList<>(maps.size());
    for (MapState m : maps) {
      specs.add(m.toSpec());
    }
    return new BpfObject(inputs.objectName(), elf.byteOrder(), sections.license, btfBytes, specs, loadable, progs.size(),
        used.done());
  }

  private static boolean hasExternSymbols(ElfFile elf) {
    for (var sym : elf.symbols()) {
      if (sym.isUndefined() && sym.bind() != 0 && sym.type() == 0 && !sym.name().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static void refuseProgArraySlots(String file, List<MapState> maps) throws BadInputException {
    for (MapState m : maps) {
      for (int i = 0; i < m.progSlots.size(); i++) {
        if (m.progSlots.get(i) != null) {
          throw new BadInputException(file + ": map '" + m.name + "': prog-array slot " + i + " is initialised from the ELF (program '"
              + m.progSlots.get(i) + "'); loader programs cannot fill prog arrays, user space must do it after loading");
        }
      }
    }
  }

  /** What {@code bpf_object__create_map} changes: host CPU count for perf arrays, BTF ids dropped per type. */
  private static void settleMapSizes(String file, List<MapState> maps, GenInputs inputs, InputsUsed.Recorder used)
      throws BadInputException {
    for (MapState m : maps) {
      settle(file, m, inputs, used);
      if (m.inner != null) {
        settle(file, m.inner, inputs, used);
      }
    }
  }

  private static void settle(String file, MapState m, GenInputs inputs, InputsUsed.Recorder used) throws BadInputException {
    if (m.def.type == MapSpec.TYPE_PERF_EVENT_ARRAY && m.def.maxEntries == 0) {
      if (inputs.possibleCpus() == null) {
        throw new BadInputException(file + ": map '" + m.name + "': PERF_EVENT_ARRAY without max_entries is sized by the "
            + "target's possible CPU count; pass --possible-cpus N or --target FILE|host (or set max_entries)");
      }
      m.def.maxEntries = inputs.possibleCpus();
      used.possibleCpus = inputs.possibleCpus();
    }
    switch (m.def.type) {
      // libbpf creates these without BTF key/value types
      case 4, 8, 7, 12, 13, 14, 25, 16, 17, 15, 18, 22, 23, 33 -> {
        m.btfKeyTypeId = 0;
        m.btfValueTypeId = 0;
      }
      case MapSpec.TYPE_STRUCT_OPS -> m.btfValueTypeId = 0;
      default -> {}
    }
  }

}
