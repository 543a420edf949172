// SPDX-License-Identifier: GPL-2.0
/* arena_globals: __arena global variables (.addr_space.1), whose initial contents libbpf copies
 * into the arena's memory on the host; a loader program has no step for that. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
} arena SEC(".maps");

int __attribute__((address_space(1))) counter = 5;

SEC("syscall")
int prog(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
