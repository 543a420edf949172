// SPDX-License-Identifier: GPL-2.0
/* maps_basic: one BTF-defined map of each plain kind the loader must create.
 * prog_array is declared without initial values (gen_loader cannot fill those). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	__u32 pid;
	__u32 cpu;
	__u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct event);
} last_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} percpu_totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} percpu_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 512);
	__uint(map_flags, BPF_F_NO_COMMON_LRU);
	__type(key, __u64);
	__type(value, struct event);
} recent SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

/* explicit max_entries: 0 would mean "number of possible CPUs" and make the loader
 * depend on the host */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(max_entries, 8);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} perf_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jump_table SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u32 slot = pid & 15, zero = 0;
	__u64 one = 1, *val;
	struct event ev = {}, *rb;

	val = bpf_map_lookup_elem(&counts, &pid);
	if (val)
		__sync_fetch_and_add(val, 1);
	else
		bpf_map_update_elem(&counts, &pid, &one, BPF_NOEXIST);

	val = bpf_map_lookup_elem(&percpu_totals, &zero);
	if (val)
		*val += 1;
	val = bpf_map_lookup_elem(&percpu_counts, &pid);
	if (val)
		*val += 1;
	else
		bpf_map_update_elem(&percpu_counts, &pid, &one, BPF_ANY);

	ev.pid = pid;
	ev.cpu = bpf_get_smp_processor_id();
	ev.ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&last_events, &slot, &ev, BPF_ANY);
	bpf_map_update_elem(&recent, &ev.ts, &ev, BPF_ANY);

	rb = bpf_ringbuf_reserve(&events, sizeof(*rb), 0);
	if (rb) {
		*rb = ev;
		bpf_ringbuf_submit(rb, 0);
	}
	bpf_perf_event_output(ctx, &perf_events, BPF_F_CURRENT_CPU, &ev, sizeof(ev));
	bpf_tail_call(ctx, &jump_table, 0);
	return 0;
}

SEC("raw_tp/sys_exit")
int count_sys_exit(void *ctx)
{
	__u32 zero = 0;
	__u64 *val = bpf_map_lookup_elem(&percpu_totals, &zero);

	if (val)
		*val += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
