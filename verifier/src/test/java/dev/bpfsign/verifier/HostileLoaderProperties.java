package dev.bpfsign.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.TestKeys;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.IntRange;

/**
 * A bpftool-signed loader file with one byte changed anywhere either fails to parse, or is
 * refused, or is admitted only if what was signed — instructions, data, signature blocks — is
 * unchanged (the object and ctx names are not signed). Verification never throws.
 */
class HostileLoaderProperties {
  static final LoaderFile GOLDEN = Goldens.signed("kconfig");
  static final byte[] FILE = LoaderFileFormat.write(GOLDEN);
  static final Verifier VERIFIER = Verifier.builder()
      .trust(TrustStore.of(List.of(TestKeys.certificate(TestKeys.SIGNER_RSA3072)))).at(TestPki.NOW).build();

  @Property(tries = 400)
  void verify_oneByteChanged_admittedOnlyIfSignedContentUnchanged(
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position, @ForAll @ByteRange(min = 1) byte xor) {
    byte[] mutated = FILE.clone();
    mutated[position % mutated.length] ^= xor;
    LoaderFile parsed;
    try {
      parsed = LoaderFileFormat.read(mutated, "mutated");
    } catch (BadInputException e) {
      return; // rejected as bad input: exit 3, never admitted
    }
    Verdict v = VERIFIER.verify(parsed);

    if (v.admitted()) {
      assertThat(parsed.insns()).isEqualTo(GOLDEN.insns());
      assertThat(parsed.data()).isEqualTo(GOLDEN.data());
      assertThat(parsed.signatures()).isEqualTo(GOLDEN.signatures());
      assertThat(v.admittedLoader().orElseThrow().loader()).isSameAs(parsed);
    }
    assertThat(v.findings()).noneMatch(f -> f.code() == FindingCode.INTERNAL_ERROR);
  }
}
