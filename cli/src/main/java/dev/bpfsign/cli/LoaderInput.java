package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.oci.PulledLoader;
import dev.bpfsign.oci.Reference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Reads a loader argument: a loader file, or {@code oci://REF} pulled (and checked) through the registry. */
final class LoaderInput {
  /** Far above any loader (the kernel caps a program at one million instructions, 8 MiB). */
  static final long MAX_LOADER_FILE_SIZE = 512L * 1024 * 1024;

  private LoaderInput() {}

  /** A file that must hold one variant. */
  static LoaderFile read(Path path) throws IOException, BadInputException {
    return LoaderFileFormat.read(InputFiles.read(path, MAX_LOADER_FILE_SIZE), path.toString());
  }

  /** Every variant of a loader file. */
  static LoaderBundle readBundle(Path path) throws IOException, BadInputException {
    return LoaderFileFormat.readBundle(InputFiles.read(path, MAX_LOADER_FILE_SIZE), path.toString());
  }

  /**
   * Every variant of a loader file path, or of the loader {@code oci://REF} holds. A tag is
   * resolved once; the digest it resolved to is reported on {@code err}, so the next run (or a
   * host's unit) can pin it.
   */
  static LoaderBundle readBundle(String argument, RegistryOptions registry, PrintWriter err)
      throws IOException, BadInputException {
    if (!Reference.isOci(argument)) {
      return readBundle(Path.of(argument));
    }
    return pull(argument, registry, err).loader();
  }

  static PulledLoader pull(String argument, RegistryOptions registry, PrintWriter err) throws IOException, BadInputException {
    Reference ref = Reference.parse(argument);
    PulledLoader pulled = registry.registry().pull(ref);
    if (ref.digest().isEmpty()) {
      err.println("bpfsign: " + ref + " is " + Reference.SCHEME + pulled.pinned());
      err.flush();
    }
    return pulled;
  }
}
