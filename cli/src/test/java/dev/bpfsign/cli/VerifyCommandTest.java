package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code bpfsign verify} on a bpftool-signed golden: output, exit codes, JSON, bad input. */
class VerifyCommandTest {
  @TempDir Path dir;
  Path loader;

  record Run(int code, String out, String err) {
    String firstLine() {
      return out.lines().findFirst().orElse("");
    }
  }

  /** bpftool's signed light skeleton of a fixture, imported. */
  static LoaderFile golden(String fixture) {
    try {
      Path header = Fixtures.header(fixture, Fixtures.SIGNED);
      return dev.bpfsign.loader.skel.LightSkeletonReader.readLoader(Files.readAllBytes(header), header.toString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void writeLoader() throws Exception {
    loader = dir.resolve("loader.bin");
    Files.write(loader, LoaderFileFormat.write(golden(Fixtures.MAPS_BASIC)));
  }

  Run run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "verify";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    return new Run(r.code(), r.out(), r.err());
  }

  Path policy(String json) throws Exception {
    Path p = dir.resolve("policy.json");
    Files.writeString(p, json);
    return p;
  }

  static String signerFingerprint() {
    return Bytes.of(TestKeys.bytes("signer-rsa3072.cert.der")).sha256().hex();
  }

  @Test
  void verify_trustedSigner_printsVerifiedAndExits0() {
    Run r = run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString());

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.firstLine()).isEqualTo("VERIFIED");
    assertThat(r.out()).contains("INFO SIGNATURE_VERIFIED: signature 0 (6.18)");
  }

