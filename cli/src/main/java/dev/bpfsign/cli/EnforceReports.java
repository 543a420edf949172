package dev.bpfsign.cli;

import dev.bpfsign.cli.json.EnforceReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.runtime.TypeNames;
import dev.bpfsign.runtime.enforce.EnforceEvent;
import dev.bpfsign.runtime.enforce.EnforceMode;
import dev.bpfsign.runtime.enforce.EnforcePolicy;
import dev.bpfsign.runtime.enforce.Enforcement;
import dev.bpfsign.runtime.enforce.EventRing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code enforce --status} and {@code --watch} print (text, or JSON with snake_case fields). */
final class EnforceReports {
  /** The counters of enforce.bpf.c, in map order, by their JSON names. */
  static final List<String> COUNTERS = List.of("kernel_originated", "allowed_signed", "allowed_cgroup",
      "allowed_type", "refused", "would_refuse", "events_lost");

  private EnforceReports() {}

  /** The rule in one phrase. */
  static String rule(EnforcePolicy p) {
    String base = p.mode() == EnforceMode.KERNEL_VERIFIED
        ? "userspace loads need a signature and keyring in {" + p.keyrings().stream().map(String::valueOf)
            .collect(Collectors.joining(", ")) + "}"
        : "userspace loads only from the allowed cgroups";
    String cg = p.allowCgroups().isEmpty() ? "" : "; allowed cgroup ids {" + p.allowCgroups().stream()
        .map(c -> Long.toString(c.id())).collect(Collectors.joining(", ")) + "}";
    String types = p.allowTypes().isEmpty() ? "" : "; always allowed types {" + p.allowTypes().stream()
        .map(TypeNames::program).collect(Collectors.joining(", ")) + "}";
    return base + cg + types + "; kernel-originated loads allowed";
  }

  static int status(PrintWriter out, List<Enforcement.Active> active, boolean json) {
    if (json) {
      Json.print(out, new EnforceReport.Status(active.stream().map(EnforceReports::policyJson).toList()));
      return ExitCodes.OK;
    }
    if (active.isEmpty()) {
      out.println("no enforcement active");
    }
    for (Enforcement.Active a : active) {
      EnforcePolicy p = a.policy();
      out.println(a.scope() + ": " + (p.audit() ? "auditing " : "enforcing ") + p.mode().label() + " since "
          + Instant.ofEpochSecond(p.installedAt()) + " (link id " + a.linkId() + ", program id " + a.progId() + ")");
      out.println("  " + rule(p));
      List<String> counts = new ArrayList<>();
      for (int i = 0; i < COUNTERS.size(); i++) {
        counts.add(COUNTERS.get(i).replace('_', ' ') + " " + a.counters()[i]);
      }
      out.println("  " + String.join(", ", counts));
      out.println("  pinned at " + a.dir());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static EnforceReport.Policy policyJson(Enforcement.Active a) {
    EnforcePolicy p = a.policy();
    long[] c = a.counters();
    return new EnforceReport.Policy(a.scope(), a.dir().toString(), p.mode().label(), p.audit(), p.keyrings(),
        p.allowCgroups().stream().map(g -> new EnforceReport.Cgroup(g.id(), g.level())).toList(),
        p.allowTypes().stream().map(TypeNames::program).toList(), Instant.ofEpochSecond(p.installedAt()).toString(),
        a.linkId(), a.progId(), new EnforceReport.Counters(c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
  }

  /** Streams the events of every active policy (or of {@code only}); with noFollow, drains once. */
  static int watch(PrintWriter out, Path bpffs, Optional<String> only, boolean json, boolean noFollow)
      throws InterruptedException {
    List<Enforcement.Active> active = Enforcement.status(bpffs).stream()
        .filter(a -> only.isEmpty() || a.scope().equals(only.get())).toList();
    if (active.isEmpty()) {
      out.println("no enforcement active" + only.map(s -> " on " + s).orElse(""));
      out.flush();
      return ExitCodes.OK;
    }
    List<EventRing> rings = new ArrayList<>();
    try {
      for (Enforcement.Active a : active) {
        rings.add(Enforcement.events(a.dir()));
      }
      do {
        for (int i = 0; i < rings.size(); i++) {
          for (EnforceEvent e : rings.get(i).drain()) {
            print(out, active.get(i).scope(), e, json);
          }
        }
        out.flush();
        if (!noFollow) {
          Thread.sleep(200);
        }
      } while (!noFollow);
      return ExitCodes.OK;
    } catch (KernelRefusedException e) {
      throw new KernelFailure(e);
    } finally {
      rings.forEach(EventRing::close);
    }
  }

  private static void print(PrintWriter out, String scope, EnforceEvent e, boolean json) {
    if (json) {
      Json.line(out, new EnforceReport.Event(scope, e.decision().label(), e.reason().text(), e.pid(), e.uid(),
          e.comm(), e.cgroupId(), TypeNames.program(e.progType()), e.progName().isEmpty() ? null : e.progName(),
          e.signed(), e.signed() ? e.keyringId() : null));
    } else {
      out.println("bpfsign-enforce " + scope + ": " + e.decision().label().toUpperCase(java.util.Locale.ROOT)
          + " pid=" + e.pid() + " uid=" + e.uid() + " comm=" + e.comm() + " cgroup=" + e.cgroupId()
          + " type=" + TypeNames.program(e.progType()) + (e.progName().isEmpty() ? "" : " name=" + e.progName())
          + " signed=" + (e.signed() ? "yes keyring=" + e.keyringId() : "no") + " (" + e.reason().text() + ")");
    }
  }
}
