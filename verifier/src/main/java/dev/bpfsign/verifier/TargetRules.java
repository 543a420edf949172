package dev.bpfsign.verifier;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.emu.Emulator;
import dev.bpfsign.loader.emu.KconfigImage;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.target.LoaderTarget;
import dev.bpfsign.loader.target.RecordedKconfig;
import dev.bpfsign.loader.target.TargetProfile;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loader file's target record (docs/targets.md) against the policy's {@code
 * target_profiles} and {@code kernel_releases}, and against the signed content. The record
 * itself is not signed (the signatures cover instructions and data blob only), so what it
 * claims is checked against what the loader does with those bytes wherever they hold it.
 */
final class TargetRules {
  private static final String PERF_EVENT_ARRAY = "perf_event_array";

  private TargetRules() {}

  /** {@code target_profiles}: a recorded profile SHA-256 from the list; {@code kernel_releases}: an embedded release from the list. */
  static void policy(Policy policy, LoaderTarget target, VerificationRun run) {
    if (policy.targetProfiles().isPresent()) {
      String sha = target == null || target.profileSha256() == null ? null : target.profileSha256().hex();
      if (sha == null) {
        run.add(PolicyCheck.finding(policy, FindingCode.POLICY_TARGET_PROFILE, "the loader records no target profile;"
            + " the policy requires one of " + policy.targetProfiles().get().size() + " (target_profiles)"));
      } else if (!policy.targetProfiles().get().contains(sha)) {
        run.add(PolicyCheck.finding(policy, FindingCode.POLICY_TARGET_PROFILE, "the loader was generated for target"
            + " profile " + sha + ", which is not in the policy's target_profiles"));
      }
    }
    if (policy.kernelReleases().isPresent() && target != null) {
      if (target.kernelRelease() != null) {
        if (!policy.kernelReleases().get().contains(target.kernelRelease())) {
          run.add(PolicyCheck.finding(policy, FindingCode.POLICY_KERNEL_RELEASE, "the loader embeds kernel release "
              + target.kernelRelease() + ", which is not in the policy's kernel_releases"));
        }
      } else if (target.linuxKernelVersion() != null && !versionAllowed(policy, target.linuxKernelVersion())) {
        run.add(PolicyCheck.finding(policy, FindingCode.POLICY_KERNEL_RELEASE, "the loader embeds LINUX_KERNEL_VERSION "
            + target.linuxKernelVersionText() + " (no release recorded), which no release in the policy's"
            + " kernel_releases gives"));
      }
    }
  }

  private static boolean versionAllowed(Policy policy, int version) {
    for (String release : policy.kernelReleases().get()) {
      try {
        if (Objects.equals(TargetProfile.versionOfRelease(release), version)) {
          return true;
        }
      } catch (BadInputException e) {
        // a release whose numbers are out of range gives no version: it allows none
      }
    }
    return false;
  }

  /**
   * What the record says against the signed content: a recorded CPU count must be the size of a
   * perf event array the loader creates, a recorded ksym one the programs reference (both from
   * the manifest), and the kernel version and Kconfig values must be what the loader writes into
   * its {@code .kconfig} map (from an emulation of the loader over its blob). Ksym addresses sit
   * in program instructions the loader overwrites when it runs, so they are not cross-checked.
   */
  static void consistency(LoaderFile loader, Optional<Manifest> manifest, VerificationRun run) {
    LoaderTarget target = loader.target();
    if (target == null || manifest.isEmpty()) {
      return;
    }
    Manifest m = manifest.get();
    if (target.possibleCpus() != null && m.maps().stream().noneMatch(mp -> isPerfArrayOf(mp, target.possibleCpus()))) {
      run.add(Finding.of(FindingCode.TARGET_RECORD_MISMATCH, "the target record says " + target.possibleCpus()
          + " possible CPUs sized a perf event array, but the loader creates no perf event array of that size"));
    }
    Set<String> ksyms = new TreeSet<>();
    for (ManifestProgram p : m.programs()) {
      ksyms.addAll(p.ksyms());
    }
    for (String name : target.kallsyms().keySet()) {
      if (!ksyms.contains(name)) {
        run.add(Finding.of(FindingCode.TARGET_RECORD_MISMATCH, "the target record gives an address for ksym "
            + dev.bpfsign.loader.Printable.quote(name) + ", which no program of the loader references"));
      }
    }
    if (target.linuxKernelVersion() != null || !target.kconfig().isEmpty()) {
      kconfig(loader, target, run);
    }
  }

  private static void kconfig(LoaderFile loader, LoaderTarget target, VerificationRun run) {
    Optional<KconfigImage> image;
    try {
      image = KconfigImage.of(Emulator.run(loader));
    } catch (BadInputException e) {
      return; // the manifest was decoded from the same emulation: not reached
    }
    if (image.isEmpty()) {
      run.add(Finding.of(FindingCode.TARGET_RECORD_MISMATCH, "the target record gives a kernel version or Kconfig"
          + " values, but the loader writes no .kconfig map"));
      return;
    }
    for (String c : RecordedKconfig.contradictions(target, image.get(), loader.order())) {
      run.add(Finding.of(FindingCode.TARGET_RECORD_MISMATCH, c));
    }
  }

  private static boolean isPerfArrayOf(ManifestMap mp, int cpus) {
    return PERF_EVENT_ARRAY.equals(mp.typeName()) && mp.maxEntries() == cpus;
  }
}
