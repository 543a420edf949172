package dev.bpfsign.cli;

import dev.bpfsign.cli.json.TargetProfileJson;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.target.TargetProfile;
import dev.bpfsign.runtime.target.HostTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bpfsign target}: target profiles, the hosts a loader is generated for (docs/targets.md). */
@Command(name = "target", header = "Capture the profile of a host that loaders are generated for.",
    mixinStandardHelpOptions = true, subcommands = {TargetCommand.Capture.class, TargetCommand.Hash.class},
    description = "Target profiles (schema bpfsign.target/v1): what gen would otherwise read from a host.")
final class TargetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: capture, hash");
  }

  @Command(name = "capture", header = "Write this host's target profile.", mixinStandardHelpOptions = true,
      description = {
        "Read this host's kernel release (uname), Kconfig (/boot/config-RELEASE, else /proc/config.gz),",
        "possible CPUs (/sys/devices/system/cpu/possible) and kallsyms (/proc/kallsyms) as libbpf does,",
        "and write them as a target profile. An input that cannot be read is named and left out."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:written (inputs that could not be read are named on stderr)", "2:usage error", "70:internal error"})
  static final class Capture implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the profile here (default: standard output).")
    Path output;

    @Option(names = "--no-kallsyms",
        description = "Leave kallsyms out: its addresses change at every boot under KASLR.")
    boolean noKallsyms;

    @Override
    public Integer call() throws IOException {
      HostTarget.Capture c = HostTarget.capture(!noKallsyms, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      PrintWriter err = spec.commandLine().getErr();
      for (String line : c.unreadable()) {
        err.println("bpfsign: warning: " + line);
      }
      err.flush();
      TargetProfile p = c.profile();
      byte[] json = TargetProfileJson.write(p);
      PrintWriter out = spec.commandLine().getOut();
      if (output == null) {
        out.print(new String(json, java.nio.charset.StandardCharsets.UTF_8));
      } else {
        AtomicFiles.write(output, json);
        out.println("wrote " + output + ": kernel " + (p.kernelRelease() == null ? "unknown" : p.kernelRelease())
            + ", " + (p.possibleCpus() == null ? "unknown" : p.possibleCpus()) + " possible CPUs, "
            + (p.kconfig() == null ? "no" : p.kconfig().size()) + " Kconfig values, "
            + (p.kallsyms() == null ? "no" : p.kallsyms().size()) + " kallsyms; profile sha256 " + p.sha256().hex());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "hash", header = "Print the SHA-256 a loader file and a policy name a profile by.",
      mixinStandardHelpOptions = true,
      description = {
        "Print each profile's SHA-256 (of its canonical form: docs/targets.md), as gen records it in the",
        "loaders it writes and as a policy's target_profile_sha256 lists it. 'host' hashes this machine."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:printed", "2:usage error", "3:a profile is unreadable or malformed", "70:internal error"})
  static final class Hash implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(paramLabel = "FILE|host", arity = "1..*", description = "Target profiles.")
    java.util.List<String> profiles;

    @Override
    public Integer call() throws IOException, dev.bpfsign.loader.BadInputException {
      StringBuilder out = new StringBuilder();
      for (String p : profiles) {
        out.append(Targets.read(p).sha256().hex()).append("  ").append(p).append('\n');
      }
      spec.commandLine().getOut().print(out);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
