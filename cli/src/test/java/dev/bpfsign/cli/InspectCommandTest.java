package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.cli.json.Json;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class InspectCommandTest {
  @TempDir Path dir;

  private Path imported(String fixture, String mode) {
    Path loader = dir.resolve(fixture + "." + mode + ".bin");
    Cli.Result r = Cli.run("import", Fixtures.header(fixture, mode).toString(), "-o", loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return loader;
  }

  private static JsonNode json(Path loader, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "inspect";
    args[1] = "--json";
    System.arraycopy(more, 0, args, 2, more.length);
    args[args.length - 1] = loader.toString();
    Cli.Result r = Cli.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** The certificate's subjectKeyIdentifier, read by the JDK (OCTET STRING in OCTET STRING). */
  private static String skid(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.14");
    return HexFormat.of().formatHex(Arrays.copyOfRange(ext, 4, ext.length));
  }

  @Test
  void inspectJson_signedGolden_reportsHashesSizesAndSigner() throws Exception {
    JsonNode j = json(imported(Fixtures.GLOBAL_DATA, Fixtures.SIGNED));
    byte[] insns = Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.SIGNED, Fixtures.INSNS);
    byte[] data = Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.SIGNED, Fixtures.DATA);
    byte[] sig = Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.SIGNED, Fixtures.SIG);
    assertThat(j.get("schema").asString()).isEqualTo("bpfsign.inspect/v1");
    assertThat(j.get("name").asString()).isEqualTo("global_data");
    assertThat(j.get("mode").asString()).isEqualTo("signable");
    assertThat(j.get("insns_sha256").asString()).isEqualTo(sha256(insns));
    assertThat(j.get("data_sha256").asString()).isEqualTo(sha256(data));
    assertThat(j.get("insn_count").asInt()).isEqualTo(insns.length / 8);
    assertThat(j.get("data_size").asInt()).isEqualTo(data.length);
    JsonNode s = j.get("signatures").get(0);
    assertThat(j.get("signatures")).hasSize(1);
    assertThat(s.get("scheme").asString()).isEqualTo("6.18");
    assertThat(s.get("signer").get("skid").asString()).isEqualTo(skid(TestKeys.certificate(TestKeys.SIGNER_RSA3072)));
    assertThat(s.get("cms_sha256").asString()).isEqualTo(sha256(sig));
    assertThat(s.get("excl_prog_hash").asString()).isEqualTo(
        HexFormat.of().formatHex(Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.SIGNED, Fixtures.EXCL_HASH)));
    assertThat(s.get("excl_hash_matches").asBoolean()).isTrue();
    assertThat(s.get("digest_algorithm").asString()).isEqualTo("sha256");
    assertThat(s.get("signature_algorithm").asString()).isEqualTo("rsaEncryption");
  }

  @Test
  void inspectJson_embeddedHash_equalsTheBlobsSha256() throws Exception {
    JsonNode j = json(imported(Fixtures.GLOBAL_DATA, Fixtures.SIGNED));
    assertThat(j.get("embedded_data_sha256").asString())
        .isEqualTo(sha256(Fixtures.golden(Fixtures.GLOBAL_DATA, Fixtures.SIGNED, Fixtures.DATA)));
    assertThat(j.get("embedded_data_sha256_matches").asBoolean()).isTrue();
  }

  @Test
  void inspectJson_mapsAndPrograms_matchTheFixtureSource() {
    // expected values are the map definitions in keys-testdata/bpf/maps_basic.bpf.c
    JsonNode j = json(imported(Fixtures.MAPS_BASIC, Fixtures.PLAIN));
    JsonNode counts = find(j.get("maps"), "counts");
    assertThat(counts.get("type").asString()).isEqualTo("hash");
    assertThat(counts.get("key_size").asInt()).isEqualTo(4);
    assertThat(counts.get("value_size").asInt()).isEqualTo(8);
    assertThat(counts.get("max_entries").asInt()).isEqualTo(1024);
    JsonNode recent = find(j.get("maps"), "recent");
    assertThat(recent.get("type").asString()).isEqualTo("lru_hash");
    assertThat(recent.get("key_size").asInt()).isEqualTo(8);
    assertThat(recent.get("value_size").asInt()).isEqualTo(16); // struct event: u32, u32, u64
    assertThat(recent.get("flags").asInt()).isEqualTo(2); // BPF_F_NO_COMMON_LRU
    assertThat(find(j.get("maps"), "events").get("type").asString()).isEqualTo("ringbuf");
    JsonNode sysExit = find(j.get("programs"), "count_sys_exit");
    assertThat(sysExit.get("type").asString()).isEqualTo("raw_tracepoint");
  }

  @Test
  void inspect_changedBlobOfSignableLoader_reportsMismatchAndNoManifest() throws Exception {
    Path loader = imported(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    LoaderFile lf = LoaderFileFormat.read(Files.readAllBytes(loader), "l");
    byte[] data = lf.data().toArray();
    data[data.length - 1] ^= 1;
    LoaderFile changed = new LoaderFile(lf.name(), lf.mode(), lf.order(), lf.insns(), Bytes.of(data), lf.ctx(),
        lf.signatures());
    Files.write(loader, LoaderFileFormat.write(changed));
    JsonNode j = json(loader);
    assertThat(j.get("embedded_data_sha256_matches").asBoolean()).isFalse();
    assertThat(j.has("maps")).isFalse();
    assertThat(j.get("manifest_error").asString()).contains("-22");
    assertThat(j.get("signatures").get(0).get("excl_hash_matches").asBoolean()).isTrue();
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (n.get("name").asString().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no entry named " + name + " in " + array);
  }

  @Test
  void inspectJson_plainGolden_hasNoEmbeddedHashAndNoSignatures() {
    JsonNode j = json(imported(Fixtures.MAPS_BASIC, Fixtures.PLAIN));
    assertThat(j.get("mode").asString()).isEqualTo("plain");
    assertThat(j.has("embedded_data_sha256")).isFalse();
    assertThat(j.get("signatures")).isEmpty();
  }

  @Test
  void inspectJson_issuerAndSerialSigner_isNamedByIssuerAndSerial() throws Exception {
    byte[] cms;
    try (var in = getClass().getResourceAsStream("issuer-serial-p256.cms.der")) {
      cms = in.readAllBytes();
    }
    Path loader = withSignature(new SignatureBlock(Scheme.LINUX_7_3, Bytes.of(cms), Bytes.of(new byte[32])));
    JsonNode s = json(loader).get("signatures").get(0);
    X509Certificate cert = TestKeys.certificate(TestKeys.SIGNER_P256);
    assertThat(s.get("scheme").asString()).isEqualTo("7.3");
    assertThat(s.get("signer").get("issuer").asString())
        .isEqualTo(cert.getIssuerX500Principal().getName(X500Principal.RFC2253));
    assertThat(s.get("signer").get("serial").asString()).isEqualTo(cert.getSerialNumber().toString(16));
    assertThat(s.get("signer").has("skid")).isFalse();
    assertThat(s.get("signature_algorithm").asString()).isEqualTo("ecdsa-with-SHA256");
    assertThat(s.get("excl_hash_matches").asBoolean()).isFalse();
  }

  @Test
  void inspect_unreadableCms_isReportedNotFatal() {
    Path loader = withSignature(new SignatureBlock(Scheme.LINUX_6_18, Bytes.fromHex("3003020101"), Bytes.of(new byte[32])));
    JsonNode s = json(loader).get("signatures").get(0);
    assertThat(s.has("signer")).isFalse();
    assertThat(s.get("cms_error").asString()).startsWith("CMS: offset ");
  }

  @Test
  void inspectText_signedGolden_summarisesTheSameFacts() throws Exception {
    Path loader = imported(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    Cli.Result r = Cli.run("inspect", loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
    byte[] insns = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS);
    assertThat(r.out())
        .contains("maps_basic (signable, little-endian)")
        .contains(insns.length / 8 + " instructions, sha256 " + sha256(insns))
        .contains("skid " + skid(TestKeys.certificate(TestKeys.SIGNER_RSA3072)))
        .contains("(matches the instructions)");
  }

  @Test
  void inspectDisasm_signedGolden_listsEverySlot() throws Exception {
    Path loader = imported(Fixtures.MAPS_BASIC, Fixtures.SIGNED);
    Cli.Result r = Cli.run("inspect", "--disasm", loader.toString());
    assertThat(r.code()).as(r.err()).isZero();
    int slots = Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED, Fixtures.INSNS).length / 8;
    // gen_loader's first instruction is r6 = r1; the last is exit
    assertThat(r.out()).contains("disassembly\n   0: (bf) r6 = r1\n").endsWith("(95) exit\n");
    assertThat(r.out().lines().filter(l -> l.matches(" *\\d+: \\([0-9a-f]{2}\\) .*")).count())
        .isBetween((long) slots / 2, (long) slots);
    JsonNode j = json(loader, "--disasm");
    assertThat(j.get("disassembly").asString()).startsWith("   0: (bf) r6 = r1\n");
  }

  @Test
  void inspect_missingOrGarbage_exits3() throws Exception {
    Cli.Result missing = Cli.run("inspect", dir.resolve("none").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    Path garbage = dir.resolve("g");
    Files.write(garbage, Arrays.copyOf(LoaderFileFormat.MAGIC, 12));
    Cli.Result r = Cli.run("inspect", "--json", garbage.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + garbage + ": offset ").hasLineCount(1);
    assertThat(r.out()).isEmpty();
  }

  private Path withSignature(SignatureBlock block) {
    LoaderFile lf = new LoaderFile("x", Mode.SIGNABLE, block.scheme(), ByteOrder.LITTLE_ENDIAN, Bytes.of(new byte[8]), Bytes.EMPTY,
        new CtxLayout(List.of(), List.of()), List.of(block));
    Path p = dir.resolve("sig.bin");
    try {
      Files.write(p, LoaderFileFormat.write(lf));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }
}
