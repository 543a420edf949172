package dev.bpfsign.loader.emu;

/**
 * What a program's {@code expected_attach_type} means, given its program type. The field is
 * zero for most programs (tracepoint, kprobe, socket filter, syscall, …), and zero is also the
 * number of {@code BPF_CGROUP_INET_INGRESS}; naming the number alone would call every
 * tracepoint a cgroup ingress program. So zero is named only for the program types whose
 * kernel check or load-time fixup gives it a meaning (kernel/bpf/syscall.c:
 * {@code bpf_prog_load_fixup_attach_type}, {@code bpf_prog_load_check_attach}):
 * {@code cgroup_skb} (ingress), {@code cgroup_sock} (the kernel turns 0 into
 * {@code inet_sock_create}) and {@code sk_reuseport} (0 becomes {@code select}). For
 * {@code struct_ops} the field is the index of the implemented member, not an attach type.
 */
public final class ExpectedAttachType {
  static final int CGROUP_SKB = 8;
  static final int CGROUP_SOCK = 9;
  static final int SK_REUSEPORT = 21;
  static final int STRUCT_OPS = 27;

  private static final int CGROUP_INET_SOCK_CREATE = 2;
  private static final int SK_REUSEPORT_SELECT = 39;

  private ExpectedAttachType() {}

  /**
   * The attach type a program of {@code progType} loaded with {@code expectedAttachType} has, in
   * uapi lower case ({@code "trace_fentry"}), or null when it has none (or an unknown number).
   */
  public static String name(int progType, int expectedAttachType) {
    if (progType == STRUCT_OPS) {
      return null;
    }
    if (expectedAttachType != 0) {
      return UapiNames.attachType(expectedAttachType);
    }
    return switch (progType) {
      case CGROUP_SKB -> UapiNames.attachType(0);
      case CGROUP_SOCK -> UapiNames.attachType(CGROUP_INET_SOCK_CREATE);
      case SK_REUSEPORT -> UapiNames.attachType(SK_REUSEPORT_SELECT);
      default -> null;
    };
  }
}
