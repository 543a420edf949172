package dev.bpfsign.cli;

import dev.bpfsign.cli.json.TargetReport;
import java.util.ArrayList;
import java.util.List;

/** The target record of a loader file as text lines ({@code inspect}, {@code diff}): the same facts as the JSON. */
final class TargetText {
  private TargetText() {}

  /** One line per fact, without the label column; "none recorded" for a file without the record. */
  static List<String> lines(TargetReport t) {
    List<String> out = new ArrayList<>();
    if (t == null) {
      out.add("none recorded (no profile and no host value was used)");
      return out;
    }
    out.add(t.profileSha256() != null ? "profile sha256 " + t.profileSha256() : "no profile (single-field options)");
    if (t.kernelRelease() != null || t.kernelVersion() != null) {
      out.add("kernel " + (t.kernelRelease() != null ? t.kernelRelease() + " " : "")
          + "(LINUX_KERNEL_VERSION " + t.kernelVersion() + ")");
    }
    if (t.possibleCpus() != null) {
      out.add("possible CPUs " + t.possibleCpus());
    }
    if (t.kconfig() != null) {
      t.kconfig().forEach((k, v) -> out.add("kconfig " + k + "=" + v));
    }
    if (t.kallsyms() != null) {
      t.kallsyms().forEach((k, v) -> out.add("kallsyms " + k + " " + v));
    }
    return out;
  }
}
