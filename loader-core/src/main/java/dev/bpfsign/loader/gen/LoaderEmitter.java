package dev.bpfsign.loader.gen;

import static dev.bpfsign.loader.insn.Opcodes.DW;
import static dev.bpfsign.loader.insn.Opcodes.W;
import static dev.bpfsign.loader.insn.Reg.R0;
import static dev.bpfsign.loader.insn.Reg.R1;
import static dev.bpfsign.loader.insn.Reg.R10;
import static dev.bpfsign.loader.insn.Reg.R2;
import static dev.bpfsign.loader.insn.Reg.R3;
import static dev.bpfsign.loader.insn.Reg.R4;
import static dev.bpfsign.loader.insn.Reg.R6;
import static dev.bpfsign.loader.insn.Reg.R7;

import dev.bpfsign.loader.emu.BpfAttr;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.obj.ExternRelo;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.insn.Assembler;
import dev.bpfsign.loader.insn.Helpers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Records the {@code bpf()} calls of loading an object as loader instructions plus data blob, in
 * the order they are called: one method per gen_loader recorder ({@code bpf_gen__init}, {@code
 * load_btf}, {@code map_create}, {@code map_update_elem}, {@code populate_outer_map}, {@code
 * map_freeze}, {@code prog_load}, {@code finish}). Signable mode drops the ctx overrides of
 * max_entries and initial values and, for the 6.18 scheme only, emits the metadata check (a 7.3
 * signable loader is the 6.18 one without those 33 instructions; jumps are label-resolved, so
 * the offsets that span them shrink with them, as in bpftool-7.3's output).
 */
final class LoaderEmitter {
  private static final int MAP_TYPE_ARRAY_OF_MAPS = 12;
  private static final int MAP_TYPE_HASH_OF_MAPS = 13;

  private final Assembler asm;
  private final LoaderCode code;
  private final Blob blob;
  private final ByteOrder order;
  private final boolean signable;
  /** Only the 6.18 scheme's signable loader checks the blob itself; 7.3's kernel does it. */
  private final boolean metadataCheck;
  private final KsymRelocations ksyms;
  private final SignatureCheck signature = new SignatureCheck();
  private int nrMaps;
  private int nrProgs;

  LoaderEmitter(Mode mode, Scheme scheme, ByteOrder order, int expectedInsns, int expectedData) {
    this.asm = new Assembler(expectedInsns);
    this.code = new LoaderCode(asm);
    this.blob = new Blob(expectedData);
    this.order = order;
    this.signable = mode == Mode.SIGNABLE;
    this.metadataCheck = signable && scheme == Scheme.LINUX_6_18;
    this.ksyms = new KsymRelocations(code, blob, order);
  }

  /** Prologue, cleanup block and (signable) metadata check; {@code nrProgs} counts subprograms too. */
  void init(int nrProgsTotal, int nrMapsTotal) throws BadInputException {
    blob.addZeros(LoaderLayout.FD_ARRAY_SLOTS * 4);
    asm.mov64Reg(R6, R1);
    // zero the stack frame: probe_read_kernel from NULL fails and clears the destination
    asm.mov64Reg(R1, R10);
    asm.add64Imm(R1, -LoaderLayout.STACK_SIZE);
    asm.mov64Imm(R2, LoaderLayout.STACK_SIZE);
    asm.mov64Imm(R3, 0);
    asm.call(Helpers.PROBE_READ_KERNEL);
    int usedStack = 8 + 4 * nrProgsTotal;
    asm.ja(usedStack / 4 * 3 + 2 + nrMapsTotal * 6);
    asm.label(LoaderCode.CLEANUP);
    for (int i = 0; i < usedStack; i += 4) {
      asm.ldx(W, R1, R10, -LoaderLayout.STACK_SIZE + i);
      asm.jsleImm(R1, 0, 1);
      asm.call(Helpers.SYS_CLOSE);
    }
    for (int i = 0; i < nrMapsTotal; i++) {
      code.closeBlob(LoaderLayout.fdArraySlot(i));
    }
    asm.mov64Reg(R0, R7);
    asm.exit();
    if (metadataCheck) {
      signature.emit(asm);
    }
  }

  void loadBtf(Bytes raw) throws BadInputException {
    int data = blob.add(raw.buffer(ByteOrder.LITTLE_ENDIAN), raw.length());
    byte[] attr = new AttrBuilder(BpfAttr.BTF_LOAD_END, order).u32(BpfAttr.BTF_SIZE, raw.length()).bytes();
    int at = blob.add(attr);
    code.ctxToBlob(at + BpfAttr.BTF_LOG_LEVEL, 4, LoaderLayout.CTX_LOG_LEVEL, false);
    code.ctxToBlob(at + BpfAttr.BTF_LOG_SIZE, 4, LoaderLayout.CTX_LOG_SIZE, false);
    code.ctxToBlob(at + BpfAttr.BTF_LOG_BUF, 8, LoaderLayout.CTX_LOG_BUF, false);
    code.relStore(at + BpfAttr.BTF_BTF, data);
    code.sysBpf(BpfAttr.BTF_LOAD, at, BpfAttr.BTF_LOAD_END);
    code.checkErr();
    asm.stx(W, R10, R7, LoaderLayout.STACK_BTF_FD);
  }

  /** {@code mapIndex} -1 creates the inner-map prototype of the next map-in-map. */
  void mapCreate(MapCreate m, int mapIndex) throws BadInputException {
    byte[] attr = new AttrBuilder(BpfAttr.MAP_CREATE_LOADER_END, order)
        .u32(BpfAttr.MAP_TYPE, m.type())
        .u32(BpfAttr.MAP_KEY_SIZE, m.keySize())
        .u32(BpfAttr.MAP_VALUE_SIZE, m.valueSize())
        .u32(BpfAttr.MAP_FLAGS, m.flags())
        .u64(BpfAttr.MAP_EXTRA, m.mapExtra())
        .name(BpfAttr.MAP_NAME, m.name(), BpfAttr.OBJ_NAME_LEN)
        .u32(BpfAttr.MAP_NUMA_NODE, m.numaNode())
        .u32(BpfAttr.MAP_MAX_ENTRIES, m.maxEntries())
        .u32(BpfAttr.MAP_BTF_KEY_TYPE_ID, m.btfKeyTypeId())
        .u32(BpfAttr.MAP_BTF_VALUE_TYPE_ID, m.btfValueTypeId())
        .bytes();
    int at = blob.add(attr);
    if (m.btfValueTypeId() != 0) {
      code.stackToBlob(at + BpfAttr.MAP_BTF_FD, 4, LoaderLayout.STACK_BTF_FD);
    }
    boolean mapInMap = m.type() == MAP_TYPE_ARRAY_OF_MAPS || m.type() == MAP_TYPE_HASH_OF_MAPS;
    if (mapInMap) {
      code.stackToBlob(at + BpfAttr.MAP_INNER_MAP_FD, 4, LoaderLayout.STACK_INNER_MAP_FD);
    }
    if (mapIndex >= 0 && !signable) {
      code.ctxToBlob(at + BpfAttr.MAP_MAX_ENTRIES, 4, LoaderLayout.ctxMapMaxEntries(mapIndex), true);
    }
    code.sysBpf(BpfAttr.MAP_CREATE, at, BpfAttr.MAP_CREATE_LOADER_END);
    code.checkErr();
    if (mapIndex < 0) {
      asm.stx(W, R10, R7, LoaderLayout.STACK_INNER_MAP_FD);
    } else {
      if (mapIndex != nrMaps) {
        throw new IllegalStateException("map " + mapIndex + " created out of order, expected " + nrMaps);
      }
      if (nrMaps == LoaderLayout.MAX_USED_MAPS) {
        throw new BadInputException("more than " + LoaderLayout.MAX_USED_MAPS + " maps; a loader program can hold at most 64");
      }
      int slot = nrMaps++;
      code.ldBlob(R1, LoaderLayout.fdArraySlot(slot));
      asm.stx(W, R1, R7, 0);
    }
    if (mapInMap) {
      code.closeStack(LoaderLayout.STACK_INNER_MAP_FD);
    }
  }

  /** Sets element 0 of an internal map to {@code value} ({@code .bss}: zeros). */
  void mapUpdateElem(int mapIndex, Bytes value) throws BadInputException {
    int valueOff = blob.add(value.buffer(ByteOrder.LITTLE_ENDIAN), value.length());
    int key = blob.addZeros(4);
    if (!signable) {
      // if (ctx.maps[i].initial_value) copy it over the recorded value, from user or kernel memory
      asm.ldx(DW, R3, R6, LoaderLayout.ctxMapInitialValue(mapIndex));
      asm.jeqImm(R3, 0, 8);
      code.ldBlob(R1, valueOff);
      asm.mov64Imm(R2, value.length());
      asm.ldx(W, R0, R6, LoaderLayout.CTX_FLAGS);
      asm.jsetImm(R0, LoaderLayout.SKEL_KERNEL, 2);
      asm.call(Helpers.COPY_FROM_USER);
      asm.ja(1);
      asm.call(Helpers.PROBE_READ_KERNEL);
    }
    int at = blob.addZeros(BpfAttr.ELEM_END);
    code.blobToBlob(at + BpfAttr.ELEM_MAP_FD, 4, LoaderLayout.fdArraySlot(mapIndex));
    code.relStore(at + BpfAttr.ELEM_KEY, key);
    code.relStore(at + BpfAttr.ELEM_VALUE, valueOff);
    code.sysBpf(BpfAttr.MAP_UPDATE_ELEM, at, BpfAttr.ELEM_END);
    code.checkErr();
  }

  void populateOuterMap(int outerIndex, int slot, int innerIndex) throws BadInputException {
    int key = blob.add(ByteBuffer.allocate(4).order(order).putInt(0, slot).array());
    int at = blob.addZeros(BpfAttr.ELEM_END);
    code.blobToBlob(at + BpfAttr.ELEM_MAP_FD, 4, LoaderLayout.fdArraySlot(outerIndex));
    code.relStore(at + BpfAttr.ELEM_KEY, key);
    code.relStore(at + BpfAttr.ELEM_VALUE, LoaderLayout.fdArraySlot(innerIndex));
    code.sysBpf(BpfAttr.MAP_UPDATE_ELEM, at, BpfAttr.ELEM_END);
    code.checkErr();
  }

  void mapFreeze(int mapIndex) throws BadInputException {
    int at = blob.addZeros(BpfAttr.FREEZE_END);
    code.blobToBlob(at + BpfAttr.ELEM_MAP_FD, 4, LoaderLayout.fdArraySlot(mapIndex));
    code.sysBpf(BpfAttr.MAP_FREEZE, at, BpfAttr.FREEZE_END);
    code.checkErr();
  }

  void progLoad(ProgLoad p) throws BadInputException {
    int license = blob.add((p.license() + "\0").getBytes(StandardCharsets.UTF_8));
    int insns = blob.add(p.insns().buffer(ByteOrder.LITTLE_ENDIAN), p.insns().length());
    int funcInfo = blob.add(p.funcInfo());
    int lineInfo = blob.add(p.lineInfo());
    int coreRelos = blob.add(p.coreRelos());
    AttrBuilder attr = new AttrBuilder(BpfAttr.PROG_LOAD_LOADER_END, order)
        .u32(BpfAttr.PROG_TYPE, p.progType())
        .u32(BpfAttr.PROG_EXPECTED_ATTACH_TYPE, p.expectedAttachType())
        .u32(BpfAttr.PROG_ATTACH_BTF_ID, p.attachTarget() != null ? 1 : 0)
        .u32(BpfAttr.PROG_INSN_CNT, p.insns().length() / 8)
        .u32(BpfAttr.PROG_FLAGS, p.progFlags())
        .u32(BpfAttr.PROG_FUNC_INFO_REC_SIZE, p.funcInfoRecSize())
        .u32(BpfAttr.PROG_FUNC_INFO_CNT, p.funcInfoCount())
        .u32(BpfAttr.PROG_LINE_INFO_REC_SIZE, p.lineInfoRecSize())
        .u32(BpfAttr.PROG_LINE_INFO_CNT, p.lineInfoCount())
        .u32(BpfAttr.PROG_CORE_RELO_REC_SIZE, BpfAttr.CORE_RELO_SIZE)
        .u32(BpfAttr.PROG_CORE_RELO_CNT, p.coreRelos().length / BpfAttr.CORE_RELO_SIZE)
        .name(BpfAttr.PROG_NAME, p.name(), BpfAttr.OBJ_NAME_LEN);
    int at = blob.add(attr.bytes());
    code.relStore(at + BpfAttr.PROG_LICENSE, license);
    code.relStore(at + BpfAttr.PROG_INSNS, insns);
    code.relStore(at + BpfAttr.PROG_FUNC_INFO, funcInfo);
    code.relStore(at + BpfAttr.PROG_LINE_INFO, lineInfo);
    code.relStore(at + BpfAttr.PROG_CORE_RELOS, coreRelos);
    code.relStore(at + BpfAttr.PROG_FD_ARRAY, LoaderLayout.fdArraySlot(0));
    code.ctxToBlob(at + BpfAttr.PROG_LOG_LEVEL, 4, LoaderLayout.CTX_LOG_LEVEL, false);
    code.ctxToBlob(at + BpfAttr.PROG_LOG_SIZE, 4, LoaderLayout.CTX_LOG_SIZE, false);
    code.ctxToBlob(at + BpfAttr.PROG_LOG_BUF, 8, LoaderLayout.CTX_LOG_BUF, false);
    code.stackToBlob(at + BpfAttr.PROG_BTF_FD, 4, LoaderLayout.STACK_BTF_FD);
    if (p.attachTarget() != null) {
      findAttachTarget(p.attachTarget());
      code.ldBlob(R0, at);
      asm.stx(W, R0, R7, BpfAttr.PROG_ATTACH_BTF_ID);
      asm.rsh64Imm(R7, 32);
      asm.stx(W, R0, R7, BpfAttr.PROG_ATTACH_BTF_OBJ_FD);
    }
    ksyms.emit(p.externs(), insns);
    code.sysBpf(BpfAttr.PROG_LOAD, at, BpfAttr.PROG_LOAD_LOADER_END);
    ksyms.cleanup();
    if (p.attachTarget() != null) {
      code.closeBlob(at + BpfAttr.PROG_ATTACH_BTF_OBJ_FD);
    }
    code.checkErr();
    asm.stx(W, R10, R7, LoaderLayout.stackProgFd(nrProgs));
    nrProgs++;
  }

  private void findAttachTarget(AttachTarget t) throws BadInputException {
    byte[] name = (t.name() + "\0").getBytes(StandardCharsets.UTF_8);
    int at = blob.add(name);
    code.ldBlob(R1, at);
    asm.mov64Imm(R2, name.length);
    asm.mov64Imm(R3, t.btfKind());
    asm.mov64Imm(R4, 0);
    asm.call(Helpers.BTF_FIND_BY_NAME_KIND);
    asm.mov64Reg(R7, R0);
    code.checkErr();
  }

  /** Epilogue: hand program and map fds to ctx, then seal (signable: patch the blob digest in). */
  GeneratedCode finish() throws BadInputException {
    code.closeStack(LoaderLayout.STACK_BTF_FD);
    for (int i = 0; i < nrProgs; i++) {
      code.stackToCtx(LoaderLayout.ctxProgFd(nrMaps, i), 4, LoaderLayout.stackProgFd(i));
    }
    for (int i = 0; i < nrMaps; i++) {
      code.blobToCtx(LoaderLayout.ctxMapFd(i), 4, LoaderLayout.fdArraySlot(i));
    }
    asm.mov64Imm(R0, 0);
    asm.exit();
    if (metadataCheck) {
      signature.patch(asm, blob.buffer(), blob.size(), order);
    }
    return new GeneratedCode(Bytes.of(asm.build(order)), blob.toBytes());
  }

  int mapCount() {
    return nrMaps;
  }

  record GeneratedCode(Bytes insns, Bytes data) {}

  /** The static fields of one map's {@code BPF_MAP_CREATE}. */
  record MapCreate(
      String name,
      int type,
      int keySize,
      int valueSize,
      int maxEntries,
      int flags,
      int numaNode,
      long mapExtra,
      int btfKeyTypeId,
      int btfValueTypeId) {}

  /** A kernel BTF lookup for the attach target: {@code name} already carries its prefix. */
  record AttachTarget(String name, int btfKind) {}

  /**
   * One program's {@code BPF_PROG_LOAD}: instructions, func/line info and CO-RE records already
   * in the target byte order (the instructions' bytes are copied into the blob as they are).
   */
  record ProgLoad(
      String name,
      int progType,
      int expectedAttachType,
      int progFlags,
      String license,
      Bytes insns,
      byte[] funcInfo,
      int funcInfoRecSize,
      int funcInfoCount,
      byte[] lineInfo,
      int lineInfoRecSize,
      int lineInfoCount,
      byte[] coreRelos,
      AttachTarget attachTarget,
      List<ExternRelo> externs) {}
}
