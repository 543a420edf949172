package dev.bpfsign.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "bpfsign.enforce-status/v1");
      doc.put("policies", active.stream().map(EnforceReports::policyJson).toList());
      Json.print(out, doc);
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

  private static Map<String, Object> policyJson(Enforcement.Active a) {
    EnforcePolicy p = a.policy();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scope", a.scope());
    m.put("pinned_at", a.dir().toString());
    m.put("mode", p.mode().label());
    m.put("audit", p.audit());
    m.put("keyrings", p.keyrings());
    m.put("allow_cgroups", p.allowCgroups().stream().map(c -> Map.of("id", c.id(), "level", c.level())).toList());
    m.put("allow_program_types", p.allowTypes().stream().map(TypeNames::program).toList());
    m.put("since", Instant.ofEpochSecond(p.installedAt()).toString());
    m.put("link_id", a.linkId());
    m.put("program_id", a.progId());
    Map<String, Long> counters = new LinkedHashMap<>();
    for (int i = 0; i < COUNTERS.size(); i++) {
      counters.put(COUNTERS.get(i), a.counters()[i]);
    }
    m.put("counters", counters);
    return m;
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
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("schema", "bpfsign.enforce-event/v1");
      m.put("scope", scope);
      m.put("decision", e.decision().label());
      m.put("reason", e.reason().text());
      m.put("pid", e.pid());
      m.put("uid", e.uid());
      m.put("comm", e.comm());
      m.put("cgroup_id", e.cgroupId());
      m.put("program_type", TypeNames.program(e.progType()));
      if (!e.progName().isEmpty()) {
        m.put("program_name", e.progName());
      }
      m.put("signed", e.signed());
      if (e.signed()) {
        m.put("keyring", e.keyringId());
      }
      Json.line(out, m);
    } else {
      out.println("bpfsign-enforce " + scope + ": " + e.decision().label().toUpperCase(java.util.Locale.ROOT)
          + " pid=" + e.pid() + " uid=" + e.uid() + " comm=" + e.comm() + " cgroup=" + e.cgroupId()
          + " type=" + TypeNames.program(e.progType()) + (e.progName().isEmpty() ? "" : " name=" + e.progName())
          + " signed=" + (e.signed() ? "yes keyring=" + e.keyringId() : "no") + " (" + e.reason().text() + ")");
    }
  }
}
