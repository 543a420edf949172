package dev.bpfsign.loader.obj;

import java.util.List;
import java.util.Optional;

/**
 * libbpf's section table ({@code section_defs} in {@code libbpf.c}, libbpf 1.8): how a program's
 * {@code SEC()} name gives its program type, expected attach type and load flags. Matching
 * follows {@code sec_def_matches}: a definition ending in {@code /} matches that prefix, one
 * ending in {@code +} matches exactly or followed by {@code /}, any other matches exactly; the
 * first match in table order wins.
 */
public final class SectionDefs {
  /** {@code SEC_EXP_ATTACH_OPT}: the expected attach type may be dropped on old kernels. */
  public static final int EXP_ATTACH_OPT = 1;
  public static final int ATTACHABLE = 2;
  /** {@code SEC_ATTACH_BTF}: the attach target is a kernel BTF id named after the {@code /}. */
  public static final int ATTACH_BTF = 4;
  public static final int SLEEPABLE = 8;
  public static final int XDP_FRAGS = 16;
  public static final int USDT = 32;

  /** One row: the section pattern, the uapi prog type and attach type numbers, flags. */
  public record SectionDef(String pattern, int progType, int expectedAttachType, int flags) {
    public boolean has(int flag) {
      return (flags & flag) != 0;
    }

    boolean matches(String sectionName) {
      int len = pattern.length();
      char last = pattern.charAt(len - 1);
      if (last == '/') {
        return sectionName.startsWith(pattern);
      }
      if (last == '+') {
        String stem = pattern.substring(0, len - 1);
        if (!sectionName.startsWith(stem)) {
          return false;
        }
        return sectionName.length() == stem.length() || sectionName.charAt(stem.length()) == '/';
      }
      return sectionName.equals(pattern);
    }
  }

