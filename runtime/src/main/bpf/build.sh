#!/bin/sh
# Rebuilds bpfsign's BPF LSM program (enforce.bpf.o, checked in, shipped in the runtime jar) from
# enforce.bpf.c with the reference toolchain (Debian unstable's clang and libbpf headers, run
# through the command in $REF_TOOLCHAIN), and records in PROVENANCE the SHA-256 of the source and
# of the object it gave, with the compiler version. CI cannot count on that toolchain, so it
# checks instead (check.sh) that the source is the one PROVENANCE names and the object is the one
# built from it; a changed source therefore fails CI until this script has been run.
#   REF_TOOLCHAIN=ref-toolchain ./build.sh
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
CFLAGS="-g -O2 -Wall -Werror -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu"
# shellcheck disable=SC2086 # CFLAGS is a word list on purpose
$REF_TOOLCHAIN run clang $CFLAGS -c enforce.bpf.c -o enforce.bpf.o
{
  echo "# enforce.bpf.o is built by build.sh from enforce.bpf.c; check.sh verifies these lines."
  echo "compiler: $($REF_TOOLCHAIN run clang --version | head -n 1)"
  echo "flags: $CFLAGS"
  sha256sum enforce.bpf.c enforce.bpf.o
} > PROVENANCE
cat PROVENANCE
