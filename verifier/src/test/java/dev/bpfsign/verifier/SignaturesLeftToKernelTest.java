package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code load --trust-keyring}: the signature is left to the kernel's keyring, everything else
 * is checked as usual, and the admission says the kernel must check the signature.
 */
class SignaturesLeftToKernelTest {
  static final LoaderFile SIGNED = VerifierTest.SIGNED;

  static Verifier leftToKernel() {
    return Verifier.builder().keyring(Keyring.BUILTIN).signaturesCheckedByKernel(true).build();
  }

  @Test
  void signedLoader_admittedOnConditionThatTheKernelChecksTheSignature() {
    Verdict v = leftToKernel().verify(SIGNED);

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.has(FindingCode.SIGNATURE_LEFT_TO_KERNEL)).isTrue();
    assertThat(v.has(FindingCode.SIGNATURE_VERIFIED)).isFalse();
    assertThat(v.admittedLoader().orElseThrow().signatureLeftToKernel()).isTrue();
    assertThat(v.kernel()).as("no prediction: the keyring's keys are not known here").isEmpty();
  }

  @Test
  void ordinaryVerification_admitsWithoutCondition() {
    Verdict v = VerifierTest.trusting(VerifierTest.SIGNER).verify(SIGNED);

    assertThat(v.admittedLoader().orElseThrow().signatureLeftToKernel()).isFalse();
  }

  @Test
  void unsignedLoader_refused() {
    Verdict v = leftToKernel().verify(SIGNED.withoutSignatures());

    assertThat(v.admitted()).isFalse();
    assertThat(v.has(FindingCode.UNSIGNED)).isTrue();
  }

  @Test
  void onlyASignatureOfAnotherScheme_refused() {
    SignatureBlock other = new SignatureBlock(Scheme.LINUX_7_3, SIGNED.signatures().get(0).cms(),
        SIGNED.signatures().get(0).exclProgHash());
    Verdict v = leftToKernel().verify(SIGNED.withSignatures(List.of(other)));

    assertThat(v.admitted()).isFalse();
    assertThat(v.has(FindingCode.NO_TRUSTED_SIGNATURE)).isTrue();
  }

  @Test
  void malformedCms_refused() {
    SignatureBlock junk = new SignatureBlock(Scheme.LINUX_6_18, Bytes.of(new byte[] {0x30, 0x03, 1, 2, 3}),
        SIGNED.signatures().get(0).exclProgHash());
    Verdict v = leftToKernel().verify(SIGNED.withSignatures(List.of(junk)));

    assertThat(v.admitted()).isFalse();
  }

  @Test
  void tamperedData_stillRefusedByTheHashChain() {
    byte[] d = SIGNED.data().toArray();
    d[d.length / 2] ^= 1;
    Verdict v = leftToKernel().verify(new LoaderFile(SIGNED.name(), SIGNED.mode(), SIGNED.order(), SIGNED.insns(),
        Bytes.of(d), SIGNED.ctx(), SIGNED.signatures()));

    assertThat(v.admitted()).isFalse();
    assertThat(v.has(FindingCode.DATA_HASH_MISMATCH)).isTrue();
  }

  @Test
  void policyNamingSigners_cannotBeMetAndRefuses() {
    Policy policy = Policy.builder()
        .allowedSigners(List.of(new SignerRule(SignerRule.Kind.FINGERPRINT, "00".repeat(32)))).build();
    Verdict v = Verifier.builder().keyring(Keyring.BUILTIN).signaturesCheckedByKernel(true).policy(policy).build()
        .verify(SIGNED);

    assertThat(v.admitted()).as("signers are unknown when the kernel checks the signature").isFalse();
  }

  @Test
  void policyDenyingKeysOrRequiringCodeSigning_cannotBeCheckedAndRefuses() {
    for (Policy policy : List.of(Policy.builder().deniedKeys(List.of("00".repeat(32))).build(),
        Policy.builder().requireCodeSigning(true).build())) {
      Verdict v = Verifier.builder().keyring(Keyring.BUILTIN).signaturesCheckedByKernel(true).policy(policy).build()
          .verify(SIGNED);
      assertThat(v.admitted()).as(v.toString()).isFalse();
      assertThat(v.has(FindingCode.POLICY_SIGNER_NOT_ALLOWED)).isTrue();
    }
  }

  @Test
  void trustTogetherWithKernelChecks_refusedAtBuild() {
    assertThatThrownBy(() -> Verifier.builder().trust(TrustStore.of(List.of(VerifierTest.SIGNER)))
        .keyring(Keyring.BUILTIN).signaturesCheckedByKernel(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
  }

  @Test
  void userWritableKeyring_refusedAtBuild() {
    for (Keyring k : List.of(Keyring.SESSION, Keyring.USER, Keyring.PROCESS, Keyring.THREAD)) {
      assertThatThrownBy(() -> Verifier.builder().keyring(k).signaturesCheckedByKernel(true).build())
          .as(k.name()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("any process");
    }
    Verifier.builder().keyring(Keyring.parse("123456")).signaturesCheckedByKernel(true).build();
  }

  /**
   * What an attacker who changes an instruction does too: rewrite the unsigned excl_prog_hash.
   * Some such changes keep the loader's shape and manifest, so only the kernel's check of the
   * signature stops them; this finds one and keeps it for the kernel test (kernel-tests).
   */
  @Test
  void aChangedInstructionWithItsExclHashRewritten_canOnlyBeCaughtByTheKernel() {
    int admittedFlips = 0;
    for (int i = 4; i < SIGNED.insns().length(); i += 8) {
      LoaderFile t = TamperedLoaders.changedInstruction(SIGNED, i);
      if (leftToKernel().verify(t).admitted()) {
        admittedFlips++;
      }
      assertThat(VerifierTest.trusting(VerifierTest.SIGNER).verify(t).admitted()).as("byte " + i).isFalse();
    }
    assertThat(admittedFlips).as("instruction changes only the signature catches").isPositive();
    assertThat(leftToKernel().verify(TamperedLoaders.changedInstruction(SIGNED,
        TamperedLoaders.firstByteOnlyTheSignatureCatches(SIGNED))).admitted()).isTrue();
  }
}
