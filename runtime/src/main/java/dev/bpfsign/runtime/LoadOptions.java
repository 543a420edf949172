package dev.bpfsign.runtime;

import java.util.Objects;

/** How to load: which keyring the kernel checks a signature against, where the kernel can. */
public record LoadOptions(Keyring keyring) {
  public static final LoadOptions DEFAULT = new LoadOptions(Keyring.BUILTIN);

  public LoadOptions {
    Objects.requireNonNull(keyring, "keyring");
  }
}
