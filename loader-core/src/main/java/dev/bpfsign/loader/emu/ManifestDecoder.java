package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.PSEUDO_BTF_ID;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.emu.KernelCall.BtfFindByNameKind;
import dev.bpfsign.loader.emu.KernelCall.BtfLoad;
import dev.bpfsign.loader.emu.KernelCall.KallsymsLookupName;
import dev.bpfsign.loader.emu.KernelCall.MapCreate;
import dev.bpfsign.loader.emu.KernelCall.MapFreeze;
import dev.bpfsign.loader.emu.KernelCall.MapUpdateElem;
import dev.bpfsign.loader.emu.KernelCall.ProgLoad;
import dev.bpfsign.loader.insn.Helpers;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.insn.Opcodes;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Folds a trace into a {@link Manifest}, following fds from the command that made them. */
final class ManifestDecoder {
  static final int BTF_KIND_VAR = 14;
  static final int ARRAY_OF_MAPS = 12;
  static final int HASH_OF_MAPS = 13;
  static final int TRACE_RAW_TP = 23;
  static final int LSM_MAC = 27;
  static final int TRACE_ITER = 28;
  static final int LSM_CGROUP = 43;

  /** A map being assembled; mutable only inside this class. */
  private static final class MapState {
    final MapCreate create;
    String initialValueSha256;
    boolean frozen;
    final List<String> slots = new ArrayList<>();

    MapState(MapCreate create) {
      this.create = create;
    }
  }

  private ManifestDecoder() {}

  static Manifest decode(LoaderFile loader, Emulation emulation) throws BadInputException {
    ByteOrder order = loader.order();
    ManifestBtf btf = null;
    Map<Integer, MapState> mapsByFd = new HashMap<>(); // lookups only
    List<Integer> mapFdsInOrder = new ArrayList<>();
    List<ProgLoad> loads = new ArrayList<>();
    List<Integer> progFdsInOrder = new ArrayList<>();
    List<List<TraceEvent>> lookupsBefore = new ArrayList<>();
    List<TraceEvent> window = new ArrayList<>(); // symbol lookups since the last program load

    for (TraceEvent event : emulation.trace().events()) {
      long result = event.result();
      switch (event.call()) {
        case BtfLoad load when result > 0 -> btf = new ManifestBtf(load.btf().length(), Sha256.hex(load.btf()));
        case MapCreate create when result > 0 -> {
          mapsByFd.put((int) result, new MapState(create));
          mapFdsInOrder.add((int) result);
        }
        case MapUpdateElem update when result == 0 && mapsByFd.containsKey(update.mapFd()) -> {
          MapState map = mapsByFd.get(update.mapFd());
          if (isMapInMap(map.create.mapType()) && update.value().length() == 4 && update.key().length() == 4) {
            int innerFd = update.value().buffer(order).getInt();
            MapState inner = mapsByFd.get(innerFd);
            map.slots.add(update.key().buffer(order).getInt() + "=" + (inner == null ? "fd " + innerFd : inner.create.mapName()));
          } else {
            map.initialValueSha256 = Sha256.hex(update.value());
          }
        }
        case MapFreeze freeze when result == 0 && mapsByFd.containsKey(freeze.mapFd()) -> mapsByFd.get(freeze.mapFd()).frozen = true;
        case ProgLoad load when result > 0 -> {
          loads.add(load);
          progFdsInOrder.add((int) result);
          lookupsBefore.add(List.copyOf(window));
          window.clear();
        }
        case ProgLoad load -> window.clear();
        case BtfFindByNameKind find -> window.add(event);
        case KallsymsLookupName lookup -> window.add(event);
        default -> {}
      }
    }

    List<ManifestMap> maps = new ArrayList<>();
    for (int fd : mapFdsInOrder) {
      MapState m = mapsByFd.get(fd);
      MapCreate c = m.create;
      MapState inner = isMapInMap(c.mapType()) ? mapsByFd.get(c.innerMapFd()) : null;
      maps.add(new ManifestMap(
          ctxName(emulation.mapFds(), fd, loader.ctx().maps()), c.mapName(), c.mapType(), UapiNames.mapType(c.mapType()),
          c.keySize(), c.valueSize(), c.maxEntries(), c.mapFlags(), m.initialValueSha256, m.frozen,
          inner == null ? null : inner.create.mapName(), m.slots));
    }
    List<ManifestProgram> programs = new ArrayList<>();
    for (int i = 0; i < loads.size(); i++) {
      programs.add(program(loads.get(i), lookupsBefore.get(i), ctxName(emulation.progFds(), progFdsInOrder.get(i), loader.ctx().programs()), order));
    }
    return new Manifest(btf, maps, programs, loader.ctx().maps(), loader.ctx().programs());
  }

