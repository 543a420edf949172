package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.cli.json.DiffReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import java.util.ArrayList;
import picocli.CommandLine.ParameterException;
import dev.bpfsign.verifier.ManifestChange;
import dev.bpfsign.verifier.ManifestDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign diff A B}: what changes between two loaders (release review). */
@Command(name = "diff", header = "Show what changes between two loaders: bytes, what they create, signatures.", mixinStandardHelpOptions = true,
    description = {
      "Compare two loaders: their instructions and data, what they create (decoded by emulating",
      "each over its own blob: programs, maps, helpers, kfuncs, attach targets, sizes) and their",
      "signatures (by scheme and signer). Lines starting with '+' widen what the second loader can",
      "do (new program, helper, kfunc, attach target, bigger map)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the loaders are the same",
      "1:the loaders differ",
      "2:usage error",
      "3:bad input (unreadable loader, or one that cannot be decoded)",
      "70:internal error",
    })
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The old loader file, or oci://REF.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "The new loader file, or oci://REF.")
  String b;

  @picocli.CommandLine.Mixin RegistryOptions registry;

  @Option(names = "--json", description = "Print the changes as JSON (schema bpfsign.diff/v2).")
  boolean json;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Compare this variant of both files (default: each variant both files have; a file with one"
          + " variant is compared whatever its scheme).")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws BadInputException, IOException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    LoaderBundle fa = LoaderInput.readBundle(a, registry, spec.commandLine().getErr());
    LoaderBundle fb = LoaderInput.readBundle(b, registry, spec.commandLine().getErr());
    List<LoaderFile[]> pairs = new ArrayList<>();
    if (scheme != null) {
      Scheme s = SchemeOption.parse(spec, scheme);
      pairs.add(new LoaderFile[] {SchemeOption.variant(fa, s, a.toString()), SchemeOption.variant(fb, s, b.toString())});
    } else if (fa.variants().size() == 1 || fb.variants().size() == 1) {
      pairs.add(new LoaderFile[] {fa.variants().getFirst(), fb.variants().getFirst()});
    } else {
      for (LoaderFile va : fa.variants()) {
        fb.variant(va.scheme()).ifPresent(vb -> pairs.add(new LoaderFile[] {va, vb}));
      }
      if (pairs.isEmpty()) {
        throw new ParameterException(spec.commandLine(), a + " and " + b + " have no variant in common; choose with --scheme");
      }
    }
    if (json && pairs.size() > 1) {
      throw new ParameterException(spec.commandLine(), "both files hold several variants; --json compares one: choose it"
          + " with --scheme");
    }
    // decode every pair before printing anything
    List<List<ManifestChange>> all = new ArrayList<>();
    for (LoaderFile[] p : pairs) {
      all.add(LoaderDiff.between(p[0], p[1], ManifestDiff.between(manifest(a, p[0]), manifest(b, p[1]))));
    }
    if (scheme == null) {
      // variants one file has and the other lacks are changes of target too: listed first
      List<ManifestChange> first = new ArrayList<>(variantChanges(fa, fb, pairs));
      first.addAll(all.getFirst());
      all.set(0, first);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, DiffReport.of(side(a, pairs.getFirst()[0]), side(b, pairs.getFirst()[1]), all.getFirst()));
    } else {
      for (int i = 0; i < pairs.size(); i++) {
        List<ManifestChange> changes = all.get(i);
        long widening = changes.stream().filter(ManifestChange::widens).count();
        String prefix = pairs.size() > 1 ? pairs.get(i)[0].scheme().label() + " variant: " : "";
        out.println(prefix + (changes.isEmpty() ? "no changes" : Counts.of(changes.size(), "change") + ", " + widening
            + " widening"));
        changes.forEach(out::println);
      }
      out.flush();
    }
    return all.stream().allMatch(List::isEmpty) ? ExitCodes.OK : 1;
  }

  /** Variants of B whose scheme A lacks (added) and the reverse (removed), except the ones compared. */
  private static List<ManifestChange> variantChanges(LoaderBundle fa, LoaderBundle fb, List<LoaderFile[]> pairs) {
    List<ManifestChange> out = new ArrayList<>();
    for (LoaderFile vb : fb.variants()) {
      if (fa.variant(vb.scheme()).isEmpty() && pairs.stream().noneMatch(p -> p[1] == vb)) {
        out.add(new ManifestChange("variant.added", "variant " + vb.scheme().label(), null,
            "insns sha256 " + vb.insns().sha256().hex(), false));
      }
    }
    for (LoaderFile va : fa.variants()) {
      if (fb.variant(va.scheme()).isEmpty() && pairs.stream().noneMatch(p -> p[0] == va)) {
        out.add(new ManifestChange("variant.removed", "variant " + va.scheme().label(),
            "insns sha256 " + va.insns().sha256().hex(), null, false));
      }
    }
    return out;
  }

  private static Manifest manifest(String path, LoaderFile loader) throws BadInputException {
    try {
      return Manifest.of(loader);
    } catch (BadInputException e) {
      throw new BadInputException(path + ": cannot decode what the loader creates: " + e.getMessage(), e);
    }
  }

  private static DiffReport.Side side(String path, LoaderFile l) {
    return new DiffReport.Side(path, l.name(), l.insns().sha256().hex(), l.data().sha256().hex(),
        dev.bpfsign.cli.json.TargetReport.of(l.target()));
  }
}
