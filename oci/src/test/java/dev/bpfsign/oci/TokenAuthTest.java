package dev.bpfsign.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.oci.http.Access;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.TestRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer token flow against distribution 2.8 in token-auth mode, with a token service over TLS. */
class TokenAuthTest {
  static TestRegistry registry;
  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Registries.requireToolsOrSkip();
    registry = TestRegistry.startWithTokenAuth(dir.resolve("registry"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private Reference ref(String repoAndTag) throws BadInputException {
    return Reference.parse("oci://" + registry.address() + "/" + repoAndTag);
  }

  @Test
  void pushAndPull_throughBearerTokens() throws Exception {
    LoaderBundle signed = LoaderBundle.of(Registries.loader(Fixtures.MAPS_BASIC)
        .withSignature(Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18)));
    Digest digest = new LoaderRegistry(Registries.access(registry), new BlobCache(tmp.resolve("p"))).push(signed, ref("fleet/token:v1"), "test");
    int afterPush = registry.tokensIssued();
    assertThat(afterPush).isPositive();

    PulledLoader pulled = new LoaderRegistry(Registries.access(registry), new BlobCache(tmp.resolve("q"))).pull(ref("fleet/token:v1"));
    assertThat(pulled.manifest().digest()).isEqualTo(digest);
    assertThat(LoaderFileFormat.write(pulled.loader())).isEqualTo(LoaderFileFormat.write(signed));
    assertThat(registry.tokensIssued()).isGreaterThan(afterPush);
  }

  @Test
  void wrongPasswordAtTheTokenService_isOneLine() {
    LoaderRegistry wrong = new LoaderRegistry(Registries.access(registry, "wrong"), new BlobCache(tmp.resolve("w")));
    assertThatThrownBy(() -> wrong.pull(ref("fleet/token:v1")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(registry.address() + ": the token service refused user release (401)");
  }

  @Test
  void anonymous_isRefusedByTheTokenService() {
    LoaderRegistry anonymous = new LoaderRegistry(new Access(Optional.of(registry.caPem()), false, Optional.empty(),
        Map.of("HOME", tmp.toString())), new BlobCache(tmp.resolve("a")));
    assertThatThrownBy(() -> anonymous.pull(ref("fleet/token:v1")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(registry.address() + ": the token service refused anonymous access (401)");
  }
}
