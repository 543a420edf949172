// SPDX-License-Identifier: GPL-2.0
/* subprogs: static, global and hidden subprograms in .text, a callback passed by address
 * (bpf_loop, BPF_PSEUDO_FUNC), subprograms shared by several programs, and several
 * programs in one object and in one section. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

__u64 loop_sum;

static __noinline int static_helper(int x)
{
	return x * 3 + 1;
}

/* global subprogram: verified on its own, with the context as its argument */
__noinline int global_helper(struct __sk_buff *skb)
{
	return skb->len > 100 ? static_helper(skb->len) : 0;
}

/* hidden global: linked like a global, verified like a static subprogram */
__hidden __noinline int hidden_helper(int x)
{
	return static_helper(x) ^ 0x55;
}

static int loop_cb(__u32 idx, void *ctx)
{
	loop_sum += idx;
	return 0;
}

/* two programs in the "socket" section */
SEC("socket")
int filter_a(struct __sk_buff *skb)
{
	return global_helper(skb);
}

SEC("socket")
int filter_b(struct __sk_buff *skb)
{
	return hidden_helper(skb->protocol) & 1;
}

/* two programs in the "xdp" section */
SEC("xdp")
int xdp_a(struct xdp_md *ctx)
{
	return static_helper(ctx->ingress_ifindex) > 0 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int xdp_b(struct xdp_md *ctx)
{
	bpf_loop(8, loop_cb, NULL, 0);
	return XDP_PASS;
}

SEC("tc")
int tc_a(struct __sk_buff *skb)
{
	return global_helper(skb) + hidden_helper(skb->mark) ? 0 : 2;
}

char LICENSE[] SEC("license") = "GPL";
