package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.verifier.AdmittedLoader;

/**
 * Loads admitted loaders into the running kernel. The only way in is an {@link AdmittedLoader},
 * which only the verifier creates, and what loads is the very {@code LoaderFile} it checked.
 */
public final class BpfRuntime {
  private BpfRuntime() {}

  /**
   * Runs the light-skeleton load sequence for {@code admitted}. Where the kernel verifies
   * signatures (probed once), the loader's 6.18 signature and {@code options.keyring()} go with
   * it; otherwise the verifier's verdict was the gate, and {@link LoadedObjects#gate()} says so.
   *
   * @throws KernelRefusedException the kernel or the loader refused, or the admission left the
   *     signature to a kernel that does not verify signatures; nothing is left open
   * @throws BadInputException the loader cannot run here (byte order, ctx layout); nothing is left open
   */
  public static LoadedObjects load(AdmittedLoader admitted, LoadOptions options)
      throws KernelRefusedException, BadInputException {
    KernelSignatureSupport.Probe probe = KernelSignatureSupport.probe();
    boolean kernelVerifies = probe.result() == KernelSignatureSupport.Result.VERIFIES;
    if (admitted.signatureLeftToKernel() && !kernelVerifies) {
      // admitted on condition that the kernel checks the signature: here nothing would
      throw new KernelRefusedException("check the loader's signature in the kernel", probe.errno(),
          "this kernel does not verify BPF signatures (" + probe.result().name().toLowerCase(java.util.Locale.ROOT)
              .replace('_', ' ') + "), and the signature was left to it (--trust-keyring): nothing was loaded");
    }
    return LoadSequence.run(admitted.loader(), options, kernelVerifies);
  }
}
