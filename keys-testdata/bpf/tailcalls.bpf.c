// SPDX-License-Identifier: GPL-2.0
/* tailcalls: a prog_array (no ELF initial values: user space fills it after loading) and
 * bpf_tail_call with constant and variable indexes, from a program and a subprogram. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} jmp_table SEC(".maps");

__u32 reached[4];

static __noinline int dispatch(struct xdp_md *ctx, __u32 idx)
{
	bpf_tail_call(ctx, &jmp_table, idx);
	return XDP_PASS;
}

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	reached[0]++;
	bpf_tail_call(ctx, &jmp_table, 1);
	return dispatch(ctx, ctx->rx_queue_index & 7);
}

SEC("xdp")
int stage1(struct xdp_md *ctx)
{
	reached[1]++;
	bpf_tail_call(ctx, &jmp_table, 2);
	return XDP_PASS;
}

SEC("xdp")
int stage2(struct xdp_md *ctx)
{
	reached[2]++;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
