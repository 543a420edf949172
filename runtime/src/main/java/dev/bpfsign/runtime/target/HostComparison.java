package dev.bpfsign.runtime.target;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Printable;
import dev.bpfsign.loader.target.LoaderTarget;
import dev.bpfsign.loader.target.TargetProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loader's target record (docs/targets.md) against the host about to load it: the kernel
 * release (or {@code LINUX_KERNEL_VERSION}) and the kallsyms addresses it embeds, against {@code
 * /proc/sys/kernel/osrelease} and {@code /proc/kallsyms}. What cannot be read (kallsyms addresses
 * read as 0 without privilege) is reported as not compared, never as a difference.
 *
 * @param differences one phrase per embedded value this host does not have
 * @param notCompared one phrase per value that could not be compared, and why
 */
public record HostComparison(List<String> differences, List<String> notCompared) {
  public HostComparison {
    differences = List.copyOf(differences);
    notCompared = List.copyOf(notCompared);
  }

  /** Compares with this machine. */
  public static HostComparison of(LoaderTarget target) {
    return of(target, Path.of("/"));
  }

  /** Compares with the host whose {@code /proc} is under {@code root}; a null target compares nothing. */
  public static HostComparison of(LoaderTarget target, Path root) {
    List<String> differ = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (target == null || (target.linuxKernelVersion() == null && target.kallsyms().isEmpty())) {
      return new HostComparison(differ, unknown);
    }
    HostTarget.Capture host = HostTarget.releaseAndKallsyms(root, !target.kallsyms().isEmpty());
    String release = host.profile().kernelRelease();
    if (target.linuxKernelVersion() != null) {
      if (release == null) {
        unknown.add("kernel release (" + reason(host, "kernel_release") + ")");
      } else if (target.kernelRelease() != null) {
        if (!target.kernelRelease().equals(release)) {
          differ.add("kernel release " + target.kernelRelease() + " (this host: " + Printable.quote(release) + ")");
        }
      } else if (!Objects.equals(versionOf(release), target.linuxKernelVersion())) {
        differ.add("LINUX_KERNEL_VERSION " + target.linuxKernelVersionText() + " (this host: release "
            + Printable.quote(release) + ")");
      }
    }
    if (!target.kallsyms().isEmpty()) {
      Map<String, Long> symbols = host.profile().kallsyms();
      if (symbols == null) {
        unknown.add("kallsyms addresses (" + reason(host, "kallsyms") + ")");
      } else {
        for (Map.Entry<String, Long> e : target.kallsyms().entrySet()) {
          String name = Printable.quote(e.getKey());
          if (!symbols.containsKey(e.getKey())) {
            differ.add("ksym " + name + " at " + Long.toHexString(e.getValue()) + " (not in this host's kallsyms)");
          } else if (symbols.get(e.getKey()) == null) {
            unknown.add("ksym " + name + " (listed at several addresses on this host)");
          } else if (symbols.get(e.getKey()).longValue() != e.getValue()) {
            differ.add("ksym " + name + " at " + Long.toHexString(e.getValue()) + " (this host: "
                + Long.toHexString(symbols.get(e.getKey())) + ")");
          }
        }
      }
    }
    return new HostComparison(differ, unknown);
  }

  private static Integer versionOf(String release) {
    try {
      return TargetProfile.versionOfRelease(release);
    } catch (BadInputException e) {
      return null;
    }
  }

  /** Why a field could not be read: the capture's line for it, without the "left out" tail. */
  private static String reason(HostTarget.Capture host, String field) {
    for (String line : host.unreadable()) {
      if (line.startsWith(field + ": ")) {
        return line.substring(field.length() + 2).replace("; left out", "");
      }
    }
    return "not readable";
  }
}
