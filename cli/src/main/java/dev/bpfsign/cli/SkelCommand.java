package dev.bpfsign.cli;

import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.skel.SkeletonModels;
import dev.bpfsign.loader.skel.SkeletonWriter;
import java.io.IOException;
import java.util.List;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

/** {@code bpfsign skel LOADER [-o HEADER] [--name NAME]}: a light-skeleton header as bpftool writes it. */
@Command(name = "skel", header = "Write the light-skeleton C header of a loader, as bpftool does.", mixinStandardHelpOptions = true,
    description = {
      "Write the light-skeleton C header of a loader, as bpftool gen skeleton -L [-S] writes it",
      "for the same object; a signed loader's header carries its signature and excl hash."
    })
final class SkelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file.")
  Path loaderPath;

  @Option(names = {"-o", "--output"}, paramLabel = "HEADER", description = "Write the header here (default: standard output).")
  Path output;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The skeleton's struct and function prefix (default: the loader's object name).")
  String name;

  @Option(names = "--raw-tracepoint", paramLabel = "PROG=TRACEPOINT", split = ",",
      description = {
        "The tracepoint a raw tracepoint program attaches to (SEC(\"raw_tp/TRACEPOINT\")). Loaders from",
        "gen record these; this adds to or overrides what the loader records (for loaders imported from",
        "headers that carry none). Repeatable, or comma-separated."
      })
  Map<String, String> rawTracepoints = new LinkedHashMap<>();

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "The variant to write the header of (needed when the file holds several): 6.18 gives bpftool"
          + " 7.8's header, 7.3 bpftool-7.3's.")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    if (name != null && !CtxLayout.isValidName(name)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--name must be a C identifier: " + name);
    }
    LoaderFile loader = SchemeOption.choose(spec, LoaderInput.readBundle(loaderPath), scheme, loaderPath.toString());
    for (var e : rawTracepoints.entrySet()) {
      if (!loader.ctx().programs().contains(e.getKey())) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--raw-tracepoint names program '" + e.getKey() + "', which " + loaderPath + " does not have");
      }
      if (!e.getValue().matches("[A-Za-z0-9_]+")) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--raw-tracepoint: '" + e.getValue() + "' is not a tracepoint name");
      }
    }
    byte[] header = SkeletonWriter.write(SkeletonModels.of(loader, name != null ? name : loader.name(), rawTracepoints));
    if (output != null) {
      AtomicFiles.write(output, header);
      spec.commandLine().getOut().println("wrote " + output + ": " + header.length + " bytes");
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(new String(header, StandardCharsets.ISO_8859_1));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
