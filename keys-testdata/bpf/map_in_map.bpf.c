// SPDX-License-Identifier: GPL-2.0
/* map_in_map: array-of-maps and hash-of-maps, with slots initialised from the ELF
 * (`values`, relocations in .rel.maps) and without. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct inner_array {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
};

struct inner_hash {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner_array inner_a SEC(".maps"), inner_b SEC(".maps"), inner_c SEC(".maps");
struct inner_hash inner_h1 SEC(".maps"), inner_h2 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_array);
} outer_array SEC(".maps") = {
	.values = { [0] = &inner_a, [2] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, struct inner_hash);
} outer_hash SEC(".maps") = {
	.values = { [1] = &inner_h1, [3] = &inner_h2 },
};

/* no initial slots: only the inner-map prototype is created */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_array);
} outer_empty SEC(".maps");

SEC("syscall")
int bump(void *ctx)
{
	__u32 key = 0, hkey = 1;
	__u64 *val;
	__u32 *hval;
	void *inner;

	inner = bpf_map_lookup_elem(&outer_array, &key);
	if (inner) {
		val = bpf_map_lookup_elem(inner, &key);
		if (val)
			*val += 1;
	}
	inner = bpf_map_lookup_elem(&outer_hash, &hkey);
	if (inner) {
		hval = bpf_map_lookup_elem(inner, &hkey);
		if (hval)
			*hval += 1;
	}
	inner = bpf_map_lookup_elem(&outer_empty, &key);
	if (inner)
		return 1;
	val = bpf_map_lookup_elem(&inner_c, &key);
	return val ? 0 : 2;
}

char LICENSE[] SEC("license") = "GPL";
