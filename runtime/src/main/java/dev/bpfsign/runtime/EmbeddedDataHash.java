package dev.bpfsign.runtime;

import dev.bpfsign.loader.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whether a signable loader's instructions embed SHA-256 of a given data blob: the four
 * {@code ld_imm64} constants of its metadata check (kernel-signing.md §3.6; measured.md). Used
 * only to explain an EINVAL from the loader: if the constants are not those of the blob that
 * was loaded, the blob is not the one that was signed.
 */
final class EmbeddedDataHash {
  private static final int LD_IMM64 = 0x18;

  private EmbeddedDataHash() {}

  static boolean embeds(Bytes insns, Bytes data, ByteOrder order) {
    ByteBuffer sha = data.sha256().buffer(order);
    long[] words = {sha.getLong(0), sha.getLong(8), sha.getLong(16), sha.getLong(24)};
    ByteBuffer in = insns.buffer(order);
    int found = 0;
    for (int off = 0; off + 16 <= in.limit(); off += 8) {
      if ((in.get(off) & 0xff) != LD_IMM64) {
        continue;
      }
      long imm = (in.getInt(off + 4) & 0xffffffffL) | ((long) in.getInt(off + 12) << 32);
      if (imm == words[found]) {
        found++;
        if (found == words.length) {
          return true;
        }
      }
      off += 8; // skip the second slot of the wide instruction
    }
    return false;
  }
}
