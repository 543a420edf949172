package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.VerifyReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.cli.json.VerifyVariantsReport;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.verifier.KernelPrediction;
import dev.bpfsign.verifier.CertificateFiles;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.FindingCode;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bpfsign verify}: the admission check, as a command (docs/verdict.md, docs/policy.md). */
@Command(name = "verify", header = "Check a loader before a host runs it: signers, hash chain, content, policy.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Check a signed loader: signatures over the loader's own bytes, the signers' certificates,",
      "the data hash chain, and the policy. Prints VERIFIED or NOT VERIFIED, then one line per finding."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:admitted",
      "1:not admitted; the findings say why",
      "2:usage error",
      "3:bad input (unreadable loader, certificate, CRL or policy)",
      "70:internal error",
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOADER", description = "The loader file (loader.bin), or oci://REF (pin by digest: oci://REF@sha256:…).")
  String loader;

  @picocli.CommandLine.Mixin RegistryOptions registry;

  @Mixin AdmissionOptions admission = new AdmissionOptions();

  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Check certificates at this time (2026-11-01 or 2026-11-01T12:00:00Z); default now.")
  Instant at;

  @Option(names = "--json", description = "Print the verdict as JSON (schema bpfsign.verify/v2; bpfsign.verify-variants/v1"
      + " for a file with several variants).")
  boolean json;

  @Option(names = "--scheme", paramLabel = SchemeOption.LABEL,
      description = "Check only this variant (default: every variant the file holds, each must be admitted).")
  List<String> schemeArgs = new ArrayList<>();

  @Option(names = "--require-scheme", paramLabel = SchemeOption.LABEL, split = ",",
      description = "Admit only a file that has this variant (repeatable, or comma-separated: --require-scheme 6.18,7.3"
          + " admits only an artefact for a mixed fleet).")
  List<String> requireSchemes = new ArrayList<>();

  @Override
  public Integer call() throws BadInputException, IOException {
    String scheme = SchemeOption.one(spec, schemeArgs);
    Verifier.Builder b = admission.verifier();
    if (at != null) {
      b.at(at);
    }
    List<Scheme> required = requireSchemes.isEmpty() ? List.of() : SchemeOption.parseAll(spec, "--require-scheme", requireSchemes);
    Scheme only = scheme == null ? null : SchemeOption.parse(spec, scheme);
    LoaderBundle file = LoaderInput.readBundle(loader, registry, spec.commandLine().getErr());
    List<LoaderFile> checked = only == null ? file.variants() : List.of(SchemeOption.variant(file, only, loader.toString()));
    Verifier verifier = b.build();
    List<Verdict> verdicts = new ArrayList<>();
    for (LoaderFile variant : checked) {
      verdicts.add(verifier.verify(variant));
    }
    List<String> missing = required.stream().filter(s -> file.variant(s).isEmpty()).map(Scheme::label).toList();
    if (verdicts.size() == 1 && required.isEmpty()) {
      print(spec.commandLine().getOut(), verdicts.getFirst());
    } else {
      printVariants(spec.commandLine().getOut(), checked, verdicts, missing);
    }
    for (Verdict verdict : verdicts) {
      if (verdict.hasUnreadableInput()) {
        Finding first = verdict.findings().stream()
            .filter(f -> f.code() == FindingCode.CMS_UNREADABLE || f.code() == FindingCode.CERT_UNREADABLE)
            .findFirst().orElseThrow();
        spec.commandLine().getErr().println("bpfsign: " + loader + ": " + first.message());
        spec.commandLine().getErr().flush();
        return ExitCodes.BAD_INPUT;
      }
    }
    boolean admitted = missing.isEmpty() && verdicts.stream().allMatch(Verdict::admitted);
    return admitted ? ExitCodes.OK : ExitCodes.NOT_ADMITTED;
  }

  /** Per variant, then per kernel generation: which variant that kernel gets and whether it is admitted. */
  private void printVariants(PrintWriter out, List<LoaderFile> variants, List<Verdict> verdicts, List<String> missing) {
    boolean admitted = missing.isEmpty() && verdicts.stream().allMatch(Verdict::admitted);
    List<VerifyVariantsReport.Generation> generations = new ArrayList<>();
    for (Scheme generation : Scheme.values()) {
      int i = variants.stream().map(LoaderFile::scheme).toList().indexOf(generation);
      if (i < 0) {
        generations.add(new VerifyVariantsReport.Generation(generation.label(), generation.kernels(), null, false, null));
        continue;
      }
      Verdict v = verdicts.get(i);
      List<String> answers = v.kernel().stream().filter(k -> k.kernel().equals(generation.label()))
          .map(KernelPrediction::answer).toList();
      String answer = answers.contains("accept") ? "accept" : answers.stream().findFirst().orElse(null);
      generations.add(new VerifyVariantsReport.Generation(generation.label(), generation.kernels(),
          generation.label(), v.admitted(), answer));
    }
    if (json) {
      List<VerifyReport> reports = new ArrayList<>();
      for (Verdict v : verdicts) {
        reports.add(VerifyReport.of(loader.toString(), v, v.manifest().orElse(null)));
      }
      Json.print(out, new VerifyVariantsReport(VerifyVariantsReport.SCHEMA, loader.toString(), admitted, generations,
          missing.isEmpty() ? null : missing, reports));
      return;
    }
    for (int i = 0; i < variants.size(); i++) {
      Verdict v = verdicts.get(i);
      out.println(variants.get(i).scheme().label() + " variant (" + variants.get(i).scheme().kernels() + "): "
          + (v.admitted() ? "VERIFIED" : "NOT VERIFIED"));
      for (Finding f : v.findings()) {
        out.println("  " + f.severity() + " " + f.code() + ": " + f.message());
      }
    }
    for (VerifyVariantsReport.Generation g : generations) {
      out.println(g.kernels() + ": " + (g.variant() == null ? "no variant in this file"
          : (g.admitted() ? "admitted" : "NOT admitted") + ", the " + g.variant() + " variant"
              + (g.kernelAnswer() == null ? "" : " (kernel prediction: " + g.kernelAnswer() + ")")));
    }
    for (String m : missing) {
      out.println("required " + m + " variant is missing");
    }
    out.println(admitted ? "VERIFIED" : "NOT VERIFIED");
    out.flush();
  }

  private void print(PrintWriter out, Verdict verdict) {
    if (json) {
      Json.print(out, VerifyReport.of(loader.toString(), verdict, verdict.manifest().orElse(null)));
      return;
    }
    out.println(verdict.admitted() ? "VERIFIED" : "NOT VERIFIED");
    for (Finding f : verdict.findings()) {
      out.println(f.severity() + " " + f.code() + ": " + f.message());
    }
    out.flush();
  }

  /** An instant, or a date meaning its midnight UTC. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a time (2026-11-01 or 2026-11-01T12:00:00Z)");
      }
    }
  }
}
