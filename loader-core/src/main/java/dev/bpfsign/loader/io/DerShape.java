package dev.bpfsign.loader.io;

/**
 * Says, in our words, why bytes that should be a DER structure (certificate, CRL, PKCS#12
 * store) were refused. The JDK's and Bouncy Castle's parser messages ("Empty input",
 * "toDerInputStream rejects tag type -8") describe their internals, not the user's file.
 */
public final class DerShape {
  private DerShape() {}

  /** Why {@code bytes} did not parse as the DER structure expected; never null. */
  public static String why(byte[] bytes) {
    return why(bytes, true);
  }

  /**
   * The same, for a structure that has no PEM form ({@code pemForm} false: a PKCS#12 store, a
   * CMS): text is then said to be text, not "without a PEM block".
   */
  public static String why(byte[] bytes, boolean pemForm) {
    if (bytes.length == 0) {
      return "the file is empty";
    }
    int first = bytes[0] & 0xff;
    if (first != 0x30) {
      return looksLikeText(bytes)
          ? (pemForm ? "it is text without a PEM block of that kind" : "it is text; this is a binary (DER) format")
          : String.format("it starts with byte 0x%02x, not a DER SEQUENCE (0x30)", first);
    }
    return "malformed or truncated DER, or DER of another kind";
  }

  private static boolean looksLikeText(byte[] bytes) {
    int n = Math.min(bytes.length, 512);
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
