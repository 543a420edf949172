#!/bin/sh
# Builds the corpus's share of the Linux kernel's BPF selftests: the programs that the selftests'
# Makefile (tools/testing/selftests/bpf/Makefile) turns into light skeletons with
# "bpftool gen skeleton -L", its LSKELS and LSKELS_SIGNED lists. Called by build.sh, which then
# makes bpftool's goldens of every object; run alone it only (re)writes the selftests' objects.
#
# The sources (GPL-2.0, see SOURCES) are fetched at build time and never committed. Each file is
# pinned by repository, commit and SHA-256 below: the lists were read from the selftests Makefile
# of kernel-patches/bpf at MAKEFILE_COMMIT; every source file is taken from the commit listed
# beside it, so the files are not one tree's: some are older than the Makefile (atomics.c
# without the 8- and 16-bit atomics clang 21 cannot compile; test_ringbuf.c and core_kern.c with
# unused variables), some newer (fentry_test.c with fentry.ftrace/ sections).
#
#   LINUX_SRC      an existing Linux tree to take the files from (checked against the SHA-256s)
#                  instead of fetching each one from raw.githubusercontent.com
#   REF_TOOLCHAIN  as in build.sh
#
# Build, as the selftests' Makefile does for test_progs (BPF_CFLAGS, CLANG_CFLAGS,
# -DENABLE_ATOMICS_TESTS, -O2 --target=bpfel -mcpu=v3), then linked three times with
# "bpftool gen object" exactly as its LSKELS rule does; the third link is the object kept.
# Differences, on purpose: libbpf's and the UAPI headers are the reference toolchain's (libbpf
# 1.8, Linux UAPI of its linux-libc-dev), not the tree's; vmlinux.h is dumped by the reference
# bpftool from the BTF of the host this runs on (/sys/kernel/btf/vmlinux) — the reference host of
# reference-host.json; glibc's gnu/stubs-32.h, which <features.h> wants for the BPF target and the
# selftests take from the i386 libc headers (multilib), is an empty file here (it only names libc
# functions that are stubs; none of these programs calls libc); and no -Werror (below). Programs
# these headers or that BTF cannot build are listed in NOT_BUILT with the reason, not forced.
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
MAKEFILE_REPO=kernel-patches/bpf
MAKEFILE_COMMIT=0005946af44cf6d2ac604bbb545c3f10e9d9af86
SELFTESTS=tools/testing/selftests/bpf

# LSKELS and LSKELS_SIGNED of the Makefile at MAKEFILE_COMMIT
LSKELS="fexit_sleep trace_printk trace_vprintk map_ptr_kern core_kern core_kern_overflow test_ringbuf
  test_ringbuf_n test_ringbuf_map_key test_ringbuf_write test_ringbuf_overwrite"
LSKELS_SIGNED="fentry_test fexit_test atomics"
# name: why it is not in the corpus
NOT_BUILT="fexit_test: BPF_PROG with 13 and 15 arguments (test12, test14) is beyond the reference toolchain's bpf_tracing.h (libbpf 1.8: 12)
test_ringbuf_overwrite: BPF_F_OVERWRITE and BPF_RB_OVER_POS are not in the reference toolchain's UAPI bpf.h (Linux 7.2) nor in the reference host's kernel (6.18)"
# name: why bpftool 7.8 refuses the object (it goes to over-limit/, where CorpusTest checks that
# gen refuses it too, and gets no goldens)
REFUSED="fentry_test: libbpf 1.8 knows no section fentry.ftrace/ (test9, test10), so the programs have no type"

