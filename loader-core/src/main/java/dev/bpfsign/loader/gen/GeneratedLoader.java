package dev.bpfsign.loader.gen;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.Mode;
import java.util.Objects;

/** A loader program as gen_loader produces it: the instructions and the data blob, target order. */
public record GeneratedLoader(Mode mode, Bytes insns, Bytes data) {
  public GeneratedLoader {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(insns, "insns");
    Objects.requireNonNull(data, "data");
  }

  public int insnCount() {
    return insns.length() / 8;
  }
}
