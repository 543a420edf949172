package dev.bpfsign.cli.json;

import java.util.List;
import java.util.Map;

/**
 * {@code bpfsign load --json}, schema {@code bpfsign.load/v1}
 * (docs/schemas/load.v1.schema.json). One document for the three outcomes: not admitted (only
 * {@code loader} and {@code verdict}), a dry run ({@code dry_run}), or a load ({@code gate} and
 * what was created).
 *
 * @param loader the loader's object name
 * @param note a reminder when nothing keeps the objects alive after exit; left out otherwise
 */
public record LoadReport(String schema, String loader, Variant variant, Verdict verdict, DryRun dryRun, String gate,
    String gateReason, List<LoadedObject> objects, List<Link> links, String note) implements Document {
  public static final String SCHEMA = "bpfsign.load/v1";

  public static LoadReport refused(String loader, Variant variant, Verdict verdict) {
    return new LoadReport(SCHEMA, loader, variant, verdict, null, null, null, null, null, null);
  }

  public static LoadReport dryRun(String loader, Variant variant, Verdict verdict, DryRun run) {
    return new LoadReport(SCHEMA, loader, variant, verdict, run, null, null, null, null, null);
  }

  public static LoadReport loaded(String loader, Variant variant, Verdict verdict, String gate, String gateReason,
      List<LoadedObject> objects, List<Link> links, String note) {
    return new LoadReport(SCHEMA, loader, variant, verdict, null, gate, gateReason, objects, links, note);
  }

  /**
   * The variant of the loader file that was verified (and loaded): its scheme ({@code 6.18},
   * {@code 7.3}) and why that one — {@code --scheme}, the only variant of the file, the first
   * for a dry run, or what the kernel probe found.
   */
  public record Variant(String scheme, String chosenBy) {}

  /** The admission verdict: the findings of an admitted loader, the refusals of one that was not. */
  public record Verdict(boolean admitted, List<String> findings) {}

  /**
   * The emulator's run of the admitted loader.
   *
   * @param result the loader's return value (0 on success, a negative errno otherwise)
   * @param steps instructions executed
   */
  public record DryRun(boolean succeeded, long result, long steps, List<TraceEvent> trace) {}

  /** One kernel call of the dry run; {@code attrs} keys are the bpf_attr field names. */
  public record TraceEvent(int insn, String call, long result, Map<String, Object> attrs) {}

  /** A map or program the kernel created; map sizes are left out for programs. */
  public record LoadedObject(String kind, String name, int id, String type, String kernelName, Integer keySize,
      Integer valueSize, Integer maxEntries, String pinnedAt) {}

  public record Link(String program, boolean attached, Integer linkId, String how) {}
}
