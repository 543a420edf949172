package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.runtime.kernel.Bpf;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attaching follows the light skeleton: tracing programs get a link, tracepoint programs none. */
class LinksTest {
  @BeforeEach
  void kernel() {
    KernelTests.requireBpf();
  }

  @Test
  void attachAll_tracingAndTracepointPrograms_attachesOnlyTheTracingOne() throws Exception {
    long before = OpenFds.count();
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("core_relos"), LoadOptions.DEFAULT, false);
        Links links = Links.attachAll(objects);
        Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      Links.Attachment tracing = links.attachments().stream()
          .filter(a -> a.program().name().equals("on_switch")).findFirst().orElseThrow();
      assertThat(tracing.attached()).isTrue();
      assertThat(bpf.linkInfo(tracing.linkFd()).progId()).isEqualTo(bpf.progInfo(tracing.program().fd()).id());
      Links.Attachment tp = links.attachments().stream()
          .filter(a -> a.program().name().equals("on_getppid")).findFirst().orElseThrow();
      assertThat(tp.attached()).isFalse();
    }
    assertThat(OpenFds.count()).isEqualTo(before);
  }
}
