package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import dev.bpfsign.loader.skel.LightSkeletonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our RSA signatures against bpftool 7.8's ({@code gen skeleton -L -S}, same key, same loader). */
class GoldenSignatureTest {
  static List<String> fixtures() {
    return Fixtures.names();
  }

  @Test
  void fixtures_exist() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void sign_rsa3072Scheme618_byteIdenticalToBpftool(String fixture) throws Exception {
    LoaderFile loader = Material.signableLoader(fixture);

    SignatureBlock block = Material.signer(TestKeys.SIGNER_RSA3072).sign(loader, Scheme.LINUX_6_18, fixture);

    assertThat(block.cms().hex()).isEqualTo(Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.SIG)).hex());
    assertThat(block.exclProgHash().hex())
        .isEqualTo(Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.EXCL_HASH)).hex());
    assertThat(block.scheme()).isEqualTo(Scheme.LINUX_6_18);
  }

  /** RSA signatures are deterministic: ours over insns ‖ data equal bpftool-7.3's byte for byte. */
  @ParameterizedTest
  @MethodSource("fixtures")
  void sign_rsa3072Scheme73_byteIdenticalToBpftool73(String fixture) throws Exception {
    LoaderFile loader = Material.signableLoader73(fixture);

    SignatureBlock block = Material.signer(TestKeys.SIGNER_RSA3072).sign(loader, Scheme.LINUX_7_3, fixture);

    assertThat(block.cms().hex()).isEqualTo(Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.SIG)).hex());
    assertThat(block.exclProgHash().hex())
        .isEqualTo(Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.EXCL_HASH)).hex());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void verify_importedBpftoolHeader_signatureVerifies(String fixture) throws Exception {
    Path header = Fixtures.header(fixture, Fixtures.SIGNED);
    LoaderFile imported = LightSkeletonReader.readLoader(Files.readAllBytes(header), header.toString());

    assertThat(imported.signatures()).hasSize(1);
    SignatureBlock block = imported.signatures().getFirst();
    KernelCmsVerifier.verify(block.cms().toArray(), imported.signedPayload(block.scheme()).toArray(),
        TestKeys.certificate(TestKeys.SIGNER_RSA3072), header.toString());
    assertThat(block.exclProgHash()).isEqualTo(imported.insns().sha256());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void verify_bpftoolSignature_accepted(String fixture) throws Exception {
    byte[] sig = Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.SIG);
    byte[] insns = Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS);

    KernelCmsVerifier.verify(sig, insns, TestKeys.certificate(TestKeys.SIGNER_RSA3072), fixture);
  }
}
