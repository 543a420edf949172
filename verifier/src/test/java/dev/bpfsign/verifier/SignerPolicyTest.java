package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allowed signers, n-of-m thresholds over co-signed loaders, audit versus enforce. */
class SignerPolicyTest {
  static final KeyPair BUILD_KEY = TestPki.key("rsa3072:signer");
  static final KeyPair REVIEW_KEY = TestPki.key("ec:review");
  static final KeyPair OTHER_KEY = TestPki.key("ec:third");
  static final X509Certificate BUILD = TestPki.cert("CN=build system,O=bpfsign test", BUILD_KEY).build();
  static final X509Certificate REVIEW = TestPki.cert("CN=security review,O=bpfsign test", REVIEW_KEY).build();
  static final X509Certificate OTHER = TestPki.cert("CN=third,O=bpfsign test", OTHER_KEY).build();
  static final LoaderFile LOADER = VerifierTest.LOADER;
  static final LoaderFile BY_BUILD = TestCms.signed(LOADER, Scheme.LINUX_6_18, BUILD_KEY.getPrivate(), BUILD);
  static final LoaderFile CO_SIGNED = TestCms.signed(BY_BUILD, Scheme.LINUX_6_18, REVIEW_KEY.getPrivate(), REVIEW);

  static final List<SignerRule> ALL_THREE = List.of(
      SignerRule.fingerprint(CertIds.of(BUILD).fingerprint()),
      SignerRule.skid(CertIds.of(REVIEW).skid().orElseThrow().toUpperCase()),
      SignerRule.subject(OTHER.getSubjectX500Principal().getName()));

  static Verdict verify(Policy policy, LoaderFile loader) {
    return Verifier.builder().trust(TrustStore.of(List.of(BUILD, REVIEW, OTHER))).policy(policy).at(TestPki.NOW).build()
        .verify(loader);
  }

  @Test
  void verify_twoOfThreeCoSigned_admitted() {
    Verdict v = verify(Policy.builder().allowedSigners(ALL_THREE).threshold(2).build(), CO_SIGNED);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.signers()).hasSize(2).allSatisfy(s -> assertThat(s.counts()).isTrue());
  }

  @Test
  void verify_twoOfThreeWithOneSignature_refusedWithThresholdNotMet() {
    Verdict v = verify(Policy.builder().allowedSigners(ALL_THREE).threshold(2).build(), BY_BUILD);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.POLICY_THRESHOLD_NOT_MET);
  }

  @Test
  void verify_sameSignerTwice_countsOnce() {
    LoaderFile twice = TestCms.signed(BY_BUILD, Scheme.LINUX_6_18, BUILD_KEY.getPrivate(), BUILD);
    Verdict v = verify(Policy.builder().allowedSigners(ALL_THREE).threshold(2).build(), twice);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.POLICY_THRESHOLD_NOT_MET);
  }

  @Test
  void verify_trustedSignerNotOnAllowList_refusedWithSignerNotAllowed() {
    Verdict v = verify(Policy.builder().allowedSigners(List.of(ALL_THREE.get(2))).build(), BY_BUILD);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.POLICY_SIGNER_NOT_ALLOWED);
  }

  @Test
  void verify_allowListBySubject_admitted() {
    Verdict v = verify(Policy.builder().allowedSigners(List.of(SignerRule.subject(
        BUILD.getSubjectX500Principal().getName()))).build(), BY_BUILD);

    assertThat(v.admitted()).as(v.toString()).isTrue();
  }

  @Test
  void verify_auditMode_admitsAndRecordsWhatEnforceWouldRefuse() {
    Verdict v = verify(Policy.builder().mode(PolicyMode.AUDIT).allowedSigners(ALL_THREE).threshold(2).build(), BY_BUILD);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.findings()).filteredOn(f -> f.code() == FindingCode.POLICY_THRESHOLD_NOT_MET)
        .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.AUDIT));
  }

  @Test
  void verify_auditMode_stillRefusesUntrustedSigners() {
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(OTHER))).at(TestPki.NOW)
        .policy(Policy.builder().mode(PolicyMode.AUDIT).build()).build().verify(BY_BUILD);

    assertThat(v.admitted()).isFalse();
  }

  @Test
  void policy_thresholdAboveSignerCount_isRejected() {
    assertThatThrownBy(() -> Policy.builder().allowedSigners(ALL_THREE).threshold(4).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold 4");
  }
}
