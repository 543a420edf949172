package dev.bpfsign.cli;

import dev.bpfsign.oci.BlobCache;
import dev.bpfsign.oci.LoaderRegistry;
import dev.bpfsign.oci.http.Access;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How commands that take {@code oci://REF} reach registries (docs/distribution.md). */
final class RegistryOptions {
  @Option(names = "--registry-auth", paramLabel = "env:VAR|file:PATH",
      description = "Registry credentials USER:PASSWORD (default: Docker/Podman config files and credential helpers).")
  String registryAuth;

  @Option(names = "--ca", paramLabel = "FILE", description = "Trust only this CA (PEM) for the registry's TLS certificate.")
  Path ca;

  @Option(names = "--insecure", description = "Plain HTTP to the registry; only for loopback addresses.")
  boolean insecure;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Blob cache (default $CACHE_DIRECTORY under systemd, else ~/.cache/bpfsign/oci).")
  Path cache;

  LoaderRegistry registry() {
    Map<String, String> env = System.getenv();
    return new LoaderRegistry(new Access(Optional.ofNullable(ca), insecure, Optional.ofNullable(registryAuth), env),
        new BlobCache(cache != null ? cache : BlobCache.defaultRoot(env)));
  }
}
