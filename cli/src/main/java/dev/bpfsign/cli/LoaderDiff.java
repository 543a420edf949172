package dev.bpfsign.cli;

import dev.bpfsign.cli.json.TargetReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.verifier.ManifestChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code bpfsign diff} reports, in a fixed order: the loader's own fields (name,
 * mode, the target's byte order, instruction and data hashes), then the manifest changes, then the signatures — so a
 * loader and its signed copy differ by a signature, not "no changes". Signatures are matched
 * by scheme and signer (as the CMS names it); a signer that signs again over other bytes is a
 * changed signature, a new or departed signer an added or removed one.
 */
final class LoaderDiff {
  private LoaderDiff() {}

  static List<ManifestChange> between(LoaderFile a, LoaderFile b, List<ManifestChange> manifestChanges) {
    List<ManifestChange> out = new ArrayList<>();
    field(out, "loader.name", a.name(), b.name());
    field(out, "loader.scheme", a.scheme().label(), b.scheme().label()); // the kernel generation
    field(out, "loader.mode", a.mode().label(), b.mode().label());
    field(out, "loader.byte_order", order(a), order(b)); // the target's byte order
    field(out, "loader.insns", "sha256 " + a.insns().sha256().hex(), "sha256 " + b.insns().sha256().hex());
    field(out, "loader.data", "sha256 " + a.data().sha256().hex(), "sha256 " + b.data().sha256().hex());
    target(a, b, out);
    out.addAll(manifestChanges);
    signatures(a, b, out);
    return out;
  }

  /**
   * The target records (docs/targets.md), field by field: {@code target.recorded} when one file
   * has the record and the other not, else {@code target.profile}, {@code target.kernel_release},
   * {@code target.kernel_version}, {@code target.possible_cpus}, and per name {@code target.kconfig}
   * and {@code target.kallsyms}. Never widening: the target says where, not what.
   */
  private static void target(LoaderFile a, LoaderFile b, List<ManifestChange> out) {
    TargetReport ta = TargetReport.of(a.target());
    TargetReport tb = TargetReport.of(b.target());
    if (ta == null || tb == null) {
      if (ta != tb) {
        out.add(new ManifestChange("target.recorded", "target", ta == null ? null : "recorded",
            tb == null ? null : "recorded", false));
      }
      return;
    }
    targetField(out, "target.profile", "target", ta.profileSha256(), tb.profileSha256());
    targetField(out, "target.kernel_release", "target", ta.kernelRelease(), tb.kernelRelease());
    targetField(out, "target.kernel_version", "target", ta.kernelVersion(), tb.kernelVersion());
    targetField(out, "target.possible_cpus", "target", ta.possibleCpus() == null ? null : ta.possibleCpus().toString(),
        tb.possibleCpus() == null ? null : tb.possibleCpus().toString());
    names(out, "target.kconfig", ta.kconfig(), tb.kconfig());
    names(out, "target.kallsyms", ta.kallsyms(), tb.kallsyms());
  }

  private static void targetField(List<ManifestChange> out, String kind, String subject, String from, String to) {
    if (!Objects.equals(from, to)) {
      out.add(new ManifestChange(kind, subject, from, to, false));
    }
  }

  private static void names(List<ManifestChange> out, String kind, Map<String, String> a, Map<String, String> b) {
    java.util.SortedSet<String> all = new java.util.TreeSet<>();
    all.addAll(a == null ? Map.<String, String>of().keySet() : a.keySet());
    all.addAll(b == null ? Map.<String, String>of().keySet() : b.keySet());
    for (String name : all) {
      targetField(out, kind, "target " + name, a == null ? null : a.get(name), b == null ? null : b.get(name));
    }
  }

  private static String order(LoaderFile l) {
    return l.order() == java.nio.ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
  }

  private static void field(List<ManifestChange> out, String kind, String from, String to) {
    if (!Objects.equals(from, to)) {
      out.add(new ManifestChange(kind, "loader", from, to, false));
    }
  }

  private static void signatures(LoaderFile a, LoaderFile b, List<ManifestChange> out) {
    Map<String, SignatureBlock> old = bySigner(a);
    Map<String, SignatureBlock> now = bySigner(b);
    now.forEach((who, block) -> {
      SignatureBlock before = old.get(who);
      if (before == null) {
        out.add(new ManifestChange("signature.added", who, null, describe(block), false));
      } else if (!before.cms().equals(block.cms())) {
        out.add(new ManifestChange("signature.changed", who, describe(before), describe(block), false));
      }
    });
    old.forEach((who, block) -> {
      if (!now.containsKey(who)) {
        out.add(new ManifestChange("signature.removed", who, describe(block), null, false));
      }
    });
  }

  /** "signature 6.18 by skid …" for each block, in file order (a repeated signer counted). */
  private static Map<String, SignatureBlock> bySigner(LoaderFile loader) {
    Map<String, SignatureBlock> out = new LinkedHashMap<>();
    for (SignatureBlock block : loader.signatures()) {
      String key = "signature " + block.scheme().label() + " by " + signer(block);
      String unique = key;
      for (int n = 2; out.containsKey(unique); n++) {
        unique = key + " (#" + n + ")";
      }
      out.put(unique, block);
    }
    return out;
  }

  private static String signer(SignatureBlock block) {
    try {
      return CmsSignerInfo.parse(block.cms()).signer();
    } catch (BadInputException e) {
      return "an unreadable CMS (sha256 " + block.cms().sha256().hex() + ")";
    }
  }

  private static String describe(SignatureBlock block) {
    return "cms sha256 " + block.cms().sha256().hex();
  }
}
