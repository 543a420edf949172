package dev.bpfsign.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string: copied on the way in and on the way out, so no holder can change it. */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;
  /** SHA-256 of the bytes, computed once: instructions and blobs are hashed by many checks. */
  private volatile Bytes sha256;

  private Bytes(byte[] owned) {
    this.bytes = owned;
  }

  public static Bytes of(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  public static Bytes of(byte[] bytes, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  public int length() {
    return bytes.length;
  }

  public byte get(int index) {
    return bytes[index];
  }

  public byte[] toArray() {
    return bytes.clone();
  }

  /** A read-only view in the given byte order, positioned at 0; no copy. */
  public ByteBuffer buffer(ByteOrder order) {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(order);
  }

  public Bytes concat(Bytes other) {
    byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
    System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
    return new Bytes(joined);
  }

  public Bytes slice(int offset, int length) {
    return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  public Bytes sha256() {
    Bytes h = sha256;
    if (h == null) {
      h = new Bytes(sha256Digest().digest(bytes));
      sha256 = h;
    }
    return h;
  }

  /** Feeds these bytes to a digest without copying them. */
  public void updateDigest(MessageDigest digest) {
    digest.update(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Content equality. Not constant-time: every byte string here is public (instructions, blobs,
   * digests, signatures), and the constant-time comparison is a byte loop that a cold start
   * runs in the interpreter over blobs of hundreds of KiB.
   */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes.length <= 32 ? hex() : bytes.length + " bytes, sha256 " + sha256().hex();
  }

  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
