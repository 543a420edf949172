// SPDX-License-Identifier: GPL-2.0
/* global_data: every kind of global-data section the loader turns into an internal map:
 * .data, .rodata, .bss and custom .data.* / .rodata.* / .bss.* sections, with both global
 * (skeleton-visible, mmapable) and static variables. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

int data_counter = 42;			/* .data */
static int static_data = 7;		/* .data, static: not in the skeleton */
const volatile __u32 rodata_limit = 100;	/* .rodata */
const volatile char rodata_name[16] = "bpfsign";
__u64 bss_hits;				/* .bss */
static __u64 static_bss;		/* .bss, static */

int custom_data SEC(".data.custom") = 5;
__u32 custom_array[8] SEC(".data.custom") = { 1, 2, 3 };
const volatile __u64 custom_ro SEC(".rodata.custom") = 0x1122334455667788ULL;
__u64 custom_bss[4] SEC(".bss.custom");
/* only static variables: the internal map is created without BPF_F_MMAPABLE */
static __u32 static_only SEC(".data.static_only") = 0xdead;

SEC("syscall")
int update_globals(void *ctx)
{
	data_counter++;
	static_data += data_counter;
	bss_hits += rodata_limit;
	static_bss++;
	custom_data += custom_array[1];
	custom_bss[0] = custom_ro + static_bss;
	static_only++;
	return rodata_name[0] + static_data;
}

SEC("socket")
int read_globals(struct __sk_buff *skb)
{
	if (skb->len > rodata_limit)
		__sync_fetch_and_add(&bss_hits, 1);
	return custom_array[2] + static_only;
}

char LICENSE[] SEC("license") = "GPL";
