package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.testdata.Fixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator and the manifest decoder on bpftool-7.3's loaders: the 7.3 variant of every
 * fixture runs to success and creates exactly what the 6.18 variant creates (same maps, programs
 * and BTF: the variants differ only in the metadata check). Unlike a 6.18 loader, a 7.3 loader
 * does not check its own blob, so a changed blob still emulates (the kernel refuses it).
 */
class Emulator73Test {
  static List<String> fixtures() {
    return Fixtures.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void manifest73_equalsManifest618(String fixture) throws Exception {
    Manifest m73 = Manifest.of(GoldenLoaders.load(fixture, Fixtures.SIGNED_7_3));
    Manifest m618 = Manifest.of(GoldenLoaders.load(fixture, Fixtures.SIGNED));
    assertThat(m73.programs()).isEqualTo(m618.programs());
    assertThat(m73.maps()).isEqualTo(m618.maps());
    assertThat(m73.btf()).isEqualTo(m618.btf());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void changedBlob_618LoaderFailsItsOwnCheck_73LoaderDoesNotCheck(String fixture) throws Exception {
    LoaderFile l618 = GoldenLoaders.load(fixture, Fixtures.SIGNED);
    LoaderFile l73 = GoldenLoaders.load(fixture, Fixtures.SIGNED_7_3);
    assertThatThrownBy(() -> Manifest.of(withFlippedLastDataByte(l618))).isInstanceOf(BadInputException.class);
    assertThat(Emulator.run(withFlippedLastDataByte(l73)).succeeded()).isTrue();
  }

  private static LoaderFile withFlippedLastDataByte(LoaderFile l) {
    byte[] data = l.data().toArray();
    data[data.length - 1] ^= 1;
    return new LoaderFile(l.name(), l.mode(), l.scheme(), l.order(), l.insns(), Bytes.of(data), l.ctx(), l.signatures());
  }
}
