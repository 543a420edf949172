package dev.bpfsign.loader.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.Bytes;
import dev.bpfsign.testdata.FuzzSeeds;
import dev.bpfsign.testdata.Fixtures;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader file reader on hostile bytes: a {@link LoaderBundle} or a one-line {@link
 * BadInputException}, nothing else; whatever it accepts in version 2 writes back to the same
 * bytes (nothing is silently dropped), a version-1 file to a version-2 file of the same meaning. Seeds: a file with every field set and bpftool's signed goldens in the
 * file format, written by the current writer (so a format change re-seeds the corpus).
 */
class LoaderFileFuzzTest {
  static Stream<Arguments> read() {
    FuzzSeeds seeds = FuzzSeeds.create().add("sample", LoaderFileFormat.write(LoaderFileFormatTest.sample()))
        .add("dual", LoaderFileFormat.write(LoaderFileFormatTest.dual()))
        .add("target", LoaderFileFormat.write(LoaderFileFormatTest.dual().withTarget(TargetRecordTest.full())
            .variants().stream().map(v -> v.withRawTracepoints(java.util.Map.of("handle", "sys_exit")))
            .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), LoaderBundle::new))))
        .add("version1", V1Files.write(LoaderFileFormatTest.sample()));
    for (String fixture : List.of(Fixtures.MAPS_BASIC, Fixtures.KCONFIG, Fixtures.MAP_IN_MAP)) {
      seeds.add(fixture, LoaderFileFormat.write(signedGolden(fixture)));
    }
    return seeds.arguments(2000, 13);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void read(byte[] bytes) {
    try {
      LoaderBundle read = LoaderFileFormat.readBundle(bytes, "m");
      if (bytes[8] == LoaderFileFormat.VERSION) {
        assertThat(LoaderFileFormat.write(read)).isEqualTo(bytes);
      } else {
        // a version-1 file is rewritten as version 2 with the same meaning
        assertThat(LoaderFileFormat.readBundle(LoaderFileFormat.write(read), "m")).isEqualTo(read);
      }
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).startsWith("m: ").doesNotContain("\n", "\r");
    }
  }

  static LoaderFile signedGolden(String fixture) {
    return new LoaderFile(fixture, Mode.SIGNABLE, ByteOrder.LITTLE_ENDIAN,
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.INSNS)),
        Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.DATA)),
        new CtxLayout(List.of("maps", "rodata"), List.of("prog")),
        List.of(new SignatureBlock(Scheme.LINUX_6_18,
            Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.SIG)),
            Bytes.of(Fixtures.golden(fixture, Fixtures.SIGNED, Fixtures.EXCL_HASH)))));
  }
}
