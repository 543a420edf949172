// SPDX-License-Identifier: GPL-2.0
/* trampolines: BPF_PROG_TYPE_TRACING and BPF_PROG_TYPE_LSM programs attached through BPF
 * trampolines (fentry, fexit, fmod_ret, lsm); the loader must resolve each attach target
 * (function name -> vmlinux BTF id) at run time. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

__u64 hits[8];

/* bpf_fentry_test1 exists in every kernel with BPF_PROG_RUN for tracing programs */
SEC("fentry/bpf_fentry_test1")
int BPF_PROG(on_fentry, int a)
{
	hits[0] += a;
	return 0;
}

SEC("fexit/bpf_fentry_test1")
int BPF_PROG(on_fexit, int a, int ret)
{
	hits[1] += ret;
	return 0;
}

/* bpf_modify_return_test is the kernel's designated fmod_ret test target */
SEC("fmod_ret/bpf_modify_return_test")
int BPF_PROG(on_fmod_ret, int a, int *b, int ret)
{
	hits[2]++;
	return ret;
}

SEC("lsm/file_open")
int BPF_PROG(on_lsm, struct file *file)
{
	hits[3]++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
