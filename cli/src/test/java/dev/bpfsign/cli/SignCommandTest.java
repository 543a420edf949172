package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.signer.KernelCmsVerifier;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class SignCommandTest {
  @TempDir Path dir;

  private static final byte[] GOLDEN_SIG = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.SIG);

  private Path loader(String name, Mode mode) throws Exception {
    String part = mode == Mode.SIGNABLE ? Fixtures.SIGNED : Fixtures.PLAIN;
    LoaderFile loader = new LoaderFile(Fixtures.MAPS_BASIC, mode, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, part, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, part, Fixtures.DATA)),
        new CtxLayout(List.of("counts"), List.of("count_getpid")), List.of());
    return Files.write(dir.resolve(name), LoaderFileFormat.write(loader));
  }

  private static List<String> key(String name) {
    return List.of("--key", TestKeys.path(name + ".key.pem").toString(), "--cert",
        TestKeys.path(name + ".cert.pem").toString());
  }

  private static Cli.Result sign(List<String> keyArgs, String... rest) {
    List<String> all = new java.util.ArrayList<>(List.of("sign"));
    all.addAll(List.of(rest));
    all.addAll(keyArgs);
    return Cli.run(all.toArray(String[]::new));
  }

  private static LoaderFile read(Path p) throws Exception {
    return LoaderFileFormat.read(Files.readAllBytes(p), p.toString());
  }

  @Test
  void sign_inPlace_appendsBlockByteIdenticalToBpftool() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), file.toString());

    assertThat(run.code()).as(run.err()).isZero();
    LoaderFile signed = read(file);
    assertThat(signed.signatures()).hasSize(1);
    assertThat(signed.signatures().getFirst().cms().toArray()).isEqualTo(GOLDEN_SIG);
    assertThat(signed.signatures().getFirst().exclProgHash().toArray())
        .isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.EXCL_HASH));
    assertThat(run.out()).contains("signed " + file).contains("scheme 6.18").contains("RSA-3072");
    try (var listing = Files.list(dir)) {
      // the loader and the lock file co-signers take turns with (docs/cli.md)
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.bin", ".a.bin.lock");
    }
  }

  @Test
  void sign_secondSigner_addsSecondBlockInCanonicalOrderAndKeepsFirstByteForByte() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);
    int unsigned = (int) Files.size(file);
    assertThat(sign(key(TestKeys.SIGNER_RSA3072), file.toString()).code()).isZero();
    byte[] afterFirst = Files.readAllBytes(file);
    byte[] firstBlock = Arrays.copyOfRange(afterFirst, unsigned, afterFirst.length);

    Cli.Result second = sign(key(TestKeys.SIGNER_P256), file.toString());

    assertThat(second.code()).as(second.err()).isZero();
    byte[] afterSecond = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(afterSecond, unsigned)).isEqualTo(Arrays.copyOf(afterFirst, unsigned));
    // the P-256 CMS (30 81 …) sorts before the RSA one (30 82 …): the first block now comes last, unchanged
    assertThat(Arrays.copyOfRange(afterSecond, afterSecond.length - firstBlock.length, afterSecond.length))
        .isEqualTo(firstBlock);
    LoaderFile both = read(file);
    assertThat(both.signatures()).hasSize(2);
    KernelCmsVerifier.verify(both.signatures().get(0).cms().toArray(), both.insns().toArray(),
        TestKeys.certificate(TestKeys.SIGNER_P256), "second");
    KernelCmsVerifier.verify(both.signatures().get(1).cms().toArray(), both.insns().toArray(),
        TestKeys.certificate(TestKeys.SIGNER_RSA3072), "first");
  }

  @Test
  void sign_sameSignerTwice_leavesFileUnchanged() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);
    sign(key(TestKeys.SIGNER_P256), file.toString());
    byte[] once = Files.readAllBytes(file);

    Cli.Result again = sign(key(TestKeys.SIGNER_P256), file.toString());

    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already signed by this signer");
    assertThat(Files.readAllBytes(file)).isEqualTo(once);
  }

  @Test
  void sign_batchJson_oneEntryPerLoaderWithHashes() throws Exception {
    Path a = loader("a.bin", Mode.SIGNABLE);
    Path b = loader("b.bin", Mode.SIGNABLE);

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), "--json", a.toString(), b.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.get("schema").asString()).isEqualTo("bpfsign.sign/v1");
    assertThat(report.get("entries")).hasSize(2);
    JsonNode first = report.get("entries").get(0);
    assertThat(first.get("path").asString()).isEqualTo(a.toString());
    assertThat(first.get("signer").asString()).contains("signer rsa3072");
    assertThat(first.get("insns_sha256").asString())
        .isEqualTo(Bytes.of(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS)).sha256().hex());
    assertThat(first.get("signature_sha256").asString()).isEqualTo(Bytes.of(GOLDEN_SIG).sha256().hex());
    assertThat(report.get("entries").get(1).get("path").asString()).isEqualTo(b.toString());
    assertThat(read(b).signatures()).hasSize(1);
  }

  @Test
  void sign_output_writesSignedCopyAndLeavesInputUntouched() throws Exception {
    Path in = loader("a.bin", Mode.SIGNABLE);
    byte[] before = Files.readAllBytes(in);
    Path out = dir.resolve("signed.bin");

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), in.toString(), "-o", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(in)).isEqualTo(before);
    assertThat(read(out).signatures().getFirst().cms().toArray()).isEqualTo(GOLDEN_SIG);
  }

  @Test
  void sign_detached_writesCmsOnly() throws Exception {
    Path in = loader("a.bin", Mode.SIGNABLE);
    byte[] before = Files.readAllBytes(in);
    Path p7s = dir.resolve("a.p7s");

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), in.toString(), "--detached", p7s.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(p7s)).isEqualTo(GOLDEN_SIG);
    assertThat(Files.readAllBytes(in)).isEqualTo(before);
  }

  @Test
  void sign_scheme2026OnA618OnlyFile_exits3AndChangesNothing() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);
    byte[] before = Files.readAllBytes(file);

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), "--scheme", "2026", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).isEqualTo("bpfsign: " + file + ": has no 7.3 variant (it holds 6.18)\n");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void sign_dualFileWithScheme73_signsOnlyThatVariantOverInstructionsAndData() throws Exception {
    Path out = dir.resolve("dual.bin");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.MAPS_BASIC).toString(), "-o", out.toString(),
        "--name", Fixtures.MAPS_BASIC).code()).isZero();

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), "--scheme", "7.3", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    LoaderBundle file = LoaderFileFormat.readBundle(Files.readAllBytes(out), out.toString());
    assertThat(file.variant(Scheme.LINUX_6_18).orElseThrow().signatures()).isEmpty();
    LoaderFile v73 = file.variant(Scheme.LINUX_7_3).orElseThrow();
    KernelCmsVerifier.verify(v73.signatures().getFirst().cms().toArray(),
        v73.insns().concat(v73.data()).toArray(), TestKeys.certificate(TestKeys.SIGNER_RSA3072), "7.3");
    assertThat(v73.signatures().getFirst().cms().toArray())
        .isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.SIG));
  }

  @Test
  void sign_pkcs12WithPasswordFile_signsLikeBpftool() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);
    Path p12 = TestKeys.path(TestKeys.SIGNER_RSA3072_P12);

    Cli.Result run = sign(List.of("--keystore", p12.toString(), "--alias", TestKeys.P12_ALIAS,
        "--store-pass", "file:" + TestKeys.path(TestKeys.SIGNER_RSA3072_P12 + ".pass")), file.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(read(file).signatures().getFirst().cms().toArray()).isEqualTo(GOLDEN_SIG);
  }

  @Test
  void sign_expiredCertificate_warnsOnStderrAndSigns() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);

    Cli.Result run = sign(key(TestKeys.BAD_EXPIRED), file.toString());

    assertThat(run.code()).isZero();
    assertThat(run.err()).contains("bpfsign: warning: the certificate expired on 2021-01-01T00:00:00Z");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mismatched key      | bad-mismatch.key.pem              | bad-mismatch.cert.pem   | the private key does not belong to the certificate",
      "wrong key password  | signer-rsa3072.encrypted.key.pem  | signer-rsa3072.cert.pem | encrypted; give its password",
      "missing key         | no-such.key.pem                   | signer-rsa3072.cert.pem | cannot read private key: no such file",
      "certificate as key  | signer-rsa3072.cert.pem           | signer-rsa3072.cert.pem | holds a certificate, not a private key",
      "key as certificate  | signer-rsa3072.key.pem            | signer-rsa3072.key.pem  | not an X.509 certificate",
      "ed25519 key         | signer-ed25519.key.pem            | signer-ed25519.cert.pem | the kernel does not verify Ed25519",
  })
  void sign_badKeyMaterial_exit3OneLineFileUntouched(String why, String keyFile, String certFile, String message)
      throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);
    byte[] before = Files.readAllBytes(file);
    Path keyPath = keyFile.startsWith("no-such") ? dir.resolve(keyFile) : TestKeys.path(keyFile);

    Cli.Result run = Cli.run("sign", file.toString(), "--key", keyPath.toString(), "--cert",
        TestKeys.path(certFile).toString());

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void sign_plainLoader_exit3SuggestingGenWithoutPlain() throws Exception {
    Path file = loader("plain.bin", Mode.PLAIN);
    byte[] before = Files.readAllBytes(file);

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("plain loader cannot be signed").contains("'bpfsign gen' without --plain");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void sign_batchWithCorruptSecond_exit3AndNeitherFileChanged() throws Exception {
    Path good = loader("good.bin", Mode.SIGNABLE);
    byte[] goodBefore = Files.readAllBytes(good);
    byte[] corrupt = Arrays.copyOf(goodBefore, goodBefore.length - 100);
    Path bad = Files.write(dir.resolve("bad.bin"), corrupt);

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), good.toString(), bad.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("bpfsign: " + bad + ": offset");
    assertThat(Files.readAllBytes(good)).isEqualTo(goodBefore);
    assertThat(Files.readAllBytes(bad)).isEqualTo(corrupt);
  }

  @Test
  void sign_passwordOnCommandLine_refused() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);

    Cli.Result run = Cli.run("sign", file.toString(), "--key",
        TestKeys.path(TestKeys.SIGNER_RSA3072_ENCRYPTED).toString(), "--cert",
        TestKeys.path("signer-rsa3072.cert.pem").toString(), "--key-pass", "bpfsign-test-pkcs8");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("'--key-pass': expected env:VARIABLE or file:PATH").doesNotContain("bpfsign-test-pkcs8");
  }

  @Test
  void sign_noKeySource_usageError() throws Exception {
    Path file = loader("a.bin", Mode.SIGNABLE);

    Cli.Result run = Cli.run("sign", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("give exactly one key source");
  }

  @Test
  void sign_objectWithoutOutput_usageErrorObjectUntouched() throws Exception {
    Path object = Files.write(dir.resolve("x.bpf.o"), Fixtures.object(Fixtures.MAPS_BASIC));

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), object.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is a BPF object: give -o OUT");
    assertThat(Files.readAllBytes(object)).isEqualTo(Fixtures.object(Fixtures.MAPS_BASIC));
  }

  @Test
  void sign_objectWithOutput_generatesSignableAndSignsLikeBpftool() throws Exception {
    Path object = Files.write(dir.resolve("maps_basic.bpf.o"), Fixtures.object(Fixtures.MAPS_BASIC));
    Path out = dir.resolve("maps_basic.loader.bin");

    Cli.Result run = sign(key(TestKeys.SIGNER_RSA3072), object.toString(), "-o", out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    LoaderBundle file = LoaderFileFormat.readBundle(Files.readAllBytes(out), out.toString());
    LoaderFile signed = file.variant(Scheme.LINUX_6_18).orElseThrow();
    assertThat(signed.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(signed.insns().toArray()).isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS));
    assertThat(signed.signatures().getFirst().cms().toArray()).isEqualTo(GOLDEN_SIG);
    // one call signs both variants, each with its own scheme: the 7.3 signature is bpftool-7.3's
    LoaderFile signed73 = file.variant(Scheme.LINUX_7_3).orElseThrow();
    assertThat(signed73.signatures()).singleElement().satisfies(b -> {
      assertThat(b.scheme()).isEqualTo(Scheme.LINUX_7_3);
      assertThat(b.cms().toArray()).isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.SIG));
    });
    assertThat(Files.readAllBytes(object)).isEqualTo(Fixtures.object(Fixtures.MAPS_BASIC));
  }
}
