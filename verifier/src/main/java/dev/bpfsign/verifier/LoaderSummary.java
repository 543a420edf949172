package dev.bpfsign.verifier;

import java.util.Objects;

/**
 * What was verified: the loader's name, mode and sizes, and SHA-256 of its instructions (the
 * kernel's program digest, {@code excl_prog_hash}) and of its data blob; the target record
 * (docs/targets.md), or null when the file has none.
 */
public record LoaderSummary(String name, String mode, int instructions, int dataSize, String insnsSha256, String dataSha256,
    dev.bpfsign.loader.target.LoaderTarget target) {
  public LoaderSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(insnsSha256, "insnsSha256");
    Objects.requireNonNull(dataSha256, "dataSha256");
  }
}
