package dev.bpfsign.loader.emu;

import dev.bpfsign.loader.Bytes;
import java.security.MessageDigest;

/**
 * SHA-256 without the provider lookup {@code MessageDigest.getInstance} does on every call:
 * the verifier emulates a loader per admission, and the lookup cost more than hashing a small
 * blob. Clones a prototype instead.
 */
final class Sha256 {
  private static final MessageDigest PROTOTYPE = Bytes.sha256Digest();

  private Sha256() {}

  static MessageDigest digest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return Bytes.sha256Digest(); // providers that cannot clone: look up as usual
    }
  }

  static String hex(Bytes bytes) {
    MessageDigest sha = digest();
    bytes.updateDigest(sha);
    return java.util.HexFormat.of().formatHex(sha.digest());
  }
}
