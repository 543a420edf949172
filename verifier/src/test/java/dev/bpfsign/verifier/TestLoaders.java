package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * A small synthetic signable loader: {@code r6 = r1}, the metadata-check block of
 * kernel-signing §3.6 with SHA-256 of the data blob in its four {@code ld_imm64 r3} constants,
 * then {@code r0 = 0; exit}. Enough for the hash-chain and signature checks; the loader-shape
 * tests use the bpftool goldens.
 */
final class TestLoaders {
  private TestLoaders() {}

  static LoaderFile signable(String name, int dataSize, long seed) {
    byte[] data = new byte[dataSize];
    new Random(seed).nextBytes(data);
    byte[] sha = Bytes.of(data).sha256().toArray();
    ByteArrayOutputStream insns = new ByteArrayOutputStream();
    insn(insns, 0xbf, 6, 1, 0, 0); // r6 = r1
    insn(insns, 0x18, 1, 5, 0, 0); // r1 = map_by_idx(0)
    insn(insns, 0x00, 0, 0, 0, 0);
    insn(insns, 0x61, 2, 1, 32, 0); // r2 = *(u32 *)(r1 + 32)
    insn(insns, 0xb7, 7, 0, 0, -22); // r7 = -EINVAL
    insn(insns, 0x55, 2, 0, 22, 1); // if r2 != 1 goto exit path
    for (int i = 0; i < 4; i++) {
      long word = ByteBuffer.wrap(sha, 8 * i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      insn(insns, 0x18, 1, 5, 0, 0); // r1 = map_by_idx(0)
      insn(insns, 0x00, 0, 0, 0, 0);
      insn(insns, 0x79, 2, 1, 8 * i, 0); // r2 = *(u64 *)(r1 + 8i)
      insn(insns, 0x18, 3, 0, 0, (int) word); // r3 = dword i of SHA-256(data)
      insn(insns, 0x00, 0, 0, 0, (int) (word >>> 32));
      insn(insns, 0xb7, 7, 0, 0, -22); // r7 = -EINVAL
      insn(insns, 0x5d, 2, 3, 1 + 7 * (3 - i), 0); // if r2 != r3 goto exit path
    }
    insn(insns, 0xb7, 7, 0, 0, 0); // r7 = 0
    insn(insns, 0xbf, 0, 7, 0, 0); // r0 = r7
    insn(insns, 0x95, 0, 0, 0, 0); // exit
    return new LoaderFile(name, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN, Bytes.of(insns.toByteArray()),
        Bytes.of(data), new CtxLayout(List.of(), List.of()), List.of());
  }

  private static void insn(ByteArrayOutputStream out, int op, int dst, int src, int off, int imm) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) op).put((byte) (src << 4 | dst)).putShort((short) off).putInt(imm).array());
  }
}