  private static boolean isMapInMap(int type) {
    return type == ARRAY_OF_MAPS || type == HASH_OF_MAPS;
  }

  private static String ctxName(List<Integer> ctxFds, int fd, List<String> names) {
    int i = ctxFds.indexOf(fd);
    return i >= 0 && i < names.size() ? names.get(i) : null;
  }

  private static ManifestProgram program(ProgLoad load, List<TraceEvent> lookups, String name, ByteOrder order) throws BadInputException {
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(load.insns(), order);
    } catch (BadInputException e) {
      throw new BadInputException("program " + load.progName() + ": " + e.getMessage(), e);
    }
    Set<String> helpers = new TreeSet<>();
    Set<Integer> kfuncIds = new HashSet<>();
    Set<Integer> btfIdLoads = new HashSet<>();
    for (Insn insn : insns) {
      if (insn.isHelperCall()) {
        String helper = Helpers.name(insn.imm());
        helpers.add(helper == null ? "unknown#" + insn.imm() : helper);
      } else if (insn.isKfuncCall()) {
        kfuncIds.add(insn.imm());
      } else if (insn.opcode() == Opcodes.LD_IMM64 && insn.src() == PSEUDO_BTF_ID) {
        btfIdLoads.add(insn.imm());
      }
    }
    String attachBtfName = null;
    Set<String> kfuncs = new TreeSet<>();
    Set<String> ksyms = new TreeSet<>();
    for (TraceEvent lookup : lookups) {
      KernelCall call = lookup.call();
      long result = lookup.result();
      if (call instanceof KallsymsLookupName k) {
        ksyms.add(k.name());
        continue;
      }
      BtfFindByNameKind find = (BtfFindByNameKind) call;
      int id = result >= 0 ? (int) result : 0;
      if (attachBtfName == null && load.attachBtfId() != 0 && id == load.attachBtfId()) {
        attachBtfName = find.name();
      } else if (id != 0 && kfuncIds.contains(id)) {
        kfuncs.add(find.name());
      } else if (find.btfKind() == BTF_KIND_VAR || (id != 0 && btfIdLoads.contains(id))) {
        ksyms.add(find.name());
      } else {
        kfuncs.add(find.name()); // a weak kfunc the kernel lacks: the call was patched to 0
      }
    }
    return new ManifestProgram(
        name, load.progName(), load.progType(), UapiNames.progType(load.progType()),
        load.expectedAttachType(), ExpectedAttachType.name(load.progType(), load.expectedAttachType()),
        attachTarget(attachBtfName, load.expectedAttachType()), attachBtfName,
        load.insnCnt(), load.license(), List.copyOf(helpers), List.copyOf(kfuncs), List.copyOf(ksyms));
  }

  /** The SEC()-style target: the BTF name without the prefix libbpf adds for the attach type. */
  private static String attachTarget(String btfName, int attachType) {
    if (btfName == null) {
      return null;
    }
    String prefix = switch (attachType) {
      case TRACE_RAW_TP -> "btf_trace_";
      case LSM_MAC, LSM_CGROUP -> "bpf_lsm_";
      case TRACE_ITER -> "bpf_iter_";
      default -> "";
    };
    return btfName.startsWith(prefix) ? btfName.substring(prefix.length()) : btfName;
  }
}
