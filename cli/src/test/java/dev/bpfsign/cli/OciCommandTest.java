package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import dev.bpfsign.testdata.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push, sign oci://, pull, verify/inspect/diff/load oci:// against a real distribution 2.8 registry (TLS, basic auth). */
class OciCommandTest {
  static TestRegistry registry;
  static Path auth;
  @TempDir static Path shared;
  @TempDir Path tmp;
  Path loader;
  String rsa3072;
  String p256;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> missing = TestRegistry.missingTools();
    if (missing.isPresent()) {
      String why = "SKIPPED registry test: " + missing.get();
      System.err.println("*** " + why);
      if (TestRegistry.required()) {
        fail(why + " (" + TestRegistry.REQUIRE_ENV + "=1 or BPFSIGN_REQUIRE_KERNEL=1)");
      }
      Assumptions.abort(why);
    }
    registry = TestRegistry.start(shared.resolve("registry"));
    auth = Files.writeString(shared.resolve("auth"), TestRegistry.USER + ":" + TestRegistry.PASSWORD + "\n");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void loader() {
    loader = tmp.resolve("core_relos.bin");
    Cli.Result imported = Cli.run("import", Fixtures.header(Fixtures.CORE_RELOS, Fixtures.SIGNED).toString(), "-o", loader.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    rsa3072 = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    p256 = TestKeys.path(TestKeys.SIGNER_P256 + ".cert.pem").toString();
  }

  private String ref(String repoAndTag) {
    return "oci://" + registry.address() + "/" + repoAndTag;
  }

  /** bpfsign with the registry options every oci:// command takes (own cache per test). */
  private Cli.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--ca", registry.caPem().toString(), "--registry-auth", "file:" + auth, "--cache", tmp.resolve("cache").toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  private String push(String repoAndTag) {
    Cli.Result pushed = run("push", loader.toString(), ref(repoAndTag));
    assertThat(pushed.code()).as(pushed.err()).isZero();
    assertThat(pushed.out().strip()).matches("sha256:[0-9a-f]{64}");
    return pushed.out().strip();
  }

  /** gen writes both kernel generations; the one reference carries both, signed, for every host. */
  @Test
  void bothVariants_pushedUnderOneReference_pullBackIdentical_andVerifyForBothKernels() throws Exception {
    Path dual = tmp.resolve("dual.bin");
    assertThat(Cli.run("sign", dev.bpfsign.testdata.Fixtures.objectPath(dev.bpfsign.testdata.Fixtures.MAPS_BASIC).toString(),
        "-o", dual.toString(), "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", rsa3072).code()).isZero();
    Cli.Result pushed = run("push", dual.toString(), ref("fleet/dual:v1"));
    assertThat(pushed.code()).as(pushed.err()).isZero();

    Path out = tmp.resolve("dual-pulled.bin");
    Cli.Result pulled = run("pull", ref("fleet/dual:v1"), "-o", out.toString());
    assertThat(pulled.code()).as(pulled.err()).isZero();
    assertThat(pulled.out()).contains("2 signatures");
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(dual));

