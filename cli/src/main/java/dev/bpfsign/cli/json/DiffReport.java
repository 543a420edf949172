package dev.bpfsign.cli.json;

import dev.bpfsign.verifier.ManifestChange;
import java.util.List;

/**
 * {@code bpfsign diff --json}: schema {@code bpfsign.diff/v2} (docs/verdict.md,
 * docs/schemas/diff.v2.schema.json). v2 renamed v1's camelCase fields to snake_case.
 */
public record DiffReport(String schema, Side a, Side b, int widening, List<Change> changes) implements Document {
  public static final String SCHEMA = "bpfsign.diff/v2";

  /** One loader of the comparison; {@code target} its target record, left out when it has none. */
  public record Side(String path, String name, String insnsSha256, String dataSha256, TargetReport target) {}

  public record Change(String kind, String subject, String from, String to, boolean widens) {}

  public static DiffReport of(Side a, Side b, List<ManifestChange> changes) {
    return new DiffReport(SCHEMA, a, b, (int) changes.stream().filter(ManifestChange::widens).count(),
        changes.stream().map(c -> new Change(c.kind(), c.subject(), c.from(), c.to(), c.widens())).toList());
  }
}
