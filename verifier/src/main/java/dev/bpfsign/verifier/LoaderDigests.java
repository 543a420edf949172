package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import java.security.MessageDigest;

/**
 * SHA-256 digests of a loader's bytes, each computed at most once per verification: of the
 * instructions (the kernel's program digest and excl_prog_hash, the 6.18 payload), of the data
 * blob (what the embedded hash must equal), and of instructions ‖ data (the 2026 payload).
 */
final class LoaderDigests {
  private final LoaderFile loader;
  private Bytes insns;
  private Bytes data;
  private Bytes insnsAndData;

  LoaderDigests(LoaderFile loader) {
    this.loader = loader;
  }

  Bytes insns() {
    if (insns == null) {
      insns = loader.insns().sha256();
    }
    return insns;
  }

  Bytes data() {
    if (data == null) {
      data = loader.data().sha256();
    }
    return data;
  }

  Bytes insnsAndData() {
    if (insnsAndData == null) {
      MessageDigest md = Bytes.sha256Digest();
      loader.insns().updateDigest(md);
      loader.data().updateDigest(md);
      insnsAndData = Bytes.of(md.digest());
    }
    return insnsAndData;
  }

  /** The digest of the bytes a kernel verifies a signature of this scheme over. */
  Bytes payload(Scheme scheme) {
    return switch (scheme) {
      case LINUX_6_18 -> insns();
      case LINUX_7_3 -> insnsAndData();
    };
  }
}
