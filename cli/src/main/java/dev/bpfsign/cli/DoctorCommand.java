package dev.bpfsign.cli;

import dev.bpfsign.cli.json.DoctorReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.runtime.HostCheck;
import dev.bpfsign.runtime.Bpffs;
import dev.bpfsign.runtime.HostDoctor;
import dev.bpfsign.runtime.enforce.EnforceDoctor;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Whether this host is ready to admit signed BPF: one line per check, OK or MISSING with a fix.
 * Exit 0 when bpfsign can load here (bpf() and the 6.18 features work), 4 when it cannot; the
 * optional lines (kernel signature check, keyrings, BPF LSM, bpffs) never change the code.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Check whether this host is ready to admit signed BPF (probes by doing, not by version).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:bpfsign can load loaders here", "4:a feature loading needs is missing"})
final class DoctorCommand implements Callable<Integer> {
  /** The checks a load needs; the rest only harden admission. */
  static final List<String> REQUIRED = List.of("bpf() allowed", "syscall programs", "sleepable loaders",
      "exclusive maps", "map hashes");

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the checks as JSON (schema bpfsign.doctor/v1).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<HostCheck> checks = new java.util.ArrayList<>(HostDoctor.check());
    checks.addAll(EnforceDoctor.check(Bpffs.DEFAULT_MOUNT));
    boolean ready = checks.stream().filter(c -> REQUIRED.contains(c.name())).allMatch(HostCheck::ok)
        && checks.stream().map(HostCheck::name).toList().containsAll(REQUIRED);
    if (json) {
      Json.print(out, new DoctorReport(ready, checks.stream()
          .map(c -> new DoctorReport.Check(c.name(), c.ok() ? "OK" : "MISSING", c.detail(), c.ok() ? null : c.fix()))
          .toList()));
    } else {
      for (HostCheck c : checks) {
        out.printf("%-8s %-34s %s%n", c.ok() ? "OK" : "MISSING", c.name(), c.detail());
        if (!c.ok()) {
          out.printf("%-8s %-34s fix: %s%n", "", "", c.fix());
        }
      }
      out.println(ready ? "ready: bpfsign can load admitted loaders on this host"
          : "not ready: loading needs every check up to map hashes");
    }
    out.flush();
    return ready ? ExitCodes.OK : ExitCodes.KERNEL_REFUSED;
  }
}
