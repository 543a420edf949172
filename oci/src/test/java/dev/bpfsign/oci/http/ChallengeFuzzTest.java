package dev.bpfsign.oci.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.testdata.FuzzSeeds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WWW-Authenticate challenge of a registry's 401 answer, and the token request a Bearer
 * challenge leads to: a challenge, or a one-line {@link BadInputException} naming the registry;
 * nothing else (no unchecked exception from a malformed realm). A token request is an absolute
 * http(s) URI on the realm's host that carries the scope.
 */
class ChallengeFuzzTest {
  static Stream<Arguments> parse() {
    return FuzzSeeds.create()
        .add("docker-hub", bytes("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
            + "scope=\"repository:library/x:pull\""))
        .add("ghcr", bytes("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:o/x:pull\""))
        .add("query-realm", bytes("Bearer realm=\"http://127.0.0.1:5001/auth?x=1\",service=\"test registry\""))
        .add("basic", bytes("Basic realm=\"Registry Realm\""))
        .add("error", bytes("Bearer realm=\"https://r.example/t\",error=\"insufficient_scope\""))
        .arguments(400, 43);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] header) {
    // HTTP header values are bytes; Java's client gives them as ISO-8859-1 characters
    String text = new String(header, StandardCharsets.ISO_8859_1);
    try {
      Challenge c = Challenge.parse(text, "registry");
      if (c.isBearer()) {
        URI realm = c.realm("registry");
        URI token = c.tokenRequest("repository:x:pull", "registry");
        assertThat(token.isAbsolute()).isTrue();
        // URI schemes are case-insensitive (RFC 3986): "hTtp" is http
        assertThat(token.getScheme().toLowerCase(java.util.Locale.ROOT)).isIn("http", "https");
        assertThat(token.getScheme()).isEqualTo(realm.getScheme());
        assertThat(token.getRawAuthority()).isEqualTo(realm.getRawAuthority());
        assertThat(token.getRawQuery()).contains("scope=");
      }
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("registry: ").doesNotContain("\n", "\r");
    }
  }
}
