package dev.bpfsign.loader.emu;

import static dev.bpfsign.loader.insn.Opcodes.*;
import static dev.bpfsign.loader.insn.Reg.*;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.insn.Insn;
import dev.bpfsign.loader.insn.InsnCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * The SHA-256 of the data blob that a signable (6.18-scheme) loader embeds in its metadata check
 * (kernel-signing.md §3.6, measured.md): four groups of
 * <pre>
 *   r1 = map_idx[0] ll
 *   r2 = *(u64 *)(r1 +8i)
 *   r3 = 0x&lt;word i&gt; ll
 *   r7 = -22
 *   if r2 != r3 goto cleanup
 * </pre>
 * where word i is digest bytes [8i, 8i+8) read as a u64 in the target's byte order. Plain
 * loaders have no such block.
 */
public final class EmbeddedHash {
  static final int GROUP = 5; // instructions per word
  static final int WORDS = 4;

  private EmbeddedHash() {}

  public static Optional<Bytes> find(LoaderFile loader) throws BadInputException {
    return find(InsnCodec.decode(loader.insns(), loader.order()), loader.order());
  }

  /** The embedded 32-byte digest, or empty if the instructions carry no metadata check. */
  public static Optional<Bytes> find(List<Insn> insns, ByteOrder order) {
    for (int start = 0; start + GROUP * WORDS <= insns.size(); start++) {
      if (group(insns, start, 0)) {
        ByteBuffer digest = ByteBuffer.allocate(32).order(order);
        boolean all = true;
        for (int w = 0; w < WORDS && all; w++) {
          all = group(insns, start + GROUP * w, w);
          if (all) {
            digest.putLong(insns.get(start + GROUP * w + 2).imm64());
          }
        }
        if (all) {
          return Optional.of(Bytes.of(digest.array()));
        }
      }
    }
    return Optional.empty();
  }

  /** {@link Mode#SIGNABLE} when the instructions embed the blob's hash, else {@link Mode#PLAIN}. */
  public static Mode detectMode(List<Insn> insns, ByteOrder order) {
    return find(insns, order).isPresent() ? Mode.SIGNABLE : Mode.PLAIN;
  }

  private static boolean group(List<Insn> insns, int at, int word) {
    Insn map = insns.get(at);
    Insn load = insns.get(at + 1);
    Insn constant = insns.get(at + 2);
    Insn errno = insns.get(at + 3);
    Insn compare = insns.get(at + 4);
    return map.opcode() == LD_IMM64 && map.dst() == R1 && map.src() == PSEUDO_MAP_IDX && map.imm() == 0
        && load.opcode() == (LDX | MEM | DW) && load.dst() == R2 && load.src() == R1 && load.off() == 8 * word
        && constant.opcode() == LD_IMM64 && constant.dst() == R3 && constant.src() == 0
        && errno.opcode() == (ALU64 | K | MOV) && errno.dst() == R7
        && compare.opcode() == (JMP | X | JNE) && compare.dst() == R2 && compare.src() == R3;
  }
}