    Cli.Result verified = run("verify", ref("fleet/dual@" + pushed.out().strip()), "--trust", rsa3072,
        "--require-scheme", "6.18,7.3");
    assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
  }

  @Test
  void push_coSignLater_pullByDigest_verifiesWithBothSigners() throws Exception {
    String digest = push("fleet/core:v1");

    Cli.Result signed = run("sign", ref("fleet/core:v1"), "--key", TestKeys.path(TestKeys.SIGNER_P256 + ".key.pem").toString(),
        "--cert", p256);
    assertThat(signed.code()).as(signed.err()).isZero();
    assertThat(signed.out()).contains("-> oci://" + registry.address() + "/fleet/core@" + digest).contains("2 signatures");
    assertThat(signed.err()).contains("fleet/core:v1 is oci://" + registry.address() + "/fleet/core@" + digest);

    Path out = tmp.resolve("pulled.bin");
    Cli.Result pulled = run("pull", ref("fleet/core@" + digest), "-o", out.toString());
    assertThat(pulled.code()).as(pulled.err()).isZero();
    assertThat(pulled.out()).contains("2 signatures");
    LoaderFile file = LoaderFileFormat.read(Files.readAllBytes(out), out.toString());
    LoaderFile original = LoaderFileFormat.read(Files.readAllBytes(loader), loader.toString());
    assertThat(file.withoutSignatures()).isEqualTo(original.withoutSignatures());
    assertThat(file.signatures()).hasSize(2).contains(original.signatures().getFirst());

    Cli.Result verifiedFile = Cli.run("verify", out.toString(), "--trust", rsa3072, "--trust", p256);
    assertThat(verifiedFile.code()).as(verifiedFile.out() + verifiedFile.err()).isZero();
    assertThat(verifiedFile.out()).startsWith("VERIFIED");

    // verify straight from the registry: the p256 co-signature was really pushed and is really checked
    Cli.Result verifiedOci = run("verify", ref("fleet/core@" + digest), "--trust", rsa3072, "--trust", p256);
    assertThat(verifiedOci.code()).as(verifiedOci.out() + verifiedOci.err()).isZero();
    assertThat(verifiedOci.out()).contains("signed by 'CN=bpfsign test signer p256");
    Cli.Result withoutP256 = run("verify", ref("fleet/core@" + digest), "--trust", rsa3072);
    assertThat(withoutP256.code()).isEqualTo(ExitCodes.NOT_ADMITTED);

    // co-signing twice with the same key changes nothing
    Cli.Result again = run("sign", ref("fleet/core@" + digest), "--key", TestKeys.path(TestKeys.SIGNER_P256 + ".key.pem").toString(),
        "--cert", p256);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("unchanged");
  }

  @Test
  void inspectAndDiff_takeOciReferences() {
    String digest = push("fleet/inspect:v1");
    Cli.Result inspected = run("inspect", ref("fleet/inspect@" + digest), "--json");
    assertThat(inspected.code()).as(inspected.err()).isZero();
    assertThat(inspected.out()).contains("core_relos");
    Cli.Result diff = run("diff", loader.toString(), ref("fleet/inspect:v1"));
    assertThat(diff.code()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).startsWith("no changes");
  }

  @Test
  void load_ociByTag_reportsTheDigest_andLoads() {
    KernelTests.requireBpf();
    String digest = push("fleet/load:v1");
    Cli.Result r = run("load", ref("fleet/load:v1"), "--trust", rsa3072);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).contains("is oci://" + registry.address() + "/fleet/load@" + digest);
    assertThat(r.out()).contains("ADMITTED");
  }

  @Test
  void tamperedBlob_exit3_nothingWritten() throws Exception {
    String digest = push("fleet/tamper:v1");
    byte[] content = LoaderFileFormat.write(LoaderFileFormat.read(Files.readAllBytes(loader), "x").withoutSignatures());
    Path data = registry.blobData(dev.bpfsign.loader.Bytes.of(content).sha256().hex());
    byte[] evil = content.clone();
    evil[40] ^= 0x20;
    Files.write(data, evil); // the registry stores each blob once for all repositories: put it back after
    try {
      Path out = tmp.resolve("never.bin");
      Cli.Result r = run("pull", ref("fleet/tamper@" + digest), "-o", out.toString());
      assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err().strip()).contains("does not match its digest").doesNotContain("\n");
      assertThat(out).doesNotExist();
    } finally {
      Files.write(data, content);
    }
  }

  @Test
  void wrongPassword_unreachable_badReference_areOneLine() throws Exception {
    push("fleet/errors:v1");
    Path wrong = Files.writeString(tmp.resolve("wrong"), TestRegistry.USER + ":nope\n");
    Cli.Result denied = Cli.run("pull", ref("fleet/errors:v1"), "--ca", registry.caPem().toString(), "--registry-auth", "file:" + wrong,
        "--cache", tmp.resolve("c").toString(), "-o", tmp.resolve("o.bin").toString());
    assertThat(denied.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(denied.err()).isEqualTo("bpfsign: " + registry.address() + ": GET manifest v1: authentication failed (401) for user release\n");

    int closed;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Cli.Result unreachable = run("pull", "oci://127.0.0.1:" + closed + "/fleet/errors:v1", "-o", tmp.resolve("o.bin").toString());
    assertThat(unreachable.code()).isEqualTo(ExitCodes.NETWORK);
    assertThat(unreachable.err()).startsWith("bpfsign: 127.0.0.1:" + closed + ": cannot connect").hasLineCount(1);

    Cli.Result bad = run("verify", "oci://no-registry-here", "--trust", rsa3072);
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).startsWith("bpfsign: reference 'oci://no-registry-here'").hasLineCount(1);
    assertThat(tmp.resolve("o.bin")).doesNotExist();
  }
}
