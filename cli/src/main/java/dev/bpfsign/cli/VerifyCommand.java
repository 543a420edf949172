package dev.bpfsign.cli;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.cli.json.PolicyJson;
import dev.bpfsign.cli.json.VerifyReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.verifier.CertificateFiles;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.FindingCode;
import dev.bpfsign.verifier.Keyring;
import dev.bpfsign.verifier.Policy;
import dev.bpfsign.verifier.TrustStore;
import dev.bpfsign.verifier.Verdict;
import dev.bpfsign.verifier.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
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

  @Option(names = "--trust", paramLabel = "PATH", arity = "1", split = ",",
      description = "Trusted certificates: PEM files or bundles, DER files, directories, PKCS#12 stores. Repeatable, or comma-separated.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--trust-password-file", paramLabel = "FILE", description = "Password of the PKCS#12 trust stores.")
  Path trustPasswordFile;

  @Option(names = "--cert", paramLabel = "PATH", arity = "1", split = ",",
      description = "Untrusted certificates (signer, intermediates) that help build a chain to the trust. Repeatable, or comma-separated.")
  List<Path> certs = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "PATH", arity = "1", split = ",", description = "CRL files (PEM or DER). Repeatable, or comma-separated.")
  List<Path> crls = new ArrayList<>();

  @Option(names = "--policy", paramLabel = "POLICY.json", description = "Admission policy (schema bpfsign.policy/v2, docs/policy.md).")
  Path policy;

  @Option(names = "--at", paramLabel = "TIME", converter = InstantConverter.class,
      description = "Check certificates at this time (2026-11-01 or 2026-11-01T12:00:00Z); default now.")
  Instant at;

  @Option(names = "--strict", description = "Warnings refuse admission too.")
  boolean strict;

  @Option(names = "--keyring", paramLabel = "KEYRING", converter = KeyringConverter.class,
      description = "Keyring of the kernel prediction: builtin, secondary, platform, session, user, bpf, or a serial (default session).")
  Keyring keyring = Keyring.SESSION;

  @Option(names = "--json", description = "Print the verdict as JSON (schema bpfsign.verify/v2).")
  boolean json;

  @Override
  public Integer call() throws BadInputException, IOException {
    Optional<char[]> password = readPassword();
    Verifier.Builder b = Verifier.builder()
        .trust(TrustStore.load(trust, password))
        .policy(policy == null ? Policy.permissive() : PolicyJson.read(policy))
        .strict(strict)
        .keyring(keyring);
    if (!certs.isEmpty()) {
      b.intermediates(CertificateFiles.readCertificates(certs, password));
    }
    if (!crls.isEmpty()) {
      b.crls(CertificateFiles.readCrls(crls));
    }
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

  private Optional<char[]> readPassword() throws BadInputException {
    if (trustPasswordFile == null) {
      return Optional.empty();
    }
    try {
      String p = Files.readString(trustPasswordFile, StandardCharsets.UTF_8);
      return Optional.of(p.stripTrailing().toCharArray());
    } catch (IOException e) {
      throw new BadInputException(trustPasswordFile + ": cannot read password file: " + e.getMessage(), e);
    }
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

  static final class KeyringConverter implements ITypeConverter<Keyring> {
    @Override
    public Keyring convert(String value) {
      try {
        return Keyring.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
