package dev.bpfsign.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * man(7) pages from picocli's model of the command: one for {@code bpfsign} and one per visible
 * subcommand ({@code bpfsign-verify(1)} …). The text is the one {@code --help} shows, so the
 * pages cannot drift from the program. No date in the header: the pages are reproducible.
 */
final class ManPages {
  private ManPages() {}

  /** File name → page. */
  static Map<String, String> all(CommandLine root, String version) {
    Map<String, String> pages = new java.util.TreeMap<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
        names.add(e.getKey());
      }
    }
    pages.put("bpfsign.1", page(root, "bpfsign", version, names.stream().map(n -> "bpfsign-" + n).toList(), root));
    for (String n : names) {
      pages.put("bpfsign-" + n + ".1", page(root.getSubcommands().get(n), "bpfsign-" + n, version, List.of("bpfsign"), root));
    }
    return pages;
  }

  private static String page(CommandLine cl, String title, String version, List<String> seeAlso, CommandLine root) {
    CommandSpec spec = cl.getCommandSpec();
    StringBuilder r = new StringBuilder();
    r.append(".TH ").append(title.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"bpfsign ")
        .append(escape(version)).append("\" \"bpfsign manual\"\n");
    r.append(".SH NAME\n").append(title.replace("-", "\\-")).append(" \\- ").append(escape(summary(spec))).append('\n');
    r.append(".SH SYNOPSIS\n.nf\n")
        .append(escape(cl.getHelp().synopsis(0).replaceFirst("^Usage: ", "").stripTrailing())).append("\n.fi\n");
    r.append(".SH DESCRIPTION\n");
    for (String paragraph : paragraphs(spec.usageMessage().header())) {
      r.append(escape(paragraph)).append("\n.PP\n");
    }
    for (String paragraph : paragraphs(spec.usageMessage().description())) {
      r.append(escape(paragraph)).append("\n.PP\n");
    }
    if (!spec.positionalParameters().isEmpty() || !spec.options().isEmpty()) {
      r.append(".SH OPTIONS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          item(r, "\\fI" + escape(p.paramLabel()) + "\\fR", p);
        }
      }
      for (OptionSpec o : spec.options()) {
        if (!o.hidden()) {
          String label = String.join(", ", java.util.Arrays.stream(o.names()).map(n -> "\\fB" + escape(n) + "\\fR").toList());
          if (o.typeInfo().isBoolean() && o.arity().max() == 0) {
            item(r, label, o);
          } else {
            item(r, label + " \\fI" + escape(o.paramLabel()) + "\\fR", o);
          }
        }
      }
    }
    Map<String, String> exits = spec.usageMessage().exitCodeList().isEmpty()
        ? root.getCommandSpec().usageMessage().exitCodeList() : spec.usageMessage().exitCodeList();
    if (!exits.isEmpty()) {
      r.append(".SH EXIT STATUS\n");
      exits.forEach((code, meaning) -> r.append(".TP\n").append(escape(code.strip())).append('\n').append(escape(meaning)).append('\n'));
    }
    r.append(".SH SEE ALSO\n").append(String.join(",\n", seeAlso.stream().map(s -> "\\fB" + s.replace("-", "\\-") + "\\fR(1)").toList())).append('\n');
    return r.toString();
  }

  private static void item(StringBuilder r, String label, ArgSpec arg) {
    r.append(".TP\n").append(label).append('\n');
    r.append(escape(String.join(" ", text(arg.description())))).append('\n');
  }

  private static String summary(CommandSpec spec) {
    List<String> header = text(spec.usageMessage().header());
    List<String> description = text(spec.usageMessage().description());
    return !header.isEmpty() ? header.get(0) : description.isEmpty() ? "" : description.get(0);
  }

  /** Help lines continue each other; %n (a line break in the help) starts a new paragraph. */
  private static List<String> paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String p : String.join(" ", lines).split("%n", -1)) {
      String s = p.replace("%%", "%").strip().replaceAll(" +", " ");
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** picocli's help strings are format strings: %n is a line break, %% a percent sign. */
  private static List<String> text(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      for (String part : l.replace("%%", "\u0000").split("%n", -1)) {
        String s = part.replace("\u0000", "%").strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** roff: backslashes are escapes, a leading dot or quote starts a request. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder();
    for (String line : e.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    return out.toString();
  }
}
