package dev.bpfsign.loader.skel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.LoaderFile;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.file.Scheme;
import dev.bpfsign.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** bpftool-7.3's signed headers import as 7.3 variants and write back byte for byte. */
class LightSkeletonGolden73Test {
  static List<String> fixtures() {
    return Fixtures.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void import73Header_isA73SignableVariant_andWritesBackIdentically(String fixture) throws Exception {
    Path header = Fixtures.header(fixture, Fixtures.SIGNED_7_3);
    byte[] bytes = Files.readAllBytes(header);
    LoaderFile loader = LightSkeletonReader.readLoader(bytes, header.toString());

    assertThat(loader.scheme()).isEqualTo(Scheme.LINUX_7_3);
    assertThat(loader.mode()).isEqualTo(Mode.SIGNABLE);
    assertThat(loader.signatures()).singleElement().satisfies(b -> {
      assertThat(b.scheme()).isEqualTo(Scheme.LINUX_7_3);
      assertThat(b.cms().toArray()).isEqualTo(Fixtures.golden(fixture, Fixtures.SIGNED_7_3, Fixtures.SIG));
    });
    assertThat(SkeletonWriter.write(SkeletonModels.of(loader, fixture, SkeletonGoldenTest.rawTracepoints(fixture)))).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void import618Header_isA618Variant(String fixture) throws Exception {
    Path header = Fixtures.header(fixture, Fixtures.SIGNED);
    LoaderFile loader = LightSkeletonReader.readLoader(Files.readAllBytes(header), header.toString());
    assertThat(loader.scheme()).isEqualTo(Scheme.LINUX_6_18);
    assertThat(loader.mode()).isEqualTo(Mode.SIGNABLE);
  }
}
