package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.BadInputException;

/**
 * What the emulated loader's helpers talk to. The emulator records every call and its result;
 * an implementation only decides the answers. {@link RecordingKernel} is the default.
 */
public interface SimulatedKernel {
  /** The decoded command and what {@code bpf_sys_bpf} returns for it. */
  record Outcome(KernelCall.BpfCommand call, long result) {}

  /**
   * One {@code bpf_sys_bpf(cmd, attr, attr_size)}. Throws when the attr or a pointer in it lies
   * outside loader memory — a hostile loader, not a kernel answer.
   */
  Outcome sysBpf(int cmd, long attrAddr, long attrSize, Memory memory) throws BadInputException;

  /** {@code bpf_sys_close(fd)}: 0 or -EBADF. */
  long close(int fd);

  /** {@code bpf_btf_find_by_name_kind}. */
  long btfFindByNameKind(String name, int btfKind, int flags);

  /** {@code bpf_kallsyms_lookup_name} (flags already checked): the address, or 0 if there is none. */
  long kallsymsLookupName(String name);
}
