package dev.bpfsign.cli;

import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.gen.LoaderLimits;
import dev.bpfsign.loader.skel.LightSkeletonReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign import HEADER -o LOADER}: a bpftool light skeleton into a loader file. */
@Command(name = "import", header = "Read a bpftool light-skeleton header into a loader file.", mixinStandardHelpOptions = true,
    description = {
      "Read a light-skeleton header from bpftool gen skeleton -L [-S] into a loader file,",
      "keeping its signature and excl hash."
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HEADER", description = "The light-skeleton header (.lskel.h).")
  Path header;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "LOADER", description = "The loader file to write.")
  Path output;

  @Override
  public Integer call() throws IOException, BadInputException {
    LoaderFile loader = LightSkeletonReader.readLoader(InputFiles.read(header, LightSkeletonReader.MAX_HEADER_SIZE),
        header.toString());
    LoaderLimits.check(loader, header.toString());
    AtomicFiles.write(output, LoaderFileFormat.write(loader));
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + output + ": " + loader.name() + ", " + loader.mode().label() + ", "
        + loader.insnCount() + " instructions, " + loader.data().length() + " bytes of data, "
        + loader.signatures().size() + " signature" + (loader.signatures().size() == 1 ? "" : "s"));
    return ExitCodes.OK;
  }
}
