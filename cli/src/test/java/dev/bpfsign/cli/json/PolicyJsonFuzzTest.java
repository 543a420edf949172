package dev.bpfsign.cli.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy reader on hostile bytes: a policy, or a one-line {@link BadInputException} naming
 * the file; nothing else (no Jackson exception, no multi-line message). Seeds: a policy with
 * every field (both spellings of the field names, so the seeds stay useful across renames).
 */
class PolicyJsonFuzzTest {
  private static final String FP = "3f".repeat(32);

  static Stream<Arguments> parse() {
    String camel = """
        {"schema": "bpfsign.policy/v1", "description": "all of it", "mode": "audit",
         "allowedSigners": [{"fingerprint": "%s"}, {"skid": "AB:CD"}, {"subject": "CN=x,O=y"}],
         "threshold": 2, "requireCodeSigning": true,
         "programTypes": ["xdp"], "attachTargets": ["sys_*"],
         "forbiddenHelpers": ["bpf_probe_write_user"], "forbiddenKfuncs": ["bpf_obj_new_impl"],
         "maxPrograms": 3, "maxMaps": 4, "maxMapMemory": 1048576, "licenses": ["GPL"],
         "denyKeys": ["0102"], "denyLoaders": ["%s"]}
        """.formatted(FP, FP);
    String snake = camel.replace("allowedSigners", "allowed_signers").replace("requireCodeSigning", "require_code_signing")
        .replace("programTypes", "program_types").replace("attachTargets", "attach_targets")
        .replace("forbiddenHelpers", "forbidden_helpers").replace("forbiddenKfuncs", "forbidden_kfuncs")
        .replace("maxPrograms", "max_programs").replace("maxMaps", "max_maps").replace("maxMapMemory", "max_map_memory")
        .replace("denyKeys", "deny_keys").replace("denyLoaders", "deny_loaders");
    return FuzzSeeds.create()
        .add("every-field", camel.getBytes(StandardCharsets.UTF_8))
        .add("every-field-snake", snake.getBytes(StandardCharsets.UTF_8))
        .add("enforce", "{\"schema\":\"bpfsign.policy/v1\",\"mode\":\"enforce\"}".getBytes(StandardCharsets.UTF_8))
        .arguments(300, 15);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] json) {
    try {
      PolicyJson.parse(json, "p.json");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("p.json").doesNotContain("\n", "\r");
    }
  }
}
