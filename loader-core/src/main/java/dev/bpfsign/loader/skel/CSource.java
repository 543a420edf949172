package dev.bpfsign.loader.skel;

import java.util.Arrays;

/**
 * C source text after translation phase 2: every backslash-newline is removed, as a C compiler
 * does before it sees tokens (bpftool's {@code print_hex} ends each line of a blob with one). It
 * remembers where the splices were so that errors can still name the original line.
 */
final class CSource {
  private final byte[] text;
  private final int length;
  /** Offsets in {@link #text} at which a splice (and so one source line break) was removed. */
  private final int[] splices;
  private final int spliceCount;
  private final String name;

  private CSource(String name, byte[] text, int length, int[] splices, int spliceCount) {
    this.name = name;
    this.text = text;
    this.length = length;
    this.splices = splices;
    this.spliceCount = spliceCount;
  }

  static CSource of(byte[] raw, String name) {
    byte[] out = new byte[raw.length];
    int[] splices = new int[16];
    int n = 0;
    int count = 0;
    int i = 0;
    while (i < raw.length) {
      byte b = raw[i];
      if (b == '\\') {
        int next = i + 1;
        if (next < raw.length && raw[next] == '\r') {
          next++;
        }
        if (next < raw.length && raw[next] == '\n') {
          if (count == splices.length) {
            splices = Arrays.copyOf(splices, count * 2);
          }
          splices[count++] = n;
          i = next + 1;
          continue;
        }
      }
      out[n++] = b;
      i++;
    }
    return new CSource(name, out, n, splices, count);
  }

  String name() {
    return name;
  }

  int length() {
    return length;
  }

  /** The byte at {@code pos}, or -1 past the end. */
  int at(int pos) {
    return pos < length ? text[pos] & 0xff : -1;
  }

  String text(int from, int to) {
    return new String(text, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The 1-based line of the original file that holds spliced offset {@code pos}. */
  int line(int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < length; i++) {
      if (text[i] == '\n') {
        line++;
      }
    }
    // a splice recorded at offset n was removed before byte n, so those at or before pos count
    int before = 0;
    while (before < spliceCount && splices[before] <= pos) {
      before++;
    }
    return line + before;
  }

  /** "FILE:LINE" for messages. */
  String where(int pos) {
    return name + ":" + line(pos);
  }
}
