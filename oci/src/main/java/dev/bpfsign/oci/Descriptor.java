package dev.bpfsign.oci;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** An OCI content descriptor: what a manifest or index says about a blob or manifest it points to. */
public record Descriptor(String mediaType, Digest digest, long size, Optional<String> artifactType,
    Map<String, String> annotations) {
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(artifactType, "artifactType");
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  public static Descriptor of(String mediaType, byte[] content) {
    return new Descriptor(mediaType, Digest.of(content), content.length, Optional.empty(), Map.of());
  }

  public Descriptor withAnnotations(Map<String, String> a) {
    return new Descriptor(mediaType, digest, size, artifactType, a);
  }

  public Descriptor withArtifactType(String type) {
    return new Descriptor(mediaType, digest, size, Optional.of(type), annotations);
  }
}
