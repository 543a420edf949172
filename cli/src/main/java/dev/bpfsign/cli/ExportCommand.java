package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.io.FileTransaction;
import java.io.IOException;
import java.util.List;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign export LOADER --insns FILE --data FILE [--signature FILE]}: the raw bytes. */
@Command(name = "export", header = "Write a loader's raw instructions, data blob and signature to files.", mixinStandardHelpOptions = true,
    description = {
      "Write a loader's raw instructions, data blob and signature (CMS DER) to files,",
      "exactly the bytes the kernel receives."
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file.")
  Path loaderPath;

  @Option(names = "--insns", paramLabel = "FILE", description = "Write the loader instructions here.")
  Path insns;

  @Option(names = "--data", paramLabel = "FILE", description = "Write the data blob here.")
  Path data;

  @Option(names = "--signature", paramLabel = "FILE",
      description = "Write a signature's CMS (DER, detached) here; the first one unless --signature-index.")
  Path signature;

  @Option(names = "--signature-index", paramLabel = "N", defaultValue = "0",
      description = "Which signature --signature writes, counting from 0 (default: ${DEFAULT-VALUE}).")
  int signatureIndex;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "The variant to export from (needed when the file holds several; the data blob is shared).")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    if (insns == null && data == null && signature == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "nothing to export: give at least one of --insns, --data, --signature");
    }
    if (signatureIndex < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--signature-index must not be negative");
    }
    LoaderBundle bundle = LoaderInput.readBundle(loaderPath);
    LoaderFile loader = insns == null && signature == null && scheme == null
        ? bundle.variants().getFirst() // only the shared data blob is asked for
        : SchemeOption.choose(spec, bundle, scheme, loaderPath.toString());
    // decide everything before writing anything, so a failure leaves no output behind
    Map<Path, Bytes> outputs = new LinkedHashMap<>();
    if (insns != null) {
      outputs.put(insns, loader.insns());
    }
    if (data != null) {
      outputs.put(data, loader.data());
    }
    if (signature != null) {
      int count = loader.signatures().size();
      if (signatureIndex >= count) {
        throw new BadInputException(loaderPath + ": the " + loader.scheme().label() + " variant has " + (count == 0 ? "no signature"
            : count + " signature" + (count == 1 ? "" : "s") + ", so no index " + signatureIndex));
      }
      outputs.put(signature, loader.signatures().get(signatureIndex).cms());
    }
    if (outputs.size() < (insns != null ? 1 : 0) + (data != null ? 1 : 0) + (signature != null ? 1 : 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "the same output file is named twice");
    }
    // all outputs or none: each is written to a temporary file before any is renamed into place
    try (FileTransaction tx = new FileTransaction()) {
      for (var e : outputs.entrySet()) {
        tx.write(e.getKey(), e.getValue().toArray());
      }
      tx.commit();
    }
    PrintWriter out = spec.commandLine().getOut();
    for (var e : outputs.entrySet()) {
      out.println("wrote " + e.getKey() + ": " + e.getValue().length() + " bytes, sha256 " + e.getValue().sha256().hex());
    }
    return ExitCodes.OK;
  }
}
