package dev.bpfsign.oci.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import org.junit.jupiter.api.Test;

/** WWW-Authenticate challenges as registries send them, and the ones bpfsign refuses in one line. */
class ChallengeTest {
  @Test
  void bearer_tokenRequestCarriesServiceAndScope() throws Exception {
    Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/x:pull\"", "r");
    assertThat(c.isBearer()).isTrue();
    assertThat(c.tokenRequest("repository:y:pull", "r").toString()).isEqualTo(
        "https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fx%3Apull");
  }

  @Test
  void bearer_realmWithQuery_getsTheDefaultScopeAppended() throws Exception {
    Challenge c = Challenge.parse("Bearer realm=\"https://r.example/auth?x=1\"", "r");
    assertThat(c.tokenRequest("repository:y:pull", "r").toString())
        .isEqualTo("https://r.example/auth?x=1&scope=repository%3Ay%3Apull");
  }

  @Test
  void bearer_realmThatIsNoUrl_isOneLineBadInput() throws Exception {
    // URI.create used to throw IllegalArgumentException here: an internal error (exit 70) for a registry's header
    Challenge c = Challenge.parse("Bearer realm=\"https://a b/token\"", "r.example");
    assertThatThrownBy(() -> c.tokenRequest("s", "r.example")).isInstanceOf(BadInputException.class)
        .hasMessage("r.example: the token realm 'https://a b/token' is not a URL");
  }

  @Test
  void bearer_realmWithoutHost_isRefused() throws Exception {
    Challenge c = Challenge.parse("Bearer realm=\"file:///etc/passwd\"", "r.example");
    assertThatThrownBy(() -> c.realm("r.example")).isInstanceOf(BadInputException.class)
        .hasMessage("r.example: the token realm 'file:///etc/passwd' is not an http(s) URL with a host");
  }

  @Test
  void bearer_withoutRealm_isRefused() throws Exception {
    Challenge c = Challenge.parse("Bearer service=\"x\"", "r.example");
    assertThatThrownBy(() -> c.realm("r.example")).isInstanceOf(BadInputException.class)
        .hasMessage("r.example: Bearer challenge without realm");
  }
}
