package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import java.util.ArrayList;
import java.util.List;
import dev.bpfsign.loader.insn.Disassembler;
import dev.bpfsign.loader.insn.InsnCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign inspect LOADER [--json] [--disasm]}. */
@Command(name = "inspect", header = "Show what a loader holds and what it will create.", mixinStandardHelpOptions = true,
    description = {
      "Show what a loader file holds: hashes, mode, the maps and programs its instructions",
      "create (decoded by emulating it), and its signatures."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file, or oci://REF.")
  String loaderPath;

  @picocli.CommandLine.Mixin RegistryOptions registry;

  @Option(names = "--json", description = "Print the bpfsign.inspect/v1 JSON report.")
  boolean json;

  @Option(names = "--disasm", description = "Append the disassembly of the loader instructions (docs/disassembly.md);"
      + " with --json, as the \"disassembly\" string.")
  boolean disasm;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Describe only this variant (default: every variant in text; the first one, listing all, in JSON).")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    LoaderBundle file = LoaderInput.readBundle(loaderPath, registry, spec.commandLine().getErr());
    List<LoaderFile> chosen = scheme != null
        ? List.of(SchemeOption.variant(file, SchemeOption.parse(spec, scheme), loaderPath.toString()))
        : json ? List.of(file.variants().getFirst()) : file.variants();
    // build and decode everything before printing anything, so a failure leaves no half report
    List<InspectReport> reports = new ArrayList<>();
    List<String> listings = new ArrayList<>();
    for (LoaderFile loader : chosen) {
      reports.add(Inspection.of(loader, file));
      listings.add(disasm ? Disassembler.listing(InsnCodec.decode(loader.insns(), loader.order())) : null);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, disasm ? reports.getFirst().withDisassembly(listings.getFirst()) : reports.getFirst());
    } else {
      for (int i = 0; i < reports.size(); i++) {
        if (i > 0) {
          out.println();
        }
        InspectText.print(out, reports.get(i));
        if (disasm) {
          out.println();
          out.println("disassembly");
          out.print(listings.get(i));
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
