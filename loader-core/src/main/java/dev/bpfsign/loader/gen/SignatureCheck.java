package dev.bpfsign.loader.gen;

import static dev.bpfsign.loader.insn.Opcodes.DW;
import static dev.bpfsign.loader.insn.Opcodes.PSEUDO_MAP_IDX;
import static dev.bpfsign.loader.insn.Opcodes.W;
import static dev.bpfsign.loader.insn.Reg.R1;
import static dev.bpfsign.loader.insn.Reg.R2;
import static dev.bpfsign.loader.insn.Reg.R3;
import static dev.bpfsign.loader.insn.Reg.R7;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.insn.Assembler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * The signable loader's metadata check (libbpf 1.8 {@code emit_signature_match} with the May 2026
 * jump fix and the June 2026 exclusivity check): the loader reads {@code struct bpf_map} of
 * fd_array[0] (its own data map) and returns -EINVAL unless the map is exclusive (u32 at offset
 * 32 is 1) and the SHA-256 the kernel cached in {@code map->sha} equals the four constants, which
 * are the digest of the finished blob ({@code compute_sha_update_offsets}).
 */
final class SignatureCheck {
  private static final int EINVAL = 22;
  private static final int SHA256_SIZE = 32;

  private final int[] constantSlots = new int[4];

  void emit(Assembler a) {
    a.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0);
    a.ldx(W, R2, R1, SHA256_SIZE);
    a.mov64Imm(R7, -EINVAL);
    a.jneImm(R2, 1, LoaderCode.CLEANUP);
    for (int i = 0; i < 4; i++) {
      a.ldImm64(R1, PSEUDO_MAP_IDX, 0, 0);
      a.ldx(DW, R2, R1, 8 * i);
      constantSlots[i] = a.index();
      a.ldImm64(R3, 0, 0, 0);
      a.mov64Imm(R7, -EINVAL);
      a.jneReg(R2, R3, LoaderCode.CLEANUP);
    }
  }

  /** Writes the blob digest into the constants, each dword read in the target byte order. */
  void patch(Assembler a, byte[] blob, int blobSize, ByteOrder order) {
    MessageDigest sha = Bytes.sha256Digest();
    sha.update(blob, 0, blobSize);
    ByteBuffer digest = ByteBuffer.wrap(sha.digest()).order(order);
    for (int i = 0; i < 4; i++) {
      long dword = digest.getLong(8 * i);
      // the assembler holds little-endian slots until build(order) swaps them
      a.patchImm64(constantSlots[i], dword);
    }
  }
}
