package dev.bpfsign.loader.obj;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code /proc/kallsyms}-format text ({@code ADDRESS TYPE NAME [MODULE]} per line) into
 * name → address, the explicit stand-in for libbpf's read of the build host's kallsyms ({@code
 * kallsyms_cb}: a data symbol's {@code .llvm.N} suffix is dropped). A name listed with two
 * addresses maps to {@code null}: ambiguous, which is an error only if an extern uses it.
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
      if (!Printable.isPrintable(line.replace('\t', ' '))) {
        throw new BadInputException(source + ":" + (i + 1) + ": not kallsyms text (binary bytes in " + Printable.quote(line) + ")");
      }
      String[] f = line.split("\\s+");
      if (f.length < 3 || f[1].length() != 1) {
        throw new BadInputException(source + ":" + (i + 1) + ": expected 'ADDRESS TYPE NAME', got " + Printable.quote(line));
      }
      long addr;
      try {
        addr = Long.parseUnsignedLong(f[0], 16);
      } catch (NumberFormatException e) {
        throw new BadInputException(source + ":" + (i + 1) + ": address " + Printable.quote(f[0]) + " is not hexadecimal");
      }
      String name = f[2];
      int llvm = name.indexOf(".llvm.");
      if (f[1].equals("d") && llvm >= 0) {
        name = name.substring(0, llvm);
      }
      if (!out.containsKey(name)) {
        out.put(name, addr);
      } else if (out.get(name) != null && out.get(name) != addr) {
        out.put(name, null);
      }
    }
    return out;
  }
}
