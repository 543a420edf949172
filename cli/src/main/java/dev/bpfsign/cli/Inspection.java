package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.SignatureBlock;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds the inspect report of a loader: hashes, layout, manifest and signatures. */
final class Inspection {
  private Inspection() {}

  static InspectReport of(LoaderFile loader) {
    String embedded = null;
    Boolean embeddedMatches = null;
    if (loader.mode() == Mode.SIGNABLE) {
      // TODO(isa-emu): EmbeddedHash reads the SHA-256 the instructions check the blob against
    }
    List<InspectReport.SignatureEntry> sigs = new ArrayList<>();
    for (int i = 0; i < loader.signatures().size(); i++) {
      sigs.add(signature(i, loader.signatures().get(i), loader));
    }
    return new InspectReport(
        InspectReport.SCHEMA,
        loader.name(),
        loader.mode().label(),
        loader.order() == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian",
        loader.insnCount(),
        loader.insns().sha256().hex(),
        loader.data().length(),
        loader.data().sha256().hex(),
        embedded,
        embeddedMatches,
        new InspectReport.Ctx(loader.ctx().size(), loader.ctx().maps(), loader.ctx().programs()),
        // TODO(isa-emu): maps and programs from the emulator's Manifest
        null,
        null,
        sigs,
        null);
  }

  private static InspectReport.SignatureEntry signature(int index, SignatureBlock block, LoaderFile loader) {
    CmsSignerInfo info = null;
    String error = null;
    try {
      info = CmsSignerInfo.parse(block.cms());
    } catch (BadInputException e) {
      error = e.getMessage();
    }
    return new InspectReport.SignatureEntry(
        index,
        block.scheme().label(),
        info == null ? null : new InspectReport.Signer(info.skid(), info.issuer(), info.serial()),
        info == null ? null : info.digestAlgorithm(),
        info == null ? null : info.signatureAlgorithm(),
        block.cms().length(),
        block.cms().sha256().hex(),
        error,
        block.exclProgHash().hex(),
        block.exclProgHash().equals(loader.insns().sha256()),
        block.certificates().size());
  }
}
