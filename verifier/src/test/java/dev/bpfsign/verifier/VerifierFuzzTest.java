package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.FuzzSeeds;
import dev.bpfsign.testdata.TestKeys;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verification of hostile loader files (everything {@code verify} reads: the file, the CMS of
 * every signature block, the certificates inside it, the loader's instructions and data): it
 * never throws, never fails internally, and admits a file only if what was signed —
 * instructions, data, signature blocks — is bpftool's signed golden unchanged (object and ctx
 * names are not signed). Seeds: bpftool-signed goldens as loader files.
 */
class VerifierFuzzTest {
  static final LoaderFile GOLDEN = Goldens.signed("kconfig");
  static final Verifier VERIFIER = Verifier.builder()
      .trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072)))).at(TestPki.NOW).build();

  static Stream<Arguments> verify() {
    return FuzzSeeds.create()
        .add("kconfig.signed", LoaderFileFormat.write(GOLDEN))
        .add("maps_basic.signed", LoaderFileFormat.write(Goldens.signed("maps_basic")))
        .arguments(400, 9);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void verify(byte[] file) {
    LoaderFile parsed;
    try {
      parsed = LoaderFileFormat.read(file, "f");
    } catch (BadInputException e) {
      return; // exit 3, never admitted; the reader has its own fuzz test
    }
    Verdict v = VERIFIER.verify(parsed);
    if (v.admitted()) {
      LoaderFile golden = parsed.insns().equals(GOLDEN.insns()) ? GOLDEN : Goldens.signed("maps_basic");
      assertThat(parsed.insns()).isEqualTo(golden.insns());
      assertThat(parsed.data()).isEqualTo(golden.data());
      assertThat(parsed.signatures()).isEqualTo(golden.signatures());
      assertThat(v.admittedLoader().orElseThrow().loader()).isSameAs(parsed);
    }
    assertThat(v.findings()).noneMatch(f -> f.code() == FindingCode.INTERNAL_ERROR);
  }
}
