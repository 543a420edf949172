package dev.bpfsign.loader;

/**
 * Text from an input file quoted for a one-line message: in single quotes, control and
 * non-ASCII characters as {@code \xNN} (a binary file must not put raw bytes, carriage returns or
 * escape sequences on the user's terminal), cut after 60 characters.
 */
public final class Quoted {
  private static final int MAX = 60;

  private Quoted() {}

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

  public static String of(String text) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(text.length(), MAX);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else if (c == '\\') {
        out.append("\\\\");
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append(text.length() > MAX ? "'…" : "'").toString();
  }
}
