package dev.bpfsign.loader.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.obj.BpfObject;
import dev.bpfsign.loader.obj.ObjectReader;
import dev.bpfsign.testdata.Fixtures;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture, both modes: our loader is byte for byte bpftool 7.8's (goldens in keys-testdata). */
class GeneratorGoldenTest {
  static Stream<Arguments> cases() {
    return Fixtures.names().stream()
        .flatMap(n -> Stream.of(Arguments.of(n, Mode.PLAIN), Arguments.of(n, Mode.SIGNABLE)));
  }

  private static String dir(Mode mode) {
    return mode == Mode.PLAIN ? Fixtures.PLAIN : Fixtures.SIGNED;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void generate_fixture_matchesBpftoolInstructions(String fixture, Mode mode) throws Exception {
    GeneratedLoader loader = generate(fixture, mode);
    byte[] expected = Fixtures.golden(fixture, dir(mode), Fixtures.INSNS);
    byte[] actual = loader.insns().toArray();
    assertThat(Arrays.equals(expected, actual)).as(() -> LoaderDiff.insns(expected, actual)).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void generate_fixture_matchesBpftoolData(String fixture, Mode mode) throws Exception {
    GeneratedLoader loader = generate(fixture, mode);
    byte[] expected = Fixtures.golden(fixture, dir(mode), Fixtures.DATA);
    byte[] actual = loader.data().toArray();
    assertThat(Arrays.equals(expected, actual)).as(() -> LoaderDiff.data(expected, actual)).isTrue();
  }

  static GeneratedLoader generate(String fixture, Mode mode) throws Exception {
    BpfObject obj = ObjectReader.read(fixture + ".bpf.o", Fixtures.object(fixture), ReferenceHostInputs.of(fixture));
    return LoaderGenerator.generate(obj, mode);
  }
}
