package dev.bpfsign.loader.emu;

/**
 * Answers the loader's symbol lookups. The default ({@link SymbolicSymbols}) invents
 * deterministic ids; the runtime plugs in one backed by the host's vmlinux BTF.
 */
public interface KernelSymbols {
  /**
   * {@code bpf_btf_find_by_name_kind}: {@code btf_obj_fd << 32 | btf_id} (obj fd 0 = vmlinux),
   * or a negative errno (-ENOENT when absent).
   */
  long btfFindByNameKind(String name, int btfKind);

  /** {@code bpf_kallsyms_lookup_name}: the address, or 0 when the symbol is absent (the helper then gives -ENOENT). */
  long kallsymsLookupName(String name);
}
