// SPDX-License-Identifier: GPL-2.0
/* arena_map: a BPF_MAP_TYPE_ARENA map, which loader programs cannot create. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
} arena SEC(".maps");

SEC("syscall")
int prog(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
