// SPDX-License-Identifier: GPL-2.0
/* too_many_with_subprogs: 31 entry programs and 2 subprograms; subprograms take program-fd slots too. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
static __noinline int helper_a(int x) { return x + 1; }
static __noinline int helper_b(int x) { return x * 3; }
#define P(n) SEC("socket") int p##n(void *ctx) { return helper_a(n) + helper_b(n); }
P(0)
P(1)
P(2)
P(3)
P(4)
P(5)
P(6)
P(7)
P(8)
P(9)
P(10)
P(11)
P(12)
P(13)
P(14)
P(15)
P(16)
P(17)
P(18)
P(19)
P(20)
P(21)
P(22)
P(23)
P(24)
P(25)
P(26)
P(27)
P(28)
P(29)
P(30)
char LICENSE[] SEC("license") = "GPL";
