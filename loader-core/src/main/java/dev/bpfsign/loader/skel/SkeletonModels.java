package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.btf.Btf;
import dev.bpfsign.loader.emu.Emulation;
import dev.bpfsign.loader.emu.Emulator;
import dev.bpfsign.loader.emu.KernelCall;
import dev.bpfsign.loader.emu.TraceEvent;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the skeleton of a loader file from the loader itself: it runs the loader in the
 * emulator and reads what each ctx map and program is from the {@code bpf()} calls that create
 * them (map flags, sizes and initial values, program and attach types) and the BTF it uploads
 * (the global-data structs). Nothing comes from a side list.
 *
 * <p>One thing a loader does not contain is a raw tracepoint's name: it is only needed at attach
 * time. Callers pass the names they know; a raw tracepoint program without one gets no
 * auto-attach.
 */
public final class SkeletonModels {
  static final int BPF_F_RDONLY_PROG = 1 << 7;
  static final int BPF_F_MMAPABLE = 1 << 10;
  static final int PROG_TYPE_RAW_TRACEPOINT = 17;
  static final int PROG_TYPE_TRACING = 26;
  static final int PROG_TYPE_LSM = 29;
  static final int ATTACH_TRACE_ITER = 28;
  /** bpftool computes mmap sizes with the page size of the host that runs it; 4096 everywhere it runs. */
  static final long PAGE_SIZE = 4096;

  private SkeletonModels() {}

  /**
   * The model of {@code loader} under {@code name} (the struct and function prefix; usually the
   * loader's own name). The variant's first signature, if any, is embedded as {@code -S}
   * headers embed bpftool's (bpftool 7.8's for a 6.18 variant, bpftool-7.3's for a 7.3 one).
   *
   * @param rawTracepoints tracepoint names for raw tracepoint programs, by program name; they
   *     override and add to the ones the loader file records
   */
  public static SkeletonModel of(LoaderFile loader, String name, Map<String, String> rawTracepoints)
      throws BadInputException {
    Emulation emu = Emulator.run(loader);
    if (!emu.succeeded()) {
      throw new BadInputException("loader " + loader.name() + " returns " + emu.r0()
          + " under emulation, so what it creates cannot be read");
    }
    Map<Integer, KernelCall.MapCreate> mapsByFd = new HashMap<>();
    Map<Integer, Bytes> valuesByFd = new HashMap<>();
    Map<Integer, KernelCall.ProgLoad> progsByFd = new HashMap<>();
    Btf btf = null;
    for (TraceEvent e : emu.trace().events()) {
      int fd = (int) e.result();
      switch (e.call()) {
        case KernelCall.MapCreate c when e.result() >= 0 -> {
          mapsByFd.put(fd, c);
          valuesByFd.remove(fd);
        }
        case KernelCall.MapUpdateElem u -> valuesByFd.put(u.mapFd(), u.value());
        case KernelCall.ProgLoad p when e.result() >= 0 -> progsByFd.put(fd, p);
        case KernelCall.BtfLoad b when e.result() >= 0 -> {
          if (btf == null) {
            btf = Btf.parse(loader.name() + ": BTF the loader uploads", b.btf().toArray());
          }
        }
        default -> { }
      }
    }
    DatasecDumper datasecs = btf == null ? null : new DatasecDumper(btf);

    List<SkeletonModel.MapSpec> maps = new ArrayList<>();
    for (int i = 0; i < loader.ctx().maps().size(); i++) {
      String ident = loader.ctx().maps().get(i);
      KernelCall.MapCreate c = mapsByFd.get(emu.mapFds().get(i));
      if (c == null) {
        throw new BadInputException("loader " + loader.name() + ": ctx map '" + ident + "' is not created by the loader");
      }
      Optional<SkeletonModel.Mmap> mmap = Optional.empty();
      // internal maps are the only ones named "<obj>.<section>"; BTF-defined map names are C identifiers
      if (c.mapName().contains(".") && (c.mapFlags() & BPF_F_MMAPABLE) != 0) {
        Bytes initial = valuesByFd.getOrDefault(emu.mapFds().get(i), Bytes.of(new byte[c.valueSize()]));
        long size = roundUp(roundUp(Integer.toUnsignedLong(c.valueSize()), 8) * Integer.toUnsignedLong(c.maxEntries()),
            PAGE_SIZE);
        mmap = Optional.of(new SkeletonModel.Mmap(size, (c.mapFlags() & BPF_F_RDONLY_PROG) != 0, initial,
            datasecs == null ? Optional.empty() : datasecs.structFor(ident)));
      }
      maps.add(new SkeletonModel.MapSpec(ident, mmap));
    }

    List<SkeletonModel.ProgSpec> progs = new ArrayList<>();
    for (int i = 0; i < loader.ctx().programs().size(); i++) {
      String prog = loader.ctx().programs().get(i);
      KernelCall.ProgLoad p = progsByFd.get(emu.progFds().get(i));
      if (p == null) {
        throw new BadInputException("loader " + loader.name() + ": ctx program '" + prog + "' is not loaded by the loader");
      }
      String tp = rawTracepoints.getOrDefault(prog, loader.rawTracepoints().get(prog));
      progs.add(new SkeletonModel.ProgSpec(prog, attach(p, tp)));
    }

    // a variant's signatures are all of its scheme (the 7.3 variant's header is bpftool-7.3's)
    Optional<SignatureBlock> sig = loader.signatures().stream().filter(s -> s.scheme() == loader.scheme()).findFirst();
    return new SkeletonModel(name, maps, progs, loader.insns(), loader.data(),
        sig.map(SignatureBlock::cms), sig.map(SignatureBlock::exclProgHash));
  }

  private static SkeletonModel.Attach attach(KernelCall.ProgLoad p, String rawTracepoint) {
    return switch (p.progType()) {
      case PROG_TYPE_RAW_TRACEPOINT -> rawTracepoint == null
          ? new SkeletonModel.Attach.None()
          : new SkeletonModel.Attach.RawTracepoint(rawTracepoint);
      case PROG_TYPE_TRACING, PROG_TYPE_LSM -> p.expectedAttachType() == ATTACH_TRACE_ITER
          ? new SkeletonModel.Attach.Iterator()
          : new SkeletonModel.Attach.BtfTracepoint();
      default -> new SkeletonModel.Attach.None();
    };
  }

  private static long roundUp(long v, long to) {
    return (v + to - 1) / to * to;
  }
}
