// SPDX-License-Identifier: GPL-2.0
/* core_relos: CO-RE relocations of every kind (field, type, enum value), both on direct
 * BTF loads (tp_btf) and through bpf_probe_read_kernel (BPF_CORE_READ), including
 * relocations against types, fields and enumerators the kernel does not have. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

/* local-only types: their relocations resolve to "does not exist" */
struct bpfsign_missing_type {
	int a;
};
enum bpfsign_missing_enum {
	BPFSIGN_MISSING_VALUE = 1,
};
/* a flavour of task_struct with the pre-5.14 "state" field */
struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

__u64 results[16];

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	/* field byte offsets on direct loads */
	results[0] = next->pid;
	results[1] = prev->tgid;
	/* field existence / size / offset */
	results[2] = bpf_core_field_exists(next->__state);
	results[3] = bpf_core_field_exists(((struct task_struct___old *)next)->state);
	results[4] = bpf_core_field_size(next->comm);
	results[5] = bpf_core_field_offset(struct task_struct, pid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int on_getppid(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	/* BPF_CORE_READ: chained bpf_probe_read_kernel with field offset relocations */
	results[6] = BPF_CORE_READ(task, real_parent, tgid);
	results[7] = BPF_CORE_READ(task, mm, total_vm);
	/* type relocations */
	results[8] = bpf_core_type_exists(struct task_struct);
	results[9] = bpf_core_type_exists(struct bpfsign_missing_type);
	results[10] = bpf_core_type_size(struct task_struct);
	results[11] = bpf_core_type_id_kernel(struct task_struct);
	results[12] = bpf_core_type_matches(struct task_struct___old);
	/* enum value relocations */
	results[13] = bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_loop);
	results[14] = bpf_core_enum_value(enum bpf_func_id, BPF_FUNC_loop);
	results[15] = bpf_core_enum_value_exists(enum bpfsign_missing_enum, BPFSIGN_MISSING_VALUE);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
