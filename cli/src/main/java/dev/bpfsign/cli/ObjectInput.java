package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import java.util.List;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import java.nio.file.Path;

/** BPF ELF objects given where a loader is expected: recognised, and turned into a signable loader. */
final class ObjectInput {
  private ObjectInput() {}

  static boolean isElf(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
  }

  /**
   * The signable loader for an object, as {@code bpfsign gen OBJ -o LOADER} (no --plain, default
   * inputs: object name from the file name, no Kconfig, kernel version or kallsyms) writes it.
   */
  static LoaderFile signableLoader(Path path, byte[] bytes) throws BadInputException {
    return LoaderGenerator.loaderFile(read(path, bytes), Mode.SIGNABLE);
  }

  /** The signable loader file with a variant per scheme, as {@code bpfsign gen OBJ -o LOADER [--scheme S]} writes it. */
  static LoaderBundle signableLoaders(Path path, byte[] bytes, List<Scheme> schemes) throws BadInputException {
    return LoaderGenerator.bundle(read(path, bytes), Mode.SIGNABLE, schemes);
  }

  private static BpfObject read(Path path, byte[] bytes) throws BadInputException {
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    return ObjectReader.read(file, bytes, GenInputs.named(GenInputs.objectNameFor(file)));
  }
}
