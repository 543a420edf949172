package dev.bpfsign.cli;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.InputsUsed;
import dev.bpfsign.loader.target.LoaderTarget;
import dev.bpfsign.loader.obj.Kallsyms;
import dev.bpfsign.loader.obj.KernelVersion;
import dev.bpfsign.loader.target.TargetProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What {@code gen} and {@code sign OBJ…} take besides the object: the targets, single-field
 * overrides, and the number of threads. Explicit fields override the same field of every target.
 */
final class GenOptions {
  @Option(names = "--target", paramLabel = "FILE|host", split = ",",
      description = "Target profile (bpfsign target capture), or 'host' to read this machine as bpftool does."
          + " Repeat (or separate with commas) for several targets (with -d: DIR/TARGET/NAME.loader).")
  List<String> targets = new ArrayList<>();

  @Option(names = "--kconfig", paramLabel = "FILE", description = "Kconfig (CONFIG_X=y lines) for __kconfig externs.")
  Path kconfig;

  @Option(names = "--kernel-version", paramLabel = "X.Y.Z", description = "Target kernel release for LINUX_KERNEL_VERSION.")
  String kernelVersion;

  @Option(names = "--kallsyms", paramLabel = "FILE",
      description = "kallsyms-format addresses for typeless __ksym externs (default: 0, resolved at run time).")
  Path kallsyms;

  @Option(names = "--possible-cpus", paramLabel = "N", description = "CPU count for PERF_EVENT_ARRAY maps without max_entries.")
  Integer possibleCpus;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Threads generating at once (default: all cores).")
  Integer jobs;

  /** One target as resolved: its label (output subdirectory) and the profile, or null for none. */
  record Target(String spec, String label, TargetProfile profile) {}

  /** The overrides, read once and applied to each object's inputs. */
  record Overrides(String kconfig, Integer kernelVersion, Map<String, Long> kallsyms, Integer possibleCpus,
      String kconfigSource) {
    GenInputs apply(TargetProfile profile, String objectName) throws BadInputException {
      GenInputs base = profile == null ? GenInputs.named(objectName) : profile.genInputs(objectName);
      return new GenInputs(objectName,
          kconfig != null ? kconfig : base.kconfig(),
          kernelVersion != null ? kernelVersion : base.kernelVersion(),
          kallsyms != null ? kallsyms : base.kallsyms(),
          possibleCpus != null ? possibleCpus : base.possibleCpus(),
          base.pageSize(),
          kconfig != null ? kconfigSource : base.kconfigSource());
    }

    /**
     * The target record of a loader generated for {@code target} that used {@code used}, or null
     * when there is nothing to record (no profile, no host value used: the file stays as before).
     */
    LoaderTarget record(Target target, InputsUsed used) {
      LoaderTarget t = LoaderTarget.of(target.profile(), kernelVersion == null, used);
      return t.isWorthRecording() ? t : null;
    }
  }

  void validate(CommandSpec spec) {
    if (possibleCpus != null && possibleCpus <= 0) {
      throw new ParameterException(spec.commandLine(), "--possible-cpus must be positive, not " + possibleCpus);
    }
    if (kernelVersion != null) {
      try {
        KernelVersion.parse(kernelVersion); // a malformed option value is a usage error, as everywhere
      } catch (BadInputException e) {
        throw new ParameterException(spec.commandLine(), "--kernel-version: " + e.getMessage());
      }
    }
    if (jobs != null && jobs <= 0) {
      throw new ParameterException(spec.commandLine(), "--jobs must be positive, not " + jobs);
    }
    if (targets.stream().distinct().count() != targets.size()) {
      throw new ParameterException(spec.commandLine(), "the same --target is given twice");
    }
    if (targets.stream().map(Targets::label).distinct().count() != targets.size()) {
      throw new ParameterException(spec.commandLine(), "two --target files have the same name " + targets
          + "; their output directories would collide");
    }
  }

  int threads() {
    return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
  }

  /** Every target, read and checked before anything is generated (a bad profile writes nothing). */
  List<Target> resolveTargets() throws IOException, BadInputException {
    List<Target> out = new ArrayList<>();
    if (targets.isEmpty()) {
      out.add(new Target(null, null, null));
    }
    for (String t : targets) {
      out.add(new Target(t, Targets.label(t), Targets.read(t)));
    }
    return out;
  }

  Overrides overrides() throws IOException, BadInputException {
    return new Overrides(
        kconfig == null ? null : TextInputs.read(kconfig, "Kconfig lines (CONFIG_X=y)"),
        kernelVersion == null ? null : KernelVersion.parse(kernelVersion),
        kallsyms == null ? null : Kallsyms.parse(textFile(kallsyms, "kallsyms"), kallsyms.toString()),
        possibleCpus,
        kconfig == null ? null : kconfig.toString());
  }

  private static String textFile(Path path, String what) throws IOException, BadInputException {
    return new String(InputFiles.read(path, Targets.MAX_PROFILE_SIZE), StandardCharsets.ISO_8859_1);
  }
}