# path under $SELFTESTS, repository, commit, SHA-256
MANIFEST='
progs/atomics.c                torvalds/linux     91908587bc0e1a2c4df56ea9a3d71931ca0eb9de 015ca90c699e39d6665945ac53fd58ac2621dd3255b7404e4358d6379cf80d88
progs/bpf_misc.h               kernel-patches/bpf 059912c0e7ac7c684acc8b086cb6d49ac92cd659 25ccf1e00a0f1ffc3b4d79296bd0bcb23bb1b45045b473ccabc90f9dafd6dd89
progs/core_kern.c              kernel-patches/bpf 1ddade79195892d351d2d18f1bdba3726c3f2f11 37b8434b0b65aac689be7a6f932514cd7c08efed8642e8ac91352cf31b15075f
progs/core_kern_overflow.c     kernel-patches/bpf e52b304ea0e476e3c31207e8f694b86ce3baffc1 b2daec3d94a97f644ab0396825ab1638b21735c15327c32a500a3d0af4736b2e
progs/fentry_test.c            kernel-patches/bpf 1fc8a3ac2f5ee760534c9aefe3c5cd7425e595e7 afef8e6605063be62be38bea8d437d062a42e073ed465413b93c3f495094d1c8
progs/fexit_sleep.c            torvalds/linux     313267e59070c83824a94d72d710471d5e24575c 21e3632dcb3412e434389452c3ee962c94ac23ff69e26ff8c61f9c414abd2a10
progs/fexit_test.c             kernel-patches/bpf 82dcaa440e83bcb91aab657e6156590a999a5a12 13b3667755d10a160feefc0c7846ae0b1714b8c4aaec5a8055797da44980c943
progs/map_ptr_kern.c           kernel-patches/bpf 06642d32bdb943bb1cb7bf8c51b455434c06ec37 ac9636c556dfee0df2b35b68343f3836d0cde3940f320d54bd2fb43487077811
progs/test_jhash.h             torvalds/linux     30c0923370175a01a806b23d797f1d9f2f3e4f40 585a02f306b6f694c020a8f473823b2cac5e9ad5695bdb768914afe3aa752ea6
progs/test_ringbuf.c           kernel-patches/bpf 06642d32bdb943bb1cb7bf8c51b455434c06ec37 006769a8589ad2d5e086e0d06fb8710191ca6e64afb5997451280259d7651e67
progs/test_ringbuf_map_key.c   kernel-patches/bpf a7a1f0c8bb62baf7cfbb288c1a3fc07b38d6397a ab4d12ca140c8a7a460879bec1658a89c1fce90201417164ebfd7e8895f4d3ee
progs/test_ringbuf_n.c         kernel-patches/bpf 79e03cdb8297e15bfe7efc44201598d0d0c6c27c 50df7372ac9225d5d70a64643bd586dd5f3ade89724f62d6d5787befef7a3660
progs/test_ringbuf_overwrite.c kernel-patches/bpf b625f1ffda6eb2bfdd032b4bfbeb946bd4d69a99 4f40c3922f4e7c645442d12588bf5e52682509782f47444e0d976c1abb1c1287
progs/test_ringbuf_write.c     kernel-patches/bpf b515a6dc400a0bfe1f68b8803f16bcaf6fd929a7 82c1e756a2393f3c85f6595e8615ee5c868032a26c49a5965c3d0d50251b5628
progs/trace_printk.c           kernel-patches/bpf 14b0d63e1af7d5fe6e4ff2e6b3f0ece3eb3364bf db61d8f445edd94be0d70cb6773e5cbdbc5b251740233601eb6913b3065eb434
progs/trace_vprintk.c          kernel-patches/bpf 261e5038d368e27ebc633ef7269197dd56d3b7d8 fca1a0cccae92cb3ece00e64fea13377192b764a323733957d12cb5db05c7ca7
'

work=$(mktemp -d ./.build-selftests.XXXXXX)   # below the current directory: ref-toolchain sees only that
trap 'rm -rf "$work"' EXIT
src="$work/$SELFTESTS"
mkdir -p "$src/progs" "$work/include" "$work/out"

echo "$MANIFEST" | while read -r path repo commit sum; do
  [ -n "$path" ] || continue
  if [ -n "${LINUX_SRC:-}" ]; then
    cp "$LINUX_SRC/$SELFTESTS/$path" "$src/$path"
  else
    curl -fsSL "https://raw.githubusercontent.com/$repo/$commit/$SELFTESTS/$path" -o "$src/$path"
  fi
  echo "$sum  $src/$path" | sha256sum -c --quiet - || { echo "$path: not the pinned file ($repo $commit)" >&2; exit 1; }
done

# vmlinux.h of the reference host, as the Makefile makes it (bpftool btf dump ... format c)
(cd "$work" && $REF_TOOLCHAIN run bpftool btf dump file /sys/kernel/btf/vmlinux format c) > "$work/include/vmlinux.h"
mkdir -p "$work/include/gnu" && : > "$work/include/gnu/stubs-32.h"

# without the Makefile's -Werror: some pinned files are older than the Makefile and have unused
# variables (test_ringbuf, core_kern); a warning changes no byte of the object
BPF_CFLAGS="-g -Wall -D__TARGET_ARCH_x86 -mlittle-endian -I../../../../include -I. -std=gnu11
  -fno-strict-aliasing -Wno-microsoft-anon-tag -fms-extensions -Wno-compare-distinct-pointer-types
  -Wno-initializer-overrides"
# CLANG_SYS_INCLUDES: the host target's include directories, after the BPF target's
SYS_INCLUDES='$(clang -v -E - </dev/null 2>&1 | sed -n "/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }")'

not_built() { echo "$NOT_BUILT" | grep -q "^$1:"; }
built=""
for t in $LSKELS $LSKELS_SIGNED; do
  if not_built "$t"; then echo "skipped $t: $(echo "$NOT_BUILT" | grep "^$t:" | cut -d: -f2-)" >&2; continue; fi
  (cd "$work" && $REF_TOOLCHAIN run sh -c "cd $SELFTESTS && clang $(echo $BPF_CFLAGS) $SYS_INCLUDES -DENABLE_ATOMICS_TESTS \
      -O2 --target=bpfel -c progs/$t.c -mcpu=v3 -o /work/out/$t.bpf.o \
    && cd /work/out && bpftool gen object $t.llinked1.o $t.bpf.o && bpftool gen object $t.llinked2.o $t.llinked1.o \
    && bpftool gen object $t.llinked3.o $t.llinked2.o && cmp $t.llinked2.o $t.llinked3.o")
  built="$built $t"
done

mkdir -p objects over-limit
for t in $built; do
  if echo "$REFUSED" | grep -q "^$t:"; then
    cp "$work/out/$t.llinked3.o" "over-limit/$t.bpf.o"; echo "refused by bpftool: $t"
  else
    cp "$work/out/$t.llinked3.o" "objects/$t.bpf.o"; echo "object $t"
  fi
done
# the line build.sh puts in SOURCES
echo "linux-selftests https://github.com/$MAKEFILE_REPO $MAKEFILE_COMMIT $SELFTESTS/Makefile LSKELS LSKELS_SIGNED:$built (GPL-2.0; files pinned in build-selftests.sh)"
