package dev.bpfsign.cli;

import dev.bpfsign.cli.json.GenReport;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.io.FileTransaction;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Counts;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bpfsign gen OBJ.o -o LOADER} or {@code gen OBJ… -d DIR}: the loader program libbpf
 * 1.8's gen_loader makes of each object ({@code bpftool gen skeleton -L -S}, or {@code -L} with
 * {@code --plain}), written as loader files. Nothing is read from this machine unless {@code
 * --target host} asks for it: the target's Kconfig, kernel version, CPUs and kallsyms come from a
 * profile or from options.
 */
@Command(
    name = "gen", header = "Generate the loader of a BPF object, byte-identical to bpftool gen skeleton -L [-S].",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Generate the loader program of BPF objects, byte-identical to bpftool gen skeleton -L -S",
      "(or -L with --plain), and write them as loader files: one object with -o, any number with -d",
      "(DIR/NAME.loader, or DIR/TARGET/NAME.loader with several --target), in parallel. Each file",
      "holds one variant for Linux 6.18 to 7.2 (bpftool 7.8's loader) and one for Linux 7.3 and",
      "later (bpftool-7.3's), unless --scheme names one."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:usage error",
        "3:bad or unsupported object or target (with -d: the others are still written)", "70:internal error"})
final class GenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "OBJ.o", description = "BPF ELF objects (clang -g -target bpf).")
  List<Path> objects;

  @Option(names = {"-o", "--output"}, paramLabel = "LOADER", description = "Loader file to write (one object, one target).")
  Path output;

  @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR", description = "Write DIR/NAME.loader for every object.")
  Path outputDir;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Object name, as bpftool's 'name' (shapes internal map names); default: from the file name.")
  String name;

  @Option(names = "--plain", description = "Plain loader (bpftool -L): no metadata hash check, ctx overrides allowed.")
  boolean plain;

  @Mixin GenOptions gen;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Kernel generation to write a variant for (repeatable; default: both, 6.18 and 7.3, in one"
          + " file that loads on either). 6.18 = bpftool 7.8's loader, 7.3 = bpftool-7.3's.")
  List<String> schemes = new ArrayList<>();

  @Option(names = "--json", description = "Print the summary as JSON (schema bpfsign.gen/v1).")
  boolean json;

  @Override
  public Integer call() throws IOException, BadInputException {
    gen.validate(spec);
    if ((output == null) == (outputDir == null)) {
      throw usage("give -o LOADER (one object) or -d DIR (any number of objects)");
    }
    if (output != null && (objects.size() != 1 || gen.targets.size() > 1)) {
      throw usage("-o takes one object and at most one --target (" + objects.size() + " and " + gen.targets.size()
          + " given); use -d DIR for several");
    }
    if (name != null && objects.size() != 1) {
      throw usage("--name takes one object; " + objects.size() + " were given");
    }
    if (output != null) {
      FileTransaction.requireDirectory(output); // -o names a file: its directory must exist (docs/cli.md)
    }
    List<GenOptions.Target> targets = gen.resolveTargets();
    GenOptions.Overrides overrides = gen.overrides();
    List<BatchGen.Job> jobs = jobs(targets, SchemeOption.parseAll(spec, schemes));
    List<Path> outputs = outputs(jobs, targets.size() > 1);
    Mode mode = plain ? Mode.PLAIN : Mode.SIGNABLE;
    List<BatchGen.Result> results = BatchGen.run(jobs, mode, overrides, gen.threads());

    List<GenReport.Entry> entries = new ArrayList<>();
    int exit = ExitCodes.OK;
    for (int i = 0; i < results.size(); i++) {
      BatchGen.Result r = results.get(i);
      if (r.ok()) {
        if (outputDir != null) {
          // -d names a directory: it and the per-target subdirectories are made as needed
          Files.createDirectories(outputs.get(i).getParent());
        }
        AtomicFiles.write(outputs.get(i), LoaderFileFormat.write(r.bundle()));
      } else {
        exit = Math.max(exit, r.exitCode());
      }
      entries.add(entry(r, outputs.get(i), mode));
    }
    report(entries, mode);
    if (output != null && exit != ExitCodes.OK) {
      // one object: the failure is the command's error line, as before batches existed
      throw new BadInputException(results.get(0).error());
    }
    return exit;
  }

  static GenReport.Entry entry(BatchGen.Result r, Path output, Mode mode) {
    String target = r.job().target().spec();
    if (!r.ok()) {
      return new GenReport.Entry(r.job().object().toString(), target, output.toString(), mode.label(), "failed",
          r.job().objectName(), null, null, null, null, null, null, null, null, r.error());
    }
    return new GenReport.Entry(r.job().object().toString(), target, output.toString(), mode.label(), "written",
        r.loader().name(), r.loader().insnCount(), r.loader().data().length(), r.maps(), r.programs(),
        r.loader().insns().sha256().hex(), r.loader().data().sha256().hex(),
        r.bundle().variants().stream().map(v -> new GenReport.Variant(v.scheme().label(), v.insnCount(),
            v.insns().sha256().hex())).toList(), dev.bpfsign.cli.json.TargetReport.of(r.loader().target()), null);
  }

  private List<BatchGen.Job> jobs(List<GenOptions.Target> targets, List<Scheme> chosen) {
    List<BatchGen.Job> jobs = new ArrayList<>();
    for (GenOptions.Target t : targets) {
      for (Path o : objects) {
        jobs.add(new BatchGen.Job(o, name, t, chosen));
      }
    }
    return jobs;
  }

  private List<Path> outputs(List<BatchGen.Job> jobs, boolean perTarget) {
    return output != null ? List.of(output) : BatchGen.outputs(jobs, outputDir, perTarget, this::usage);
  }

  private void report(List<GenReport.Entry> entries, Mode mode) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (json) {
      Json.print(out, new GenReport(GenReport.SCHEMA, mode.label(), entries));
      return;
    }
    int failed = 0;
    for (GenReport.Entry e : entries) {
      if (e.error() != null) {
        failed++;
        if (output == null) {
          err.println("bpfsign: " + e.error());
        }
        continue;
      }
      out.println("wrote " + e.output() + ": " + e.mode() + " loader, "
          + (e.variants().size() == 1 ? "variant " : "variants ") + String.join(", ", e.variants().stream()
              .map(v -> v.scheme() + " (" + v.insns() + " instructions)").toList()) + ", "
          + e.dataBytes() + " bytes of data, " + Counts.of(e.maps(), "map") + ", " + Counts.of(e.programs(), "program")
          + (e.target() == null ? "" : ", target " + e.target()));
    }
    if (entries.size() > 1) {
      out.println(Counts.of(entries.size() - failed, "loader") + " written, " + failed + " failed");
    }
    out.flush();
    err.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
