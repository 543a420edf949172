package dev.bpfsign.oci;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.util.regex.Pattern;

/** A content digest as OCI writes it: {@code sha256:} and 64 lowercase hex digits (the only algorithm accepted). */
public record Digest(String hex) {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

  public Digest {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
    }
  }

  public static Digest of(byte[] content) {
    return new Digest(Bytes.of(content).sha256().hex());
  }

  /** Parses {@code sha256:<hex>}; {@code where} names the source for the one-line error. */
  public static Digest parse(String text, String where) throws BadInputException {
    if (text == null || !text.startsWith("sha256:") || !HEX.matcher(text.substring(7)).matches()) {
      throw new BadInputException(where + ": '" + shorten(text) + "' is not a sha256 digest (sha256: and 64 lowercase hex digits)");
    }
    return new Digest(text.substring(7));
  }

  /** Whether {@code content} has this digest. */
  public boolean matches(byte[] content) {
    return Bytes.of(content).sha256().hex().equals(hex);
  }

  /** The tag the OCI 1.1 tag schema stores a subject's referrers index under. */
  public String referrersTag() {
    return "sha256-" + hex;
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }

  static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("[\\p{Cntrl}]", "?");
    return one.length() > 80 ? one.substring(0, 80) + "…" : one;
  }
}
