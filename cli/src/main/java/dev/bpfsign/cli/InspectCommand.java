package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
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

  @Override
  public Integer call() throws IOException, BadInputException {
    LoaderFile loader = LoaderInput.read(loaderPath, registry, spec.commandLine().getErr());
    InspectReport report = Inspection.of(loader);
    PrintWriter out = spec.commandLine().getOut();
    // decode before printing anything, so undecodable instructions leave no half report
    String listing = disasm ? Disassembler.listing(InsnCodec.decode(loader.insns(), loader.order())) : null;
    if (json) {
      Json.print(out, disasm ? report.withDisassembly(listing) : report);
    } else {
      InspectText.print(out, report);
      if (disasm) {
        out.println();
        out.println("disassembly");
        out.print(listing);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
