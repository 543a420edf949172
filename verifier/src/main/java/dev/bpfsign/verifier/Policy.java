package dev.bpfsign.verifier;

import dev.bpfsign.loader.Counts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An admission policy (docs/policy.md; JSON schema {@code bpfsign.policy/v2}, read by the CLI).
 * An absent allow-list ({@code Optional.empty()}) means "no restriction"; a present empty list
 * allows nothing. Hex values (fingerprints, key ids, digests) are lower case.
 *
 * @param mode enforce refuses on a violation; audit records it and admits
 * @param allowedSigners the signers that count towards the threshold; empty: every trusted signer
 * @param threshold how many distinct allowed signers must have signed (n of m), at least 1
 * @param programTypes allowed program types (manifest names, e.g. {@code xdp}, {@code kprobe})
 * @param attachTargets allowed attach targets, as globs ({@code *} any run, {@code ?} one char)
 * @param forbiddenHelpers helper names no program may call (e.g. {@code bpf_probe_write_user})
 * @param forbiddenKfuncs kfunc names no program may call
 * @param maxPrograms at most this many programs
 * @param maxMaps at most this many maps
 * @param maxMapMemory at most this many bytes of map memory in total (key + value per entry)
 * @param licenses allowed program licenses (exact strings, e.g. {@code GPL})
 * @param requireCodeSigning signers must carry extended key usage codeSigning
 * @param deniedKeys revoked signers: subjectKeyIdentifier or certificate SHA-256 fingerprint (hex)
 * @param deniedLoaders revoked loaders: SHA-256 of the instructions or of instructions ‖ data (hex)
 * @param targetProfiles the loader must record one of these target profile SHA-256s (hex,
 *     docs/targets.md); absent: no restriction
 * @param kernelReleases a loader that embeds a kernel release (LINUX_KERNEL_VERSION) must embed
 *     one of these; absent: no restriction
 */
public record Policy(
    PolicyMode mode,
    List<SignerRule> allowedSigners,
    int threshold,
    Optional<List<String>> programTypes,
    Optional<List<String>> attachTargets,
    List<String> forbiddenHelpers,
    List<String> forbiddenKfuncs,
    OptionalInt maxPrograms,
    OptionalInt maxMaps,
    OptionalLong maxMapMemory,
    Optional<List<String>> licenses,
    boolean requireCodeSigning,
    List<String> deniedKeys,
    List<String> deniedLoaders,
    Optional<List<String>> targetProfiles,
    Optional<List<String>> kernelReleases) {

  public Policy {
    Objects.requireNonNull(mode, "mode");
    allowedSigners = List.copyOf(allowedSigners);
    programTypes = programTypes.map(List::copyOf);
    attachTargets = attachTargets.map(List::copyOf);
    forbiddenHelpers = List.copyOf(forbiddenHelpers);
    forbiddenKfuncs = List.copyOf(forbiddenKfuncs);
    licenses = licenses.map(List::copyOf);
    deniedKeys = deniedKeys.stream().map(h -> SignerRule.normaliseHex(h, -1)).toList();
    deniedLoaders = deniedLoaders.stream().map(h -> SignerRule.normaliseHex(h, 32)).toList();
    targetProfiles = targetProfiles.map(l -> l.stream().map(h -> SignerRule.normaliseHex(h, 32)).toList());
    kernelReleases = kernelReleases.map(List::copyOf);
    Objects.requireNonNull(maxPrograms, "maxPrograms");
    Objects.requireNonNull(maxMaps, "maxMaps");
    Objects.requireNonNull(maxMapMemory, "maxMapMemory");
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    if (!allowedSigners.isEmpty() && threshold > allowedSigners.size()) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " exceeds the number of allowed signers (" + allowedSigners.size() + ")");
    }
  }

  /** No rules beyond trust: any trusted signer, any content. */
  public static Policy permissive() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a policy; unset settings mean "no restriction". */
  public static final class Builder {
    private PolicyMode mode = PolicyMode.ENFORCE;
    private List<SignerRule> allowedSigners = List.of();
    private int threshold = 1;
    private Optional<List<String>> programTypes = Optional.empty();
    private Optional<List<String>> attachTargets = Optional.empty();
    private List<String> forbiddenHelpers = List.of();
    private List<String> forbiddenKfuncs = List.of();
    private OptionalInt maxPrograms = OptionalInt.empty();
    private OptionalInt maxMaps = OptionalInt.empty();
    private OptionalLong maxMapMemory = OptionalLong.empty();
    private Optional<List<String>> licenses = Optional.empty();
    private boolean requireCodeSigning;
    private List<String> deniedKeys = List.of();
    private List<String> deniedLoaders = List.of();
    private Optional<List<String>> targetProfiles = Optional.empty();
    private Optional<List<String>> kernelReleases = Optional.empty();

    private Builder() {}

    public Builder mode(PolicyMode v) { mode = v; return this; }
    public Builder allowedSigners(List<SignerRule> v) { allowedSigners = List.copyOf(v); return this; }
    public Builder threshold(int v) { threshold = v; return this; }
    public Builder programTypes(List<String> v) { programTypes = Optional.of(List.copyOf(v)); return this; }
    public Builder attachTargets(List<String> v) { attachTargets = Optional.of(List.copyOf(v)); return this; }
    public Builder forbiddenHelpers(List<String> v) { forbiddenHelpers = List.copyOf(v); return this; }
    public Builder forbiddenKfuncs(List<String> v) { forbiddenKfuncs = List.copyOf(v); return this; }
    public Builder maxPrograms(int v) { maxPrograms = OptionalInt.of(v); return this; }
    public Builder maxMaps(int v) { maxMaps = OptionalInt.of(v); return this; }
    public Builder maxMapMemory(long v) { maxMapMemory = OptionalLong.of(v); return this; }
    public Builder licenses(List<String> v) { licenses = Optional.of(List.copyOf(v)); return this; }
    public Builder requireCodeSigning(boolean v) { requireCodeSigning = v; return this; }
    public Builder deniedKeys(List<String> v) { deniedKeys = List.copyOf(v); return this; }
    public Builder deniedLoaders(List<String> v) { deniedLoaders = List.copyOf(v); return this; }
    public Builder targetProfiles(List<String> v) { targetProfiles = Optional.of(List.copyOf(v)); return this; }
    public Builder kernelReleases(List<String> v) { kernelReleases = Optional.of(List.copyOf(v)); return this; }

    public Policy build() {
      return new Policy(mode, allowedSigners, threshold, programTypes, attachTargets, forbiddenHelpers,
          forbiddenKfuncs, maxPrograms, maxMaps, maxMapMemory, licenses, requireCodeSigning, deniedKeys,
          deniedLoaders, targetProfiles, kernelReleases);
    }
  }
}
