package dev.bpfsign.cli;

/** BPF ELF objects given where a loader is expected are recognised by their magic. */
final class ObjectInput {
  private ObjectInput() {}

  static boolean isElf(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
  }
}
