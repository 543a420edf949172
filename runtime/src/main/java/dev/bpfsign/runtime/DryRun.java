package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Emulation;
import dev.bpfsign.loader.emu.Emulator;
import dev.bpfsign.loader.emu.KernelSymbols;
import dev.bpfsign.loader.emu.RecordingKernel;
import dev.bpfsign.verifier.AdmittedLoader;

/**
 * Runs an admitted loader in the emulator instead of the kernel: every {@code bpf()} command it
 * would issue, decoded, with BTF lookups answered by the given symbols (normally
 * {@link VmlinuxSymbols}). Nothing reaches the kernel.
 */
public final class DryRun {
  private DryRun() {}

  public static Emulation run(AdmittedLoader admitted, KernelSymbols symbols) throws BadInputException {
    return Emulator.run(admitted.loader(), new RecordingKernel(symbols), Emulator.DEFAULT_STEP_LIMIT);
  }
}
