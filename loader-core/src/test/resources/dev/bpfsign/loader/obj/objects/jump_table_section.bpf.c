// SPDX-License-Identifier: GPL-2.0
/* jump_table_section: data in a .jumptables section, which libbpf reads as jump tables. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile __u64 table[4] SEC(".jumptables") = { 1, 2, 3, 4 };

SEC("socket")
int prog(void *ctx)
{
	return table[1] != 0;
}

char LICENSE[] SEC("license") = "GPL";
