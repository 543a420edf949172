package dev.bpfsign.oci;

import dev.bpfsign.loader.file.LoaderBundle;
import java.util.List;

/**
 * A loader fetched from a registry, every byte checked against its digest.
 *
 * @param pinned the reference pinned to the loader manifest's digest (what a host should load next time)
 * @param manifest the loader manifest's descriptor (the subject of its signatures)
 * @param loader the loader file (every variant) with every signature referrer's block added, in digest order
 * @param signatures the digests of the signature referrers, in the order of {@code loader.signatures()}
 * @param ignoredReferrers referrers of other artifact types (SBOMs, other tools' signatures), left alone
 */
public record PulledLoader(Reference pinned, Descriptor manifest, LoaderBundle loader, List<Digest> signatures,
    int ignoredReferrers) {
  public PulledLoader {
    signatures = List.copyOf(signatures);
  }
}
