#!/bin/sh
# Compiles the object model's extra test objects (*.bpf.c -> *.bpf.o) with the reference
# toolchain (clang 21, libbpf 1.8 headers; kernel uapi headers, no vmlinux.h) and records what
# bpftool 7.8 makes of them. The objects and goldens are checked in; tests never run this.
#   REF_TOOLCHAIN=ref-toolchain LSKEL_EXTRACT=lskel-extract ./build.sh
#
# bpftool on these (recorded when the files were made):
#   arena_map           loader generated    -> golden/arena_map/{plain,signed}/{insns,data}.bin
#   arena_globals       bpftool crashes (bus error): __arena data cannot go into a loader
#   struct_ops          bpftool crashes (segmentation fault)
#   too_many_maps       "nr_maps 65/64 mismatch", failed to load object
#   jump_table_section  "can't create jump table", failed to load object
#   plain_extern_call   "failed to find BTF for extern 'nowhere'", failed to open object
#   too_many_programs, too_many_with_subprogs
#                       loader generated (golden/too_many_with_subprogs.lskel.h), but the kernel
#                       refuses it: EACCES at the loader's BPF_PROG_LOAD (33 program-fd slots)
#   max_programs        loader generated, and it loads (32 slots: 30 programs, 2 subprograms)
# and, for a non-native (big-endian) target, four keys-testdata fixtures compiled with
# -target bpfeb as bigendian/NAME.bpfeb.o with bpftool's loaders in bigendian/golden/NAME/.
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
LSKEL_EXTRACT=${LSKEL_EXTRACT:-lskel-extract}
for src in ./*.bpf.c; do
  n=$(basename "$src" .bpf.c)
  $REF_TOOLCHAIN run clang -g -O2 -target bpf -I/usr/include/x86_64-linux-gnu -c "$n.bpf.c" -o "$n.bpf.o"
done
KEYS=../../../../../../../../../keys-testdata/keys
tmp=$(mktemp -d)
$REF_TOOLCHAIN run bpftool gen skeleton -L arena_map.bpf.o name arena_map > "$tmp/plain.h"
cp "$KEYS/signer-rsa3072.key.pem" "$KEYS/signer-rsa3072.cert.pem" .
$REF_TOOLCHAIN run bpftool gen skeleton -L -S -k signer-rsa3072.key.pem -i signer-rsa3072.cert.pem arena_map.bpf.o name arena_map > "$tmp/signed.h"
rm -f signer-rsa3072.key.pem signer-rsa3072.cert.pem
$LSKEL_EXTRACT "$tmp/plain.h" "$tmp/plain" >/dev/null
$LSKEL_EXTRACT "$tmp/signed.h" "$tmp/signed" >/dev/null
$REF_TOOLCHAIN run bpftool gen skeleton -L too_many_with_subprogs.bpf.o name too_many_with_subprogs \
  > golden/too_many_with_subprogs.lskel.h
for m in plain signed; do
  mkdir -p "golden/arena_map/$m"
  cp "$tmp/$m/insns.bin" "$tmp/$m/data.bin" "golden/arena_map/$m/"
done
FIXTURES=../../../../../../../../../keys-testdata/bpf
mkdir -p bigendian/include
cp "$KEYS/signer-rsa3072.key.pem" "$KEYS/signer-rsa3072.cert.pem" bigendian/
cp "$FIXTURES/include/vmlinux.h" bigendian/include/
for n in maps_basic global_data subprogs map_in_map; do
  cp "$FIXTURES/$n.bpf.c" bigendian/
  (cd bigendian &&
    $REF_TOOLCHAIN run clang -g -O2 -target bpfeb -D__TARGET_ARCH_x86 -I include -c "$n.bpf.c" -o "$n.bpfeb.o" &&
    $REF_TOOLCHAIN run bpftool gen skeleton -L "$n.bpfeb.o" name "$n" > "$tmp/$n.plain.h" &&
    $REF_TOOLCHAIN run bpftool gen skeleton -L -S -k signer-rsa3072.key.pem -i signer-rsa3072.cert.pem "$n.bpfeb.o" name "$n" > "$tmp/$n.signed.h")
  rm -f "bigendian/$n.bpf.c"
  for m in plain signed; do
    $LSKEL_EXTRACT "$tmp/$n.$m.h" "$tmp/$n.$m" >/dev/null
    mkdir -p "bigendian/golden/$n/$m"
    cp "$tmp/$n.$m/insns.bin" "$tmp/$n.$m/data.bin" "bigendian/golden/$n/$m/"
  done
done
rm -rf bigendian/include bigendian/signer-rsa3072.key.pem bigendian/signer-rsa3072.cert.pem "$tmp"
sha256sum ./*.bpf.c ./*.bpf.o golden/*/*/*.bin golden/*.lskel.h bigendian/*.o bigendian/golden/*/*/*.bin | sed 's| \./| |' > SHA256SUMS
