// SPDX-License-Identifier: GPL-2.0
/* kfuncs_ksyms: kernel function calls (strong and weak) and typeless kernel symbols
 * (strong and weak), all resolved by the loader at run time. Typed ksyms are in
 * typed_ksyms.bpf.c because they need CONFIG_KALLSYMS_ALL to load. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
/* weak kfunc that no kernel has: must resolve to "absent", not fail the load */
extern void bpfsign_missing_kfunc(struct task_struct *p) __ksym __weak;

/* Typeless ksyms: only an address, looked up by name in kallsyms. bpftool checks strong
 * ones against the generating machine's /proc/kallsyms, which lists data symbols only with
 * CONFIG_KALLSYMS_ALL, so the strong one names a function (always listed) and the per-CPU
 * variable bpf_prog_active is weak (address 0 where it is not listed). */
extern const void bpf_prog_put __ksym;
extern const void bpf_prog_active __ksym __weak;
extern const void bpfsign_missing_sym __ksym __weak;

__u64 prog_put_addr;
__u64 prog_active_addr;
__u64 missing_sym_addr;
__u32 have_missing_kfunc;
__u32 acquired;

SEC("tp_btf/task_newtask")
int BPF_PROG(on_newtask, struct task_struct *task, __u64 clone_flags)
{
	struct task_struct *t = bpf_task_acquire(task);

	if (!t)
		return 0;
	acquired++;
	have_missing_kfunc = bpf_ksym_exists(bpfsign_missing_kfunc);
	if (bpf_ksym_exists(bpfsign_missing_kfunc))
		bpfsign_missing_kfunc(t);
	bpf_task_release(t);

	prog_put_addr = (__u64)&bpf_prog_put;
	prog_active_addr = (__u64)&bpf_prog_active;
	missing_sym_addr = (__u64)&bpfsign_missing_sym;
	return 0;
}

/* the same kfunc pair from a second program: the loader resolves each call site */
SEC("syscall")
int acquire_current(void *ctx)
{
	struct task_struct *t = bpf_task_acquire(bpf_get_current_task_btf());

	if (t)
		bpf_task_release(t);
	return t ? 0 : 1;
}

char LICENSE[] SEC("license") = "GPL";
