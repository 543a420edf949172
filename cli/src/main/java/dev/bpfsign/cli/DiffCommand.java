package dev.bpfsign.cli;

import dev.bpfsign.cli.json.DiffReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.file.LoaderFile;
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

/** {@code bpfsign diff A B}: what changes between two loaders' manifests (release review). */
@Command(name = "diff", header = "Show what changes between the maps and programs two loaders create.", mixinStandardHelpOptions = true,
    description = {
      "Compare what two loaders create, decoded by emulating each over its own blob: programs,",
      "maps, helpers, kfuncs, attach targets, sizes. Lines starting with '+' widen what the second",
      "loader can do (new program, helper, kfunc, attach target, bigger map)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the manifests are the same",
      "1:the manifests differ",
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

  @Override
  public Integer call() throws BadInputException, IOException {
    LoaderFile la = LoaderInput.read(a, registry, spec.commandLine().getErr());
    LoaderFile lb = LoaderInput.read(b, registry, spec.commandLine().getErr());
    List<ManifestChange> changes = ManifestDiff.between(manifest(a, la), manifest(b, lb));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, DiffReport.of(side(a, la), side(b, lb), changes));
    } else {
      long widening = changes.stream().filter(ManifestChange::widens).count();
      out.println(changes.isEmpty() ? "no changes" : changes.size() + " change(s), " + widening + " widening");
      changes.forEach(out::println);
      out.flush();
    }
    return changes.isEmpty() ? ExitCodes.OK : 1;
  }

  private static Manifest manifest(String path, LoaderFile loader) throws BadInputException {
    try {
      return Manifest.of(loader);
    } catch (BadInputException e) {
      throw new BadInputException(path + ": cannot decode what the loader creates: " + e.getMessage(), e);
    }
  }

  private static DiffReport.Side side(String path, LoaderFile l) {
    return new DiffReport.Side(path, l.name(), l.insns().sha256().hex(), l.data().sha256().hex());
  }
}
