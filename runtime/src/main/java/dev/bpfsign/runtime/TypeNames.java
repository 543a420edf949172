package dev.bpfsign.runtime;

import java.util.List;

/** Names of the kernel's map and program types (uapi enum order), as bpftool prints them. */
public final class TypeNames {
  private static final List<String> MAPS = List.of(
      "unspec", "hash", "array", "prog_array", "perf_event_array", "percpu_hash", "percpu_array",
      "stack_trace", "cgroup_array", "lru_hash", "lru_percpu_hash", "lpm_trie", "array_of_maps",
      "hash_of_maps", "devmap", "sockmap", "cpumap", "xskmap", "sockhash", "cgroup_storage",
      "reuseport_sockarray", "percpu_cgroup_storage", "queue", "stack", "sk_storage",
      "devmap_hash", "struct_ops", "ringbuf", "inode_storage", "task_storage", "bloom_filter",
      "user_ringbuf", "cgrp_storage", "arena", "insn_array");
  private static final List<String> PROGRAMS = List.of(
      "unspec", "socket_filter", "kprobe", "sched_cls", "sched_act", "tracepoint", "xdp",
      "perf_event", "cgroup_skb", "cgroup_sock", "lwt_in", "lwt_out", "lwt_xmit", "sock_ops",
      "sk_skb", "cgroup_device", "sk_msg", "raw_tracepoint", "cgroup_sock_addr", "lwt_seg6local",
      "lirc_mode2", "sk_reuseport", "flow_dissector", "cgroup_sysctl", "raw_tracepoint_writable",
      "cgroup_sockopt", "tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall", "netfilter");

  public static final int PROG_RAW_TRACEPOINT = 17;
  public static final int PROG_TRACING = 26;
  public static final int PROG_LSM = 29;

  private TypeNames() {}

  public static String map(int type) {
    return type >= 0 && type < MAPS.size() ? MAPS.get(type) : "map type " + type;
  }

  /** The uapi number of a program type name ("cgroup_skb"), or -1. */
  public static int programType(String name) {
    return PROGRAMS.indexOf(name);
  }

  public static String program(int type) {
    return type >= 0 && type < PROGRAMS.size() ? PROGRAMS.get(type) : "program type " + type;
  }
}
