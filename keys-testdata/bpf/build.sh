#!/bin/sh
# Compiles every BPF fixture source (*.bpf.c) in this directory to *.bpf.o with the
# reference toolchain (clang 21 from Debian unstable, libbpf 1.8 headers from its
# libbpf-dev), regenerating large.bpf.c first. The objects are checked in; tests never run
# this. Usage: build.sh [fixture...]   (default: all)
#
# The objects keep their debug info: -g is what makes clang emit .BTF/.BTF.ext, which
# the loader generator needs, so nothing is stripped.
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
CFLAGS="-g -O2 -target bpf -D__TARGET_ARCH_x86 -I include"

./gen-large.sh > large.bpf.c
if [ $# -eq 0 ]; then
  set -- $(ls ./*.bpf.c | sed 's|^\./||; s|\.bpf\.c$||')
fi
for f in "$@"; do
  # shellcheck disable=SC2086 # CFLAGS is a word list on purpose
  $REF_TOOLCHAIN run clang $CFLAGS -c "$f.bpf.c" -o "$f.bpf.o"
  echo "built $f.bpf.o"
done
sha256sum ./*.bpf.c ./*.bpf.o gen-large.sh include/vmlinux.h | sed 's| \./| |' > SHA256SUMS
