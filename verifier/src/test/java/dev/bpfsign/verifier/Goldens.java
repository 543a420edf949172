package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.CtxLayout;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.file.SignatureBlock;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import java.util.List;

/** bpftool 7.8's signed light skeletons, as loader files built from the raw golden splits. */
final class Goldens {
  private Goldens() {}

  static LoaderFile signed(String fixture) {
    Bytes insns = Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS));
    Bytes data = Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA));
    SignatureBlock sig = new SignatureBlock(Scheme.LINUX_6_18,
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.SIG)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.EXCL_HASH)));
    return new LoaderFile(fixture, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN, insns, data,
        new CtxLayout(List.of(), List.of()), List.of(sig));
  }

  /** The unsigned signable loader of a fixture (bpftool's -S output without its signature). */
  static LoaderFile unsigned(String fixture) {
    return signed(fixture).withoutSignatures();
  }
}
