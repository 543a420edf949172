package dev.bpfsign.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSL, the library bpftool signs with, accepts our signatures:
 * {@code openssl cms -verify -binary -inform DER -in SIG -content PAYLOAD -certfile CERT -noverify}
 * (signature check without chain building), and with {@code -CAfile} for the self-signed signers.
 */
class OpensslInteropTest {
  private static final LoaderFile LOADER = Material.signableLoader(Fixtures.MAPS_BASIC);

  @TempDir Path dir;

  @BeforeAll
  static void needOpenssl() {
    ExternalTools.require(ExternalTools.onPath("openssl").isPresent(), "openssl is not installed");
  }

  private ExternalTools.Result opensslVerify(byte[] cms, byte[] payload, String signer, String... trust) throws Exception {
    Path sig = Files.write(dir.resolve("sig.p7s"), cms);
    Path content = Files.write(dir.resolve("payload.bin"), payload);
    Path cert = Files.write(dir.resolve("cert.pem"), TestKeys.bytes(signer + ".cert.pem"));
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "cms", "-verify", "-binary", "-inform", "DER",
        "-in", sig.toString(), "-content", content.toString(), "-certfile", cert.toString(),
        "-out", dir.resolve("out.bin").toString()));
    for (String t : trust) {
      cmd.add(t.equals("-CAfile") ? t : t.replace("CERT", cert.toString()));
    }
    return ExternalTools.run(cmd, dir, Map.of(), 60);
  }

  @ParameterizedTest
  @ValueSource(strings = {TestKeys.SIGNER_RSA2048, TestKeys.SIGNER_RSA3072, TestKeys.SIGNER_RSA4096,
      TestKeys.SIGNER_P256, TestKeys.SIGNER_P384})
  void opensslCmsVerify_ourScheme618Signature_succeeds(String signer) throws Exception {
    SignatureBlock block = Material.signer(signer).sign(LOADER, Scheme.LINUX_6_18, signer);

    ExternalTools.Result r = opensslVerify(block.cms().toArray(), LOADER.insns().toArray(), signer, "-noverify");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("Verification successful");
  }

  @Test
  void opensslCmsVerify_withSignerAsTrustAnchor_succeeds() throws Exception {
    SignatureBlock block = Material.signer(TestKeys.SIGNER_P256).sign(LOADER, Scheme.LINUX_6_18, "p256");

    ExternalTools.Result r = opensslVerify(block.cms().toArray(), LOADER.insns().toArray(), TestKeys.SIGNER_P256,
        "-CAfile", "CERT", "-purpose", "any");

    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void opensslCmsVerify_scheme2026OverInstructionsAndData_succeeds() throws Exception {
    SignatureBlock block = Material.signer(TestKeys.SIGNER_RSA3072).sign(LOADER, Scheme.LINUX_7_3, "2026");

    ExternalTools.Result r = opensslVerify(block.cms().toArray(), LOADER.signedPayload(Scheme.LINUX_7_3).toArray(),
        TestKeys.SIGNER_RSA3072, "-noverify");

    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void opensslCmsVerify_tamperedPayload_fails() throws Exception {
    SignatureBlock block = Material.signer(TestKeys.SIGNER_P256).sign(LOADER, Scheme.LINUX_6_18, "p256");
    byte[] insns = LOADER.insns().toArray();
    insns[42] ^= 1;

    ExternalTools.Result r = opensslVerify(block.cms().toArray(), insns, TestKeys.SIGNER_P256, "-noverify");

    assertThat(r.exitCode()).as(r.output()).isNotZero();
  }
}
