#!/bin/sh
# Reports whether each fixture's light-skeleton loader loads on the running kernel: it
# generates the plain skeleton with the reference bpftool, compiles a tiny program that
# calls <name>__open_and_load(), and runs it (needs root). Prints one line per fixture.
# Usage: check-load.sh [fixture...]   (default: every *.bpf.o)
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
if [ $# -eq 0 ]; then
  set -- $(ls ./*.bpf.o | sed 's|^\./||; s|\.bpf\.o$||')
fi
# ref-toolchain only sees the current directory, so the scratch dir must live below it
tmp=$(mktemp -d ./.check-load.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for f in "$@"; do
  if ! $REF_TOOLCHAIN run bpftool gen skeleton -L "$f.bpf.o" name "$f" > "$tmp/$f.lskel.h" 2> "$tmp/$f.gen.err"; then
    echo "$f: bpftool gen skeleton failed: $(grep -v '^libbpf: *$' "$tmp/$f.gen.err" | tr '\n' ' ')"
    continue
  fi
  cat > "$tmp/$f.c" <<C
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h> /* enum libbpf_tristate, used by .kconfig members */
#include "$f.lskel.h"
int main(void)
{
	struct $f *skel = ${f}__open_and_load();
	if (!skel) {
		printf("$f: loader FAILED: errno %d (%s)\n", errno, strerror(errno));
		return 1;
	}
	printf("$f: loader loads\n");
	fflush(stdout);
	${f}__destroy(skel);
	return 0;
}
C
  if ! $REF_TOOLCHAIN run clang -O1 -Wall -o "$tmp/$f" "$tmp/$f.c"; then echo "$f: test program did not compile"; continue; fi
  $REF_TOOLCHAIN run "$tmp/$f" || true
done
