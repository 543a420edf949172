package dev.bpfsign.oci.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach registries, as the command line gives it.
 *
 * @param ca trust only this CA (PEM or DER) instead of the system trust store
 * @param insecure plain HTTP; refused unless the registry is a loopback address
 * @param registryAuth {@code env:VAR} or {@code file:PATH} holding {@code USER:PASSWORD}
 * @param env the environment credential files are found through
 */
public record Access(Optional<Path> ca, boolean insecure, Optional<String> registryAuth, Map<String, String> env) {
  public static Access defaults() {
    return new Access(Optional.empty(), false, Optional.empty(), System.getenv());
  }
}
