package dev.bpfsign.oci.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The credential JSON bpfsign reads: a token service's answer (from the network), a credential
 * helper's answer and a Docker/Podman config file. Each reader on the same bytes: a value or a
 * one-line {@link BadInputException} naming the source; nothing else.
 */
class CredentialJsonFuzzTest {
  static Stream<Arguments> read() {
    return FuzzSeeds.create()
        .add("token", "{\"token\":\"eyJhbGciOi.x.y\",\"expires_in\":300,\"issued_at\":\"2026-12-01T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8))
        .add("access-token", "{\"access_token\":\"abc\"}".getBytes(StandardCharsets.UTF_8))
        .add("helper", "{\"ServerURL\":\"r.example\",\"Username\":\"u\",\"Secret\":\"s\"}".getBytes(StandardCharsets.UTF_8))
        .add("config", """
            {"auths": {"r.example": {"auth": "dTpw"}, "https://other": {"identitytoken": "t"}},
             "credHelpers": {"r.example": "pass"}, "credsStore": "desktop"}
            """.getBytes(StandardCharsets.UTF_8))
        .arguments(400, 41);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void read(byte[] json) {
    try {
      assertThat(CredentialJson.token(json, "token answer")).isNotEmpty();
    } catch (BadInputException expected) {
      oneLine(expected, "token answer");
    }
    try {
      assertThat(CredentialJson.helperAnswer(json, "helper answer")).hasSize(2).doesNotContainNull();
    } catch (BadInputException expected) {
      oneLine(expected, "helper answer");
    }
    try {
      assertThat(CredentialJson.configEntry(json, "r.example", "config.json")).isNotNull();
    } catch (BadInputException expected) {
      oneLine(expected, "config.json");
    }
  }

  private static void oneLine(BadInputException e, String source) {
    assertThat(e.getMessage()).startsWith(source).doesNotContain("\n", "\r");
  }
}
