package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.VerifyReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.FindingCode;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
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

  @Option(names = "--json", description = "Print the verdict as JSON (schema bpfsign.verify/v2).")
  boolean json;

  @Override
  public Integer call() throws BadInputException, IOException {
    Verifier.Builder b = admission.verifier();
    if (at != null) {
      b.at(at);
    }
    LoaderFile file = LoaderInput.read(loader, registry, spec.commandLine().getErr());
    Verdict verdict = b.build().verify(file);
    print(spec.commandLine().getOut(), verdict);
    if (verdict.hasUnreadableInput()) {
      Finding first = verdict.findings().stream()
          .filter(f -> f.code() == FindingCode.CMS_UNREADABLE || f.code() == FindingCode.CERT_UNREADABLE)
          .findFirst().orElseThrow();
      spec.commandLine().getErr().println("bpfsign: " + loader + ": " + first.message());
      spec.commandLine().getErr().flush();
      return ExitCodes.BAD_INPUT;
    }
    return verdict.admitted() ? ExitCodes.OK : ExitCodes.NOT_ADMITTED;
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
