// SPDX-License-Identifier: GPL-2.0
/* prog_types: one small program per program type / section kind the loader must set
 * prog_type, expected_attach_type and attach_btf_id for. The trampoline-based kinds
 * (fentry, fexit, fmod_ret, lsm) are in trampolines.bpf.c. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 hits[16];

SEC("tracepoint/syscalls/sys_enter_getuid")
int on_tracepoint(void *ctx)
{
	hits[0]++;
	return 0;
}

SEC("raw_tp/sched_process_exit")
int on_raw_tp(struct bpf_raw_tracepoint_args *ctx)
{
	hits[1]++;
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_tp_btf, struct task_struct *parent, struct task_struct *child)
{
	hits[2] += child->pid;
	return 0;
}

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(on_kprobe)
{
	hits[5]++;
	return 0;
}

SEC("kretprobe/do_nanosleep")
int BPF_KRETPROBE(on_kretprobe, int ret)
{
	hits[6]++;
	return 0;
}

SEC("uprobe")
int BPF_UPROBE(on_uprobe)
{
	hits[7]++;
	return 0;
}

SEC("xdp")
int on_xdp(struct xdp_md *ctx)
{
	hits[8]++;
	return XDP_PASS;
}

SEC("tc")
int on_tc(struct __sk_buff *skb)
{
	hits[9]++;
	return 0; /* TC_ACT_OK */
}

SEC("iter/task")
int on_iter(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task)
		BPF_SEQ_PRINTF(ctx->meta->seq, "%d\n", task->pid);
	return 0;
}

SEC("socket")
int on_socket(struct __sk_buff *skb)
{
	hits[11]++;
	return skb->len;
}

SEC("cgroup_skb/ingress")
int on_cgroup_skb(struct __sk_buff *skb)
{
	hits[12]++;
	return 1;
}

SEC("syscall")
int on_syscall(void *ctx)
{
	hits[13]++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