  private static final List<SectionDef> TABLE =
      List.of(
      def("socket", 1, 0, 0), // SOCKET_FILTER 0
      def("sk_reuseport/migrate", 21, 40, 2), // SK_REUSEPORT BPF_SK_REUSEPORT_SELECT_OR_MIGRATE
      def("sk_reuseport", 21, 39, 2), // SK_REUSEPORT BPF_SK_REUSEPORT_SELECT
      def("kprobe+", 2, 0, 0), // KPROBE 0
      def("uprobe+", 2, 0, 0), // KPROBE 0
      def("uprobe.s+", 2, 0, 8), // KPROBE 0
      def("kretprobe+", 2, 0, 0), // KPROBE 0
      def("uretprobe+", 2, 0, 0), // KPROBE 0
      def("uretprobe.s+", 2, 0, 8), // KPROBE 0
      def("kprobe.multi+", 2, 42, 0), // KPROBE BPF_TRACE_KPROBE_MULTI
      def("kretprobe.multi+", 2, 42, 0), // KPROBE BPF_TRACE_KPROBE_MULTI
      def("kprobe.session+", 2, 56, 0), // KPROBE BPF_TRACE_KPROBE_SESSION
      def("uprobe.multi+", 2, 48, 0), // KPROBE BPF_TRACE_UPROBE_MULTI
      def("uretprobe.multi+", 2, 48, 0), // KPROBE BPF_TRACE_UPROBE_MULTI
      def("uprobe.session+", 2, 57, 0), // KPROBE BPF_TRACE_UPROBE_SESSION
      def("uprobe.multi.s+", 2, 48, 8), // KPROBE BPF_TRACE_UPROBE_MULTI
      def("uretprobe.multi.s+", 2, 48, 8), // KPROBE BPF_TRACE_UPROBE_MULTI
      def("uprobe.session.s+", 2, 57, 8), // KPROBE BPF_TRACE_UPROBE_SESSION
      def("ksyscall+", 2, 0, 0), // KPROBE 0
      def("kretsyscall+", 2, 0, 0), // KPROBE 0
      def("usdt+", 2, 0, 32), // KPROBE 0
      def("usdt.s+", 2, 0, 40), // KPROBE 0
      def("tc/ingress", 3, 46, 0), // SCHED_CLS BPF_TCX_INGRESS
      def("tc/egress", 3, 47, 0), // SCHED_CLS BPF_TCX_EGRESS
      def("tcx/ingress", 3, 46, 0), // SCHED_CLS BPF_TCX_INGRESS
      def("tcx/egress", 3, 47, 0), // SCHED_CLS BPF_TCX_EGRESS
      def("tc", 3, 0, 0), // SCHED_CLS 0
      def("classifier", 3, 0, 0), // SCHED_CLS 0
      def("action", 4, 0, 0), // SCHED_ACT 0
      def("netkit/primary", 3, 54, 0), // SCHED_CLS BPF_NETKIT_PRIMARY
      def("netkit/peer", 3, 55, 0), // SCHED_CLS BPF_NETKIT_PEER
      def("tracepoint+", 5, 0, 0), // TRACEPOINT 0
      def("tp+", 5, 0, 0), // TRACEPOINT 0
      def("tracepoint.s+", 5, 0, 8), // TRACEPOINT 0
      def("tp.s+", 5, 0, 8), // TRACEPOINT 0
      def("raw_tracepoint+", 17, 0, 0), // RAW_TRACEPOINT 0
      def("raw_tp+", 17, 0, 0), // RAW_TRACEPOINT 0
      def("raw_tracepoint.s+", 17, 0, 8), // RAW_TRACEPOINT 0
      def("raw_tp.s+", 17, 0, 8), // RAW_TRACEPOINT 0
      def("raw_tracepoint.w+", 24, 0, 0), // RAW_TRACEPOINT_WRITABLE 0
      def("raw_tp.w+", 24, 0, 0), // RAW_TRACEPOINT_WRITABLE 0
      def("tp_btf+", 26, 23, 4), // TRACING BPF_TRACE_RAW_TP
      def("tp_btf.s+", 26, 23, 12), // TRACING BPF_TRACE_RAW_TP
      def("fentry+", 26, 24, 4), // TRACING BPF_TRACE_FENTRY
      def("fmod_ret+", 26, 26, 4), // TRACING BPF_MODIFY_RETURN
      def("fexit+", 26, 25, 4), // TRACING BPF_TRACE_FEXIT
      def("fentry.s+", 26, 24, 12), // TRACING BPF_TRACE_FENTRY
      def("fmod_ret.s+", 26, 26, 12), // TRACING BPF_MODIFY_RETURN
      def("fexit.s+", 26, 25, 12), // TRACING BPF_TRACE_FEXIT
      def("fsession+", 26, 58, 4), // TRACING BPF_TRACE_FSESSION
      def("fsession.s+", 26, 58, 12), // TRACING BPF_TRACE_FSESSION
      def("fsession.multi+", 26, 61, 0), // TRACING BPF_TRACE_FSESSION_MULTI
      def("fsession.multi.s+", 26, 61, 8), // TRACING BPF_TRACE_FSESSION_MULTI
      def("fentry.multi+", 26, 59, 0), // TRACING BPF_TRACE_FENTRY_MULTI
      def("fexit.multi+", 26, 60, 0), // TRACING BPF_TRACE_FEXIT_MULTI
      def("fentry.multi.s+", 26, 59, 8), // TRACING BPF_TRACE_FENTRY_MULTI
      def("fexit.multi.s+", 26, 60, 8), // TRACING BPF_TRACE_FEXIT_MULTI
      def("freplace+", 28, 0, 4), // EXT 0
      def("lsm+", 29, 27, 4), // LSM BPF_LSM_MAC
      def("lsm.s+", 29, 27, 12), // LSM BPF_LSM_MAC
      def("lsm_cgroup+", 29, 43, 4), // LSM BPF_LSM_CGROUP
      def("iter+", 26, 28, 4), // TRACING BPF_TRACE_ITER
      def("iter.s+", 26, 28, 12), // TRACING BPF_TRACE_ITER
      def("syscall", 31, 0, 8), // SYSCALL 0
      def("xdp.frags/devmap", 6, 33, 16), // XDP BPF_XDP_DEVMAP
      def("xdp/devmap", 6, 33, 2), // XDP BPF_XDP_DEVMAP
      def("xdp.frags/cpumap", 6, 35, 16), // XDP BPF_XDP_CPUMAP
      def("xdp/cpumap", 6, 35, 2), // XDP BPF_XDP_CPUMAP
      def("xdp.frags", 6, 37, 16), // XDP BPF_XDP
      def("xdp", 6, 37, 3), // XDP BPF_XDP
      def("perf_event", 7, 0, 0), // PERF_EVENT 0
      def("lwt_in", 10, 0, 0), // LWT_IN 0
      def("lwt_out", 11, 0, 0), // LWT_OUT 0
      def("lwt_xmit", 12, 0, 0), // LWT_XMIT 0
      def("lwt_seg6local", 19, 0, 0), // LWT_SEG6LOCAL 0
      def("sockops", 13, 3, 3), // SOCK_OPS BPF_CGROUP_SOCK_OPS
      def("sk_skb/stream_parser", 14, 4, 3), // SK_SKB BPF_SK_SKB_STREAM_PARSER
      def("sk_skb/stream_verdict", 14, 5, 3), // SK_SKB BPF_SK_SKB_STREAM_VERDICT
      def("sk_skb/verdict", 14, 38, 3), // SK_SKB BPF_SK_SKB_VERDICT
      def("sk_skb", 14, 0, 0), // SK_SKB 0
      def("sk_msg", 16, 7, 3), // SK_MSG BPF_SK_MSG_VERDICT
      def("lirc_mode2", 20, 16, 3), // LIRC_MODE2 BPF_LIRC_MODE2
      def("flow_dissector", 22, 17, 3), // FLOW_DISSECTOR BPF_FLOW_DISSECTOR
      def("cgroup_skb/ingress", 8, 0, 3), // CGROUP_SKB BPF_CGROUP_INET_INGRESS
      def("cgroup_skb/egress", 8, 1, 3), // CGROUP_SKB BPF_CGROUP_INET_EGRESS
      def("cgroup/skb", 8, 0, 0), // CGROUP_SKB 0
      def("cgroup/sock_create", 9, 2, 2), // CGROUP_SOCK BPF_CGROUP_INET_SOCK_CREATE
      def("cgroup/sock_release", 9, 34, 2), // CGROUP_SOCK BPF_CGROUP_INET_SOCK_RELEASE
      def("cgroup/sock", 9, 2, 3), // CGROUP_SOCK BPF_CGROUP_INET_SOCK_CREATE
      def("cgroup/post_bind4", 9, 12, 2), // CGROUP_SOCK BPF_CGROUP_INET4_POST_BIND
      def("cgroup/post_bind6", 9, 13, 2), // CGROUP_SOCK BPF_CGROUP_INET6_POST_BIND
      def("cgroup/bind4", 18, 8, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET4_BIND
      def("cgroup/bind6", 18, 9, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET6_BIND
      def("cgroup/connect4", 18, 10, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET4_CONNECT
      def("cgroup/connect6", 18, 11, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET6_CONNECT
      def("cgroup/connect_unix", 18, 49, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UNIX_CONNECT
      def("cgroup/sendmsg4", 18, 14, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UDP4_SENDMSG
      def("cgroup/sendmsg6", 18, 15, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UDP6_SENDMSG
      def("cgroup/sendmsg_unix", 18, 50, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UNIX_SENDMSG
      def("cgroup/recvmsg4", 18, 19, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UDP4_RECVMSG
      def("cgroup/recvmsg6", 18, 20, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UDP6_RECVMSG
      def("cgroup/recvmsg_unix", 18, 51, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UNIX_RECVMSG
      def("cgroup/getpeername4", 18, 29, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET4_GETPEERNAME
      def("cgroup/getpeername6", 18, 30, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET6_GETPEERNAME
      def("cgroup/getpeername_unix", 18, 52, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UNIX_GETPEERNAME
      def("cgroup/getsockname4", 18, 31, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET4_GETSOCKNAME
      def("cgroup/getsockname6", 18, 32, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_INET6_GETSOCKNAME
      def("cgroup/getsockname_unix", 18, 53, 2), // CGROUP_SOCK_ADDR BPF_CGROUP_UNIX_GETSOCKNAME
      def("cgroup/sysctl", 23, 18, 2), // CGROUP_SYSCTL BPF_CGROUP_SYSCTL
      def("cgroup/getsockopt", 25, 21, 2), // CGROUP_SOCKOPT BPF_CGROUP_GETSOCKOPT
      def("cgroup/setsockopt", 25, 22, 2), // CGROUP_SOCKOPT BPF_CGROUP_SETSOCKOPT
      def("cgroup/dev", 15, 6, 3), // CGROUP_DEVICE BPF_CGROUP_DEVICE
      def("struct_ops+", 27, 0, 0), // STRUCT_OPS 0
      def("struct_ops.s+", 27, 0, 8), // STRUCT_OPS 0
      def("sk_lookup", 30, 36, 2), // SK_LOOKUP BPF_SK_LOOKUP
      def("netfilter", 32, 45, 0) // NETFILTER BPF_NETFILTER
      );

  private SectionDefs() {}

  private static SectionDef def(String pattern, int progType, int attachType, int flags) {
    return new SectionDef(pattern, progType, attachType, flags);
  }

  /** The definition libbpf picks for a section name (without a leading {@code ?}). */
  public static Optional<SectionDef> find(String sectionName) {
    for (SectionDef d : TABLE) {
      if (d.matches(sectionName)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
