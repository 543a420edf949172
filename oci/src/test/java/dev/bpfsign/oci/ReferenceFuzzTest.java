package dev.bpfsign.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code oci://} references (a command-line argument, or a subject digest a registry names): a
 * reference, or a one-line {@link BadInputException}; nothing else. An accepted reference prints
 * as text that parses to the same registry, repository and manifest reference, and its host is
 * defined.
 */
class ReferenceFuzzTest {
  static Stream<Arguments> parse() {
    String hex = "0123456789abcdef".repeat(4);
    return FuzzSeeds.create()
        .add("tag", bytes("oci://registry.example:5000/team/loaders/maps:v1.2"))
        .add("digest", bytes("localhost/maps@sha256:" + hex))
        .add("tag-and-digest", bytes("oci://r.example/a/b__c/d-e.f:latest@sha256:" + hex))
        .add("ipv6", bytes("[::1]:5000/maps"))
        .arguments(400, 47);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] argument) throws Exception {
    String text = new String(argument, StandardCharsets.UTF_8);
    Reference r;
    try {
      r = Reference.parse(text);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("reference '").doesNotContain("\n", "\r");
      return;
    }
    assertThat(r.host()).isNotNull();
    Reference again = Reference.parse(r.toString());
    assertThat(again.registry()).isEqualTo(r.registry());
    assertThat(again.repository()).isEqualTo(r.repository());
    assertThat(again.manifestReference()).isEqualTo(r.manifestReference());
  }
}
