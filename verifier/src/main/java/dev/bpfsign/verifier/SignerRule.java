package dev.bpfsign.verifier;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * One entry of a policy's allowed-signer list: a certificate matched by its SHA-256 fingerprint,
 * its subjectKeyIdentifier, or its subject name. Hex values are normalised to lower case
 * without separators, so {@code AB:CD} and {@code abcd} are the same rule.
 */
public record SignerRule(Kind kind, String value) {
  /** What a rule matches on. */
  public enum Kind {
    /** SHA-256 of the certificate's DER encoding. */
    FINGERPRINT,
    /** The subjectKeyIdentifier extension's key identifier. */
    SKID,
    /** The subject distinguished name (RFC 2253 string, compared canonically). */
    SUBJECT
  }

  private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2})+");

  public SignerRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    value = switch (kind) {
      case FINGERPRINT, SKID -> normaliseHex(value, kind == Kind.FINGERPRINT ? 32 : -1);
      case SUBJECT -> new X500Principal(value).getName(X500Principal.RFC2253);
    };
  }

  public static SignerRule fingerprint(String hex) {
    return new SignerRule(Kind.FINGERPRINT, hex);
  }

  public static SignerRule skid(String hex) {
    return new SignerRule(Kind.SKID, hex);
  }

  public static SignerRule subject(String dn) {
    return new SignerRule(Kind.SUBJECT, dn);
  }

  /** Whether the certificate is the one this rule names. */
  public boolean matches(X509Certificate cert, CertIds ids) {
    return switch (kind) {
      case FINGERPRINT -> value.equals(ids.fingerprint());
      case SKID -> ids.skid().map(value::equals).orElse(false);
      case SUBJECT -> cert.getSubjectX500Principal().equals(new X500Principal(value));
    };
  }

  /**
   * Lower-case hex without ':' or whitespace separators.
   *
   * @param bytes the required length in bytes, or -1 for any non-empty length
   * @throws IllegalArgumentException if the value is not hex of that length
   */
  public static String normaliseHex(String hex, int bytes) {
    String h = hex.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
    if (!HEX.matcher(h).matches()) {
      throw new IllegalArgumentException("not hex: '" + hex + "'");
    }
    if (bytes >= 0 && h.length() != 2 * bytes) {
      throw new IllegalArgumentException("expected " + bytes + " bytes of hex, got " + h.length() / 2 + ": '" + hex + "'");
    }
    return HexFormat.of().formatHex(HexFormat.of().parseHex(h));
  }
}
