package dev.bpfsign.loader.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.obj.GenInputs;
import dev.bpfsign.loader.obj.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Objects compiled for big-endian BPF ({@code -target bpfeb}) give a big-endian loader, byte for
 * byte what bpftool 7.8 generates for them on a little-endian host (attrs, records, copied code
 * and the loader's own instructions all in target order).
 */
class BigEndianGoldenTest {
  private static final String DIR = "/dev/bpfsign/loader/obj/objects/bigendian/";

  static Stream<Arguments> cases() {
    return Stream.of("maps_basic", "global_data", "subprogs", "map_in_map")
        .flatMap(n -> Stream.of(Arguments.of(n, Mode.PLAIN), Arguments.of(n, Mode.SIGNABLE)));
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = BigEndianGoldenTest.class.getResourceAsStream(DIR + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + path);
      }
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void generate_bigEndianObject_matchesBpftool(String name, Mode mode) throws Exception {
    var obj = ObjectReader.read(name + ".bpfeb.o", resource(name + ".bpfeb.o"), GenInputs.named(name));
    GeneratedLoader loader = LoaderGenerator.generate(obj, mode);
    String dir = "golden/" + name + "/" + (mode == Mode.PLAIN ? "plain" : "signed") + "/";

    assertThat(obj.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(Arrays.equals(loader.insns().toArray(), resource(dir + "insns.bin"))).as("instructions").isTrue();
    assertThat(Arrays.equals(loader.data().toArray(), resource(dir + "data.bin"))).as("data").isTrue();
  }
}
