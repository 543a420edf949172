// SPDX-License-Identifier: GPL-2.0
/* unsupported_prog_array_init: a prog_array whose slots are initialised from the ELF.
 * Normal libbpf fills such slots after loading; a loader program cannot, so
 * `bpftool gen skeleton -L` refuses this object. Used for error-path tests only. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

int target(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jmp_table SEC(".maps") = {
	.values = { [0] = (void *)&target },
};

SEC("xdp")
int target(struct xdp_md *ctx)
{
	return XDP_DROP;
}

SEC("xdp")
int entry(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &jmp_table, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
