// SPDX-License-Identifier: GPL-2.0
/* kconfig: __kconfig externs (.kconfig internal map). Their values are taken from the
 * machine that generates the loader (uname, /proc/config.gz), so this fixture's data blob
 * is specific to that kernel; the other fixtures do not depend on it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;
extern bool LINUX_HAS_BPF_COOKIE __kconfig;	/* feature probe: assumed true by gen_loader */
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_NET_CLS_BPF __kconfig;
extern const char CONFIG_DEFAULT_HOSTNAME[16] __kconfig __weak;
extern int CONFIG_BPFSIGN_MISSING __kconfig __weak;	/* absent: 0 */

__u64 seen[8];

SEC("syscall")
int read_kconfig(void *ctx)
{
	seen[0] = LINUX_KERNEL_VERSION;
	seen[1] = LINUX_HAS_BPF_COOKIE;
	seen[2] = CONFIG_HZ;
	seen[3] = CONFIG_BPF_SYSCALL;
	seen[4] = CONFIG_NET_CLS_BPF;
	seen[5] = CONFIG_DEFAULT_HOSTNAME[0];
	seen[6] = CONFIG_BPFSIGN_MISSING;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
