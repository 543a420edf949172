package dev.bpfsign.verifier;

import dev.bpfsign.loader.emu.LoaderShape;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ShapeProblem;
import java.util.List;
import java.util.Optional;

/**
 * What the loader's content check found: the departures from gen_loader's shape, and the
 * manifest decoded by emulating the loader over its blob (or why it could not be decoded).
 * A pure function of the loader's content, so a verifier caches it by the content's digests.
 */
record LoaderContent(List<ShapeProblem> shape, Optional<Manifest> manifest, String manifestProblem) {
  LoaderContent {
    shape = List.copyOf(shape);
  }

  static LoaderContent of(dev.bpfsign.loader.file.LoaderFile loader) {
    List<ShapeProblem> shape = LoaderShape.check(loader);
    try {
      return new LoaderContent(shape, Optional.of(Manifest.of(loader)), null);
    } catch (dev.bpfsign.loader.BadInputException | RuntimeException e) {
      return new LoaderContent(shape, Optional.empty(), CertificateFiles.oneLine(e));
    }
  }
}
