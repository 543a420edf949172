package dev.bpfsign.cli.json;

import dev.bpfsign.verifier.CertIds;
import dev.bpfsign.verifier.Finding;
import dev.bpfsign.verifier.KernelPrediction;
import dev.bpfsign.verifier.SignerReport;
import dev.bpfsign.verifier.Verdict;
import java.util.List;

/**
 * {@code bpfsign verify --json}: the verdict as JSON, schema {@code bpfsign.verify/v2}
 * (docs/verdict.md, docs/schemas/verify.v2.schema.json). Field order is the record order;
 * absent values are left out. v2 renamed v1's camelCase fields to snake_case.
 */
public record VerifyReport(
    String schema,
    boolean admitted,
    String at,
    String policyMode,
    boolean strict,
    LoaderDto loader,
    List<FindingDto> findings,
    List<SignerDto> signers,
    List<KernelDto> kernel,
    Object manifest) implements Document {
  public static final String SCHEMA = "bpfsign.verify/v2";

  /** {@code target}: the loader file's target record (docs/targets.md), left out when it has none. */
  public record LoaderDto(String path, String name, String mode, int instructions, int dataSize, String insnsSha256,
      String dataSha256, TargetReport target) {}

  public record FindingDto(String code, String severity, String message) {}

  public record CertificateDto(String fingerprint, String skid, String subject) {}

  public record SignerDto(int signature, String scheme, String signerId, CertificateDto certificate,
      boolean signatureValid, boolean trusted, List<String> chain) {}

  public record KernelDto(int signature, String scheme, String kernel, String keyring, String answer, int errno,
      String reason) {}

  /** The report of a verdict; {@code manifest} is the decoded manifest (plain records), or null. */
  public static VerifyReport of(String path, Verdict v, Object manifest) {
    var l = v.loader();
    return new VerifyReport(SCHEMA, v.admitted(), v.at().toString(), v.mode().name().toLowerCase(java.util.Locale.ROOT),
        v.strict(),
        new LoaderDto(path, l.name(), l.mode(), l.instructions(), l.dataSize(), l.insnsSha256(), l.dataSha256(),
            TargetReport.of(l.target())),
        v.findings().stream().map(VerifyReport::finding).toList(),
        v.signers().stream().map(VerifyReport::signer).toList(),
        v.kernel().stream().map(VerifyReport::kernel).toList(),
        manifest);
  }

  private static FindingDto finding(Finding f) {
    return new FindingDto(f.code().name(), f.severity().name(), f.message());
  }

  private static SignerDto signer(SignerReport s) {
    CertificateDto cert = s.certificate().map(VerifyReport::cert).orElse(null);
    return new SignerDto(s.signature(), s.scheme(), s.signerId(), cert, s.signatureValid(), s.trusted(), s.chain());
  }

  private static CertificateDto cert(CertIds ids) {
    return new CertificateDto(ids.fingerprint(), ids.skid().orElse(null), ids.subject());
  }

  private static KernelDto kernel(KernelPrediction k) {
    return new KernelDto(k.signature(), k.scheme(), k.kernel(), k.keyring(), k.answer(), k.errno(), k.reason());
  }
}
