package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an input file whole, after checking it is a regular file of a size worth reading. */
final class InputFiles {
  private InputFiles() {}

  static byte[] read(Path path, long maxSize) throws IOException, BadInputException {
    if (Files.isDirectory(path)) {
      throw new BadInputException(path + ": is a directory");
    }
    long size = Files.size(path);
    if (size > maxSize) {
      throw new BadInputException(path + ": " + size + " bytes is more than the " + maxSize + " this input may have");
    }
    return Files.readAllBytes(path);
  }
}
