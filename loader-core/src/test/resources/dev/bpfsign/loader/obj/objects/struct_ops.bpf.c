// SPDX-License-Identifier: GPL-2.0
/* struct_ops: a struct_ops map and program, which loader programs cannot express. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_dummy_ops {
	int (*test_1)(void *state);
};

SEC("struct_ops/test_1")
int test_1(void *state)
{
	return 0;
}

SEC(".struct_ops")
struct bpf_dummy_ops dummy = {
	.test_1 = (void *)test_1,
};

char LICENSE[] SEC("license") = "GPL";
