package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import java.nio.file.Path;

/** BPF ELF objects given where a loader is expected: recognised, and turned into a signable loader. */
final class ObjectInput {
  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

  private ObjectInput() {}

  static boolean isElf(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == ELF_MAGIC[0] && bytes[1] == ELF_MAGIC[1] && bytes[2] == ELF_MAGIC[2]
        && bytes[3] == ELF_MAGIC[3];
  }

  /** The signable loader for an object, as {@code bpfsign gen} (without --plain) would write it. */
  static LoaderFile signableLoader(Path path, byte[] bytes) throws BadInputException {
    throw new BadInputException(path + ": is a BPF object; generation not available in this build"
        + " (generate the loader with 'bpfsign gen' first, then sign it)");
  }
}
