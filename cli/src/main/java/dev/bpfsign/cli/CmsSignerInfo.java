package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Who signed a kernel-format CMS and with what, read by a minimal DER walk with the JDK only
 * (inspect must show this without the verifier's Bouncy Castle). It checks every length
 * against its enclosing element and never trusts what it reads: this is a description, not a
 * verification.
 *
 * @param skid the signer's subjectKeyIdentifier, lower-case hex, if the signer is identified so
 * @param issuer the issuer distinguished name (RFC 2253), if identified by issuer and serial
 * @param serial the serial number, lower-case hex, with the issuer
 */
record CmsSignerInfo(String skid, String issuer, String serial, String digestAlgorithm, String signatureAlgorithm) {
  private static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
  private static final Map<String, String> ALGORITHMS = Map.ofEntries(
      Map.entry("2.16.840.1.101.3.4.2.1", "sha256"),
      Map.entry("2.16.840.1.101.3.4.2.2", "sha384"),
      Map.entry("2.16.840.1.101.3.4.2.3", "sha512"),
      Map.entry("1.3.14.3.2.26", "sha1"),
      Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
      Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
      Map.entry("1.2.840.113549.1.1.10", "rsassa-pss"),
      Map.entry("1.2.840.10045.2.1", "ecPublicKey"),
      Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
      Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
      Map.entry("1.3.101.112", "ed25519"));

  /** "skid HEX" or "issuer NAME, serial HEX". */
  String signer() {
    return skid != null ? "skid " + skid : "issuer " + issuer + ", serial " + serial;
  }

  /** Describes the first SignerInfo of a ContentInfo-wrapped SignedData. */
  static CmsSignerInfo parse(Bytes cms) throws BadInputException {
    byte[] b = cms.toArray();
    Der top = Der.at(b, 0, b.length, "ContentInfo");
    if (top.end != b.length) {
      throw new BadInputException("CMS: " + (b.length - top.end) + " bytes after the ContentInfo");
    }
    Der type = top.child(0x30, "ContentInfo").first(0x06, "contentType");
    if (!type.oid().equals(SIGNED_DATA)) {
      throw new BadInputException("CMS: content type " + type.oid() + " is not signedData");
    }
    Der explicit = type.next(0xa0, "[0] content");
    Der signedData = explicit.first(0x30, "SignedData");
    Der field = signedData.first(0x02, "SignedData version");
    field = field.next(0x31, "digestAlgorithms");
    field = field.next(0x30, "encapContentInfo");
    field = field.nextAny("certificates, crls or signerInfos");
    while (field.tag == 0xa0 || field.tag == 0xa1) {
      field = field.nextAny("signerInfos");
    }
    if (field.tag != 0x31) {
      throw new BadInputException("CMS: offset " + field.start + ": expected signerInfos (SET)");
    }
    Der signerInfo = field.first(0x30, "SignerInfo");
    Der sid = signerInfo.first(0x02, "SignerInfo version").nextAny("sid");
    String skid = null;
    String issuer = null;
    String serial = null;
    if (sid.tag == 0x80) {
      skid = HexFormat.of().formatHex(sid.content());
    } else if (sid.tag == 0x30) {
      Der name = sid.first(0x30, "issuer");
      try {
        issuer = new X500Principal(java.util.Arrays.copyOfRange(b, name.start, name.end)).getName(X500Principal.RFC2253);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("CMS: offset " + name.start + ": issuer is not a distinguished name");
      }
      serial = new BigInteger(name.next(0x02, "serialNumber").content()).toString(16);
    } else {
      throw new BadInputException("CMS: offset " + sid.start + ": signer identifier is neither issuer+serial nor SKID");
    }
    Der digest = sid.next(0x30, "digestAlgorithm");
    Der after = digest.nextAny("signatureAlgorithm");
    if (after.tag == 0xa0) {
      after = after.nextAny("signatureAlgorithm"); // signed attributes
    }
    if (after.tag != 0x30) {
      throw new BadInputException("CMS: offset " + after.start + ": expected signatureAlgorithm");
    }
    return new CmsSignerInfo(skid, issuer, serial, algorithm(digest), algorithm(after));
  }

  private static String algorithm(Der identifier) throws BadInputException {
    String oid = identifier.first(0x06, "algorithm").oid();
    return ALGORITHMS.getOrDefault(oid, oid);
  }

  /** One DER element inside {@code [0, limit)} of a buffer: tag, content range, and its end. */
  private static final class Der {
    final byte[] b;
    final int start;
    final int tag;
    final int contentStart;
    final int end;
    final int limit;

    private Der(byte[] b, int start, int tag, int contentStart, int end, int limit) {
      this.b = b;
      this.start = start;
      this.tag = tag;
      this.contentStart = contentStart;
      this.end = end;
      this.limit = limit;
    }

    static Der at(byte[] b, int pos, int limit, String what) throws BadInputException {
      if (pos + 2 > limit) {
        throw new BadInputException("CMS: offset " + pos + ": " + what + " is missing (truncated)");
      }
      int tag = b[pos] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new BadInputException("CMS: offset " + pos + ": multi-byte tags do not occur in a kernel CMS");
      }
      int len = b[pos + 1] & 0xff;
      int p = pos + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || p + n > limit) {
          throw new BadInputException("CMS: offset " + pos + ": bad length of " + what);
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[p++] & 0xff);
        }
      }
      if (len > limit - p) {
        throw new BadInputException("CMS: offset " + pos + ": " + what + " of " + len + " bytes overruns its container");
      }
      return new Der(b, pos, tag, p, p + len, limit);
    }

    Der child(int expectTag, String what) throws BadInputException {
      if (tag != expectTag) {
        throw new BadInputException("CMS: offset " + start + ": " + what + " has tag 0x" + Integer.toHexString(tag));
      }
      return this;
    }

    /** First element inside this one. */
    Der first(int expectTag, String what) throws BadInputException {
      return at(b, contentStart, end, what).child(expectTag, what);
    }

    /** The element after this one within the same container. */
    Der next(int expectTag, String what) throws BadInputException {
      return nextAny(what).child(expectTag, what);
    }

    Der nextAny(String what) throws BadInputException {
      return at(b, end, limit, what);
    }

    byte[] content() {
      return java.util.Arrays.copyOfRange(b, contentStart, end);
    }

    String oid() throws BadInputException {
      if (end == contentStart) {
        throw new BadInputException("CMS: offset " + start + ": empty object identifier");
      }
      StringBuilder s = new StringBuilder();
      long value = 0;
      boolean firstArc = true;
      for (int i = contentStart; i < end; i++) {
        value = (value << 7) | (b[i] & 0x7f);
        if (value > (1L << 40)) {
          throw new BadInputException("CMS: offset " + start + ": object identifier arc too large");
        }
        if ((b[i] & 0x80) == 0) {
          if (firstArc) {
            long first = Math.min(value / 40, 2);
            s.append(first).append('.').append(value - 40 * first);
            firstArc = false;
          } else {
            s.append('.').append(value);
          }
          value = 0;
        }
      }
      if ((b[end - 1] & 0x80) != 0) {
        throw new BadInputException("CMS: offset " + start + ": object identifier ends mid-arc");
      }
      return s.toString();
    }
  }
}
