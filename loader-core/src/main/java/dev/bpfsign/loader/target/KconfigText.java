package dev.bpfsign.loader.target;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kconfig text ({@code /boot/config-*}, {@code /proc/config.gz} unpacked) as name → value, read
 * by libbpf's rules ({@code bpf_object__process_kconfig_line}): only lines starting with {@code
 * CONFIG_} count, each needs {@code =} and a value, the first setting of a name wins.
 */
public final class KconfigText {
  private static final Pattern NAME = Pattern.compile("CONFIG_[A-Za-z0-9_]+");

  private KconfigText() {}

  /** {@code source} names the text in messages (a file, or "profile.json: field 'kconfig'"). */
  public static SortedMap<String, String> parse(String text, String source) throws BadInputException {
    SortedMap<String, String> out = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (!Printable.isPrintable(line.replace('\t', ' '))) {
        throw new BadInputException(source + ":" + (i + 1) + ": not Kconfig text (binary bytes in "
            + Printable.quote(line) + ")");
      }
      if (!line.startsWith("CONFIG_")) {
        continue;
      }
      int sep = line.indexOf('=');
      if (sep < 0 || sep == line.length() - 1) {
        throw new BadInputException(source + ":" + (i + 1) + ": " + Printable.quote(line)
            + (sep < 0 ? " has no '='" : " has no value"));
      }
      String name = line.substring(0, sep);
      if (!NAME.matcher(name).matches()) {
        throw new BadInputException(source + ":" + (i + 1) + ": " + Printable.quote(name) + " is not a Kconfig name");
      }
      out.putIfAbsent(name, line.substring(sep + 1));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /** The values back as Kconfig lines, sorted by name (what {@code GenInputs} takes). */
  public static String format(SortedMap<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    return out.toString();
  }

  static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }
}
