package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a loader file argument. */
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
}
