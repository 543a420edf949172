package dev.bpfsign.testdata;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the byte arrays bpftool embeds in a light-skeleton header ({@code static const char
 * opts_data[] … = "\x..\0…";}), independently of the tool that split the goldens.
 */
final class LskelHeaders {
  // only the start: a regex over the whole literal overflows the stack on large headers
  private static final Pattern ARRAY_START = Pattern.compile("static const char (opts_\\w+)\\[\\][^=]*=\\s*\"");

  private LskelHeaders() {}

  /** The {@code opts_*} arrays of a header, by name, without the C string's terminating NUL. */
  static Map<String, byte[]> arrays(String header) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Matcher m = ARRAY_START.matcher(header);
    while (m.find()) {
      int end = m.end();
      while (header.charAt(end) != '"') {
        end += header.charAt(end) == '\\' ? 2 : 1;
      }
      out.put(m.group(1), unescape(header.substring(m.end(), end)));
    }
    return out;
  }

  private static byte[] unescape(String lit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lit.length(); ) {
      char c = lit.charAt(i);
      if (c != '\\') {
        out.write(c);
        i++;
        continue;
      }
      char n = lit.charAt(i + 1);
      if (n == '\n') { // line continuation
        i += 2;
      } else if (n == 'x') {
        int j = i + 2;
        while (j < lit.length() && j < i + 4 && Character.digit(lit.charAt(j), 16) >= 0) {
          j++;
        }
        out.write(Integer.parseInt(lit.substring(i + 2, j), 16));
        i = j;
      } else if (n >= '0' && n <= '7') {
        int j = i + 1;
        while (j < lit.length() && j < i + 4 && lit.charAt(j) >= '0' && lit.charAt(j) <= '7') {
          j++;
        }
        out.write(Integer.parseInt(lit.substring(i + 1, j), 8));
        i = j;
      } else {
        out.write(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n; // \\ \" \'
            });
        i += 2;
      }
    }
    return out.toByteArray();
  }
}
