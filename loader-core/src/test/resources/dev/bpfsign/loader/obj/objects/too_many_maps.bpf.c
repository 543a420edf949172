// SPDX-License-Identifier: GPL-2.0
/* too_many_maps: 65 BTF-defined maps; a loader program's fd_array holds at most 64. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAP(n) struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u32); } m##n SEC(".maps");
#define TEN(d) MAP(d##0) MAP(d##1) MAP(d##2) MAP(d##3) MAP(d##4) MAP(d##5) MAP(d##6) MAP(d##7) MAP(d##8) MAP(d##9)
TEN(1) TEN(2) TEN(3) TEN(4) TEN(5) TEN(6)
MAP(70) MAP(71) MAP(72) MAP(73) MAP(74)

SEC("socket")
int prog(void *ctx)
{
	__u32 k = 0;
	return bpf_map_lookup_elem(&m10, &k) != 0;
}

char LICENSE[] SEC("license") = "GPL";
