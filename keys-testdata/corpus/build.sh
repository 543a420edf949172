#!/bin/sh
# Rebuilds the real-world corpus: BPF objects of open-source tools that are not ours, built by
# the reference toolchain, with bpftool's loaders of each as goldens and the target profile of
# the host the goldens were made on. The objects, goldens and profile are checked in; tests
# never run this, and the fetched sources are never committed.
#
# Sources (pinned; licences allow keeping the objects, see SOURCES):
#   bcc libbpf-tools       https://github.com/iovisor/bcc               (BPF code: LGPL-2.1 OR BSD-2-Clause)
#   libbpf-bootstrap       https://github.com/libbpf/libbpf-bootstrap   (BPF code: GPL-2.0 OR BSD-3-Clause)
#   Linux BPF selftests    LSKELS and LSKELS_SIGNED, by build-selftests.sh (GPL-2.0; files pinned there)
# The first two build against bcc's checked-in x86 vmlinux.h, as bcc's own Makefile does; the
# selftests against a vmlinux.h of the reference host's BTF, as theirs does. make-goldens.sh makes
# bpftool's goldens of every object.
#
#   REF_TOOLCHAIN  "REF_TOOLCHAIN run CMD..." runs CMD in the reference toolchain (clang 21,
#                  bpftool 7.8 / libbpf 1.8) with the current directory mounted (default ref-toolchain)
#   LSKEL_EXTRACT  "LSKEL_EXTRACT HEADER OUTDIR" writes insns.bin, data.bin (and sig.bin) of a header
#   BPFSIGN        the bpfsign command, for "target capture" (default ../../bpfsign)
#   BCC_SRC, LIBBPF_BOOTSTRAP_SRC
#                  existing checkouts at the pinned commits instead of cloning them
#   LINUX_SRC      an existing Linux tree holding the pinned selftests files (build-selftests.sh)
#
# Must run on the host whose bpftool output the goldens record: bpftool reads its possible CPUs,
# kernel release, Kconfig and kallsyms, and the profile captured here holds the same values.
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
LSKEL_EXTRACT=${LSKEL_EXTRACT:-lskel-extract}
BPFSIGN=${BPFSIGN:-../../bpfsign}
BCC_COMMIT=6d0a964c2cda4f8c61106a11c53d8eadd5a16097
BOOTSTRAP_COMMIT=80334a221459f196123d54a7264f42b6767a04d3
BCC_TOOLS="bashreadline biolatency biosnoop bindsnoop bitesize capable drsnoop execsnoop exitsnoop fsslower
  gethostlatency ksnoop mdflush offcputime runqlat runqslower sigsnoop solisten statsnoop tcpconnect tcplife
  tcpstates"
BOOTSTRAP_EXAMPLES="bootstrap fentry kprobe ksyscall lsm profile task_iter tc"
# over the loader's limits (33 program-fd slots): bpftool writes a loader no kernel loads
OVER_LIMIT="memleak"

work=$(mktemp -d ./.build.XXXXXX)   # below the current directory: ref-toolchain sees only that
trap 'rm -rf "$work"' EXIT

fetch() { # DIR URL COMMIT [existing checkout]
  if [ -n "$4" ]; then cp -r "$4/." "$work/$1"; return; fi
  git init -q "$work/$1" && git -C "$work/$1" fetch -q --depth 1 "$2" "$3" && git -C "$work/$1" checkout -q FETCH_HEAD
}
mkdir -p "$work/bcc" "$work/bootstrap"
fetch bcc https://github.com/iovisor/bcc "$BCC_COMMIT" "${BCC_SRC:-}"
fetch bootstrap https://github.com/libbpf/libbpf-bootstrap "$BOOTSTRAP_COMMIT" "${LIBBPF_BOOTSTRAP_SRC:-}"

rm -rf objects golden over-limit
mkdir -p objects golden over-limit "$work/out"
CFLAGS="-g -O2 -Wall -Werror=undef -target bpf -D__TARGET_ARCH_x86"
for t in $BCC_TOOLS $OVER_LIMIT; do
  (cd "$work" && $REF_TOOLCHAIN run sh -c "cd bcc/libbpf-tools && clang $CFLAGS -Ix86/ -I. -c $t.bpf.c -o ../../out/$t.bpf.o && llvm-strip -g ../../out/$t.bpf.o")
done
for t in $BOOTSTRAP_EXAMPLES; do
  (cd "$work" && $REF_TOOLCHAIN run sh -c "cd bootstrap/examples/c && clang $CFLAGS -I../../../bcc/libbpf-tools/x86 -I. -c $t.bpf.c -o ../../../out/$t.bpf.o && llvm-strip -g ../../../out/$t.bpf.o")
done
for t in $BCC_TOOLS $BOOTSTRAP_EXAMPLES; do cp "$work/out/$t.bpf.o" objects/; done
cp "$work/out/$OVER_LIMIT.bpf.o" over-limit/

# the kernel's BPF selftests that libbpf turns into light skeletons (their own script)
REF_TOOLCHAIN=$REF_TOOLCHAIN sh ./build-selftests.sh > "$work/selftests.out"

# goldens of every object
REF_TOOLCHAIN=$REF_TOOLCHAIN LSKEL_EXTRACT=$LSKEL_EXTRACT sh ./make-goldens.sh $(for o in objects/*.bpf.o; do basename "$o" .bpf.o; done)
cp "over-limit/$OVER_LIMIT.bpf.o" "$work/"
(cd "$work" && $REF_TOOLCHAIN run bpftool gen skeleton -L "$OVER_LIMIT.bpf.o") > "over-limit/$OVER_LIMIT.plain.lskel.h"

# the host the goldens were made on; kallsyms cut down to the objects' undefined symbols (the
# only names libbpf looks up) to keep the file small
$BPFSIGN target capture -o "$work/host.json" > /dev/null
mkdir -p "$work/all" && cp objects/*.bpf.o over-limit/*.bpf.o "$work/all/"
(cd "$work" && $REF_TOOLCHAIN run sh -c 'llvm-nm -u all/*.bpf.o') | awk 'NF == 2 { print $2 }' | sort -u > "$work/undefined"
jq --rawfile names "$work/undefined" '($names | split("\n")) as $n
  | .kallsyms |= with_entries(select(.key | IN($n[])))
  | if has("kallsyms_ambiguous") then .kallsyms_ambiguous |= map(select(IN($n[]))) else . end
  | .sources.kallsyms += " (only the symbols the objects leave undefined)"' \
  "$work/host.json" > reference-host.json

{
  echo "bcc https://github.com/iovisor/bcc $BCC_COMMIT libbpf-tools: $BCC_TOOLS" | tr -s ' \n' ' '; echo
  echo "libbpf-bootstrap https://github.com/libbpf/libbpf-bootstrap $BOOTSTRAP_COMMIT examples/c: $BOOTSTRAP_EXAMPLES" | tr -s ' \n' ' '; echo
  grep '^linux-selftests ' "$work/selftests.out"
  $REF_TOOLCHAIN run bpftool version | head -1
  $REF_TOOLCHAIN run clang --version | head -1
} > SOURCES
find objects golden over-limit reference-host.json -type f | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
