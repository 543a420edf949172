package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
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
    String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    String objectName = GenInputs.objectNameFor(file);
    BpfObject obj = ObjectReader.read(file, bytes, GenInputs.named(objectName));
    return LoaderGenerator.loaderFile(obj, Mode.SIGNABLE, path.toString());
  }
}
