package dev.bpfsign.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void attachAll_rawTracepointWithItsName_opensARawTracepointLink() throws Exception {
    long before = OpenFds.count();
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("maps_basic"), LoadOptions.DEFAULT, false);
        Links links = Links.attachAll(objects, java.util.Map.of("count_sys_exit", "sys_exit"));
        Arena arena = Arena.ofConfined()) {
      Bpf bpf = new Bpf(arena);
      Links.Attachment rawTp = links.attachments().stream()
          .filter(a -> a.program().name().equals("count_sys_exit")).findFirst().orElseThrow();
      assertThat(rawTp.attached()).isTrue();
      assertThat(rawTp.how()).contains("sys_exit");
      assertThat(bpf.linkInfo(rawTp.linkFd()).progId()).isEqualTo(bpf.progInfo(rawTp.program().fd()).id());
      assertThat(bpf.linkInfo(rawTp.linkFd()).type()).isEqualTo(1); // BPF_LINK_TYPE_RAW_TRACEPOINT
    }
    assertThat(OpenFds.count()).isEqualTo(before);
  }

  @Test
  void attachAll_rawTracepointWithoutAName_isNotAttached() throws Exception {
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("maps_basic"), LoadOptions.DEFAULT, false);
        Links links = Links.attachAll(objects)) {
      Links.Attachment rawTp = links.attachments().stream()
          .filter(a -> a.program().name().equals("count_sys_exit")).findFirst().orElseThrow();
      assertThat(rawTp.attached()).isFalse();
    }
  }

  @Test
  void attachAll_unknownTracepoint_isRefusedAndDetachesTheRest() throws Exception {
    long before = OpenFds.count();
    try (LoadedObjects objects = LoadSequence.run(GoldenLoaders.plain("maps_basic"), LoadOptions.DEFAULT, false)) {
      assertThatThrownBy(() -> Links.attachAll(objects, java.util.Map.of("count_sys_exit", "no_such_tracepoint_x")))
          .isInstanceOf(KernelRefusedException.class)
          .hasMessageContaining("count_sys_exit").hasMessageContaining("no_such_tracepoint_x");
    }
    assertThat(OpenFds.count()).isEqualTo(before);
  }
}
