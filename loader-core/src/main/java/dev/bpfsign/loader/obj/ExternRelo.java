package dev.bpfsign.loader.obj;

import java.util.Objects;

/**
 * A reference from a target instruction to a kernel symbol the loader resolves at run time
 * (gen_loader's {@code ksym_relo_desc}): a kfunc call ({@code ld64 == false}), a typed ksym
 * ({@code ld64}, BTF kind VAR or FUNC) or a typeless ksym ({@code ld64 && typeless}, address
 * from kallsyms). {@code insnIndex} is the slot index in the program as loaded.
 */
public record ExternRelo(String name, boolean weak, boolean typeless, boolean ld64, int btfKind, int insnIndex) {
  public static final int BTF_KIND_VAR = 14;
  public static final int BTF_KIND_FUNC = 12;

  public ExternRelo {
    Objects.requireNonNull(name, "name");
    if (insnIndex < 0) {
      throw new IllegalArgumentException("negative instruction index " + insnIndex);
    }
  }
}
