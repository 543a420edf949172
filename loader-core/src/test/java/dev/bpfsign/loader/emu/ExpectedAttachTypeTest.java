package dev.bpfsign.loader.emu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bpfsign.testdata.Fixtures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attach types are named from the program type and expected_attach_type together. */
class ExpectedAttachTypeTest {
  @Test
  void progTypesGolden_attachTypesAreWhatLibbpfsSectionsGive() throws Exception {
    // libbpf's section table (libbpf.c section_defs) for the SEC() of each program in
    // prog_types.bpf.c; null: the section sets no expected attach type
    Map<String, String> bySection = new HashMap<>();
    bySection.put("on_tracepoint", null); // tracepoint/
    bySection.put("on_raw_tp", null); // raw_tp/
    bySection.put("on_tp_btf", "trace_raw_tp"); // tp_btf/
    bySection.put("on_kprobe", null); // kprobe/
    bySection.put("on_kretprobe", null); // kretprobe/
    bySection.put("on_uprobe", null); // uprobe
    bySection.put("on_xdp", "xdp"); // xdp
    bySection.put("on_tc", null); // tc
    bySection.put("on_iter", "trace_iter"); // iter/
    bySection.put("on_socket", null); // socket
    bySection.put("on_cgroup_skb", "cgroup_inet_ingress"); // cgroup_skb/ingress
    bySection.put("on_syscall", null); // syscall

    Manifest m = Manifest.of(GoldenLoaders.load(Fixtures.PROG_TYPES, Fixtures.SIGNED));
    Map<String, String> named = new LinkedHashMap<>();
    m.programs().forEach(p -> named.put(p.name(), p.expectedAttachTypeName()));

    assertThat(named).isEqualTo(bySection);
  }

  @Test
  void zero_isNamedOnlyWhereTheKernelGivesItAMeaning() {
    assertThat(ExpectedAttachType.name(5, 0)).as("tracepoint").isNull();
    assertThat(ExpectedAttachType.name(31, 0)).as("syscall").isNull();
    assertThat(ExpectedAttachType.name(8, 0)).as("cgroup_skb").isEqualTo("cgroup_inet_ingress");
    assertThat(ExpectedAttachType.name(8, 1)).as("cgroup_skb egress").isEqualTo("cgroup_inet_egress");
    assertThat(ExpectedAttachType.name(9, 0)).as("cgroup_sock, fixed up by the kernel").isEqualTo("cgroup_inet_sock_create");
    assertThat(ExpectedAttachType.name(21, 0)).as("sk_reuseport, fixed up").isEqualTo("sk_reuseport_select");
  }

  @Test
  void structOps_memberIndexIsNotAnAttachType() {
    assertThat(ExpectedAttachType.name(27, 0)).isNull();
    assertThat(ExpectedAttachType.name(27, 1)).isNull();
  }
}
