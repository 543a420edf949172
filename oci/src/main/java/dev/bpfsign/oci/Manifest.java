package dev.bpfsign.oci;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The parts of an OCI image manifest bpfsign reads and writes. */
public record Manifest(String mediaType, Optional<String> artifactType, Descriptor config, List<Descriptor> layers,
    Optional<Descriptor> subject, Map<String, String> annotations) {
  public Manifest {
    layers = List.copyOf(layers);
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
