package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/**
 * {@code bpfsign import HEADER... -o LOADER}: bpftool light skeletons into one loader file, one
 * variant per header (a bpftool 7.8 header is a 6.18 variant, a bpftool-7.3 signed header a 7.3
 * variant); with {@code --add} the variants are added to the existing file.
 */
@Command(name = "import", header = "Read bpftool light-skeleton headers into a loader file.", mixinStandardHelpOptions = true,
    description = {
      "Read light-skeleton headers from bpftool gen skeleton -L [-S] into a loader file, keeping",
      "their signatures and excl hashes. A bpftool 7.8 header becomes the 6.18 variant, a",
      "bpftool-7.3 signed header the 7.3 variant; headers of one object share one file."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:usage error",
        "3:bad header, or headers whose variants disagree or repeat a scheme (nothing written)", "70:internal error"})
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "HEADER", description = "Light-skeleton headers (.lskel.h) of one object.")
  List<Path> headers;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "LOADER", description = "The loader file to write.")
  Path output;

  @Option(names = "--add", description = "Add the headers' variants to the existing LOADER instead of replacing it.")
  boolean add;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Label a plain (unsigned -L) header's loader as this generation's variant (plain loaders are"
          + " the same for both; default 6.18). Signed headers say their scheme themselves.")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    Scheme plainAs = scheme == null ? Scheme.LINUX_6_18 : SchemeOption.parse(spec, scheme);
    List<LoaderFile> variants = new ArrayList<>();
    if (add) {
      variants.addAll(LoaderInput.readBundle(output).variants());
    }
    List<String> sources = new ArrayList<>();
    variants.forEach(v -> sources.add(output.toString()));
    for (Path header : headers) {
      LoaderFile loader = LightSkeletonReader.readLoader(InputFiles.read(header, LightSkeletonReader.MAX_HEADER_SIZE),
          header.toString());
      LoaderLimits.check(loader, header.toString());
      if (loader.mode() == Mode.PLAIN) {
        loader = loader.withScheme(plainAs);
      }
      if (!variants.isEmpty()) {
        // a header carries no target record; a variant whose data blob equals the file's (checked
        // below) was made for the same target, so it takes the file's record
        loader = loader.withTarget(variants.getFirst().target());
      }
      int same = variants.stream().map(LoaderFile::scheme).toList().indexOf(loader.scheme());
      if (same >= 0) {
        throw new BadInputException(header + ": a second " + loader.scheme().label() + " variant (the first is from "
            + sources.get(same) + ")");
      }
      variants.add(loader);
      sources.add(header.toString());
      Optional<String> problem = LoaderBundle.problem(variants);
      if (problem.isPresent()) {
        throw new BadInputException(header + ": does not fit with " + sources.getFirst() + ": " + problem.get());
      }
    }
    LoaderBundle bundle = new LoaderBundle(variants);
    AtomicFiles.write(output, LoaderFileFormat.write(bundle));
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + output + ": " + bundle.name() + ", " + String.join(", ", bundle.variants().stream()
        .map(v -> v.scheme().label() + " variant (" + v.mode().label() + ", " + v.insnCount() + " instructions, "
            + Counts.of(v.signatures().size(), "signature") + ")").toList())
        + ", " + bundle.variants().getFirst().data().length() + " bytes of data");
    return ExitCodes.OK;
  }
}
