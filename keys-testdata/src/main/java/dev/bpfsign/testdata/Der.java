package dev.bpfsign.testdata;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER to read key wrappers, certificate extensions and CMS structure in tests:
 * single-byte tags, definite lengths. Not a general ASN.1 library.
 */
final class Der {
  public static final int INTEGER = 0x02;
  public static final int OCTET_STRING = 0x04;
  public static final int NULL = 0x05;
  public static final int OID = 0x06;
  public static final int SEQUENCE = 0x30;
  public static final int SET = 0x31;

  /** One element: its tag and where its contents lie in {@code buf}. */
  public record Tlv(int tag, byte[] buf, int start, int end, int headerStart) {
    /** The contents octets. */
    public byte[] content() {
      return Arrays.copyOfRange(buf, start, end);
    }

    /** The whole element, header included. */
    public byte[] encoded() {
      return Arrays.copyOfRange(buf, headerStart, end);
    }

    /** The elements inside a constructed element (SEQUENCE, SET, context tags). */
    public List<Tlv> children() {
      List<Tlv> out = new ArrayList<>();
      for (int off = start; off < end; ) {
        Tlv t = read(buf, off, end);
        out.add(t);
        off = t.end;
      }
      return out;
    }

    /** The value of an OBJECT IDENTIFIER in dotted form. */
    public String oid() {
      if (tag != OID) {
        throw new IllegalArgumentException("not an OID: tag 0x" + Integer.toHexString(tag));
      }
      StringBuilder sb = new StringBuilder();
      long v = 0;
      for (int i = start; i < end; i++) {
        v = (v << 7) | (buf[i] & 0x7f);
        if ((buf[i] & 0x80) == 0) {
          if (sb.isEmpty()) {
            int first = (int) Math.min(v / 40, 2);
            sb.append(first).append('.').append(v - 40L * first);
          } else {
            sb.append('.').append(v);
          }
          v = 0;
        }
      }
      return sb.toString();
    }
  }

  private Der() {}

  /** Parses the element that must fill all of {@code der}. */
  public static Tlv parse(byte[] der) {
    Tlv t = read(der, 0, der.length);
    if (t.end != der.length) {
      throw new IllegalArgumentException("trailing bytes after DER element");
    }
    return t;
  }

  static Tlv read(byte[] buf, int off, int limit) {
    if (off + 2 > limit) {
      throw new IllegalArgumentException("truncated DER at " + off);
    }
    int tag = buf[off] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new IllegalArgumentException("multi-byte DER tags are not supported");
    }
    int len = buf[off + 1] & 0xff;
    int p = off + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 4 || p + n > limit) {
        throw new IllegalArgumentException("bad DER length at " + off);
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (buf[p++] & 0xff);
      }
    }
    if (len < 0 || p + len > limit) {
      throw new IllegalArgumentException("DER element at " + off + " overruns its container");
    }
    return new Tlv(tag, buf, p, p + len, off);
  }

  /** Encodes one element from a tag and the concatenation of {@code parts}. */
  public static byte[] encode(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      body.writeBytes(part);
    }
    int len = body.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else {
      int n = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
      out.write(0x80 | n);
      for (int i = n - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** Encodes an OBJECT IDENTIFIER given in dotted form. */
  public static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeBase128(body, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(body, Long.parseLong(arcs[i]));
    }
    return encode(OID, body.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, long v) {
    int groups = 1;
    while ((v >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int g = groups - 1; g >= 0; g--) {
      out.write((int) ((v >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
    }
  }
}
