package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.target.LoaderTarget;
import dev.bpfsign.testdata.TestKeys;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The policy's target rules and the record's consistency with the signed content, on bpftool's
 * signed goldens given a target record (the record is outside the signed bytes, so the
 * signatures still verify): kconfig was generated for 6.18.44, maps_basic has a perf event array
 * of 8 entries, kfuncs_ksyms references the typeless ksym bpf_prog_put.
 */
class TargetRulesTest {
  private static final Bytes PROFILE = Bytes.of(new byte[] {1}).sha256();
  private static final Bytes OTHER = Bytes.of(new byte[] {2}).sha256();
  private static final int V6_18_44 = 6 << 16 | 18 << 8 | 44;

  private static Verdict verify(LoaderFile loader, Policy.Builder policy) {
    return Verifier.builder().trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072))))
        .at(TestPki.NOW).policy(policy.build()).build().verify(loader);
  }

  private static LoaderTarget target(Bytes profile, String release, Integer version, Integer cpus, Map<String, Long> ksyms) {
    return new LoaderTarget(profile == null ? LoaderTarget.Origin.OPTIONS : LoaderTarget.Origin.PROFILE, profile, release,
        version, cpus, new TreeMap<>(), new TreeMap<>(ksyms));
  }

  private static LoaderFile kconfig(LoaderTarget t) {
    return Goldens.signed("kconfig").withTarget(t);
  }

  @Test
  void targetProfiles_admitOnlyAListedProfile() {
    Policy.Builder policy = Policy.builder().targetProfiles(List.of(PROFILE.hex().toUpperCase()));
    assertThat(verify(kconfig(target(PROFILE, "6.18.44", V6_18_44, null, Map.of())), policy).admitted()).isTrue();

    Verdict other = verify(kconfig(target(OTHER, "6.18.44", V6_18_44, null, Map.of())), policy);
    PolicyContentTest.assertRefusedWith(other, FindingCode.POLICY_TARGET_PROFILE);
    assertThat(other.findings().toString()).contains(OTHER.hex()).contains("not in the policy's target_profiles");

    Verdict none = verify(Goldens.signed("kconfig"), policy);
    PolicyContentTest.assertRefusedWith(none, FindingCode.POLICY_TARGET_PROFILE);
    assertThat(none.findings().toString()).contains("records no target profile");
    PolicyContentTest.assertRefusedWith(verify(kconfig(target(null, null, V6_18_44, null, Map.of())), policy),
        FindingCode.POLICY_TARGET_PROFILE);
  }

  @Test
  void kernelReleases_refuseAnotherEmbeddedRelease_andMatchABareVersionByItsNumbers() {
    Policy.Builder policy = Policy.builder().kernelReleases(List.of("6.18.44-fc-v669", "7.2.0"));
    assertThat(verify(kconfig(target(PROFILE, "6.18.44-fc-v669", V6_18_44, null, Map.of())), policy).admitted()).isTrue();
    Verdict other = verify(kconfig(target(PROFILE, "6.18.44-other", V6_18_44, null, Map.of())), policy);
    PolicyContentTest.assertRefusedWith(other, FindingCode.POLICY_KERNEL_RELEASE);
    assertThat(other.findings().toString()).contains("embeds kernel release 6.18.44-other");
    // --kernel-version gave the number only: it must be the number of an allowed release
    assertThat(verify(kconfig(target(null, null, V6_18_44, null, Map.of())), policy).admitted()).isTrue();
    PolicyContentTest.assertRefusedWith(verify(kconfig(target(null, null, 6 << 16 | 12 << 8, null, Map.of())), policy),
        FindingCode.POLICY_KERNEL_RELEASE);
    // a loader that embeds no release depends on none
    assertThat(verify(Goldens.signed("maps_basic"), policy).admitted()).isTrue();
  }

  @Test
  void auditMode_recordsTheTargetRuleAndAdmits() {
    Verdict v = verify(kconfig(target(OTHER, "6.18.44", V6_18_44, null, Map.of())),
        Policy.builder().mode(PolicyMode.AUDIT).targetProfiles(List.of(PROFILE.hex())));
    assertThat(v.admitted()).isTrue();
    assertThat(v.findings()).anyMatch(f -> f.code() == FindingCode.POLICY_TARGET_PROFILE && f.severity() == Severity.AUDIT);
  }

  @Test
  void recordedCpuCount_mustSizeAPerfEventArrayTheLoaderCreates() {
    assertThat(verify(Goldens.signed("maps_basic").withTarget(target(PROFILE, null, null, 8, Map.of())), Policy.builder())
        .admitted()).isTrue();
    Verdict v = verify(Goldens.signed("maps_basic").withTarget(target(PROFILE, null, null, 4, Map.of())), Policy.builder());
    PolicyContentTest.assertRefusedWith(v, FindingCode.TARGET_RECORD_MISMATCH);
    assertThat(v.findings().toString()).contains("says 4 possible CPUs");
  }

  @Test
  void recordedKsym_mustBeOneTheProgramsReference() {
    LoaderFile ksyms = Goldens.signed("kfuncs_ksyms");
    assertThat(verify(ksyms.withTarget(target(null, null, null, null, Map.of("bpf_prog_put", 0xffffffff814e61b0L))),
        Policy.builder()).admitted()).isTrue();
    Verdict v = verify(ksyms.withTarget(target(null, null, null, null, Map.of("not_referenced", 1L))), Policy.builder());
    PolicyContentTest.assertRefusedWith(v, FindingCode.TARGET_RECORD_MISMATCH);
    assertThat(v.findings().toString()).contains("ksym 'not_referenced', which no program of the loader references");
  }

  private static LoaderTarget kconfigTarget(int version, Map<String, String> kconfig) {
    return new LoaderTarget(LoaderTarget.Origin.PROFILE, PROFILE, null, version, null, new TreeMap<>(kconfig), new TreeMap<>());
  }

  @Test
  void recordedKernelVersionAndKconfig_mustBeWhatTheSignedBlobHolds() {
    // what the reference host gave the golden (docs/testdata.md)
    Map<String, String> reference = Map.of("CONFIG_HZ", "250", "CONFIG_BPF_SYSCALL", "y", "CONFIG_NET_CLS_BPF", "y",
        "CONFIG_DEFAULT_HOSTNAME", "\"(none)\"");
    assertThat(verify(kconfig(kconfigTarget(V6_18_44, reference)), Policy.builder()).admitted()).isTrue();

    Verdict version = verify(kconfig(kconfigTarget(7 << 16 | 2 << 8, reference)), Policy.builder());
    PolicyContentTest.assertRefusedWith(version, FindingCode.TARGET_RECORD_MISMATCH);
    assertThat(version.findings().toString()).contains("the record says LINUX_KERNEL_VERSION 7.2.0, the signed data holds 6.18.44");

    for (Map.Entry<String, String> wrong : Map.of("CONFIG_HZ", "1000", "CONFIG_BPF_SYSCALL", "n", "CONFIG_NET_CLS_BPF", "m",
        "CONFIG_DEFAULT_HOSTNAME", "\"(nonf)\"").entrySet()) {
      Map<String, String> changed = new TreeMap<>(reference);
      changed.put(wrong.getKey(), wrong.getValue());
      Verdict v = verify(kconfig(kconfigTarget(V6_18_44, changed)), Policy.builder());
      PolicyContentTest.assertRefusedWith(v, FindingCode.TARGET_RECORD_MISMATCH);
      assertThat(v.findings().toString()).as(wrong.getKey()).contains("the record says " + wrong.getKey() + "=");
    }
    Verdict absent = verify(kconfig(kconfigTarget(V6_18_44, Map.of("CONFIG_NOT_IN_THE_OBJECT", "y"))), Policy.builder());
    assertThat(absent.findings().toString()).contains("CONFIG_NOT_IN_THE_OBJECT, which the loader's .kconfig map does not have");
    Verdict noKconfig = verify(Goldens.signed("maps_basic").withTarget(kconfigTarget(V6_18_44, Map.of())), Policy.builder());
    assertThat(noKconfig.findings().toString()).contains("the loader writes no .kconfig map");
  }
}
