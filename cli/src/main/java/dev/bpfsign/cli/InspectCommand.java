package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign inspect LOADER [--json] [--disasm]}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {
      "Show what a loader file holds: hashes, mode, the maps and programs its instructions",
      "create (decoded by emulating it), and its signatures."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file.")
  Path loaderPath;

  @Option(names = "--json", description = "Print the bpfsign.inspect/v1 JSON report.")
  boolean json;

  @Option(names = "--disasm", description = "Append the disassembly of the loader instructions.")
  boolean disasm;

  @Override
  public Integer call() throws IOException, BadInputException {
    LoaderFile loader = LoaderInput.read(loaderPath);
    InspectReport report = Inspection.of(loader);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, report);
    } else {
      InspectText.print(out, report);
    }
    return ExitCodes.OK;
  }
}
