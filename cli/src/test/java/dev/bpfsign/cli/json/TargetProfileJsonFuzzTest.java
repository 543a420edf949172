package dev.bpfsign.cli.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.target.TargetProfile;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Target profiles ({@code gen --target FILE}) on hostile bytes: a checked profile, or a one-line
 * {@link BadInputException} naming the file; nothing else. What is accepted writes back to JSON
 * that reads again to the same profile. Seeds: a profile with every field, and a minimal one.
 */
class TargetProfileJsonFuzzTest {
  static Stream<Arguments> parse() {
    String full = """
        {
          "schema": "bpfsign.target/v1",
          "kernel_release": "6.18.44-generic",
          "kernel_version": "6.18.44",
          "possible_cpus": 8,
          "kconfig": "CONFIG_HZ=250\\nCONFIG_BPF_SYSCALL=y\\nCONFIG_DEFAULT_HOSTNAME=\\"(none)\\"\\n",
          "kallsyms": {"bpf_prog_put": "ffffffff814e61b0", "bpf_map_put": "ffffffff814e7000"},
          "kallsyms_ambiguous": ["dup"],
          "sources": {"kernel_release": "/proc/sys/kernel/osrelease", "kconfig": "/proc/config.gz"},
          "captured_at": "2026-11-30T12:00:00Z"
        }
        """;
    return FuzzSeeds.create()
        .add("every-field", full.getBytes(StandardCharsets.UTF_8))
        .add("minimal", "{\"schema\":\"bpfsign.target/v1\"}".getBytes(StandardCharsets.UTF_8))
        .arguments(300, 18);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] json) {
    TargetProfile profile;
    try {
      profile = TargetProfileJson.parse(json, "t.json");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("t.json").doesNotContain("\n", "\r");
      return;
    }
    try {
      assertThat(TargetProfileJson.parse(TargetProfileJson.write(profile), "again")).isEqualTo(profile);
    } catch (BadInputException e) {
      throw new AssertionError("a profile it accepted does not read back: " + e.getMessage(), e);
    }
  }
}
