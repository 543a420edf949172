package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.insn.InsnCodec;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.CoreRelo;
import dev.bpfsign.loader.obj.LoadableProgram;
import dev.bpfsign.loader.obj.MapSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Replays libbpf's load of an object into a {@link LoaderEmitter}, in libbpf's order ({@code
 * bpf_object_load} with {@code gen_loader}): init, BTF, then per map its inner-map prototype,
 * creation, initial value and freeze ({@code .rodata*}, {@code .kconfig}) and map-in-map slots,
 * then every entry program, then finish.
 */
public final class LoaderGenerator {
  private static final int BPF_TRACE_RAW_TP = 23;
  private static final int BPF_LSM_MAC = 27;
  private static final int BPF_TRACE_ITER = 28;
  private static final int BPF_LSM_CGROUP = 43;
  private static final int BTF_KIND_TYPEDEF = 8;
  private static final int BTF_KIND_FUNC = 12;
  /** gen_loader keeps the prefixed attach target in a 128-byte buffer. */
  private static final int ATTACH_TARGET_SIZE = 128;

  private LoaderGenerator() {}

  public static GeneratedLoader generate(BpfObject obj, Mode mode) throws BadInputException {
    ByteOrder order = obj.byteOrder();
    // size the blob once: fd_array, BTF, map values, each program's code and records, attrs
    long expectedData = 4096 + obj.btf().length();
    int expectedInsns = 512 + 64 * obj.programs().size() + 32 * obj.maps().size();
    for (MapSpec m : obj.maps()) {
      expectedData += m.initialValue().length() + 256;
    }
    for (LoadableProgram p : obj.programs()) {
      expectedData += p.insns().length() + (long) p.funcInfoCount() * p.funcInfoRecSize()
          + (long) p.lineInfoCount() * p.lineInfoRecSize()
          + CoreRelo.SIZE * p.coreRelos().size() + 64L * p.externs().size() + 512;
      expectedInsns += 40 * p.externs().size();
    }
    LoaderEmitter e = new LoaderEmitter(mode, order, expectedInsns, (int) Math.min(expectedData, Integer.MAX_VALUE - 8));
    List<MapSpec> maps = obj.maps();
    if (maps.size() > 64) {
      throw new BadInputException("object '" + obj.name() + "' has " + maps.size() + " maps; a loader program can create at most 64");
    }
    e.init(obj.programCount(), maps.size());
    if (obj.hasBtf()) {
      e.loadBtf(obj.btf());
    }
    for (int i = 0; i < maps.size(); i++) {
      MapSpec m = maps.get(i);
      if (m.isMapInMap() && m.inner() != null) {
        e.mapCreate(create(m.inner(), obj.hasBtf()), -1);
      }
      e.mapCreate(create(m, obj.hasBtf()), i);
      if (m.internal().isInternal()) {
        e.mapUpdateElem(i, m.initialValue());
        if (m.internal() == MapSpec.InternalKind.RODATA || m.internal() == MapSpec.InternalKind.KCONFIG) {
          e.mapFreeze(i);
        }
      }
      if (m.type() != MapSpec.TYPE_PROG_ARRAY) {
        List<Integer> slots = m.initSlots();
        for (int slot = 0; slot < slots.size(); slot++) {
          if (slots.get(slot) >= 0) {
            e.populateOuterMap(i, slot, slots.get(slot));
          }
        }
      }
    }
    for (LoadableProgram p : obj.programs()) {
      e.progLoad(progLoad(p, obj, order));
    }
    LoaderEmitter.GeneratedCode code = e.finish();
    return new GeneratedLoader(mode, code.insns(), code.data());
  }

  private static LoaderEmitter.MapCreate create(MapSpec m, boolean hasBtf) {
    return new LoaderEmitter.MapCreate(
        m.name(),
        m.type(),
        m.keySize(),
        m.valueSize(),
        m.maxEntries(),
        m.flags(),
        m.numaNode(),
        m.mapExtra(),
        hasBtf ? m.btfKeyTypeId() : 0,
        hasBtf ? m.btfValueTypeId() : 0);
  }

  private static LoaderEmitter.ProgLoad progLoad(LoadableProgram p, BpfObject obj, ByteOrder order)
      throws BadInputException {
    Bytes insns = p.insns();
    if (order != ByteOrder.LITTLE_ENDIAN) {
      byte[] swapped = insns.toArray();
      InsnCodec.swapOrder(swapped);
      insns = Bytes.of(swapped);
    }
    byte[] core = new byte[p.coreRelos().size() * CoreRelo.SIZE];
    ByteBuffer cb = ByteBuffer.wrap(core).order(order);
    for (CoreRelo r : p.coreRelos()) {
      cb.putInt(r.insnOff()).putInt(r.typeId()).putInt(r.accessStrOff()).putInt(r.kind());
    }
    return new LoaderEmitter.ProgLoad(
        p.name(),
        p.progType(),
        p.expectedAttachType(),
        p.progFlags(),
        obj.license(),
        insns,
        words(p.funcInfo(), order),
        p.funcInfoRecSize(),
        p.funcInfoCount(),
        words(p.lineInfo(), order),
        p.lineInfoRecSize(),
        p.lineInfoCount(),
        core,
        attachTarget(p),
        p.externs());
  }

  /** {@code btf_get_kernel_prefix_kind}: the kernel BTF name and kind an attach target has. */
  private static LoaderEmitter.AttachTarget attachTarget(LoadableProgram p) throws BadInputException {
    if (p.attachName() == null) {
      return null;
    }
    String prefix;
    int kind = BTF_KIND_FUNC;
    switch (p.expectedAttachType()) {
      case BPF_TRACE_RAW_TP -> {
        prefix = "btf_trace_";
        kind = BTF_KIND_TYPEDEF;
      }
      case BPF_LSM_MAC, BPF_LSM_CGROUP -> prefix = "bpf_lsm_";
      case BPF_TRACE_ITER -> prefix = "bpf_iter_";
      default -> prefix = "";
    }
    String name = prefix + p.attachName();
    if (name.getBytes(StandardCharsets.UTF_8).length >= ATTACH_TARGET_SIZE) {
      throw new BadInputException("program '" + p.name() + "': attach target '" + name + "' is longer than " + (ATTACH_TARGET_SIZE - 1) + " bytes");
    }
    return new LoaderEmitter.AttachTarget(name, kind);
  }

  private static byte[] words(int[] w, ByteOrder order) {
    byte[] out = new byte[w.length * 4];
    ByteBuffer.wrap(out).order(order).asIntBuffer().put(w);
    return out;
  }

}
