package dev.bpfsign.oci.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.oci.Descriptor;
import dev.bpfsign.oci.Manifest;
import dev.bpfsign.oci.OciSeeds;
import dev.bpfsign.testdata.FuzzSeeds;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests and indexes as a registry answers them (pull reads a loader manifest, its signature
 * manifests, and the referrers index or the tag-schema index): a checked record, or a one-line
 * {@link BadInputException} naming the source; nothing else. What is accepted writes back to JSON
 * that reads again to the same record.
 */
class OciJsonFuzzTest {
  static Stream<Arguments> manifest() throws Exception {
    return FuzzSeeds.create()
        .add("loader-manifest", OciSeeds.loaderManifest())
        .add("signature-manifest", OciSeeds.signatureManifest())
        .add("image-manifest", OciSeeds.imageManifest())
        .arguments(600, 31);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void manifest(byte[] json) throws Exception {
    Manifest m;
    try {
      m = OciJson.readManifest(json, "registry: manifest");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("registry: manifest").doesNotContain("\n", "\r");
      return;
    }
    assertThat(OciJson.readManifest(OciJson.writeManifest(m), "again")).isEqualTo(m);
  }

  static Stream<Arguments> index() throws Exception {
    return FuzzSeeds.create()
        .add("referrers-index", OciSeeds.referrersIndex())
        .add("empty-index", "{\"schemaVersion\":2,\"manifests\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .arguments(600, 37);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void index(byte[] json) throws Exception {
    List<Descriptor> list;
    try {
      list = OciJson.readIndex(json, "registry: referrers");
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("registry: referrers").doesNotContain("\n", "\r");
      return;
    }
    assertThat(OciJson.readIndex(OciJson.writeIndex(list), "again")).isEqualTo(list);
  }
}
