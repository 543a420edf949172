package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a {@code loader.bin} named on the command line; every failure is bad input (exit 3). */
final class LoaderFiles {
  private LoaderFiles() {}

  static LoaderFile read(Path path) throws BadInputException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path + ": no such file", e);
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read: " + e.getMessage(), e);
    }
    return LoaderFileFormat.read(bytes, path.toString());
  }
}
