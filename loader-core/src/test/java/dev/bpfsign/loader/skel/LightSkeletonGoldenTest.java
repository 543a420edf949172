package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.LoaderFileFormat;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import of every bpftool golden against the raw splits an independent extractor made. */
class LightSkeletonGoldenTest {
  static List<String> fixtures() {
    return Fixtures.names();
  }

  private static byte[] header(String fixture, String mode) throws java.io.IOException {
    return java.nio.file.Files.readAllBytes(Fixtures.header(fixture, mode));
  }

  private static Bytes golden(String fixture, String mode, String part) {
    return Bytes.of(Fixtures.golden(fixture, mode, part));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_plainGolden_equalsRawSplits(String fixture) throws Exception {
    LoaderFile loader = LightSkeletonReader.readLoader(header(fixture, "plain"), fixture + "/plain.lskel.h");
    assertThat(loader.insns()).isEqualTo(golden(fixture, "plain", Fixtures.INSNS));
    assertThat(loader.data()).isEqualTo(golden(fixture, "plain", Fixtures.DATA));
    assertThat(loader.signatures()).isEmpty();
    assertThat(loader.mode()).isEqualTo(Mode.PLAIN);
    assertThat(loader.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    assertThat(loader.name()).isEqualTo(fixture);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_signedGolden_equalsRawSplitsWithOneSignature(String fixture) throws Exception {
    LoaderFile loader = LightSkeletonReader.readLoader(header(fixture, "signed"), fixture + "/signed.lskel.h");
    assertThat(loader.insns()).isEqualTo(golden(fixture, "signed", Fixtures.INSNS));
    assertThat(loader.data()).isEqualTo(golden(fixture, "signed", Fixtures.DATA));
    assertThat(loader.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(loader.signatures()).hasSize(1);
    var sig = loader.signatures().get(0);
    assertThat(sig.scheme()).isEqualTo(Scheme.LINUX_6_18);
    assertThat(sig.cms()).isEqualTo(golden(fixture, "signed", Fixtures.SIG));
    assertThat(sig.exclProgHash()).isEqualTo(golden(fixture, "signed", Fixtures.EXCL_HASH));
    // bpftool's excl hash is SHA-256 of the instructions (measured); the import keeps it as is
    assertThat(sig.exclProgHash()).isEqualTo(loader.insns().sha256());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readLoader_plainAndSigned_haveTheSameCtxLayout(String fixture) throws Exception {
    LightSkeleton plain = LightSkeletonReader.read(header(fixture, "plain"), "p");
    LightSkeleton signed = LightSkeletonReader.read(header(fixture, "signed"), "s");
    assertThat(signed.ctx()).isEqualTo(plain.ctx());
    assertThat(signed.name()).isEqualTo(plain.name());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void loaderFile_ofImportedGolden_roundTripsThroughTheFormat(String fixture) throws Exception {
    for (String mode : List.of("plain", "signed")) {
      LoaderFile loader = LightSkeletonReader.readLoader(header(fixture, mode), mode);
      assertThat(LoaderFileFormat.read(LoaderFileFormat.write(loader), "x")).isEqualTo(loader);
    }
  }
}
