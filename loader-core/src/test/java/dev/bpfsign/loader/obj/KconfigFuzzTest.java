package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bpfsign.loader.BadInputException;
import dev.bpfsign.loader.file.Mode;
import dev.bpfsign.loader.gen.LoaderGenerator;
import dev.bpfsign.testdata.Fixtures;
import dev.bpfsign.testdata.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kconfig text on the {@code kconfig} fixture (bool, tristate, int, char and string externs):
 * a loader, or a one-line {@link BadInputException}; nothing else. Any bytes are text here
 * (ISO-8859-1 maps each byte to one character), so the reader sees every possible character.
 */
class KconfigFuzzTest {
  private static final byte[] OBJECT = Fixtures.object(Fixtures.KCONFIG);

  static Stream<Arguments> generate() {
    return FuzzSeeds.create()
        .add("reference-host", String.join("\n", "CONFIG_HZ=250", "CONFIG_BPF_SYSCALL=y", "CONFIG_NET_CLS_BPF=y",
            "CONFIG_DEFAULT_HOSTNAME=\"(none)\"", "").getBytes(StandardCharsets.ISO_8859_1))
        .add("values", String.join("\n", "# comment", "CONFIG_HZ=0x3e8", "CONFIG_BPF_SYSCALL=m", "CONFIG_NET_CLS_BPF=n",
            "CONFIG_DEFAULT_HOSTNAME=\"a\\\"b\\\\c\"", "CONFIG_UNUSED=1", "").getBytes(StandardCharsets.ISO_8859_1))
        .arguments(300, 6);
  }

  @MethodSource
  @FuzzTest(maxDuration = "2m")
  void generate(byte[] text) {
    GenInputs in = GenInputs.named(Fixtures.KCONFIG).withKernelVersion(0x06122c)
        .withKconfig(new String(text, StandardCharsets.ISO_8859_1));
    try {
      LoaderGenerator.generate(ObjectReader.read("kconfig.bpf.o", OBJECT, in), Mode.SIGNABLE);
    } catch (BadInputException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n", "\r");
    }
  }
}
