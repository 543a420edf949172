package dev.bpfsign.cli;

import dev.bpfsign.cli.json.InspectReport;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.emu.EmbeddedHash;
import dev.bpfsign.loader.emu.Manifest;
import dev.bpfsign.loader.emu.ManifestMap;
import dev.bpfsign.loader.emu.ManifestProgram;
import dev.bpfsign.loader.file.LoaderBundle;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.SignatureBlock;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the inspect report of a loader: hashes, layout, manifest and signatures. */
final class Inspection {
  private Inspection() {}

  static InspectReport of(LoaderFile loader) throws BadInputException {
    return of(loader, LoaderBundle.of(loader));
  }

  /** The report of one variant of a file, listing all of the file's variants. */
  static InspectReport of(LoaderFile loader, LoaderBundle file) throws BadInputException {
    String embedded = null;
    Boolean embeddedMatches = null;
    if (loader.mode() == Mode.SIGNABLE) {
      Optional<Bytes> hash = EmbeddedHash.find(loader);
      embedded = hash.map(Bytes::hex).orElse(null);
      embeddedMatches = hash.map(h -> h.equals(loader.data().sha256())).orElse(false);
    }
    List<InspectReport.MapEntry> maps = null;
    List<InspectReport.ProgramEntry> programs = null;
    String manifestError = null;
    try {
      Manifest manifest = Manifest.of(loader);
      maps = manifest.maps().stream().map(Inspection::map).toList();
      programs = manifest.programs().stream().map(Inspection::program).toList();
    } catch (BadInputException e) {
      // a loader that fails under emulation (say, a changed blob) is still worth describing
      manifestError = e.getMessage();
    }
    List<InspectReport.SignatureEntry> sigs = new ArrayList<>();
    for (int i = 0; i < loader.signatures().size(); i++) {
      sigs.add(signature(i, loader.signatures().get(i), loader));
    }
    return new InspectReport(
        InspectReport.SCHEMA,
        loader.name(),
        loader.mode().label(),
        loader.scheme().label(),
        loader.scheme().kernels(),
        loader.order() == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian",
        loader.insnCount(),
        loader.insns().sha256().hex(),
        loader.data().length(),
        loader.data().sha256().hex(),
        embedded,
        embeddedMatches,
        new InspectReport.Ctx(loader.ctx().size(), loader.ctx().maps(), loader.ctx().programs()),
        dev.bpfsign.cli.json.TargetReport.of(loader.target()),
        maps,
        programs,
        manifestError,
        sigs,
        file.variants().stream().map(v -> new InspectReport.Variant(v.scheme().label(), v.scheme().kernels(),
            v.mode().label(), v.insnCount(), v.insns().sha256().hex(), v.signatures().size())).toList(),
        null);
  }

  private static InspectReport.MapEntry map(ManifestMap m) {
    return new InspectReport.MapEntry(m.name() != null ? m.name() : m.kernelName(), m.kernelName(),
        m.typeName() != null ? m.typeName() : Integer.toString(m.type()),
        Integer.toUnsignedLong(m.keySize()), Integer.toUnsignedLong(m.valueSize()),
        Integer.toUnsignedLong(m.maxEntries()), Integer.toUnsignedLong(m.flags()));
  }

  private static InspectReport.ProgramEntry program(ManifestProgram p) {
    return new InspectReport.ProgramEntry(p.name() != null ? p.name() : p.kernelName(), p.kernelName(),
        p.typeName() != null ? p.typeName() : Integer.toString(p.type()),
        p.expectedAttachTypeName(), p.attachTarget(), p.insnCount());
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
