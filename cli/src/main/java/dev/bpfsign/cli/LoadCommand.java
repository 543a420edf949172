package dev.bpfsign.cli;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.LoadReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Emulation;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.runtime.Bpffs;
import dev.bpfsign.runtime.KernelGeneration;
import dev.bpfsign.runtime.DryRun;
import dev.bpfsign.runtime.LoadOptions;
import dev.bpfsign.runtime.VmlinuxSymbols;
import dev.bpfsign.runtime.kernel.Errno;
import dev.bpfsign.verifier.AdmittedLoader;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bpfsign load}: verify, then hand the kernel exactly the admitted bytes (docs/hosts.md).
 * With {@code --dry-run}, run them in the emulator instead and print its trace.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Verify a loader, then load it into the kernel and print what it created (names, ids, types).",
      "Only an admitted loader loads, and exactly the bytes that were verified."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:admitted and loaded (with --attach: detached after SIGINT/SIGTERM)",
      "1:not admitted; the findings say why",
      "2:usage error",
      "3:bad input (loader, certificate, CRL, policy, pin path outside bpffs)",
      "4:the kernel refused (privileges, the loader's own error, data tampered)",
      "70:internal error",
    })
final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file (loader.bin), or oci://REF (pin by digest: oci://REF@sha256:…).")
  String loader;

  @picocli.CommandLine.Mixin RegistryOptions registry;

  @Mixin AdmissionOptions admission = new AdmissionOptions();

  @Option(names = "--pin", paramLabel = "DIR", description = "Pin every map and program under DIR (in bpffs).")
  Path pin;

  @Option(names = "--attach", description = "Attach what a light skeleton attaches; stay until SIGINT/SIGTERM, then detach.")
  boolean attach;

  @Option(names = "--dry-run", description = "Run the admitted loader in the emulator instead of the kernel; print its trace.")
  boolean dryRun;

  @Option(names = "--btf", paramLabel = "FILE",
      description = "vmlinux BTF answering the dry run's BTF lookups (default /sys/kernel/btf/vmlinux).")
  Path btf;

  @Option(names = "--trust-keyring",
      description = "Trust what the kernel's keyring (--keyring) trusts: check everything but the signature, which the"
          + " kernel checks when it loads the loader (refusing it with EKEYREJECTED). For hosts whose trust is a kernel"
          + " keyring (bpfsign keyring add); takes no --trust.")
  boolean trustKeyring;

  @Option(names = "--json", description = "Print the result as JSON (schema bpfsign.load/v1).")
  boolean json;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Load this variant (default: the one the running kernel takes, found by probing its behaviour;"
          + " --dry-run emulates the first).")
  List<String> schemeArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException, BadInputException, InterruptedException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    if (dryRun && (pin != null || attach)) {
      throw new ParameterException(spec.commandLine(), "--dry-run loads nothing, so it takes no --pin or --attach");
    }
    if (trustKeyring && dryRun) {
      throw new ParameterException(spec.commandLine(), "--trust-keyring leaves the signature to the kernel, and a dry run"
          + " has none: give --trust instead");
    }
    if (trustKeyring && !admission.trust.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--trust-keyring leaves the signature to the kernel's keyring;"
          + " it takes no --trust");
    }
    if (pin != null && !Bpffs.contains(pin)) {
      throw new BadInputException("--pin " + pin + ": not in a BPF file system (mount one with 'mount -t bpf bpf "
          + Bpffs.DEFAULT_MOUNT + "' and pin below it)");
    }
    VmlinuxSymbols symbols = dryRun ? VmlinuxSymbols.read(btf != null ? btf : VmlinuxSymbols.DEFAULT_BTF) : null;
    LoaderBundle bundle = LoaderInput.readBundle(loader, registry, spec.commandLine().getErr());
    String picked = null;
    String chosenBy;
    LoaderFile file;
    if (scheme != null || bundle.variants().size() == 1 || dryRun) {
      file = SchemeOption.choose(spec, bundle, scheme != null || bundle.variants().size() == 1 ? scheme
          : bundle.schemes().getFirst().label(), loader.toString());
      chosenBy = scheme != null ? "--scheme" : bundle.variants().size() == 1 ? "the only variant of the file"
          : "the first variant (a dry run probes no kernel)";
    } else {
      // the running kernel decides, by behaviour (KernelGeneration): which loader does it run?
      KernelGeneration.Probe probe;
      try {
        probe = KernelGeneration.probe();
      } catch (dev.bpfsign.runtime.KernelRefusedException e) {
        throw new KernelFailure(e);
      }
      file = SchemeOption.variant(bundle, probe.scheme(), loader.toString());
      picked = "this kernel takes the " + probe.scheme().label() + " variant (" + probe.scheme().kernels()
          + "): " + probe.how();
      chosenBy = "kernel probe: " + probe.how();
    }
    LoadReport.Variant variant = new LoadReport.Variant(file.scheme().label(), chosenBy);
    Verdict verdict = verifier().verify(file);
    PrintWriter out = spec.commandLine().getOut();
    LoadReport.Verdict verdictJson = new LoadReport.Verdict(verdict.admitted(),
        (verdict.admitted() ? verdict.findings() : verdict.refusals()).stream().map(LoadCommand::line).toList());
    Optional<AdmittedLoader> admitted = verdict.admittedLoader();
    if (admitted.isEmpty()) {
      if (json) {
        Json.print(out, LoadReport.refused(file.name(), variant, verdictJson));
      } else {
        out.println("NOT ADMITTED: " + file.name() + " was not loaded");
        verdictJson.findings().forEach(f -> out.println("  " + f));
        out.flush();
      }
      return ExitCodes.NOT_ADMITTED;
    }
    String hostRefusal = HostMatch.check(loader.toString(), file, admission.strict, spec.commandLine().getErr());
    if (hostRefusal != null) {
      LoadReport.Verdict refused = new LoadReport.Verdict(false, List.of(hostRefusal));
      if (json) {
        Json.print(out, LoadReport.refused(file.name(), variant, refused));
      } else {
        out.println("NOT ADMITTED: " + file.name() + " was not loaded");
        out.println("  " + hostRefusal);
        out.flush();
      }
      return ExitCodes.NOT_ADMITTED;
    }
    if (!json) {
      if (picked != null) {
        out.println(picked);
      }
      out.println("ADMITTED: " + file.name() + (bundle.variants().size() > 1 ? " (" + file.scheme().label() + " variant)" : ""));
      out.flush();
    }
    if (dryRun) {
      return dryRun(out, file.name(), admitted.get(), symbols, variant, verdictJson);
    }
    return LoadRun.run(file.name(), admitted.get(), new LoadRun.Settings(new LoadOptions(admission.keyring),
        Optional.ofNullable(pin), attach, json, variant, verdictJson), out);
  }

  private dev.bpfsign.verifier.Verifier verifier() throws BadInputException {
    try {
      return admission.verifier().signaturesCheckedByKernel(trustKeyring).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--trust-keyring with --keyring " + admission.keyring.name()
          + ": " + e.getMessage());
    }
  }

  private int dryRun(PrintWriter out, String name, AdmittedLoader admitted, VmlinuxSymbols symbols,
      LoadReport.Variant variant, LoadReport.Verdict verdictJson) throws BadInputException {
    Emulation e = DryRun.run(admitted, symbols);
    List<LoadReport.TraceEvent> trace = TraceView.of(e.trace());
    if (json) {
      Json.print(out, LoadReport.dryRun(name, variant, verdictJson, new LoadReport.DryRun(e.succeeded(), e.r0(), e.steps(), trace)));
    } else {
      out.println("dry run of " + name + " (emulated; nothing was loaded): " + Counts.of(trace.size(), "kernel call")
          + ", " + Counts.of(e.steps(), "instruction") + " run");
      trace.forEach(ev -> out.println(TraceView.line(ev)));
      out.println(e.succeeded() ? "the loader would succeed"
          : "the loader would fail with " + Errno.describe((int) -e.r0()));
      out.flush();
    }
    return e.succeeded() ? ExitCodes.OK : ExitCodes.KERNEL_REFUSED;
  }

  private static String line(Finding f) {
    return f.severity() + " " + f.code() + ": " + f.message();
  }
}
