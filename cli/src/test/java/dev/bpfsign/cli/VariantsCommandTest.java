package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One artefact for both kernel generations, through the commands: import of both bpftools'
 * headers, export/skel per variant, verify per generation, and the bad inputs (variants that
 * disagree, a scheme the file lacks, a missing --scheme).
 */
class VariantsCommandTest {
  @TempDir Path dir;

  private Path header(String fixture, String mode) throws Exception {
    Path h = dir.resolve(fixture + "." + mode + ".lskel.h");
    Files.write(h, Files.readAllBytes(Fixtures.header(fixture, mode)));
    return h;
  }

  /** bpftool 7.8's and bpftool-7.3's signed headers of maps_basic imported into one file. */
  private Path dual() throws Exception {
    Path out = dir.resolve("dual.bin");
    Cli.Result r = Cli.run("import", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    r = Cli.run("import", "--add", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3).toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("6.18 variant (signable, 377 instructions, 1 signature)")
        .contains("7.3 variant (signable, 344 instructions, 1 signature)");
    return out;
  }

  @Test
  void import_secondHeaderOfTheSameObject_addsItsVariant() throws Exception {
    Path out = dual();
    LoaderBundle file = LoaderFileFormat.readBundle(Files.readAllBytes(out), out.toString());
    assertThat(file.schemes()).containsExactly(Scheme.LINUX_6_18, Scheme.LINUX_7_3);
    assertThat(file.variant(Scheme.LINUX_7_3).orElseThrow().signatures().getFirst().cms().toArray())
        .isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.SIG));
  }

  @Test
  void import_bothHeadersInOneCall_equalsAddingOneByOne() throws Exception {
    Path one = dir.resolve("one.bin");
    Cli.Result r = Cli.run("import", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(),
        header(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3).toString(), "-o", one.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(one)).isEqualTo(Files.readAllBytes(dual()));
  }

  @Test
  void import_headersOfDifferentObjects_exits3AndWritesNothing() throws Exception {
    Path out = dir.resolve("mixed.bin");
    Path other = header(Fixtures.TAILCALLS, Fixtures.SIGNED_7_3);
    Cli.Result r = Cli.run("import", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), other.toString(),
        "-o", out.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("bpfsign: " + other + ": does not fit with ")
        .contains("the 7.3 variant is of object 'tailcalls', the 6.18 variant of 'maps_basic'");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void import_sameSchemeTwice_exits3() throws Exception {
    Path out = dual();
    byte[] before = Files.readAllBytes(out);
    Cli.Result r = Cli.run("import", "--add", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3).toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("a second 7.3 variant");
    assertThat(Files.readAllBytes(out)).isEqualTo(before);
  }

  @Test
  void export_perVariant_givesEachBpftoolsBytes_andNeedsSchemeForInstructions() throws Exception {
    Path out = dual();
    Cli.Result missing = Cli.run("export", out.toString(), "--insns", dir.resolve("i").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("holds 2 variants (6.18, 7.3); choose one with --scheme");
    assertThat(dir.resolve("i")).doesNotExist();

    Cli.Result r = Cli.run("export", out.toString(), "--scheme", "7.3", "--insns", dir.resolve("i").toString(),
        "--signature", dir.resolve("s").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("i")))
        .isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.INSNS));
    assertThat(Files.readAllBytes(dir.resolve("s")))
        .isEqualTo(Fixtures.golden(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3, Fixtures.SIG));

    Cli.Result data = Cli.run("export", out.toString(), "--data", dir.resolve("d").toString());
    assertThat(data.code()).as(data.err()).isZero();
  }

  @Test
  void export_schemeTheFileLacks_exits3() throws Exception {
    Path single = dir.resolve("single.bin");
    assertThat(Cli.run("import", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o", single.toString()).code())
        .isZero();
    Cli.Result r = Cli.run("export", single.toString(), "--scheme", "7.3", "--insns", dir.resolve("i").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("bpfsign: " + single + ": has no 7.3 variant (it holds 6.18)" + System.lineSeparator());
    assertThat(dir.resolve("i")).doesNotExist();
  }

  @Test
  void skel_scheme73_writesBpftool73sHeaderBackUnlessRawTracepointsDiffer() throws Exception {
    Path out = dual();
    Path h = dir.resolve("out.h");
    Cli.Result r = Cli.run("skel", out.toString(), "--scheme", "7.3", "-o", h.toString(),
        "--raw-tracepoint", "count_sys_exit=sys_exit");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(h)).isEqualTo(Files.readAllBytes(Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED_7_3)));
  }

  @Test
  void inspect_dualFile_describesBothVariants() throws Exception {
    Cli.Result r = Cli.run("inspect", dual().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("variant     6.18 (Linux 6.18 to 7.2); the file holds 6.18 and 7.3")
        .contains("variant     7.3 (Linux 7.3 and later)").contains("344 instructions");

    Cli.Result j = Cli.run("inspect", "--json", "--scheme", "7.3", dual().toString());
    assertThat(j.code()).as(j.err()).isZero();
    JsonNode n = dev.bpfsign.cli.json.Json.mapper().readTree(j.out());
    assertThat(n.get("scheme").asString()).isEqualTo("7.3");
    assertThat(n.get("insn_count").asInt()).isEqualTo(344);
    assertThat(n.get("variants")).hasSize(2);
  }

  @Test
  void verify_dualSigned_reportsPerGeneration_andRequireSchemeIsPolicy() throws Exception {
    Path out = dual();
    String cert = TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString();
    Cli.Result r = Cli.run("verify", out.toString(), "--trust", cert, "--at", "2026-11-01");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("6.18 variant (Linux 6.18 to 7.2): VERIFIED")
        .contains("7.3 variant (Linux 7.3 and later): VERIFIED")
        .contains("Linux 6.18 to 7.2: admitted, the 6.18 variant (kernel prediction: accept)")
        .contains("Linux 7.3 and later: admitted, the 7.3 variant (kernel prediction: accept)");

    Cli.Result j = Cli.run("verify", out.toString(), "--trust", cert, "--at", "2026-11-01", "--json");
    JsonNode n = dev.bpfsign.cli.json.Json.mapper().readTree(j.out());
    assertThat(n.get("schema").asString()).isEqualTo("bpfsign.verify-variants/v1");
    assertThat(n.get("generations").get(1).get("kernel_answer").asString()).isEqualTo("accept");
    assertThat(n.get("variants")).hasSize(2);
    for (JsonNode variant : n.get("variants")) {
      JsonSchemas.assertValid(variant.toString());
    }

    Path single = dir.resolve("single.bin");
    assertThat(Cli.run("import", header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o", single.toString()).code())
        .isZero();
    Cli.Result need = Cli.run("verify", single.toString(), "--trust", cert, "--at", "2026-11-01",
        "--require-scheme", "6.18", "--require-scheme", "7.3");
    assertThat(need.code()).isEqualTo(ExitCodes.NOT_ADMITTED);
    assertThat(need.out()).contains("Linux 7.3 and later: no variant in this file")
        .contains("required 7.3 variant is missing").endsWith("NOT VERIFIED" + System.lineSeparator());
  }

  @Test
  void gen_bothVariants_signOnce_verifyPredictsEachKernel() throws Exception {
    Path out = dir.resolve("gen.bin");
    assertThat(Cli.run("gen", Fixtures.objectPath(Fixtures.TAILCALLS).toString(), "-o", out.toString(),
        "--name", Fixtures.TAILCALLS).code()).isZero();
    Cli.Result s = Cli.run("sign", out.toString(), "--key", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".key.pem").toString(),
        "--cert", TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString());
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).contains("scheme 6.18").contains("scheme 7.3");
    LoaderBundle file = LoaderFileFormat.readBundle(Files.readAllBytes(out), out.toString());
    for (LoaderFile v : file.variants()) {
      String mode = v.scheme() == Scheme.LINUX_6_18 ? Fixtures.SIGNED : Fixtures.SIGNED_7_3;
      assertThat(v.signatures().getFirst().cms().toArray()).isEqualTo(Fixtures.golden(Fixtures.TAILCALLS, mode, Fixtures.SIG));
    }
  }
}
