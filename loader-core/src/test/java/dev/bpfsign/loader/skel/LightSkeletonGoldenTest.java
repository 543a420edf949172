package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import of every bpftool golden against the raw splits an independent extractor made. */
class LightSkeletonGoldenTest {
  static List<String> fixtures() {
    return Goldens.fixtures();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_plainGolden_equalsRawSplits(String fixture) throws Exception {
    LoaderFile loader = LightSkeletonReader.readLoader(Goldens.header(fixture, "plain"), fixture + "/plain.lskel.h");
    assertThat(loader.insns()).isEqualTo(Bytes.of(Goldens.bin(fixture, "plain", "insns")));
    assertThat(loader.data()).isEqualTo(Bytes.of(Goldens.bin(fixture, "plain", "data")));
    assertThat(loader.signatures()).isEmpty();
    assertThat(loader.mode()).isEqualTo(Mode.PLAIN);
    assertThat(loader.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(loader.name()).isEqualTo(fixture);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_signedGolden_equalsRawSplitsWithOneSignature(String fixture) throws Exception {
    LoaderFile loader = LightSkeletonReader.readLoader(Goldens.header(fixture, "signed"), fixture + "/signed.lskel.h");
    assertThat(loader.insns()).isEqualTo(Bytes.of(Goldens.bin(fixture, "signed", "insns")));
    assertThat(loader.data()).isEqualTo(Bytes.of(Goldens.bin(fixture, "signed", "data")));
    assertThat(loader.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(loader.signatures()).hasSize(1);
    var sig = loader.signatures().get(0);
    assertThat(sig.scheme()).isEqualTo(Scheme.LINUX_6_18);
    assertThat(sig.cms()).isEqualTo(Bytes.of(Goldens.bin(fixture, "signed", "sig")));
    assertThat(sig.exclProgHash()).isEqualTo(Bytes.of(Goldens.bin(fixture, "signed", "excl_hash")));
    // bpftool's excl hash is SHA-256 of the instructions (measured); the import keeps it as is
    assertThat(sig.exclProgHash()).isEqualTo(loader.insns().sha256());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_plainAndSigned_haveTheSameCtxLayout(String fixture) throws Exception {
    LightSkeleton plain = LightSkeletonReader.read(Goldens.header(fixture, "plain"), "p");
    LightSkeleton signed = LightSkeletonReader.read(Goldens.header(fixture, "signed"), "s");
    assertThat(signed.ctx()).isEqualTo(plain.ctx());
    assertThat(signed.name()).isEqualTo(plain.name());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void loaderFile_ofImportedGolden_roundTripsThroughTheFormat(String fixture) throws Exception {
    for (String mode : List.of("plain", "signed")) {
      LoaderFile loader = LightSkeletonReader.readLoader(Goldens.header(fixture, mode), mode);
      assertThat(LoaderFileFormat.read(LoaderFileFormat.write(loader), "x")).isEqualTo(loader);
    }
  }
}
