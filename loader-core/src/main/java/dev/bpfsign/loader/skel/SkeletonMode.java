package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.Mode;
import java.nio.ByteOrder;

/** What a header does not say outright but its instructions do: mode and byte order. */
final class SkeletonMode {
  /** gen_loader's first instruction, {@code r6 = r1} (BPF_ALU64 | BPF_MOV | BPF_X). */
  private static final int MOV64_REG = 0xbf;

  private SkeletonMode() {}

  static Mode of(LightSkeleton skel) {
    // TODO(isa-emu): decide by EmbeddedHash (the metadata-hash check in the instructions) once
    // it is in main; until then a header with a signature is taken to be signable.
    return skel.signed() ? Mode.SIGNABLE : Mode.PLAIN;
  }

  /**
   * The loader's byte order. A header does not state it; the register byte of gen_loader's
   * first instruction does: dst 6, src 1 is 0x16 little-endian and 0x61 big-endian.
   */
  static ByteOrder byteOrder(Bytes insns) {
    if (insns.length() >= 2 && (insns.get(0) & 0xff) == MOV64_REG && (insns.get(1) & 0xff) == 0x61) {
      return ByteOrder.BIG_ENDIAN;
    }
    return ByteOrder.LITTLE_ENDIAN;
  }
}
