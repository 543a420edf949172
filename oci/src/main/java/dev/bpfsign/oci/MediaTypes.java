package dev.bpfsign.oci;

/**
 * The media and artifact types bpfsign publishes (docs/distribution.md). A loader is one OCI image
 * manifest whose single layer is the loader file without signatures; every signature is a
 * separate manifest whose subject is the loader manifest and whose single layer is the signature
 * block exactly as the loader file appends it.
 */
public final class MediaTypes {
  public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
  /** The OCI 1.1 empty config: the two bytes {@code {}}. */
  public static final String EMPTY = "application/vnd.oci.empty.v1+json";

  public static final String LOADER_ARTIFACT = "application/vnd.bpfsign.loader.v1";
  public static final String LOADER_LAYER = "application/vnd.bpfsign.loader.content.v1";
  public static final String SIGNATURE_ARTIFACT = "application/vnd.bpfsign.signature.v1";
  public static final String SIGNATURE_LAYER = "application/vnd.bpfsign.signature.block.v1";

  private MediaTypes() {}
}
