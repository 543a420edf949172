// SPDX-License-Identifier: GPL-2.0
/*
 * bpfsign enforce: a BPF LSM policy on the bpf_prog_load hook, so that a host refuses BPF that
 * did not pass admission (docs/enforce.md).
 *
 * Two copies of one decision: enforce_host (BPF_LSM_MAC, the whole host; 0 allows, -EPERM
 * refuses) and enforce_cgroup (BPF_LSM_CGROUP, one cgroup and its descendants; 1 allows, 0
 * refuses, which the kernel turns into EPERM). bpfsign attaches exactly one of them.
 *
 * The decision, for a load that does not come from the kernel itself (a loader program calling
 * bpf_sys_bpf is the kernel: the programs a verified loader creates pass):
 *   1. program type in the exception set          -> allow
 *   2. caller in an allowed cgroup (or below one)  -> allow (service-gated: the admission path)
 *   3. mode kernel-verified: a signature and a keyring_id in the allowed set -> allow
 *      (the kernel then checks the signature itself; a bad one fails with EKEYREJECTED)
 *   4. otherwise refuse; in audit mode allow and report that it would have refused.
 * Every userspace decision leaves an event in the ring buffer; counters count all decisions.
 *
 * Only uapi fields of union bpf_attr are read (stable offsets), so no CO-RE is needed.
 * The layouts of struct policy and struct event are mirrored in dev.bpfsign.runtime.enforce.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

struct bpf_prog;
struct bpf_token;
#define MAX_KEYRINGS 8
#define MAX_CGROUPS 8

enum mode { MODE_UNSET = 0, MODE_KERNEL_VERIFIED = 1, MODE_SERVICE_GATED = 2 };

enum decision { ALLOWED = 0, REFUSED = 1, WOULD_REFUSE = 2 };

enum reason {
  REASON_SIGNED = 1,         /* signature + allowed keyring */
  REASON_CGROUP = 2,         /* caller in an allowed cgroup */
  REASON_TYPE = 3,           /* program type exception */
  REASON_UNSIGNED = 10,      /* kernel-verified: no signature */
  REASON_KEYRING = 11,       /* kernel-verified: keyring not allowed */
  REASON_OUTSIDE = 12,       /* service-gated: caller outside the admission cgroup */
  REASON_NO_POLICY = 13,     /* the policy map is unset: fail closed */
};

enum counter {
  COUNT_KERNEL = 0,          /* kernel-originated loads (allowed) */
  COUNT_SIGNED = 1,
  COUNT_CGROUP = 2,
  COUNT_TYPE = 3,
  COUNT_REFUSED = 4,
  COUNT_WOULD_REFUSE = 5,
  COUNT_EVENTS_LOST = 6,
  COUNTERS = 8,
};

struct policy {
  __u32 mode;
  __u32 audit;
  __u32 keyring_count;
  __u32 cgroup_count;
  __s32 keyrings[MAX_KEYRINGS];
  __u32 cgroup_levels[MAX_CGROUPS];
  __u64 cgroup_ids[MAX_CGROUPS];
  __u64 type_exceptions;     /* bit n: program type n is always allowed */
  __u64 installed_at;        /* seconds since the epoch, written by bpfsign */
};

struct event {
  __u64 cgroup_id;
  __u32 pid;
  __u32 uid;
  __u32 prog_type;
  __s32 keyring_id;
  __u32 signature_size;
  __u32 decision;
  __u32 reason;
  __u32 pad;
  char comm[16];
  char prog_name[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct policy);
} policy SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, COUNTERS);
  __type(key, __u32);
  __type(value, __u64);
} counters SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1 << 16);
} events SEC(".maps");

char LICENSE[] SEC("license") = "GPL";

static __always_inline void count(__u32 which) {
  __u64 *c = bpf_map_lookup_elem(&counters, &which);
  if (c) __sync_fetch_and_add(c, 1);
}

static __always_inline int in_allowed_cgroup(const struct policy *p) {
  for (int i = 0; i < MAX_CGROUPS; i++) {
    if (i >= p->cgroup_count) break;
    if (bpf_get_current_ancestor_cgroup_id(p->cgroup_levels[i]) == p->cgroup_ids[i]) return 1;
  }
  return 0;
}

static __always_inline int keyring_allowed(const struct policy *p, __s32 keyring) {
  for (int i = 0; i < MAX_KEYRINGS; i++) {
    if (i >= p->keyring_count) break;
    if (p->keyrings[i] == keyring) return 1;
  }
  return 0;
}

static __always_inline void report(union bpf_attr *attr, __u32 decision, __u32 reason) {
  struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e) {
    count(COUNT_EVENTS_LOST);
    return;
  }
  e->cgroup_id = bpf_get_current_cgroup_id();
  e->pid = bpf_get_current_pid_tgid() >> 32;
  e->uid = (__u32)bpf_get_current_uid_gid();
  e->prog_type = attr->prog_type;
  e->keyring_id = attr->keyring_id;
  e->signature_size = attr->signature ? attr->signature_size : 0;
  e->decision = decision;
  e->reason = reason;
  e->pad = 0;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_probe_read_kernel(e->prog_name, sizeof(e->prog_name), attr->prog_name);
  bpf_ringbuf_submit(e, 0);
}

/* 1: allow, 0: refuse. */
static __always_inline int decide(union bpf_attr *attr, int kernel) {
  if (kernel) {
    count(COUNT_KERNEL);
    return 1;
  }
  __u32 zero = 0;
  struct policy *p = bpf_map_lookup_elem(&policy, &zero);
  if (!p || p->mode == MODE_UNSET) {
    report(attr, REFUSED, REASON_NO_POLICY);
    count(COUNT_REFUSED);
    return 0;
  }
  __u32 type = attr->prog_type;
  if (type < 64 && (p->type_exceptions >> type) & 1) {
    report(attr, ALLOWED, REASON_TYPE);
    count(COUNT_TYPE);
    return 1;
  }
  if (in_allowed_cgroup(p)) {
    report(attr, ALLOWED, REASON_CGROUP);
    count(COUNT_CGROUP);
    return 1;
  }
  __u32 reason;
  if (p->mode == MODE_KERNEL_VERIFIED) {
    if (attr->signature && attr->signature_size) {
      if (keyring_allowed(p, attr->keyring_id)) {
        report(attr, ALLOWED, REASON_SIGNED);
        count(COUNT_SIGNED);
        return 1;
      }
      reason = REASON_KEYRING;
    } else {
      reason = REASON_UNSIGNED;
    }
  } else {
    reason = REASON_OUTSIDE;
  }
  if (p->audit) {
    report(attr, WOULD_REFUSE, reason);
    count(COUNT_WOULD_REFUSE);
    return 1;
  }
  report(attr, REFUSED, reason);
  count(COUNT_REFUSED);
  return 0;
}

SEC("lsm/bpf_prog_load")
int BPF_PROG(enforce_host, struct bpf_prog *prog, union bpf_attr *attr, struct bpf_token *token, _Bool kernel, int ret) {
  if (ret) return ret; /* an earlier LSM already refused */
  return decide(attr, kernel) ? 0 : -EPERM;
}

SEC("lsm_cgroup/bpf_prog_load")
int BPF_PROG(enforce_cgroup, struct bpf_prog *prog, union bpf_attr *attr, struct bpf_token *token, _Bool kernel) {
  return decide(attr, kernel);
}
