package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.insn.InsnCodec;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedHashTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.bpfsign.testdata.Fixtures#names")
  void find_signedGolden_isSha256OfTheDataBlob(String fixture) throws Exception {
    LoaderFile loader = GoldenLoaders.load(fixture, Fixtures.SIGNED);
    Bytes expected = Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA)).sha256();

    assertThat(EmbeddedHash.find(loader)).contains(expected);
    assertThat(EmbeddedHash.detectMode(InsnCodec.decode(loader.insns(), ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN))
        .isEqualTo(Mode.SIGNABLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.bpfsign.testdata.Fixtures#names")
  void find_plainGolden_isEmpty(String fixture) throws Exception {
    LoaderFile loader = GoldenLoaders.load(fixture, Fixtures.PLAIN);

    assertThat(EmbeddedHash.find(loader)).isEmpty();
    assertThat(EmbeddedHash.detectMode(InsnCodec.decode(loader.insns(), ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN))
        .isEqualTo(Mode.PLAIN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.bpfsign.testdata.Fixtures#names")
  void find_goldenReEncodedBigEndian_readsEachWordInTargetOrder(String fixture) throws Exception {
    // Re-encoding keeps the constants' values; a big-endian target reads digest bytes [8i, 8i+8)
    // as a big-endian u64 (kernel-signing.md §3.6), so these constants name the digest with
    // every 8-byte word reversed.
    byte[] be = Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS);
    InsnCodec.swapOrder(be);
    byte[] digest = Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA)).sha256().toArray();
    byte[] wordsReversed = new byte[32];
    for (int i = 0; i < 32; i++) {
      wordsReversed[i] = digest[(i & ~7) + 7 - (i & 7)];
    }
    assertThat(EmbeddedHash.find(InsnCodec.decode(be, ByteOrder.BIG_ENDIAN), ByteOrder.BIG_ENDIAN)).contains(Bytes.of(wordsReversed));
  }
}
