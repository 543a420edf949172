package dev.bpfsign.verifier;

import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.file.LoaderFile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one verification: every finding, the signers, the kernel prediction, and
 * whether the loader is admitted. Only the {@link Verifier} creates verdicts, and a verdict is
 * admitted only if a signature verified under a trusted signer and no finding refuses — so an
 * incomplete or failed check can never read as "admitted" (docs/verdict.md).
 */
public final class Verdict {
  private final boolean admitted;
  private final LoaderSummary loader;
  private final List<Finding> findings;
  private final List<SignerReport> signers;
  private final List<KernelPrediction> kernel;
  private final Optional<Manifest> manifest;
  private final Instant at;
  private final PolicyMode mode;
  private final boolean strict;
  private final AdmittedLoader admittedLoader;

  Verdict(LoaderFile verified, LoaderSummary loader, List<Finding> findings, List<SignerReport> signers,
      List<KernelPrediction> kernel, Optional<Manifest> manifest, Instant at, PolicyMode mode, boolean strict,
      boolean signatureLeftToKernel) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.findings = List.copyOf(findings);
    this.signers = List.copyOf(signers);
    this.kernel = List.copyOf(kernel);
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.at = Objects.requireNonNull(at, "at");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.strict = strict;
    // left to the kernel, no signer counts here: the run adds NO_TRUSTED_SIGNATURE (which refuses)
    // unless a signature the kernel can check is there, and the admitted loader carries the condition
    this.admitted = (signatureLeftToKernel || this.signers.stream().anyMatch(SignerReport::counts))
        && this.findings.stream().noneMatch(f -> f.severity().refuses(strict));
    this.admittedLoader = admitted
        ? new AdmittedLoader(Objects.requireNonNull(verified, "verified"), signatureLeftToKernel) : null;
  }

  /** Whether the loader may be loaded. */
  public boolean admitted() {
    return admitted;
  }

  /** The loader, for the runtime to load, if and only if it was admitted. */
  public Optional<AdmittedLoader> admittedLoader() {
    return Optional.ofNullable(admittedLoader);
  }

  public LoaderSummary loader() {
    return loader;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** The findings that refused admission (empty when admitted). */
  public List<Finding> refusals() {
    return findings.stream().filter(f -> f.severity().refuses(strict)).toList();
  }

  public boolean has(FindingCode code) {
    return findings.stream().anyMatch(f -> f.code() == code);
  }

  /**
   * Whether part of the loader could not be read at all (a CMS that is not SignedData, a carried
   * certificate that does not parse): the command line reports such a loader as bad input.
   */
  public boolean hasUnreadableInput() {
    return has(FindingCode.CMS_UNREADABLE) || has(FindingCode.CERT_UNREADABLE);
  }

  public List<SignerReport> signers() {
    return signers;
  }

  public List<KernelPrediction> kernel() {
    return kernel;
  }

  /**
   * What the loader will create, decoded by emulating it over its own blob; empty if it could
   * not be decoded (then a {@link FindingCode#MANIFEST_UNDECODABLE} finding says why).
   */
  public Optional<Manifest> manifest() {
    return manifest;
  }

  /** The time certificates were checked at. */
  public Instant at() {
    return at;
  }

  public PolicyMode mode() {
    return mode;
  }

  public boolean strict() {
    return strict;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(admitted ? "VERIFIED" : "NOT VERIFIED");
    findings.forEach(f -> sb.append('\n').append(f));
    return sb.toString();
  }
}
