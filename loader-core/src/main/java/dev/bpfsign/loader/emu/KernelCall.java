package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.Bytes;

/**
 * A call a loader makes into the kernel, decoded from emulated memory: one {@code bpf()} command
 * with its attributes (pointer fields already followed into the blob), or one of the other
 * helpers that reach kernel state. Plain records, so a trace can be printed or compared.
 */
public sealed interface KernelCall {
  /** A short name: the uapi command ({@code BPF_MAP_CREATE}) or the helper ({@code bpf_sys_close}). */
  String kind();

  /** A {@code bpf_sys_bpf} command. */
  sealed interface BpfCommand extends KernelCall {
    int cmd();

    @Override
    default String kind() {
      String name = UapiNames.command(cmd());
      return name == null ? "BPF_CMD_" + cmd() : "BPF_" + name.toUpperCase(java.util.Locale.ROOT);
    }
  }

  record BtfLoad(Bytes btf, int logLevel, int logSize) implements BpfCommand {
    @Override
    public int cmd() {
      return BpfAttr.BTF_LOAD;
    }
  }

  record MapCreate(
      int mapType,
      int keySize,
      int valueSize,
      int maxEntries,
      int mapFlags,
      int innerMapFd,
      int numaNode,
      String mapName,
      int mapIfindex,
      int btfFd,
      int btfKeyTypeId,
      int btfValueTypeId,
      int btfVmlinuxValueTypeId,
      long mapExtra)
      implements BpfCommand {
    @Override
    public int cmd() {
      return BpfAttr.MAP_CREATE;
    }
  }

  record MapUpdateElem(int mapFd, Bytes key, Bytes value, long flags) implements BpfCommand {
    @Override
    public int cmd() {
      return BpfAttr.MAP_UPDATE_ELEM;
    }
  }

  record MapFreeze(int mapFd) implements BpfCommand {
    @Override
    public int cmd() {
      return BpfAttr.MAP_FREEZE;
    }
  }

  /**
   * @param insns the target program's instructions as the kernel receives them (after the
   *     loader's run-time relocations)
   * @param fdArrayBlobOffset where fd_array points inside the blob, or -1 if it is NULL
   */
  record ProgLoad(
      int progType,
      int insnCnt,
      Bytes insns,
      String license,
      int logLevel,
      int logSize,
      int kernVersion,
      int progFlags,
      String progName,
      int progIfindex,
      int expectedAttachType,
      int progBtfFd,
      int funcInfoRecSize,
      Bytes funcInfo,
      int funcInfoCnt,
      int lineInfoRecSize,
      Bytes lineInfo,
      int lineInfoCnt,
      int attachBtfId,
      int attachBtfObjFd,
      int coreReloCnt,
      long fdArrayBlobOffset,
      Bytes coreRelos,
      int coreReloRecSize)
      implements BpfCommand {
    @Override
    public int cmd() {
      return BpfAttr.PROG_LOAD;
    }
  }

  /** A command gen_loader never emits; its raw attr bytes. */
  record OtherBpfCommand(int cmd, Bytes attr) implements BpfCommand {}

  record Close(int fd) implements KernelCall {
    @Override
    public String kind() {
      return "bpf_sys_close";
    }
  }

  record BtfFindByNameKind(String name, int btfKind, int flags) implements KernelCall {
    @Override
    public String kind() {
      return "bpf_btf_find_by_name_kind";
    }
  }

  record KallsymsLookupName(String name, int flags) implements KernelCall {
    @Override
    public String kind() {
      return "bpf_kallsyms_lookup_name";
    }
  }

  record TracePrintk(String format) implements KernelCall {
    @Override
    public String kind() {
      return "bpf_trace_printk";
    }
  }
}
