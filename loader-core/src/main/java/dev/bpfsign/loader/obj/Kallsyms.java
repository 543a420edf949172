package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code /proc/kallsyms}-format text ({@code ADDRESS TYPE NAME [MODULE]} per line) into
 * name → address, the explicit stand-in for libbpf's read of the build host's kallsyms. A name
 * listed twice with different addresses is ambiguous, as libbpf reports it.
 */
public final class Kallsyms {
  private Kallsyms() {}

  public static Map<String, Long> parse(String text, String source) throws BadInputException {
    Map<String, Long> out = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 3 || f[1].length() != 1) {
        throw new BadInputException(source + ":" + (i + 1) + ": expected 'ADDRESS TYPE NAME', got '" + line + "'");
      }
      long addr;
      try {
        addr = Long.parseUnsignedLong(f[0], 16);
      } catch (NumberFormatException e) {
        throw new BadInputException(source + ":" + (i + 1) + ": address '" + f[0] + "' is not hexadecimal");
      }
      Long old = out.putIfAbsent(f[2], addr);
      if (old != null && old != addr) {
        throw new BadInputException(source + ":" + (i + 1) + ": symbol '" + f[2] + "' has two addresses (ambiguous)");
      }
    }
    return out;
  }
}
