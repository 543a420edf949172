package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.bpfsign.loader.elf.FixtureObjects;
import dev.bpfsign.testdata.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which host values an object consumed: exactly the ones its externs and maps read, with their values. */
class InputsUsedTest {
  private static final String KCONFIG_TEXT = String.join("\n",
      "CONFIG_HZ=250",
      "CONFIG_BPF_SYSCALL=y",
      "CONFIG_NET_CLS_BPF=m",
      "CONFIG_DEFAULT_HOSTNAME=\"(none)\"",
      "CONFIG_UNUSED_BY_THE_OBJECT=y",
      "CONFIG_HZ=1000", // libbpf: the first setting wins, so the recorded value is 250
      "");

  @Test
  void kconfigObject_recordsTheVersionAndEveryKconfigValueItRead() throws Exception {
    GenInputs in = GenInputs.named(Fixtures.KCONFIG).withKconfig(KCONFIG_TEXT).withKernelVersion(6 << 16 | 18 << 8 | 44)
        .withKallsyms(Map.of("bpf_prog_put", 0xffffffff814e61b0L));
    InputsUsed used = ObjectReader.read("kconfig.bpf.o", FixtureObjects.object(Fixtures.KCONFIG), in).inputsUsed();

    assertThat(used.kernelVersion()).isEqualTo(0x06122c);
    assertThat(used.possibleCpus()).isNull();
    // sorted by name; the unused line and the weak absent CONFIG_BPFSIGN_MISSING are not recorded
    assertThat(used.kconfig()).containsExactly(entry("CONFIG_BPF_SYSCALL", "y"),
        entry("CONFIG_DEFAULT_HOSTNAME", "\"(none)\""), entry("CONFIG_HZ", "250"), entry("CONFIG_NET_CLS_BPF", "m"));
    assertThat(used.kallsyms()).as("the object has no typeless ksym").isEmpty();
  }

  @Test
  void ksymObject_recordsTheAddressesItResolved() throws Exception {
    GenInputs in = GenInputs.named(Fixtures.KFUNCS_KSYMS).withKernelVersion(0x060000)
        .withKallsyms(Map.of("bpf_prog_put", 0xffffffff814e61b0L, "not_referenced", 0x1234L));
    InputsUsed used = ObjectReader.read("k.bpf.o", FixtureObjects.object(Fixtures.KFUNCS_KSYMS), in).inputsUsed();

    assertThat(used.kallsyms()).containsExactly(entry("bpf_prog_put", 0xffffffff814e61b0L));
    assertThat(used.kernelVersion()).as("given but not used").isNull();
    assertThat(used.kconfig()).isEmpty();
  }

  @Test
  void objectWithoutExterns_usesNothingWhateverIsGiven() throws Exception {
    GenInputs in = new GenInputs(Fixtures.MAPS_BASIC, KCONFIG_TEXT, 0x06122c, Map.of("bpf_prog_put", 1L), 64,
        GenInputs.DEFAULT_PAGE_SIZE);
    InputsUsed used = ObjectReader.read("m.bpf.o", FixtureObjects.object(Fixtures.MAPS_BASIC), in).inputsUsed();
    assertThat(used.isEmpty()).isTrue();
  }
}
