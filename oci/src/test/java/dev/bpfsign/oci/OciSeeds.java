package dev.bpfsign.oci;

import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.oci.json.OciJson;
import dev.bpfsign.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OCI documents bpfsign reads from a registry, as bpfsign writes them for real fixtures
 * (so a change of the layout re-seeds the fuzz corpora by itself), and one as other tools write
 * them: the seeds of the oci module's fuzz tests.
 */
public final class OciSeeds {
  private OciSeeds() {}

  /** The loader manifest of a fixture. */
  public static byte[] loaderManifest() throws Exception {
    LoaderBundle loader = LoaderBundle.of(Registries.loader(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18));
    byte[] content = LoaderArtifacts.content(loader);
    return OciJson.writeManifest(LoaderArtifacts.loaderManifest(loader, content, "seed"));
  }

  /** A signature manifest: one layer, a subject, annotations. */
  public static byte[] signatureManifest() throws Exception {
    LoaderBundle loader = LoaderBundle.of(Registries.loader(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18));
    byte[] content = LoaderArtifacts.content(loader);
    SignatureBlock block = Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18);
    Descriptor subject = Descriptor.of(MediaTypes.IMAGE_MANIFEST, loaderManifest());
    return OciJson.writeManifest(LoaderArtifacts.signatureManifest(subject, block,
        LoaderArtifacts.signatureLayer(loader, block)));
  }

  /** A referrers answer: an index listing a signature manifest, with its artifact type and annotations. */
  public static byte[] referrersIndex() throws Exception {
    byte[] signature = signatureManifest();
    SignatureBlock block = Registries.signature(Fixtures.MAPS_BASIC, Scheme.LINUX_6_18);
    Descriptor d = Descriptor.of(MediaTypes.IMAGE_MANIFEST, signature).withArtifactType(MediaTypes.SIGNATURE_ARTIFACT)
        .withAnnotations(LoaderArtifacts.signatureAnnotations(block));
    return OciJson.writeIndex(List.of(d, Descriptor.of(MediaTypes.IMAGE_MANIFEST, loaderManifest())));
  }

  /** An image manifest as a container tool writes it: indented, a config blob, two layers. */
  public static byte[] imageManifest() {
    String hex = "0123456789abcdef".repeat(4);
    return ("""
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:%s", "size": 1470},
          "layers": [
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:%s", "size": 3370706},
            {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:%s", "size": 0,
             "annotations": {"org.opencontainers.image.title": "a b"}}
          ],
          "annotations": {"org.opencontainers.image.created": "2026-12-01T00:00:00Z"}
        }
        """).formatted(hex, hex, hex).getBytes(StandardCharsets.UTF_8);
  }
}
