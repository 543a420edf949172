package dev.bpfsign.cli;

import dev.bpfsign.loader.AtomicFiles;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.Kallsyms;
import dev.bpfsign.loader.obj.KernelVersion;
import dev.bpfsign.loader.obj.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bpfsign gen OBJ.o -o LOADER}: the loader program libbpf 1.8's gen_loader makes of the
 * object ({@code bpftool gen skeleton -L -S}, or {@code -L} with {@code --plain}), written as
 * {@code loader.bin}. Nothing is read from this machine: Kconfig values, the kernel version and
 * kallsyms addresses are options.
 */
@Command(
    name = "gen", header = "Generate the loader of a BPF object, byte-identical to bpftool gen skeleton -L [-S].",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the loader program of a BPF object, byte-identical to bpftool gen skeleton -L -S",
      "(or -L with --plain), and write it as a loader file."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "2:usage error", "3:bad or unsupported object (nothing written)", "70:internal error"})
final class GenCommand implements Callable<Integer> {
  /** Far above any real BPF object; keeps a wrong path (a disk image, say) from exhausting memory. */
  private static final long MAX_OBJECT_SIZE = 512L << 20;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OBJ.o", description = "BPF ELF object (clang -g -target bpf).")
  Path object;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "LOADER", description = "Loader file to write.")
  Path output;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Object name, as bpftool's 'name' (shapes internal map names); default: from the file name.")
  String name;

  @Option(names = "--plain", description = "Plain loader (bpftool -L): no metadata hash check, ctx overrides allowed.")
  boolean plain;

  @Option(names = "--kconfig", paramLabel = "FILE", description = "Kconfig (CONFIG_X=y lines) for __kconfig externs.")
  Path kconfig;

  @Option(names = "--kernel-version", paramLabel = "X.Y.Z", description = "Target kernel release for LINUX_KERNEL_VERSION.")
  String kernelVersion;

  @Option(names = "--kallsyms", paramLabel = "FILE",
      description = "kallsyms-format addresses for typeless __ksym externs (default: 0, resolved at run time).")
  Path kallsyms;

  @Option(names = "--possible-cpus", paramLabel = "N", description = "CPU count for PERF_EVENT_ARRAY maps without max_entries.")
  Integer possibleCpus;

  @Override
  public Integer call() throws IOException, BadInputException {
    if (possibleCpus != null && possibleCpus <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--possible-cpus must be positive, not " + possibleCpus);
    }
    String file = object.getFileName() == null ? object.toString() : object.getFileName().toString();
    String objectName = name != null ? name : GenInputs.objectNameFor(file);
    GenInputs inputs = new GenInputs(
        objectName,
        kconfig == null ? null : TextInputs.read(kconfig, "Kconfig lines (CONFIG_X=y)"),
        kernelVersion == null ? null : KernelVersion.parse(kernelVersion),
        kallsyms == null ? null
            : Kallsyms.parse(TextInputs.read(kallsyms, "kallsyms lines (ADDRESS TYPE NAME)"), kallsyms.toString()),
        possibleCpus,
        GenInputs.DEFAULT_PAGE_SIZE);
    // messages name the object as the user gave it
    BpfObject obj;
    try {
      obj = ObjectReader.read(object.toString(), InputFiles.read(object, MAX_OBJECT_SIZE), inputs);
    } catch (BadInputException e) {
      // the generator does not know the Kconfig's file name; the user should see it
      if (kconfig != null && e.getMessage().startsWith("kconfig: ")) {
        throw new BadInputException(kconfig + ": " + e.getMessage().substring("kconfig: ".length()), e);
      }
      throw e;
    }
    Mode mode = plain ? Mode.PLAIN : Mode.SIGNABLE;
    LoaderFile loader = LoaderGenerator.loaderFile(obj, mode);
    AtomicFiles.write(output, LoaderFileFormat.write(loader));
    spec.commandLine().getOut().println("wrote " + output + ": " + mode.label() + " loader, " + loader.insnCount()
        + " instructions, " + loader.data().length() + " bytes of data, " + obj.maps().size() + " maps, "
        + obj.programs().size() + " programs");
    return ExitCodes.OK;
  }
}
