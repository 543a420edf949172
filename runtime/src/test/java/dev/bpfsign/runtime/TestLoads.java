package dev.bpfsign.runtime;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;

/**
 * Test-only door to the load sequence for code outside this package (benchmarks, CLI tests):
 * production code reaches it only through {@link BpfRuntime} with an admitted loader.
 */
public final class TestLoads {
  private TestLoads() {}

  public static LoadedObjects load(LoaderFile loader) throws KernelRefusedException, BadInputException {
    return LoadSequence.run(loader, LoadOptions.DEFAULT, false);
  }
}
