package dev.bpfsign.verifier;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.skel.LightSkeletonReader;
import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * bpftool 7.8's light skeletons imported as loader files (instructions, data, ctx layout and,
 * for signed ones, the signature), checked against the raw golden splits.
 */
final class Goldens {
  private Goldens() {}

  static LoaderFile signed(String fixture) {
    return imported(fixture, Fixtures.SIGNED);
  }

  /** The unsigned signable loader of a fixture (bpftool's -S output without its signature). */
  static LoaderFile unsigned(String fixture) {
    return signed(fixture).withoutSignatures();
  }

  /** bpftool's plain (-L without -S) loader of a fixture. */
  static LoaderFile plain(String fixture) {
    return imported(fixture, Fixtures.PLAIN);
  }

  private static LoaderFile imported(String fixture, String mode) {
    try {
      Path header = Fixtures.header(fixture, mode);
      LoaderFile l = LightSkeletonReader.readLoader(Files.readAllBytes(header), header.toString());
      if (!l.insns().equals(Bytes.of(Fixtures.golden(fixture, mode, Fixtures.INSNS)))
          || !l.data().equals(Bytes.of(Fixtures.golden(fixture, mode, Fixtures.DATA)))
          || l.mode() != (mode.equals(Fixtures.SIGNED) ? Mode.SIGNABLE : Mode.PLAIN)) {
        throw new AssertionError(fixture + " " + mode + ": imported header differs from the raw golden splits");
      }
      return l;
    } catch (Exception e) {
      throw new AssertionError(fixture + " " + mode + ": " + e, e);
    }
  }
}
