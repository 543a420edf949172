// SPDX-License-Identifier: GPL-2.0
/* plain_extern_call: a call to a function defined nowhere (neither __ksym nor in the object). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int nowhere(int x);

SEC("socket")
int prog(void *ctx)
{
	return nowhere(1);
}

char LICENSE[] SEC("license") = "GPL";
