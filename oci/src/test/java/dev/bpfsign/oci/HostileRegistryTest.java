package dev.bpfsign.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.oci.http.Access;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on loopback that answers what no registry should: garbage, too much, server errors.
 * (The well-behaved registry is the real one in {@link LoaderRegistryTest}.)
 */
class HostileRegistryTest {
  @TempDir Path tmp;
  HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/garbage/", ex -> answer(ex, 200, "<html>this is not a manifest</html>".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/v2/huge/", ex -> answer(ex, 200, new byte[LoaderRegistry.MAX_MANIFEST + 1]));
    server.createContext("/v2/broken/", ex -> answer(ex, 503, "down for maintenance".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/v2/bigblob/", ex -> {
      if (ex.getRequestURI().getPath().contains("/manifests/")) {
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.IMAGE_MANIFEST + "\",\"artifactType\":\""
            + MediaTypes.LOADER_ARTIFACT + "\",\"config\":{\"mediaType\":\"" + MediaTypes.EMPTY + "\",\"digest\":\""
            + Digest.of(LoaderArtifacts.EMPTY_CONFIG) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"" + MediaTypes.LOADER_LAYER
            + "\",\"digest\":\"sha256:" + "ab".repeat(32) + "\",\"size\":10}]}").getBytes(StandardCharsets.UTF_8);
        answer(ex, 200, manifest);
      } else {
        answer(ex, 200, new byte[4096]); // the manifest said 10 bytes
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws java.io.IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private LoaderRegistry client() {
    return new LoaderRegistry(new Access(Optional.empty(), true, Optional.empty(), Map.of("HOME", tmp.toString())),
        new BlobCache(tmp.resolve("cache")));
  }

  private Reference ref(String repo) throws BadInputException {
    return Reference.parse("oci://127.0.0.1:" + server.getAddress().getPort() + "/" + repo + ":v1");
  }

  @Test
  void garbage_isBadInput() {
    assertThatThrownBy(() -> client().pull(ref("garbage")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("not JSON").hasMessageNotContaining("\n");
  }

  @Test
  void tooMuch_isBadInput_beforeReadingIt() {
    assertThatThrownBy(() -> client().pull(ref("huge")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("more than the 4194304");
  }

  @Test
  void aBlobLargerThanItsDescriptor_isRefused_andNothingCached() throws Exception {
    assertThatThrownBy(() -> client().pull(ref("bigblob")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("more than the 10");
    // the manifest itself was well-formed and matched its digest; the blob never enters the cache
    assertThat(LoaderRegistryTest.cachedBlobs(tmp.resolve("cache"))).doesNotContain("ab".repeat(32)).hasSize(1);
  }

  @Test
  void serverErrors_areNetworkFailures() {
    assertThatThrownBy(() -> client().pull(ref("broken")))
        .isInstanceOf(NetworkException.class).hasMessageContaining("answered 503 (down for maintenance)");
  }

  @Test
  void insecure_onlyForLoopback() throws Exception {
    Reference remote = Reference.parse("oci://192.0.2.1:5000/fleet/maps:v1");
    assertThatThrownBy(() -> client().pull(remote))
        .isInstanceOf(BadInputException.class).hasMessageContaining("only allowed for loopback");
  }
}
