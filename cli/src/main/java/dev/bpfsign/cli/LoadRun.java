package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.LoadReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.runtime.BpfRuntime;
import dev.bpfsign.runtime.Gate;
import dev.bpfsign.runtime.KernelRefusedException;
import dev.bpfsign.runtime.KernelSignatureSupport;
import dev.bpfsign.runtime.LoadOptions;
import dev.bpfsign.runtime.LoadedObjects;
import dev.bpfsign.runtime.Links;
import dev.bpfsign.runtime.ObjectDescription;
import dev.bpfsign.runtime.Pins;
import dev.bpfsign.verifier.AdmittedLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bpfsign load} does after admission: load, pin, attach, report, and with
 * {@code --attach} stay until SIGINT/SIGTERM. All or nothing: a failure at any step closes
 * what was created and removes what was pinned.
 */
final class LoadRun {
  static final String VANISH_NOTE =
      "note: these objects vanish when this process exits (keep them with --pin DIR, or run them with --attach)";

  record Settings(LoadOptions options, Optional<Path> pin, boolean attach, boolean json, LoadReport.Variant variant,
      LoadReport.Verdict verdict) {}

  private LoadRun() {}

  /** The gate in words: who checked the loader before the kernel took it. */
  static String gateReason(Gate gate, LoadOptions options) {
    if (gate == Gate.KERNEL_SIGNATURE) {
      return "the kernel verified the signature against keyring " + options.keyring().name();
    }
    KernelSignatureSupport.Probe p = KernelSignatureSupport.probe();
    return switch (p.result()) {
      case VERIFIES -> "the loader has no 6.18 signature for the kernel to check; bpfsign's verdict was the gate";
      case NO_PKCS7_VERIFICATION -> "this kernel cannot verify signatures (EOPNOTSUPP); bpfsign's verdict was the gate";
      case NO_SIGNATURE_FIELDS -> "this kernel predates signed BPF; bpfsign's verdict was the gate";
      default -> "the kernel's signature support is unknown; bpfsign's verdict was the gate";
    };
  }

  static int run(String name, AdmittedLoader admitted, Settings s, PrintWriter out)
      throws BadInputException, InterruptedException {
    SignalWait signals = s.attach() ? SignalWait.install() : null;
    try (LoadedObjects objects = BpfRuntime.load(admitted, s.options())) {
      List<ObjectDescription> described = objects.describe();
      List<Pins.Pin> pins = s.pin().isPresent() ? Pins.pinAll(objects, s.pin().get()) : List.of();
      Links links;
      try {
        links = s.attach() ? Links.attachAll(objects, admitted.loader().rawTracepoints()) : null;
      } catch (KernelRefusedException | RuntimeException e) {
        Pins.unpin(pins);
        throw e;
      }
      try {
        report(name, objects, described, pins, links, s, out);
        if (links != null) {
          String signal = signals.await();
          links.close();
          if (!s.json()) {
            out.println(signal + ": detached");
            out.flush();
          }
        }
      } finally {
        if (links != null) {
          links.close();
        }
      }
      return ExitCodes.OK;
    } catch (KernelRefusedException e) {
      throw new KernelFailure(e);
    }
  }

  private static void report(String name, LoadedObjects objects, List<ObjectDescription> described,
      List<Pins.Pin> pins, Links links, Settings s, PrintWriter out) {
    String reason = gateReason(objects.gate(), s.options());
    String note = pins.isEmpty() && links == null ? VANISH_NOTE : null;
    if (s.json()) {
      List<LoadReport.LoadedObject> objs = described.stream().map(d -> {
        boolean map = d.kind() == dev.bpfsign.runtime.LoadedObject.Kind.MAP;
        return new LoadReport.LoadedObject(d.kind().label(), d.name(), d.id(), d.typeName(), d.kernelName(),
            map ? d.keySize() : null, map ? d.valueSize() : null, map ? d.maxEntries() : null, pinnedAt(pins, d));
      }).toList();
      List<LoadReport.Link> ls = links == null ? List.of() : links.attachments().stream()
          .map(a -> new LoadReport.Link(a.program().name(), a.attached(), a.attached() ? a.linkId() : null, a.how()))
          .toList();
      Json.print(out, LoadReport.loaded(name, s.variant(), s.verdict(), objects.gate().label(), reason, objs, ls, note));
    } else {
      out.println("loaded " + name + ": " + Counts.of(described.size(), "object"));
      out.println("gate: " + objects.gate().label() + " (" + reason + ")");
      for (ObjectDescription d : described) {
        String sizes = d.kind() == dev.bpfsign.runtime.LoadedObject.Kind.MAP
            ? String.format("  key %d  value %d  max_entries %d", d.keySize(), d.valueSize(), d.maxEntries()) : "";
        out.printf("  %-7s %-24s id %-6d %-16s%s%n", d.kind().label(), d.name(), d.id(), d.typeName(), sizes);
      }
      for (Pins.Pin p : pins) {
        out.println("  pinned " + p.object().kind().label() + " " + p.object().name() + " at " + p.path());
      }
      if (links != null) {
        for (Links.Attachment a : links.attachments()) {
          out.println("  " + (a.attached() ? "attached " + a.program().name() + " (link id " + a.linkId() + ", "
              + a.how() + ")" : a.program().name() + ": " + a.how()));
        }
        out.println("attached; press Ctrl-C (SIGINT) or send SIGTERM to detach and exit");
      }
      if (note != null) {
        out.println(note);
      }
    }
    out.flush();
  }

  private static String pinnedAt(List<Pins.Pin> pins, ObjectDescription d) {
    return pins.stream().filter(p -> p.object().name().equals(d.name()) && p.object().kind() == d.kind())
        .map(p -> p.path().toString()).findFirst().orElse(null);
  }
}