  @Test
  void verify_noTrust_printsNotVerifiedWithReasonsAndExits1() {
    Run r = run(loader.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(r.firstLine()).isEqualTo("NOT VERIFIED");
    assertThat(r.out().lines().skip(1)).anyMatch(l -> l.startsWith("ERROR SIGNER_UNKNOWN: "))
        .anyMatch(l -> l.startsWith("ERROR NO_TRUSTED_SIGNATURE: "));
  }

  @Test
  void verify_trustAsDerDirectoryAndPkcs12_allAdmit() throws Exception {
    Path trustDir = Files.createDirectory(dir.resolve("trust"));
    Files.write(trustDir.resolve("signer.der"), TestKeys.bytes("signer-rsa3072.cert.der"));

    assertThat(run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.der").toString()).code()).isZero();
    assertThat(run(loader.toString(), "--trust", trustDir.toString()).code()).isZero();
    assertThat(run(loader.toString(), "--trust", TestKeys.path(TestKeys.SIGNER_RSA3072_P12).toString(),
        "--trust-password-file", TestKeys.path(TestKeys.SIGNER_RSA3072_P12 + ".pass").toString()).code()).isZero();
  }

  @Test
  void verify_json_printsSchemaVerdictSignersAndKernelPrediction() {
    Run r = run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString(), "--json",
        "--keyring", "secondary");

    JsonNode j = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(j.get("schema").stringValue()).isEqualTo("bpfsign.verify/v2");
    assertThat(j.get("admitted").booleanValue()).isTrue();
    assertThat(j.get("loader").get("insns_sha256").stringValue())
        .isEqualTo(Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.EXCL_HASH)).hex());
    assertThat(j.get("signers").get(0).get("certificate").get("fingerprint").stringValue()).isEqualTo(signerFingerprint());
    assertThat(j.get("kernel").get(0).get("answer").stringValue()).isEqualTo("accept");
    assertThat(j.get("kernel").get(0).get("keyring").stringValue()).isEqualTo("secondary");
    assertThat(j.get("findings").get(0).get("code").stringValue()).isEqualTo("SIGNATURE_VERIFIED");
    assertThat(j.get("manifest").get("programs").size()).isEqualTo(2);
  }

  @Test
  void verify_policyAllowingAnotherSigner_refusesInEnforceAndAdmitsInAudit() throws Exception {
    String other = Bytes.of(TestKeys.bytes("signer-rsa4096.cert.der")).sha256().hex();
    String trust = TestKeys.path("signer-rsa3072.cert.pem").toString();
    Path enforce = policy("{\"schema\":\"bpfsign.policy/v2\",\"allowed_signers\":[{\"fingerprint\":\"" + other + "\"}]}");
    Run refused = run(loader.toString(), "--trust", trust, "--policy", enforce.toString());

    Path audit = policy("{\"schema\":\"bpfsign.policy/v2\",\"mode\":\"audit\",\"allowed_signers\":[{\"fingerprint\":\"" + other + "\"}]}");
    Run admitted = run(loader.toString(), "--trust", trust, "--policy", audit.toString());

    assertThat(refused.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(refused.out()).contains("ERROR POLICY_SIGNER_NOT_ALLOWED");
    assertThat(admitted.code()).isEqualTo(ExitCodes.OK);
    assertThat(admitted.out()).contains("AUDIT POLICY_SIGNER_NOT_ALLOWED");
  }

  @Test
  void verify_policyFieldOfWrongType_exits3NamingFieldAndType() throws Exception {
    Path p = policy("{\"schema\":\"bpfsign.policy/v2\",\"max_maps\":\"ten\"}");

    Run r = run(loader.toString(), "--policy", p.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo("bpfsign: " + p + ": field 'max_maps': expected an integer from 0 up, got string \"ten\"");
  }

  @Test
  void verify_policyWithUnknownField_exits3() throws Exception {
    Run r = run(loader.toString(), "--policy", policy("{\"schema\":\"bpfsign.policy/v2\",\"forbiden_helpers\":[]}").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown field 'forbiden_helpers'");
  }

  @Test
  void verify_garbageAndTruncatedLoaders_exit3WithOneLine() throws Exception {
    Path garbage = dir.resolve("garbage.bin");
    Files.write(garbage, "not a loader at all".getBytes());
    Path truncated = dir.resolve("truncated.bin");
    byte[] whole = Files.readAllBytes(loader);
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 100));

    Run g = run(garbage.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString());
    assertThat(g.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(g.err().lines()).hasSize(1);
    Run t = run(truncated.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString());
    assertThat(t.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(t.err().lines()).hasSize(1).first().asString().startsWith("bpfsign: " + truncated);
  }

  @Test
  void verify_missingLoaderOrTrust_exits3() {
    assertThat(run(dir.resolve("absent.bin").toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run(loader.toString(), "--trust", dir.resolve("absent.pem").toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void verify_badAtOrKeyring_isUsageError() {
    assertThat(run(loader.toString(), "--at", "yesterday").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run(loader.toString(), "--keyring", "nonsense").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void verify_atBeforeTheSignersValidity_refusesAsNotYetValid() {
    Run r = run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString(), "--at", "2025-06-01");

    assertThat(r.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(r.out()).contains("CERT_NOT_YET_VALID");
  }

  @Test
  void verify_signatureThatIsNotSignedData_exits3WithOneLineAndNotVerified() throws Exception {
    LoaderFile g = golden(Fixtures.MAPS_BASIC);
    dev.bpfsign.loader.file.SignatureBlock junk = new dev.bpfsign.loader.file.SignatureBlock(
        dev.bpfsign.loader.file.Scheme.LINUX_6_18, Bytes.fromHex("0403010203"), g.signatures().get(0).exclProgHash());
    Files.write(loader, LoaderFileFormat.write(g.withoutSignatures().withSignature(junk)));

    Run r = run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.firstLine()).isEqualTo("NOT VERIFIED");
    assertThat(r.err().lines()).singleElement().asString().startsWith("bpfsign: " + loader + ": signature 0 (6.18): not a");
  }

  @Test
  void verify_carriedCertificateThatDoesNotParse_exits3() throws Exception {
    LoaderFile g = golden(Fixtures.MAPS_BASIC);
    var b = g.signatures().get(0);
    var withJunkCert = new dev.bpfsign.loader.file.SignatureBlock(b.scheme(), b.cms(), b.exclProgHash(),
        java.util.List.of(Bytes.fromHex("300100")));
    Files.write(loader, LoaderFileFormat.write(g.withoutSignatures().withSignature(withJunkCert)));

    Run r = run(loader.toString(), "--trust", TestKeys.path("signer-rsa3072.cert.pem").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out()).contains("CERT_UNREADABLE");
  }
}
