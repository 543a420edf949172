package dev.bpfsign.cli;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.target.HostComparison;
import java.io.PrintWriter;

/**
 * {@code load}'s comparison of the loader's target record with the running host
 * (docs/targets.md): one warning line when the loader embeds a kernel release or kallsyms
 * addresses this host does not have, one note when a value could not be compared; with {@code
 * --strict} a difference refuses the load before anything reaches the kernel.
 */
final class HostMatch {
  private HostMatch() {}

  /** The refusal to report when {@code strict} refuses, else null (after printing the warning, if any). */
  static String check(String source, LoaderFile file, boolean strict, PrintWriter err) {
    HostComparison c = HostComparison.of(file.target());
    if (!c.notCompared().isEmpty()) {
      err.println("bpfsign: note: " + source + ": cannot compare with this host: " + String.join("; ", c.notCompared()));
    }
    String refusal = null;
    if (!c.differences().isEmpty()) {
      String what = "generated for another host: " + String.join("; ", c.differences());
      err.println("bpfsign: warning: " + source + ": " + what + (strict ? "; --strict refuses to load it" : ""));
      refusal = strict ? "ERROR TARGET_HOST: " + what : null;
    }
    err.flush();
    return refusal;
  }
}
