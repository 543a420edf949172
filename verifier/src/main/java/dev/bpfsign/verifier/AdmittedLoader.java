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
  private final boolean signatureLeftToKernel;

  AdmittedLoader(LoaderFile loader, boolean signatureLeftToKernel) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.signatureLeftToKernel = signatureLeftToKernel;
  }

  /**
   * Whether the admission is conditional on the kernel verifying the signature at load
   * ({@link Verifier.Builder#signaturesCheckedByKernel}): the runtime must then refuse to load on
   * a kernel that does not verify BPF signatures.
   */
  public boolean signatureLeftToKernel() {
    return signatureLeftToKernel;
  }

  /** The verified loader: the runtime must load these bytes and no others. */
  public LoaderFile loader() {
    return loader;
  }
}
