package dev.bpfsign.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.verifier.Policy;
import dev.bpfsign.verifier.PolicyMode;
import dev.bpfsign.verifier.SignerRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy reader: every field, and a precise one-line error for each kind of mistake. */
class PolicyJsonTest {
  static final String FP = "3f".repeat(32);

  static Policy parse(String json) throws BadInputException {
    return PolicyJson.parse(json.getBytes(StandardCharsets.UTF_8), "p.json");
  }

  static void assertBad(String json, String message) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(BadInputException.class).hasMessage(message);
  }

  @Test
  void parse_everyFieldOfV2_readsIntoThePolicy() throws Exception {
    Policy p = parse("""
        {"schema": "bpfsign.policy/v2", "description": "all of it", "mode": "audit",
         "allowed_signers": [{"fingerprint": "%s"}, {"skid": "AB:CD"}, {"subject": "CN=x,O=y"}],
         "threshold": 2, "require_code_signing": true,
         "program_types": ["xdp"], "attach_targets": ["sys_*"],
         "forbidden_helpers": ["bpf_probe_write_user"], "forbidden_kfuncs": ["bpf_obj_new_impl"],
         "max_programs": 3, "max_maps": 4, "max_map_memory": 1048576, "licenses": ["GPL"],
         "deny_keys": ["0102"], "deny_loaders": ["%s"]}
        """.formatted(FP, FP));

    assertThat(p.mode()).isEqualTo(PolicyMode.AUDIT);
    assertThat(p.allowedSigners()).containsExactly(SignerRule.fingerprint(FP), SignerRule.skid("abcd"),
        SignerRule.subject("CN=x,O=y"));
    assertThat(p.threshold()).isEqualTo(2);
    assertThat(p.requireCodeSigning()).isTrue();
    assertThat(p.programTypes()).contains(List.of("xdp"));
    assertThat(p.attachTargets()).contains(List.of("sys_*"));
    assertThat(p.forbiddenHelpers()).containsExactly("bpf_probe_write_user");
    assertThat(p.forbiddenKfuncs()).containsExactly("bpf_obj_new_impl");
    assertThat(p.maxPrograms()).hasValue(3);
    assertThat(p.maxMaps()).hasValue(4);
    assertThat(p.maxMapMemory()).hasValue(1048576);
    assertThat(p.licenses()).contains(List.of("GPL"));
    assertThat(p.deniedKeys()).containsExactly("0102");
    assertThat(p.deniedLoaders()).containsExactly(FP);
  }

  @Test
  void parse_everyFieldOfV1_readsIntoThePolicy() throws Exception {
    Policy p = parse("""
        {"schema": "bpfsign.policy/v1", "description": "all of it", "mode": "audit",
         "allowedSigners": [{"fingerprint": "%s"}, {"skid": "AB:CD"}, {"subject": "CN=x,O=y"}],
         "threshold": 2, "requireCodeSigning": true,
         "programTypes": ["xdp"], "attachTargets": ["sys_*"],
         "forbiddenHelpers": ["bpf_probe_write_user"], "forbiddenKfuncs": ["bpf_obj_new_impl"],
         "maxPrograms": 3, "maxMaps": 4, "maxMapMemory": 1048576, "licenses": ["GPL"],
         "denyKeys": ["0102"], "denyLoaders": ["%s"]}
        """.formatted(FP, FP));

    assertThat(p.mode()).isEqualTo(PolicyMode.AUDIT);
    assertThat(p.allowedSigners()).containsExactly(SignerRule.fingerprint(FP), SignerRule.skid("abcd"),
        SignerRule.subject("CN=x,O=y"));
    assertThat(p.threshold()).isEqualTo(2);
    assertThat(p.requireCodeSigning()).isTrue();
    assertThat(p.programTypes()).contains(List.of("xdp"));
    assertThat(p.attachTargets()).contains(List.of("sys_*"));
    assertThat(p.forbiddenHelpers()).containsExactly("bpf_probe_write_user");
    assertThat(p.forbiddenKfuncs()).containsExactly("bpf_obj_new_impl");
    assertThat(p.maxPrograms()).hasValue(3);
    assertThat(p.maxMaps()).hasValue(4);
    assertThat(p.maxMapMemory()).hasValue(1048576);
    assertThat(p.licenses()).contains(List.of("GPL"));
    assertThat(p.deniedKeys()).containsExactly("0102");
    assertThat(p.deniedLoaders()).containsExactly(FP);
  }

  @Test
  void parse_schemaOnly_isPermissive() throws Exception {
    assertThat(parse("{\"schema\":\"bpfsign.policy/v2\"}")).isEqualTo(Policy.permissive());
    assertThat(parse("{\"schema\":\"bpfsign.policy/v1\"}")).isEqualTo(Policy.permissive());
  }

  @Test
  void parse_mistakes_nameFieldAndExpectedType() {
    assertBad("[]", "p.json: expected an admission policy (bpfsign.policy/v2), a JSON object, not an array");
    assertBad("{}", "p.json: field 'schema' is missing; expected \"bpfsign.policy/v2\"");
    assertBad("{\"schema\":\"bpfsign.policy/v3\"}",
        "p.json: field 'schema': expected the string \"bpfsign.policy/v2\" (or \"bpfsign.policy/v1\"), got string \"bpfsign.policy/v3\"");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"mode\":\"permissive\"}",
        "p.json: field 'mode': expected \"enforce\" or \"audit\", got string \"permissive\"");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"threshold\":0}",
        "p.json: field 'threshold': expected an integer from 1 up, got number 0");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"max_map_memory\":1.5}",
        "p.json: field 'max_map_memory': expected an integer from 0 up, got number 1.5");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"require_code_signing\":\"yes\"}",
        "p.json: field 'require_code_signing': expected a boolean, got string \"yes\"");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"forbidden_helpers\":\"bpf_probe_write_user\"}",
        "p.json: field 'forbidden_helpers': expected an array of strings, got string \"bpf_probe_write_user\"");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"licenses\":[\"GPL\", 2]}",
        "p.json: field 'licenses[1]': expected a non-empty string, got number 2");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"allowed_signers\":[{\"name\":\"x\"}]}",
        "p.json: field 'allowed_signers[0]': expected one of \"fingerprint\", \"skid\", \"subject\" (not \"name\")");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"allowed_signers\":[{\"fingerprint\":\"12\"}]}",
        "p.json: field 'allowed_signers[0].fingerprint': expected 32 bytes of hex, got 1: '12'");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"deny_loaders\":[\"zz\"]}",
        "p.json: field 'deny_loaders[0]': expected SHA-256 hex (64 digits): not hex: 'zz'");
  }

  @Test
  void parse_targetRules_readNormalisedAndCheckTheirValues() throws Exception {
    Policy p = parse("{\"schema\":\"bpfsign.policy/v2\",\"target_profiles\":[\"" + "AB".repeat(32)
        + "\"],\"kernel_releases\":[\"7.2.0\",\"6.18.44-fc-v669\"]}");
    assertThat(p.targetProfiles()).contains(List.of("ab".repeat(32)));
    assertThat(p.kernelReleases()).contains(List.of("7.2.0", "6.18.44-fc-v669"));
    assertThat(parse("{\"schema\":\"bpfsign.policy/v2\"}").targetProfiles()).isEmpty();
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"target_profiles\":[\"abcd\"]}",
        "p.json: field 'target_profiles[0]': expected SHA-256 hex (64 digits): expected 32 bytes of hex, got 2: 'abcd'");
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"kernel_releases\":[\"7.2 rc\"]}",
        "p.json: field 'kernel_releases[0]': expected a kernel release (uname -r: 1-64 printable characters, no spaces),"
            + " got '7.2 rc'");
  }

  @Test
  void parse_eachVersionKnowsOnlyItsOwnNames() {
    assertBad("{\"schema\":\"bpfsign.policy/v2\",\"maxMaps\":1}",
        "p.json: unknown field 'maxMaps' (known: [allowed_signers, attach_targets, deny_keys, deny_loaders, description,"
            + " forbidden_helpers, forbidden_kfuncs, kernel_releases, licenses, max_map_memory, max_maps, max_programs, mode,"
            + " program_types, require_code_signing, schema, target_profiles, threshold])");
    // the target rules came with v2 only
    assertBad("{\"schema\":\"bpfsign.policy/v1\",\"kernel_releases\":[\"7.2.0\"]}",
        "p.json: unknown field 'kernel_releases' (known: [allowedSigners, attachTargets, denyKeys, denyLoaders, description,"
            + " forbiddenHelpers, forbiddenKfuncs, licenses, maxMapMemory, maxMaps, maxPrograms, mode, programTypes,"
            + " requireCodeSigning, schema, threshold])");
    assertBad("{\"schema\":\"bpfsign.policy/v1\",\"max_maps\":1}",
        "p.json: unknown field 'max_maps' (known: [allowedSigners, attachTargets, denyKeys, denyLoaders, description,"
            + " forbiddenHelpers, forbiddenKfuncs, licenses, maxMapMemory, maxMaps, maxPrograms, mode, programTypes,"
            + " requireCodeSigning, schema, threshold])");
    assertBad("{\"schema\":\"bpfsign.policy/v1\",\"maxMaps\":\"ten\"}",
        "p.json: field 'maxMaps': expected an integer from 0 up, got string \"ten\"");
  }

  @Test
  void parse_thresholdAboveAllowedSigners_isBadInput() {
    assertBad("{\"schema\":\"bpfsign.policy/v1\",\"threshold\":2,\"allowedSigners\":[{\"skid\":\"01\"}]}",
        "p.json: threshold 2 exceeds the number of allowed signers (1)");
  }

  @Test
  void parse_notJson_saysWhere() {
    assertThatThrownBy(() -> parse("{\"schema\": }")).isInstanceOf(BadInputException.class)
        .hasMessage("p.json: line 1, column 12: not valid JSON near '{\"schema\": }'");
  }

  @Test
  void parse_anEnforcePolicy_saysWhichOptionTakesIt() {
    assertBad("{\"schema\":\"bpfsign.enforce-policy/v1\"}",
        "p.json: is an enforce policy (bpfsign.enforce-policy/v1, for bpfsign enforce --policy); verify and load"
            + " --policy take an admission policy, \"bpfsign.policy/v2\" (docs/policy.md)");
  }
}
