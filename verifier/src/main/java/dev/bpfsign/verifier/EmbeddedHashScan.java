package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Finds the SHA-256 a signable loader embeds in its metadata-check block (kernel-signing §3.6):
 * four times {@code r2 = *(u64 *)(r1 + 8i); r3 = <ld_imm64 constant>}, the constant being dword
 * i of the digest read in the target's byte order.
 */
final class EmbeddedHashScan {
  private static final int LD_IMM64 = 0x18;
  private static final int LDX_DW = 0x79;

  private EmbeddedHashScan() {}

  static Optional<Bytes> find(Bytes insns, ByteOrder order) {
    ByteBuffer b = insns.buffer(order);
    int n = insns.length() / 8;
    byte[] digest = new byte[32];
    int found = 0;
    for (int i = 0; i + 2 < n && found < 4; i++) {
      if (op(b, i) == LDX_DW && dst(b, i, order) == 2 && src(b, i, order) == 1 && off(b, i) == 8 * found
          && op(b, i + 1) == LD_IMM64 && dst(b, i + 1, order) == 3 && src(b, i + 1, order) == 0) {
        long lo = imm(b, i + 1) & 0xffffffffL;
        long hi = imm(b, i + 2) & 0xffffffffL;
        ByteBuffer.wrap(digest, 8 * found, 8).order(order).putLong(hi << 32 | lo);
        found++;
        i += 2;
      }
    }
    return found == 4 ? Optional.of(Bytes.of(digest)) : Optional.empty();
  }

  private static int op(ByteBuffer b, int i) {
    return b.get(8 * i) & 0xff;
  }

  private static int regs(ByteBuffer b, int i) {
    return b.get(8 * i + 1) & 0xff;
  }

  private static int dst(ByteBuffer b, int i, ByteOrder order) {
    return order == ByteOrder.LITTLE_ENDIAN ? regs(b, i) & 0xf : regs(b, i) >>> 4;
  }

  private static int src(ByteBuffer b, int i, ByteOrder order) {
    return order == ByteOrder.LITTLE_ENDIAN ? regs(b, i) >>> 4 : regs(b, i) & 0xf;
  }

  private static int off(ByteBuffer b, int i) {
    return b.getShort(8 * i + 2);
  }

  private static int imm(ByteBuffer b, int i) {
    return b.getInt(8 * i + 4);
  }
}
