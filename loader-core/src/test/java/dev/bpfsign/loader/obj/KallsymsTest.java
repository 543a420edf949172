package dev.bpfsign.loader.obj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bpfsign.loader.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KallsymsTest {
  @Test
  void parse_kallsymsLines_mapsNamesToAddresses() throws Exception {
    Map<String, Long> m = Kallsyms.parse("""
        ffffffff814e61b0 T bpf_prog_put
        ffffffffc0a01000 t helper\t[some_module]
        ffffffff82000010 d cpu_state.llvm.1234
        """, "k");

    assertThat(m).containsEntry("bpf_prog_put", 0xffffffff814e61b0L)
        .containsEntry("helper", 0xffffffffc0a01000L)
        .containsEntry("cpu_state", 0xffffffff82000010L);
  }

  @Test
  void parse_nameWithTwoAddresses_isAmbiguousNotAnError() throws Exception {
    Map<String, Long> m = Kallsyms.parse("0000000000000010 t dup\n0000000000000020 t dup\n0000000000000030 T once\n", "k");

    assertThat(m).containsKey("dup");
    assertThat(m.get("dup")).isNull();
    assertThat(m).containsEntry("once", 0x30L);
  }

  @Test
  void parse_malformedLine_failsNamingLine() {
    assertThatThrownBy(() -> Kallsyms.parse("ffff T ok\nnot-hex T x\n", "kallsyms.txt"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("kallsyms.txt:2:");
  }

  @Test
  void kernelVersion_release_packsLikeKernelVersionMacro() throws Exception {
    assertThat(KernelVersion.parse("6.18.44")).isEqualTo(0x06122c);
    assertThat(KernelVersion.parse("6.18.300-custom")).isEqualTo(0x0612ff);
    assertThat(KernelVersion.parse("5.4")).isEqualTo(0x050400);
  }
}
