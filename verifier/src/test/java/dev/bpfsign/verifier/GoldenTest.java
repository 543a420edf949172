package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bpftool-signed goldens are admitted with the signer's certificate trusted, refused without. */
class GoldenTest {
  static final Verifier TRUSTING_SIGNER = Verifier.builder()
      .trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072)))).at(TestPki.NOW).build();

  static List<String> fixtures() {
    return Fixtures.names();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void verify_bpftoolSignedGolden_admittedWithSignerTrusted(String fixture) {
    Verdict v = TRUSTING_SIGNER.verify(Goldens.signed(fixture));

    assertThat(v.admitted()).as(v.toString()).isTrue();
    assertThat(v.kernel()).extracting(KernelPrediction::answer).containsExactly("accept", "EACCES");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void verify_bpftoolSignedGolden_refusedWithOtherTrust(String fixture) {
    Verdict v = Verifier.builder().trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA4096))))
        .at(TestPki.NOW).build().verify(Goldens.signed(fixture));

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.SIGNER_UNKNOWN, FindingCode.NO_TRUSTED_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void verify_goldenWithDataByteChanged_refusedAsTamperedData(String fixture) {
    LoaderFile g = Goldens.signed(fixture);
    byte[] data = g.data().toArray();
    data[data.length / 2] ^= 1;
    LoaderFile tampered = new LoaderFile(g.name(), g.mode(), g.order(), g.insns(), dev.bpfsign.loader.Bytes.of(data),
        g.ctx(), g.signatures());

    Verdict v = TRUSTING_SIGNER.verify(tampered);

    assertThat(v.admitted()).isFalse();
    assertThat(VerifierTest.codes(v)).contains(FindingCode.DATA_HASH_MISMATCH);
  }
}
