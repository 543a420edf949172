package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.oci.Digest;
import dev.bpfsign.oci.Reference;
import java.io.IOException;
import java.util.List;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bpfsign push}: publishes a loader and each of its signatures to an OCI registry. */
@Command(name = "push", header = "Publish a loader and its signatures to an OCI registry.", mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publish a loader file as an OCI artifact and each of its signatures as a referrer of it",
      "(docs/distribution.md). Prints the loader's digest: pin hosts to REF@DIGEST."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published",
      "2:usage error",
      "3:bad input (loader file, reference, credentials refused, the registry's answer)",
      "5:network (registry unreachable, TLS failure, server error)",
      "70:internal error",
    })
final class PushCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file.")
  Path loaderPath;

  @Parameters(index = "1", paramLabel = "REF", description = "[oci://]REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST]")
  String reference;

  @Mixin RegistryOptions registry;

  @picocli.CommandLine.Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Push only this variant (default: every variant of the file, under the one reference).")
  List<String> schemeArgs = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, BadInputException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    Reference ref = Reference.parse(reference);
    LoaderBundle file = LoaderInput.readBundle(loaderPath);
    LoaderBundle loader = scheme == null ? file
        : LoaderBundle.of(SchemeOption.choose(spec, file, scheme, loaderPath.toString()));
    Digest digest = registry.registry().push(loader, ref, new VersionProvider().getVersion()[0]);
    spec.commandLine().getOut().println(digest);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
