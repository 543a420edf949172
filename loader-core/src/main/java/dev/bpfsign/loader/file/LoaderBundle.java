package dev.bpfsign.loader.file;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one loader file holds: one object's loader for one or more kernel generations (docs/format.md).
 * Every variant has the same object name, byte order, data blob and ctx layout; each has its own
 * scheme (at most one variant per scheme), mode, instructions and signatures, and each signature
 * is of its variant's scheme. A file with both variants serves a fleet of 6.18 … 7.2 and 7.3
 * kernels; {@code bpfsign load} picks the one the running kernel verifies.
 */
public record LoaderBundle(List<LoaderFile> variants) {

  public LoaderBundle {
    variants = List.copyOf(variants);
    problem(variants).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
  }

  public static LoaderBundle of(LoaderFile... variants) {
    return new LoaderBundle(List.of(variants));
  }

  /**
   * Why these variants cannot share one file, or empty: the first disagreement in one line
   * (used by readers and by {@code import}/{@code gen} to refuse with a message rather than throw).
   */
  public static Optional<String> problem(List<LoaderFile> variants) {
    if (variants.isEmpty()) {
      return Optional.of("a loader file needs at least one variant");
    }
    LoaderFile first = variants.getFirst();
    List<Scheme> seen = new ArrayList<>();
    for (LoaderFile v : variants) {
      String which = "the " + v.scheme().label() + " variant";
      if (seen.contains(v.scheme())) {
        return Optional.of("two " + v.scheme().label() + " variants");
      }
      seen.add(v.scheme());
      if (!v.name().equals(first.name())) {
        return Optional.of(which + " is of object '" + v.name() + "', the " + first.scheme().label()
            + " variant of '" + first.name() + "'");
      }
      if (!v.order().equals(first.order())) {
        return Optional.of(which + " has another byte order than the " + first.scheme().label() + " variant");
      }
      if (!v.data().equals(first.data())) {
        return Optional.of(which + "'s data blob differs from the " + first.scheme().label()
            + " variant's (not the same object build)");
      }
      if (!v.ctx().equals(first.ctx())) {
        return Optional.of(which + "'s map or program names differ from the " + first.scheme().label() + " variant's");
      }
      if (!v.rawTracepoints().equals(first.rawTracepoints())) {
        return Optional.of(which + "'s raw tracepoint names differ from the " + first.scheme().label() + " variant's");
      }
      if (!java.util.Objects.equals(v.target(), first.target())) {
        return Optional.of(which + "'s target record differs from the " + first.scheme().label() + " variant's");
      }
      for (SignatureBlock b : v.signatures()) {
        if (b.scheme() != v.scheme()) {
          return Optional.of("a " + b.scheme().label() + "-scheme signature is attached to " + which);
        }
      }
    }
    return Optional.empty();
  }

  public String name() {
    return variants.getFirst().name();
  }

  public ByteOrder order() {
    return variants.getFirst().order();
  }

  public CtxLayout ctx() {
    return variants.getFirst().ctx();
  }

  /** Object-wide: the tracepoint of each raw tracepoint program, by program name. */
  public java.util.Map<String, String> rawTracepoints() {
    return variants.getFirst().rawTracepoints();
  }

  /** Object-wide: the target the loader was generated for, or empty when none is recorded. */
  public Optional<dev.bpfsign.loader.target.LoaderTarget> target() {
    return Optional.ofNullable(variants.getFirst().target());
  }

  /** Every variant recording this target (null: none). */
  public LoaderBundle withTarget(dev.bpfsign.loader.target.LoaderTarget t) {
    return new LoaderBundle(variants.stream().map(v -> v.withTarget(t)).toList());
  }

  /** The schemes of the variants, in file order. */
  public List<Scheme> schemes() {
    return variants.stream().map(LoaderFile::scheme).toList();
  }

  public Optional<LoaderFile> variant(Scheme scheme) {
    return variants.stream().filter(v -> v.scheme() == scheme).findFirst();
  }

  /** The only variant, if there is exactly one. */
  public Optional<LoaderFile> single() {
    return variants.size() == 1 ? Optional.of(variants.getFirst()) : Optional.empty();
  }

  /** This bundle with {@code v} in place of the variant of its scheme, or added after the others. */
  public LoaderBundle with(LoaderFile v) {
    List<LoaderFile> all = new ArrayList<>(variants);
    int at = schemes().indexOf(v.scheme());
    if (at >= 0) {
      all.set(at, v);
    } else {
      all.add(v);
    }
    return new LoaderBundle(all);
  }

  /** Every variant without its signatures. */
  public LoaderBundle withoutSignatures() {
    return new LoaderBundle(variants.stream().map(LoaderFile::withoutSignatures).toList());
  }

  /**
   * This bundle with {@code block} added to the variant of its scheme (in canonical order).
   *
   * @throws IllegalArgumentException when the bundle has no variant of that scheme
   */
  public LoaderBundle withSignature(SignatureBlock block) {
    LoaderFile v = variant(block.scheme()).orElseThrow(() -> new IllegalArgumentException(
        "a " + block.scheme().label() + " signature, and no " + block.scheme().label() + " variant to carry it"));
    return with(v.withSignature(block));
  }

  public int signatureCount() {
    return variants.stream().mapToInt(v -> v.signatures().size()).sum();
  }
}
