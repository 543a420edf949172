// SPDX-License-Identifier: GPL-2.0
/* typed_ksyms: typed kernel variables (extern VARs found through vmlinux BTF), strong and
 * weak. The verifier still needs the variable's address from kallsyms, so on kernels
 * without CONFIG_KALLSYMS_ALL the program load fails with ENOENT ("ldimm64 failed to find
 * the address for kernel symbol 'runqueues'"). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* per-CPU variable */
extern const struct rq runqueues __ksym;
/* typed weak ksym that does not exist */
extern const int bpfsign_missing_var __ksym __weak;

__u64 nr_running;
__u32 cpu0_running;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct rq *rq = bpf_this_cpu_ptr(&runqueues);
	struct rq *rq0 = bpf_per_cpu_ptr(&runqueues, 0);

	nr_running = rq->nr_running;
	if (rq0)
		cpu0_running = rq0->nr_running;
	if (&bpfsign_missing_var)
		nr_running += bpfsign_missing_var;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
