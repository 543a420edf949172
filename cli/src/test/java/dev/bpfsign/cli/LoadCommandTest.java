package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.runtime.Bpffs;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * bpfsign load on this machine's kernel, with bpftool's signed golden for core_relos imported
 * through {@code bpfsign import} and the RSA-3072 test signer as trust.
 */
class LoadCommandTest {
  @TempDir Path tmp;
  private Path loader;
  private String trust;
  private Path pinDir;

  @BeforeEach
  void setUp() {
    KernelTests.requireBpf();
    loader = tmp.resolve("core_relos.bin");
    Cli.Result imported = Cli.run("import", Fixtures.header(Fixtures.CORE_RELOS, Fixtures.SIGNED).toString(),
        "-o", loader.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    trust = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    pinDir = Bpffs.DEFAULT_MOUNT.resolve("bpfsign-clitest-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }

  @AfterEach
  void removePins() throws IOException {
    // null when setUp skipped the test (no bpf() here)
    if (pinDir != null && Files.exists(pinDir)) {
      try (Stream<Path> s = Files.walk(pinDir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void load_admittedGolden_printsEveryCreatedObjectAndSaysTheyVanish() {
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("ADMITTED: core_relos").containsPattern("map +bss +id \\d+ +array +key 4 +value 128")
        .containsPattern("program +on_switch +id \\d+ +tracing").containsPattern("program +on_getppid +id \\d+ +tracepoint")
        .contains("gate: userspace-verdict").contains("vanish when this process exits");
  }

  /** The fleet artefact: gen writes both variants, sign signs both, load probes the kernel and says which it loads. */
  @Test
  void load_dualArtefact_probesTheKernelAndLoadsItsVariant() throws Exception {
    java.nio.file.Path dual = tmp.resolve("tailcalls.dual.bin");
    assertThat(Cli.run("gen", dev.bpfsign.testdata.Fixtures.objectPath(dev.bpfsign.testdata.Fixtures.TAILCALLS).toString(),
        "-o", dual.toString(), "--name", "tailcalls").code()).isZero();
    assertThat(Cli.run("sign", dual.toString(), "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", trust).code()).isZero();
    Cli.Result r = Cli.run("load", dual.toString(), "--trust", trust);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).containsPattern("this kernel takes the (6\\.18|7\\.3) variant")
        .containsPattern("ADMITTED: tailcalls \\((6\\.18|7\\.3) variant\\)")
        .containsPattern("program +entry +id \\d+ +xdp");
    Cli.Result j = Cli.run("load", dual.toString(), "--trust", trust, "--json");
    assertThat(j.code()).as(j.err()).isEqualTo(ExitCodes.OK);
    JsonNode variant = dev.bpfsign.cli.json.Json.mapper().readTree(j.out()).get("variant");
    assertThat(variant.get("scheme").asString()).matches("6\\.18|7\\.3");
    assertThat(variant.get("chosen_by").asString()).startsWith("kernel probe: ");
  }

  @Test
  void loadJson_admittedGolden_reportsIdsTypesAndGate() {
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode json = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(json.get("gate").asString()).isEqualTo("userspace-verdict");
    assertThat(json.get("objects")).hasSize(3);
    for (JsonNode o : json.get("objects")) {
      assertThat(o.get("id").asInt()).isPositive();
    }
    assertThat(json.get("objects").get(0).get("kernel_name").asString()).isEqualTo("core_rel.bss");
  }

  @Test
  void load_untrustedSigner_isNotAdmittedAndLoadsNothing() {
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", TestKeys.path(TestKeys.SIGNER_RSA2048 + ".cert.pem").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(r.out()).contains("NOT ADMITTED").doesNotContain("loaded core_relos");
  }

  @Test
  void load_dataByteChangedInTheFile_isNotAdmitted() throws Exception {
    LoaderFile good = LoaderFileFormat.read(Files.readAllBytes(loader), "test");
    byte[] data = good.data().toArray();
    data[data.length / 3] ^= 1;
    Files.write(loader, LoaderFileFormat.write(new LoaderFile(good.name(), good.mode(), good.order(), good.insns(),
        Bytes.of(data), good.ctx(), good.signatures())));
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust);
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
  }

  @Test
  void load_ctxLayoutThatDoesNotFitTheProgram_failsWithOneLineAndLeavesNothing() throws Exception {
    LoaderFile good = LoaderFileFormat.read(Files.readAllBytes(loader), "test");
    Files.write(loader, LoaderFileFormat.write(new LoaderFile(good.name(), good.mode(), good.order(), good.insns(),
        good.data(), new CtxLayout(good.ctx().maps(), List.of("on_switch")), good.signatures())));
    // with bpffs, also ask for pins, to see that none are left; without it --pin would fail first
    boolean bpffs = Bpffs.contains(Bpffs.DEFAULT_MOUNT);
    Cli.Result r = bpffs
        ? Cli.run("load", loader.toString(), "--trust", trust, "--pin", pinDir.toString())
        : Cli.run("load", loader.toString(), "--trust", trust);
    assertThat(r.code()).as(r.out() + r.err()).isIn(ExitCodes.NOT_ADMITTED, ExitCodes.BAD_INPUT);
    if (r.code() == ExitCodes.BAD_INPUT) {
      assertThat(r.err()).contains("ctx layout").hasLineCount(1);
    }
    assertThat(pinDir).doesNotExist();
  }

  @Test
  void load_policyAllowingOtherSigners_isNotAdmitted() throws Exception {
    Path policy = tmp.resolve("policy.json");
    Files.writeString(policy, "{\"schema\": \"bpfsign.policy/v2\", \"allowed_signers\": [{\"subject\": \"CN=nobody\"}]}");
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--policy", policy.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(r.out()).contains("NOT ADMITTED").doesNotContain("loaded core_relos");
  }

  @Test
  void load_policyThatAllowsIt_loads() throws Exception {
    Path policy = tmp.resolve("policy.json");
    // the subjectKeyIdentifier of keys-testdata's signer-rsa3072 certificate
    Files.writeString(policy, "{\"schema\": \"bpfsign.policy/v2\", \"allowed_signers\": "
        + "[{\"skid\": \"b26ce38e2032fd81d0a7ad6f7bba40b677b28a4c\"}]}");
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--policy", policy.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("loaded core_relos: 3 objects");
  }

  @Test
  void load_unknownKeyring_isAUsageErrorAsInVerify() {
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--keyring", "nosuchring");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'--keyring': not a keyring name or serial: 'nosuchring'").hasLineCount(1);
  }

  @Test
  void load_pinOutsideBpffs_exits3AndPinsNothing() {
    Path outside = tmp.resolve("pins");
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--pin", outside.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("not in a BPF file system").hasLineCount(1);
    assertThat(outside).doesNotExist();
  }

  @Test
  void load_pinInBpffs_pinsEveryObjectThenRefusesToPinOverThem() {
    KernelTests.require(Bpffs.contains(Bpffs.DEFAULT_MOUNT), "bpffs at " + Bpffs.DEFAULT_MOUNT);
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--pin", pinDir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(pinDir.resolve("maps/bss")).exists();
    assertThat(pinDir.resolve("progs/on_switch")).exists();
    assertThat(pinDir.resolve("progs/on_getppid")).exists();
    assertThat(r.out()).doesNotContain("vanish");

    Cli.Result again = Cli.run("load", loader.toString(), "--trust", trust, "--pin", pinDir.toString());
    assertThat(again.code()).isEqualTo(ExitCodes.KERNEL_REFUSED);
    assertThat(again.err()).contains("EEXIST").hasLineCount(1);
    assertThat(pinDir.resolve("maps/bss")).exists(); // the first run's pins are untouched
  }

  @Test
  void loadDryRun_admittedGolden_printsTheTraceAndLoadsNothing() {
    KernelTests.require(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "vmlinux BTF");
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--dry-run", "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode json = dev.bpfsign.cli.json.Json.mapper().readTree(r.out());
    assertThat(json.get("dry_run").get("succeeded").asBoolean()).isTrue();
    assertThat(json.get("variant").get("scheme").asString()).isEqualTo("6.18");
    assertThat(json.get("variant").get("chosen_by").asString()).isEqualTo("the only variant of the file");
    List<String> calls = json.get("dry_run").get("trace").valueStream().map(e -> e.get("call").asString()).toList();
    assertThat(calls).containsSubsequence("BPF_MAP_CREATE", "BPF_PROG_LOAD", "BPF_PROG_LOAD");
  }

  @Test
  void loadDryRun_withPin_isAUsageError() {
    Cli.Result r = Cli.run("load", loader.toString(), "--trust", trust, "--dry-run", "--pin", pinDir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void loadAttach_untilSigterm_detachesAndExits0() throws Exception {
    Process p = Cli.start("load", loader.toString(), "--trust", trust, "--attach");
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.startsWith("attached;")) {
          break;
        }
      }
      assertThat(seen.toString()).contains("attached on_switch (link id");
      p.toHandle().destroy(); // SIGTERM, leaving our end of the pipe open (Process.destroy closes it)
      StringBuilder rest = new StringBuilder();
      while ((line = lines.readLine()) != null) {
        rest.append(line).append('\n');
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(seen.toString() + rest).isEqualTo(ExitCodes.OK);
      assertThat(rest.toString()).contains("SIGTERM: detached");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void loadAttach_rawTracepointNamedInTheImportedFile_isAttachedToIt() throws Exception {
    Path maps = tmp.resolve("maps_basic.bin");
    Cli.Result imported = Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(),
        "-o", maps.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    Process p = Cli.start("load", maps.toString(), "--trust", trust, "--attach");
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.startsWith("attached;")) {
          break;
        }
      }
      assertThat(seen.toString()).containsPattern("attached count_sys_exit \\(link id \\d+, raw_tracepoint sys_exit via raw_tracepoint_open\\)");
      p.toHandle().destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(seen.toString()).isEqualTo(ExitCodes.OK);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void load_withoutCapabilities_exits4NamingEpermAndTheCapabilities() throws Exception {
    KernelTests.require(Cli.canDropPrivileges(), "setpriv to drop capabilities");
    Cli.Result r = Cli.runWithoutCapabilities("load", loader.toString(), "--trust", trust);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.KERNEL_REFUSED);
    assertThat(r.err()).contains("EPERM").contains("CAP_BPF").hasLineCount(1);
  }
}
