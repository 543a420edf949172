package dev.bpfsign.loader;

/**
 * Untrusted text made fit for a one-line message: bytes outside printable ASCII become {@code
 * \xNN} escapes and long text is cut, so a file of binary garbage never reaches the terminal raw.
 */
public final class Printable {
  private static final int MAX = 60;

  private Printable() {}

  /** {@code text} quoted with single quotes, escaped and cut to about 60 characters. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < MAX; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\'') {
        out.append(c);
      } else {
        out.append(String.format("\\x%02x", c & 0xff));
      }
    }
    return out.append(text.length() > MAX ? "'..." : "'").toString();
  }

  /** Whether every character is printable ASCII (space through tilde). */
  public static boolean isPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text} with every control character (C0, DEL, C1) as {@code \xNN}: what is left prints
   * on one line and cannot move the cursor. Other characters are kept.
   */
  public static String controlsEscaped(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
      if (control && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (control) {
        out.append(String.format("\\x%02x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
