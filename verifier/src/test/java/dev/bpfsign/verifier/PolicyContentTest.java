package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Content rules against the manifest of bpftool-signed goldens; expected names come from the
 * fixtures' C sources (maps_basic calls bpf_tail_call and has 8 maps, kfuncs_ksyms calls
 * bpf_task_acquire, trampolines has lsm/file_open and fentry/bpf_fentry_test1).
 */
class PolicyContentTest {
  static Verdict verify(String fixture, Policy.Builder policy) {
    return Verifier.builder().trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072))))
        .at(TestPki.NOW).policy(policy.build()).build().verify(Goldens.signed(fixture));
  }

  static void assertRefusedWith(Verdict v, FindingCode code) {
    assertThat(v.admitted()).as(v.toString()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(code);
  }

  @Test
  void verify_forbiddenHelperCalled_refused() {
    assertRefusedWith(verify("maps_basic", Policy.builder().forbiddenHelpers(List.of("bpf_tail_call"))),
        FindingCode.POLICY_HELPER_FORBIDDEN);
  }

  @Test
  void verify_forbiddenHelperWithoutPrefix_refusedToo() {
    assertRefusedWith(verify("maps_basic", Policy.builder().forbiddenHelpers(List.of("tail_call"))),
        FindingCode.POLICY_HELPER_FORBIDDEN);
  }

  @Test
  void verify_forbiddenHelperNotCalled_admitted() {
    Verdict v = verify("maps_basic", Policy.builder().forbiddenHelpers(
        List.of("bpf_probe_write_user", "bpf_override_return", "bpf_send_signal")));

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_forbiddenKfuncCalled_refused() {
    assertRefusedWith(verify("kfuncs_ksyms", Policy.builder().forbiddenKfuncs(List.of("bpf_task_acquire"))),
        FindingCode.POLICY_KFUNC_FORBIDDEN);
  }

  @Test
  void verify_programTypeNotAllowed_refused() {
    assertRefusedWith(verify("tailcalls", Policy.builder().programTypes(List.of("tracepoint"))), FindingCode.POLICY_PROGRAM_TYPE);
    assertThat(verify("tailcalls", Policy.builder().programTypes(List.of("xdp"))).admitted()).isTrue();
  }

  @Test
  void verify_attachTargetOutsideGlobs_refused() {
    assertRefusedWith(verify("trampolines", Policy.builder().attachTargets(List.of("bpf_*"))), FindingCode.POLICY_ATTACH_TARGET);
    assertThat(verify("trampolines", Policy.builder().attachTargets(List.of("bpf_*", "file_?pen"))).admitted()).isTrue();
  }

  @Test
  void verify_tooManyMapsOrPrograms_refused() {
    assertRefusedWith(verify("maps_basic", Policy.builder().maxMaps(7)), FindingCode.POLICY_TOO_MANY_MAPS);
    assertThat(verify("maps_basic", Policy.builder().maxMaps(8)).admitted()).isTrue();
    assertRefusedWith(verify("maps_basic", Policy.builder().maxPrograms(1)), FindingCode.POLICY_TOO_MANY_PROGRAMS);
  }

  @Test
  void verify_mapMemoryOverLimit_refused() {
    // counts: hash 1024 × (4 + 8) = 12288 bytes alone
    assertRefusedWith(verify("maps_basic", Policy.builder().maxMapMemory(12_288)), FindingCode.POLICY_MAP_MEMORY);
    assertThat(verify("maps_basic", Policy.builder().maxMapMemory(1L << 30)).admitted()).isTrue();
  }

  @Test
  void verify_licenseNotAllowed_refused() {
    assertRefusedWith(verify("maps_basic", Policy.builder().licenses(List.of("Dual BSD/GPL"))), FindingCode.POLICY_LICENSE);
    assertThat(verify("maps_basic", Policy.builder().licenses(List.of("GPL"))).admitted()).isTrue();
  }

  @Test
  void verify_contentViolationsInAuditMode_admittedWithAuditFindings() {
    Verdict v = verify("maps_basic", Policy.builder().mode(PolicyMode.AUDIT).forbiddenHelpers(List.of("bpf_tail_call"))
        .maxMaps(1).licenses(List.of("MIT")));

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.findings()).filteredOn(f -> f.code().isPolicy()).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.AUDIT));
  }

  @Test
  void verify_contentRulesWithUndecodableManifest_refusedAsUncheckable() {
    LoaderFile g = Goldens.signed("maps_basic");
    byte[] data = g.data().toArray();
    data[data.length - 1] ^= 1;
    LoaderFile tampered = new LoaderFile(g.name(), g.mode(), g.order(), g.insns(), dev.bpfsign.loader.Bytes.of(data), g.ctx(),
        g.signatures());
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072))))
        .at(TestPki.NOW).policy(Policy.builder().mode(PolicyMode.AUDIT).maxMaps(100).build()).build().verify(tampered);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.DATA_HASH_MISMATCH, FindingCode.MANIFEST_UNDECODABLE,
        FindingCode.POLICY_UNCHECKABLE);
  }
}
