package dev.bpfsign.loader.skel;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.EmbeddedHash;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.loader.file.Mode;
import java.nio.ByteOrder;
import java.util.List;

/** What a header does not say outright but its instructions do: mode and byte order. */
final class SkeletonMode {
  /** gen_loader's first instruction, {@code r6 = r1} (BPF_ALU64 | BPF_MOV | BPF_X). */
  private static final int MOV64_REG = 0xbf;

  private SkeletonMode() {}

  /**
   * Signable when the instructions contain gen_loader's metadata-hash check ({@link
   * EmbeddedHash}), whether or not the header carries a signature.
   */
  static Mode of(LightSkeleton skel, ByteOrder order, String source) throws BadInputException {
    List<Insn> insns;
    try {
      insns = InsnCodec.decode(skel.insns(), order);
    } catch (BadInputException e) {
      throw new BadInputException(source + ": loader instructions do not decode: " + e.getMessage(), e);
    }
    return EmbeddedHash.detectMode(insns, order);
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
