package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import java.util.Objects;
import java.util.Optional;

/**
 * What a light-skeleton header carries that bpfsign needs: the object name (the skeleton
 * struct's name), the ctx layout (members of its {@code maps} and {@code progs} sub-structs in
 * order), the loader instructions and data blob, and for {@code -S} headers the CMS signature
 * and the exclusive-map hash.
 */
public record LightSkeleton(
    String name, CtxLayout ctx, Bytes insns, Bytes data, Optional<Bytes> signature, Optional<Bytes> exclProgHash) {

  public LightSkeleton {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(insns, "insns");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(exclProgHash, "exclProgHash");
    if (signature.isPresent() != exclProgHash.isPresent()) {
      throw new IllegalArgumentException("a signed skeleton has both a signature and an excl hash");
    }
  }

  public boolean signed() {
    return signature.isPresent();
  }
}
