package dev.bpfsign.loader.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture: our Linux 7.3 loader is byte for byte bpftool-7.3's (goldens {@code signed-7.3}
 * in keys-testdata), and the 7.3 plain loader is bpftool's plain loader (the two bpftools write
 * the same one; make-goldens.sh checks that).
 */
class Generator73GoldenTest {
  static java.util.List<String> fixtures() {
    return Fixtures.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void signable73_matchesBpftool73(String fixture) throws Exception {
    GeneratedLoader loader = generate(fixture, Mode.SIGNABLE, Fixtures.SIGNED_7_3);
    byte[] insns = Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.INSNS);
    byte[] data = Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.DATA);
    assertThat(Arrays.equals(insns, loader.insns().toArray()))
        .as(() -> LoaderDiff.insns(insns, loader.insns().toArray())).isTrue();
    assertThat(Arrays.equals(data, loader.data().toArray()))
        .as(() -> LoaderDiff.data(data, loader.data().toArray())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void plain73_isThePlainGolden(String fixture) throws Exception {
    GeneratedLoader loader = generate(fixture, Mode.PLAIN, Fixtures.PLAIN);
    assertThat(loader.insns().toArray()).isEqualTo(Fixtures.golden(fixture, Fixtures.PLAIN, Fixtures.INSNS));
    assertThat(loader.data().toArray()).isEqualTo(Fixtures.golden(fixture, Fixtures.PLAIN, Fixtures.DATA));
  }

  private static GeneratedLoader generate(String fixture, Mode mode, String goldenMode) throws Exception {
    BpfObject obj = ObjectReader.read(fixture + ".bpf.o", Fixtures.object(fixture),
        ReferenceHostInputs.of(fixture, goldenMode));
    return LoaderGenerator.generate(obj, mode, Scheme.LINUX_7_3);
  }
}
