package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --scheme 6.18|7.3} option every command shares ({@code 2026} is an alias of 7.3). */
final class SchemeOption {
  static final String LABEL = "6.18|7.3";
  static final String HELP = "Kernel generation: 6.18 (Linux 6.18 to 7.2: signature over the instructions, the loader"
      + " checks the data) or 7.3 (Linux 7.3 and later: signature over instructions and data, checked by the kernel);"
      + " 2026 is an alias of 7.3.";

  private SchemeOption() {}

  /** The one {@code --scheme} given to a command that works on one variant, or null; two are a usage error. */
  static String one(CommandSpec spec, List<String> labels) {
    if (labels == null || labels.isEmpty()) {
      return null;
    }
    if (labels.stream().distinct().count() > 1) {
      throw new ParameterException(spec.commandLine(), "--scheme names one variant here, not " + labels.size());
    }
    return labels.getFirst();
  }

  static Scheme parse(CommandSpec spec, String label) {
    return parse(spec, "--scheme", label);
  }

  /** {@code label} given to {@code option}, which a usage error names. */
  static Scheme parse(CommandSpec spec, String option, String label) {
    return Scheme.fromLabel(label).orElseThrow(() -> new ParameterException(spec.commandLine(),
        option + " must be 6.18 or 7.3 (or 2026, an alias of 7.3), not '" + label + "'"));
  }

  /** Every scheme named, without repeats, in the order given; all schemes when none is. */
  static List<Scheme> parseAll(CommandSpec spec, List<String> labels) {
    return parseAll(spec, "--scheme", labels);
  }

  /** As {@link #parseAll(CommandSpec, List)}, for {@code option}. */
  static List<Scheme> parseAll(CommandSpec spec, String option, List<String> labels) {
    if (labels == null || labels.isEmpty()) {
      return List.of(Scheme.values());
    }
    List<Scheme> out = new ArrayList<>();
    for (String label : labels) {
      Scheme s = parse(spec, option, label);
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The variant of {@code scheme}, or a one-line bad-input error naming what the file has. */
  static LoaderFile variant(LoaderBundle bundle, Scheme scheme, String source) throws BadInputException {
    return bundle.variant(scheme).orElseThrow(() -> new BadInputException(source + ": has no " + scheme.label()
        + " variant (it holds " + labels(bundle) + ")"));
  }

  /**
   * The one variant a command that handles one works on: the one {@code --scheme} names, or the
   * only one; a file with several needs {@code --scheme}.
   */
  static LoaderFile choose(CommandSpec spec, LoaderBundle bundle, String label, String source) throws BadInputException {
    if (label != null) {
      return variant(bundle, parse(spec, label), source);
    }
    return bundle.single().orElseThrow(() -> new ParameterException(spec.commandLine(), source + " holds "
        + bundle.variants().size() + " variants (" + labels(bundle) + "); choose one with --scheme"));
  }

  static String labels(LoaderBundle bundle) {
    return String.join(", ", bundle.schemes().stream().map(Scheme::label).toList());
  }
}
