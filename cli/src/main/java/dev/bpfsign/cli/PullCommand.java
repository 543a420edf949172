package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.io.FileTransaction;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.oci.PulledLoader;
import dev.bpfsign.oci.Reference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bpfsign pull}: fetches a loader and every signature referrer, each checked against its digest. */
@Command(name = "pull", header = "Fetch a loader and its signatures from an OCI registry.", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fetch a loader by tag or digest with every signature published for it, check every digest,",
      "and write the loader file with its signatures. Prints the digest it resolved to."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:fetched",
      "2:usage error",
      "3:bad input (reference, digest mismatch, not a bpfsign artifact, credentials refused, the registry's answer)",
      "5:network (registry unreachable, TLS failure, server error)",
      "70:internal error",
    })
final class PullCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "REF", description = "[oci://]REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST]")
  String reference;

  @Option(names = {"-o", "--output"}, paramLabel = "LOADER", description = "Where to write the loader file"
      + " (default: the object name + .bin in the current directory).")
  Path output;

  @Mixin RegistryOptions registry;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, BadInputException {
    Reference ref = Reference.parse(reference);
    if (output != null) {
      FileTransaction.requireDirectory(output); // before the network: nothing fetched for nowhere to put it
    }
    PulledLoader pulled = registry.registry().pull(ref);
    Path target = output != null ? output : Path.of(pulled.loader().name() + ".bin");
    AtomicFiles.write(target, LoaderFileFormat.write(pulled.loader()));
    PrintWriter out = spec.commandLine().getOut();
    int n = pulled.signatures().size();
    out.println("pulled " + Reference.SCHEME + pulled.pinned() + " -> " + target + ": " + n + " signature" + (n == 1 ? "" : "s")
        + (pulled.ignoredReferrers() > 0 ? ", " + Counts.of(pulled.ignoredReferrers(), "other referrer") + " left alone" : ""));
    out.flush();
    return ExitCodes.OK;
  }
}
