package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.GeneratedLoader;
import dev.bpfsign.loader.gen.LoaderGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Objects using features a loader program cannot express are refused with one line naming the
 * feature and where it is (bpftool fails on each of them too; see objects/build.sh), and an
 * arena map with no {@code __arena} data, which bpftool does turn into a loader, gives its bytes.
 */
class UnsupportedObjectsTest {
  private static final String DIR = "objects/";

  static byte[] resource(String name) {
    try (InputStream in = UnsupportedObjectsTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void generate(String name) throws BadInputException {
    LoaderGenerator.generate(ObjectReader.read(name + ".bpf.o", resource(name + ".bpf.o"), GenInputs.named(name)), Mode.SIGNABLE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      too_many_maps      | 65 maps; a loader program can create at most 64
      struct_ops         | section .struct_ops
      arena_globals      | section .addr_space.1
      jump_table_section | section .jumptables
      plain_extern_call  | extern 'nowhere'
      """)
  void generate_unsupportedFeature_refusedNamingIt(String object, String expected) {
    assertThatThrownBy(() -> generate(object))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(object)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void generate_arenaMapWithoutArenaData_matchesBpftool() throws Exception {
    for (Mode mode : Mode.values()) {
      String dir = "golden/arena_map/" + (mode == Mode.PLAIN ? "plain" : "signed") + "/";
      GeneratedLoader loader = LoaderGenerator.generate(
          ObjectReader.read("arena_map.bpf.o", resource("arena_map.bpf.o"), GenInputs.named("arena_map")), mode);

      assertThat(Arrays.equals(loader.insns().toArray(), resource(dir + "insns.bin"))).as(mode + " instructions").isTrue();
      assertThat(Arrays.equals(loader.data().toArray(), resource(dir + "data.bin"))).as(mode + " data").isTrue();
    }
  }
}
