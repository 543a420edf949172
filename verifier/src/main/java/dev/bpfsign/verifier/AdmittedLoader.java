package dev.bpfsign.verifier;

import dev.bpfsign.loader.file.LoaderFile;
import java.util.Objects;

/**
 * A loader the verifier admitted, with the exact bytes it checked. The runtime loads only this
 * type, and only this package can create one: there is no public constructor or factory, so an
 * unverified loader cannot reach the kernel through bpfsign.
 */
public final class AdmittedLoader {
  private final LoaderFile loader;

  AdmittedLoader(LoaderFile loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The verified loader: the runtime must load these bytes and no others. */
  public LoaderFile loader() {
    return loader;
  }
}
