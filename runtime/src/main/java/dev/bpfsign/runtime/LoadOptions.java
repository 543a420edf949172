package dev.bpfsign.runtime;

import dev.bpfsign.verifier.Keyring;
import java.util.Objects;

/**
 * How to load: which keyring the kernel checks a signature against, where the kernel can. The
 * default is the builtin trusted keyring (0), as in a light skeleton whose {@code keyring_id}
 * is left zero.
 */
public record LoadOptions(Keyring keyring) {
  public static final LoadOptions DEFAULT = new LoadOptions(Keyring.BUILTIN);

  public LoadOptions {
    Objects.requireNonNull(keyring, "keyring");
  }
}
