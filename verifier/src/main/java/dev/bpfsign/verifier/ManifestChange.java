package dev.bpfsign.verifier;

import java.util.Objects;

/**
 * One difference between two loaders' manifests, for release review.
 *
 * @param kind a stable kind, e.g. {@code program.added}, {@code program.helper.added},
 *     {@code program.attach_target}, {@code map.max_entries} (docs/verdict.md lists them)
 * @param subject what changed: {@code program NAME}, {@code map NAME} or {@code btf}
 * @param from the old value, or null when something was added
 * @param to the new value, or null when something was removed
 * @param widens whether the change gives the new loader more reach (a new program, helper,
 *     kfunc, ksym or attach target, a bigger map) — what a reviewer looks at first
 */
public record ManifestChange(String kind, String subject, String from, String to, boolean widens) {
  public ManifestChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  @Override
  public String toString() {
    return (widens ? "+ " : "  ") + subject + ": " + kind
        + (from == null ? "" : " " + from) + (from != null && to != null ? " ->" : "") + (to == null ? "" : " " + to);
  }
}
