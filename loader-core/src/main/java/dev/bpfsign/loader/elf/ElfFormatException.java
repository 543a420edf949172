package dev.bpfsign.loader.elf;

import dev.bpfsign.loader.BadInputException;

/**
 * A BPF ELF object that cannot be read: truncated, inconsistent or not a 64-bit BPF relocatable
 * object. The message names the file, the section (name and index) and the byte offset, e.g.
 * {@code prog.o: section .rel.text (#7): relocation 3 at offset 0x1c8: symbol index 99 out of
 * range}.
 */
public final class ElfFormatException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public ElfFormatException(String message) {
    super(message);
  }
}
