package dev.bpfsign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cli.md "JSON output": every command's JSON, in each of its shapes, is valid against the
 * JSON Schema it names (Cli.run validates any --json output; this test makes sure every shape is
 * produced), and the schemas refuse what the convention forbids.
 */
class JsonSchemaTest {
  @TempDir Path dir;
  Path plain;
  Path signed;
  String cert;

  @BeforeEach
  void loaders() throws IOException {
    plain = dir.resolve("maps_basic.bin");
    Cli.Result r = Cli.run("import", Fixtures.header(Fixtures.MAPS_BASIC, Fixtures.SIGNED).toString(), "-o",
        plain.toString());
    assertThat(r.code()).as(r.err()).isZero();
    signed = dir.resolve("maps_basic.p256.bin");
    cert = TestKeys.path(TestKeys.SIGNER_P256 + ".cert.pem").toString();
    r = Cli.run("sign", plain.toString(), "-o", signed.toString(), "--key",
        TestKeys.path(TestKeys.SIGNER_P256 + ".key.pem").toString(), "--cert", cert, "--json");
    assertThat(r.code()).as(r.err()).isZero();
  }

  private static String json(String... args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.out()).as("stdout of %s (stderr %s)", List.of(args), r.err()).isNotBlank();
    JsonSchemas.assertValid(r.out()); // Cli.run did too; this keeps the test meaningful on its own
    return r.out();
  }

  @Test
  void signVerifyDiffInspect_everyShape_isValid() {
    String other = TestKeys.path(TestKeys.SIGNER_RSA4096 + ".cert.pem").toString();
    List<String> docs = new ArrayList<>();
    docs.add(json("verify", signed.toString(), "--trust", cert, "--json"));
    docs.add(json("verify", signed.toString(), "--trust", other, "--json")); // not admitted, no matching cert
    docs.add(json("verify", signed.toString(), "--json")); // no trust at all
    docs.add(json("diff", plain.toString(), signed.toString(), "--json"));
    docs.add(json("diff", plain.toString(), plain.toString(), "--json"));
    docs.add(json("inspect", signed.toString(), "--json", "--disasm"));
    docs.add(json("inspect", plain.toString(), "--json"));
    assertThat(docs).allSatisfy(d -> assertThat(d).startsWith("{\n  \"schema\" : \"bpfsign."));
  }

  @Test
  void load_notAdmittedAndDryRun_areValid() {
    String other = TestKeys.path(TestKeys.SIGNER_RSA4096 + ".cert.pem").toString();
    String refused = json("load", signed.toString(), "--trust", other, "--json");
    assertThat(refused).contains("\"bpfsign.load/v1\"").contains("\"admitted\" : false");
    KernelTests.require(Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")), "vmlinux BTF");
    String dryRun = json("load", signed.toString(), "--trust", cert, "--trust",
        TestKeys.path(TestKeys.SIGNER_RSA3072 + ".cert.pem").toString(), "--dry-run", "--json");
    assertThat(dryRun).contains("\"dry_run\"").contains("\"map_type\"");
  }

  @Test
  void doctor_isValid() {
    assertThat(json("doctor", "--json")).contains("\"bpfsign.doctor/v1\"");
  }

  @Test
  void schemas_refuseCamelCaseEmptyStringsMissingOrUnknownSchema() {
    String valid = Cli.run("diff", plain.toString(), signed.toString(), "--json").out();
    assertThat(JsonSchemas.problems(valid)).isEmpty();

    assertThat(JsonSchemas.problems(valid.replace("\"insns_sha256\"", "\"insnsSha256\""))).isNotEmpty();
    assertThat(JsonSchemas.problems(valid.replace("\"name\" : \"maps_basic\"", "\"name\" : \"\""))).isNotEmpty();
    assertThat(JsonSchemas.problems(valid.replace("\"schema\" : \"bpfsign.diff/v2\",", ""))).isNotEmpty();
    assertThat(JsonSchemas.problems(valid.replace("bpfsign.diff/v2", "bpfsign.diff/v1"))).isNotEmpty();
    assertThat(JsonSchemas.problems(valid.replace("bpfsign.diff/v2", "bpfsign.diff/v9"))).isNotEmpty();
  }

  @Test
  void policyFiles_v2AndV1_areValidAndReadTheSame() throws Exception {
    String fp = "ab".repeat(32);
    String v2 = """
        {"schema": "bpfsign.policy/v2", "description": "all of it", "mode": "audit",
         "allowed_signers": [{"fingerprint": "%s"}, {"skid": "AB:CD"}, {"subject": "CN=x,O=y"}],
         "threshold": 2, "require_code_signing": true, "program_types": ["xdp"], "attach_targets": ["sys_*"],
         "forbidden_helpers": ["bpf_probe_write_user"], "forbidden_kfuncs": ["bpf_obj_new_impl"],
         "max_programs": 3, "max_maps": 4, "max_map_memory": 1048576, "licenses": ["GPL"],
         "deny_keys": ["0102"], "deny_loaders": ["%s"]}
        """.formatted(fp, fp);
    String v1 = v2.replace("policy/v2", "policy/v1").replace("allowed_signers", "allowedSigners")
        .replace("require_code_signing", "requireCodeSigning").replace("program_types", "programTypes")
        .replace("attach_targets", "attachTargets").replace("forbidden_helpers", "forbiddenHelpers")
        .replace("forbidden_kfuncs", "forbiddenKfuncs").replace("max_programs", "maxPrograms")
        .replace("max_maps", "maxMaps").replace("max_map_memory", "maxMapMemory").replace("deny_keys", "denyKeys")
        .replace("deny_loaders", "denyLoaders");
    JsonSchemas.assertValid(v2);
    JsonSchemas.assertValid(v1);
    assertThat(dev.bpfsign.cli.json.PolicyJson.parse(v1.getBytes(java.nio.charset.StandardCharsets.UTF_8), "v1"))
        .isEqualTo(dev.bpfsign.cli.json.PolicyJson.parse(v2.getBytes(java.nio.charset.StandardCharsets.UTF_8), "v2"));
    // each version knows only its own names
    assertThat(JsonSchemas.problems(v2.replace("\"max_maps\"", "\"maxMaps\""))).isNotEmpty();
    assertThat(JsonSchemas.problems(v1.replace("\"maxMaps\"", "\"max_maps\""))).isNotEmpty();
  }

  @Test
  void everySchemaFile_isNamedAfterTheDocumentItDescribes() throws IOException {
    try (Stream<Path> files = Files.list(JsonSchemas.schemaDir())) {
      List<Path> all = files.toList();
      assertThat(all).isNotEmpty();
      for (Path f : all) {
        String name = f.getFileName().toString();
        assertThat(name).matches("[a-z][a-z-]*\\.v[0-9]+\\.schema\\.json");
        String id = "bpfsign." + name.substring(0, name.indexOf('.')) + "/"
            + name.substring(name.indexOf('.') + 1, name.indexOf(".schema.json"));
        assertThat(Files.readString(f)).contains("\"const\": \"" + id + "\"");
      }
    }
  }
}
