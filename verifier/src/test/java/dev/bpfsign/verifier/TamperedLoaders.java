package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.SignatureBlock;

/** Loaders changed the way an attacker would, for tests of what catches the change. */
final class TamperedLoaders {
  private TamperedLoaders() {}

  /**
   * {@code loader} with instruction byte {@code at} flipped and every signature block's
   * excl_prog_hash rewritten to match (that field is not signed: anyone can rewrite it).
   */
  static LoaderFile changedInstruction(LoaderFile loader, int at) {
    byte[] insns = loader.insns().toArray();
    insns[at] ^= 0x01;
    Bytes changed = Bytes.of(insns);
    return new LoaderFile(loader.name(), loader.mode(), loader.scheme(), loader.order(), changed, loader.data(),
        loader.ctx(), loader.signatures().stream()
            .map(b -> new SignatureBlock(b.scheme(), b.cms(), changed.sha256(), b.certificates())).toList(),
        loader.rawTracepoints());
  }

  /** The first instruction immediate byte whose change leaves shape, manifest and hashes intact. */
  static int firstByteOnlyTheSignatureCatches(LoaderFile loader) {
    Verifier leftToKernel = SignaturesLeftToKernelTest.leftToKernel();
    for (int i = 4; i < loader.insns().length(); i += 8) {
      if (leftToKernel.verify(changedInstruction(loader, i)).admitted()) {
        return i;
      }
    }
    throw new AssertionError("every instruction change is caught without the signature");
  }
}
