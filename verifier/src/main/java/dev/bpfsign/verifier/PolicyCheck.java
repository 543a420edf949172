package dev.bpfsign.verifier;

import dev.bpfsign.loader.Counts;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Evaluates a policy's rules; in audit mode its findings are recorded, not refusing. */
final class PolicyCheck {
  private PolicyCheck() {}

  static Finding finding(Policy policy, FindingCode code, String message) {
    return new Finding(code, policy.mode() == PolicyMode.AUDIT ? Severity.AUDIT : code.severity(),
        (policy.mode() == PolicyMode.AUDIT ? "audit: " : "") + message);
  }

  /** Allowed signers and the n-of-m threshold, over the signers that verified and are trusted. */
  static void signers(Policy policy, List<SignerReport> signers, List<X509Certificate> certs, VerificationRun run) {
    if (policy.allowedSigners().isEmpty() && policy.threshold() == 1) {
      return;
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (int i = 0; i < signers.size(); i++) {
      SignerReport r = signers.get(i);
      X509Certificate c = certs.get(i);
      if (!r.counts() || c == null) {
        continue;
      }
      CertIds ids = r.certificate().orElseThrow();
      if (policy.allowedSigners().isEmpty()
          || policy.allowedSigners().stream().anyMatch(rule -> rule.matches(c, ids))) {
        allowed.add(ids.fingerprint());
      }
    }
    if (allowed.size() >= policy.threshold()) {
      return;
    }
    if (policy.threshold() == 1) {
      run.add(finding(policy, FindingCode.POLICY_SIGNER_NOT_ALLOWED,
          "no verified, trusted signer is on the policy's allowed-signer list"));
    } else {
      run.add(finding(policy, FindingCode.POLICY_THRESHOLD_NOT_MET, Counts.of(allowed.size(), "allowed signer")
          + " signed the loader; the policy requires " + policy.threshold()));
    }
  }

  /** Whether the policy has rules that need the manifest. */
  static boolean hasContentRules(Policy p) {
    return p.programTypes().isPresent() || p.attachTargets().isPresent() || !p.forbiddenHelpers().isEmpty()
        || !p.forbiddenKfuncs().isEmpty() || p.maxPrograms().isPresent() || p.maxMaps().isPresent()
        || p.maxMapMemory().isPresent() || p.licenses().isPresent();
  }

  /** Program types, attach targets, helpers, kfuncs, limits and licenses, against the manifest. */
  static void content(Policy policy, java.util.Optional<Manifest> manifest, VerificationRun run) {
    if (!hasContentRules(policy)) {
      return;
    }
    if (manifest.isEmpty()) {
      run.add(Finding.of(FindingCode.POLICY_UNCHECKABLE,
          "the policy has content rules, but the loader's manifest could not be decoded"));
      return;
    }
    Manifest m = manifest.get();
    for (ManifestProgram p : m.programs()) {
      String prog = "program " + (p.name() != null ? p.name() : p.kernelName());
      String type = p.typeName() != null ? p.typeName() : "type " + p.type();
      if (policy.programTypes().isPresent() && !policy.programTypes().get().contains(type)) {
        run.add(finding(policy, FindingCode.POLICY_PROGRAM_TYPE, prog + ": type " + type + " is not allowed"));
      }
      if (policy.attachTargets().isPresent() && p.attachTarget() != null
          && policy.attachTargets().get().stream().noneMatch(g -> Glob.matches(g, p.attachTarget()))) {
        run.add(finding(policy, FindingCode.POLICY_ATTACH_TARGET, prog + ": attach target " + p.attachTarget()
            + " matches no allowed target"));
      }
      for (String h : p.helpers()) {
        if (policy.forbiddenHelpers().stream().anyMatch(f -> sameHelper(f, h))) {
          run.add(finding(policy, FindingCode.POLICY_HELPER_FORBIDDEN, prog + ": calls forbidden helper " + h));
        }
      }
      for (String k : p.kfuncs()) {
        if (policy.forbiddenKfuncs().contains(k)) {
          run.add(finding(policy, FindingCode.POLICY_KFUNC_FORBIDDEN, prog + ": calls forbidden kfunc " + k));
        }
      }
      if (policy.licenses().isPresent() && !policy.licenses().get().contains(p.license())) {
        run.add(finding(policy, FindingCode.POLICY_LICENSE, prog + ": license '" + p.license() + "' is not allowed"));
      }
    }
    if (policy.maxPrograms().isPresent() && m.programs().size() > policy.maxPrograms().getAsInt()) {
      run.add(finding(policy, FindingCode.POLICY_TOO_MANY_PROGRAMS, Counts.of(m.programs().size(), "program")
          + ", at most " + policy.maxPrograms().getAsInt() + " allowed"));
    }
    List<ManifestMap> maps = m.maps().stream().filter(mp -> mp.name() != null).toList();
    if (policy.maxMaps().isPresent() && maps.size() > policy.maxMaps().getAsInt()) {
      run.add(finding(policy, FindingCode.POLICY_TOO_MANY_MAPS, Counts.of(maps.size(), "map") + ", at most "
          + policy.maxMaps().getAsInt() + " allowed"));
    }
    if (policy.maxMapMemory().isPresent()) {
      long total = mapMemory(m);
      if (total > policy.maxMapMemory().getAsLong()) {
        run.add(finding(policy, FindingCode.POLICY_MAP_MEMORY, "maps need " + total + " bytes (max_entries × (key + value)), at most "
            + policy.maxMapMemory().getAsLong() + " allowed"));
      }
    }
  }

  /** Σ max_entries × (key_size + value_size) over every map the loader creates. */
  static long mapMemory(Manifest m) {
    long total = 0;
    for (ManifestMap mp : m.maps()) {
      total += Integer.toUnsignedLong(mp.maxEntries()) * (Integer.toUnsignedLong(mp.keySize()) + Integer.toUnsignedLong(mp.valueSize()));
    }
    return total;
  }

  /** {@code bpf_probe_write_user} and {@code probe_write_user} name the same helper. */
  private static boolean sameHelper(String rule, String helper) {
    String a = rule.startsWith("bpf_") ? rule.substring(4) : rule;
    String b = helper.startsWith("bpf_") ? helper.substring(4) : helper;
    return a.equals(b);
  }
}
