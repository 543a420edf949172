package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kallsyms text: addresses by name, or a one-line {@link BadInputException} naming the source and
 * line; nothing else. Any bytes are text here (ISO-8859-1, as {@code gen --kallsyms} reads it).
 */
class KallsymsFuzzTest {
  static Stream<Arguments> parse() {
    return FuzzSeeds.create()
        .add("kallsyms", String.join("\n",
            "ffffffff814e61b0 T bpf_prog_put",
            "ffffffff82a01234 d bpf_stats_enabled_key.llvm.1234567890",
            "0000000000000000 A fixed_percpu_data",
            "ffffffffc0a01000 t helper_in_module\t[some_mod]",
            "ffffffff814e61b0 T dup", "ffffffff814e61b8 T dup", "").getBytes(StandardCharsets.ISO_8859_1))
        .arguments(300, 7);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] text) {
    try {
      Kallsyms.parse(new String(text, StandardCharsets.ISO_8859_1), "k");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("k:").doesNotContain("\n", "\r");
    }
  }
}
