package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code bpfsign diff} over bpftool goldens. */
class DiffCommandTest {
  @TempDir Path dir;

  Path loader(String fixture) throws Exception {
    Path p = dir.resolve(fixture + ".bin");
    Files.write(p, LoaderFileFormat.write(VerifyCommandTest.golden(fixture)));
    return p;
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "diff";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    return new Run(r.code(), r.out(), r.err());
  }

  @Test
  void diff_sameLoader_noChangesExit0() throws Exception {
    Path a = loader(Fixtures.MAPS_BASIC);

    Run r = run(a.toString(), a.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("no changes");
  }

  @Test
  void diff_differentLoaders_listsChangesExit1() throws Exception {
    Run r = run(loader(Fixtures.TAILCALLS).toString(), loader(Fixtures.MAPS_BASIC).toString());

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("+ program count_getpid: program.added").contains("  program entry: program.removed");
  }

  @Test
  void diff_json_hasSchemaAndChanges() throws Exception {
    Run r = run(loader(Fixtures.TAILCALLS).toString(), loader(Fixtures.MAPS_BASIC).toString(), "--json");

    JsonNode j = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(j.get("schema").stringValue()).isEqualTo("bpfsign.diff/v2");
    assertThat(j.get("changes").size()).isPositive();
    assertThat(j.get("widening").intValue()).isPositive();
  }

  @Test
  void diff_garbageFile_exit3() throws Exception {
    Path g = dir.resolve("g.bin");
    Files.writeString(g, "garbage");

    assertThat(run(g.toString(), loader(Fixtures.MAPS_BASIC).toString()).code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  private Path signedCopy(Path loader, String signer, String name) {
    Path out = dir.resolve(name);
    Cli.Result r = Cli.run("sign", loader.toString(), "-o", out.toString(), "--key",
        TestKeys.path(signer + ".key.pem").toString(), "--cert", TestKeys.path(signer + ".cert.pem").toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  @Test
  void diff_loaderAndItsSignedCopy_reportsTheAddedSignatureAndSigner() throws Exception {
    Path a = loader(Fixtures.MAPS_BASIC);
    Path b = signedCopy(a, TestKeys.SIGNER_P256, "b.bin");

    Run r = run(a.toString(), b.toString());
    java.util.List<dev.bpfsign.loader.file.SignatureBlock> before = readSignatures(a);

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out().lines().toList()).containsExactly("1 change, 0 widening",
        "  signature 6.18 by skid " + skid(TestKeys.SIGNER_P256) + ": signature.added cms sha256 "
            // the block b has and a has not (blocks are in canonical order, not in signing order)
            + readSignatures(b).stream().filter(s -> !before.contains(s)).findFirst().orElseThrow().cms().sha256().hex());
  }

  private static java.util.List<dev.bpfsign.loader.file.SignatureBlock> readSignatures(Path p) throws Exception {
    return LoaderFileFormat.read(Files.readAllBytes(p), p.toString()).signatures();
  }

  @Test
  void diff_otherSigner_reportsOneSignatureRemovedAndOneAdded() throws Exception {
    Path base = loader(Fixtures.MAPS_BASIC);
    Path a = signedCopy(base, TestKeys.SIGNER_P256, "a.bin");
    Path b = signedCopy(base, TestKeys.SIGNER_RSA4096, "b.bin");

    Run r = run(a.toString(), b.toString(), "--json");

    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode changes = dev.bpfsign.cli.json.Json.mapper().readTree(r.out()).get("changes");
    assertThat(changes.valueStream().map(c -> c.get("kind").stringValue() + " " + c.get("subject").stringValue()))
        .containsExactly("signature.added signature 6.18 by skid " + skid(TestKeys.SIGNER_RSA4096),
            "signature.removed signature 6.18 by skid " + skid(TestKeys.SIGNER_P256));
  }

  @Test
  void diff_plainAndSignableOfOneObject_reportModeAndBytesNotOnlyTheManifest() throws Exception {
    Path plain = dir.resolve("plain.bin");
    Path signable = dir.resolve("signable.bin");
    String object = Fixtures.objectPath(Fixtures.MAPS_BASIC).toString();
    assertThat(Cli.run("gen", object, "-o", plain.toString(), "--plain").code()).isZero();
    assertThat(Cli.run("gen", object, "-o", signable.toString()).code()).isZero();

    Run r = run(plain.toString(), signable.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("  loader: loader.mode plain -> signable").contains("  loader: loader.insns sha256 ");
  }

  @Test
  void diff_sameObjectForATargetOfTheOtherByteOrder_reportsTheByteOrder() throws Exception {
    Path bigEndianObject = JsonSchemas.schemaDir().resolve(
        "../../loader-core/src/test/resources/dev/bpfsign/loader/obj/objects/bigendian/maps_basic.bpfeb.o").normalize();
    Path le = dir.resolve("le.bin");
    Path be = dir.resolve("be.bin");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "--name", "maps_basic", "-o",
        le.toString()).code()).isZero();
    assertThat(Cli.run("gen", bigEndianObject.toString(), "--name", "maps_basic", "-o", be.toString()).code()).isZero();

    Run r = run(le.toString(), be.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("  loader: loader.byte_order little-endian -> big-endian")
        .doesNotContain("loader.name");
  }

  @Test
  void diff_aVariantOnlyTheNewFileHas_isReported() throws Exception {
    String object = Fixtures.objectPath(Fixtures.MAPS_BASIC).toString();
    Path one = dir.resolve("one.bin");
    Path both = dir.resolve("both.bin");
    assertThat(Cli.run("gen", object, "-o", one.toString(), "--scheme", "6.18").code()).isZero();
    assertThat(Cli.run("gen", object, "-o", both.toString()).code()).isZero();

    Run r = run(one.toString(), both.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("1 change, 0 widening\n  variant 7.3: variant.added insns sha256 ");
  }

  /** The signer's subjectKeyIdentifier as the JDK reads it from the certificate. */
  private static String skid(String signer) throws Exception {
    var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(TestKeys.bytes(signer + ".cert.der")));
    byte[] ext = cert.getExtensionValue("2.5.29.14");
    return java.util.HexFormat.of().formatHex(java.util.Arrays.copyOfRange(ext, 4, ext.length));
  }
}
