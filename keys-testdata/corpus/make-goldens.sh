#!/bin/sh
# Makes bpftool's goldens of corpus objects: make-goldens.sh NAME... writes golden/NAME/{plain,
# signed,signed-7.3}/ from objects/NAME.bpf.o. Called by build.sh for every object; must run on the
# reference host (see build.sh), with REF_TOOLCHAIN and LSKEL_EXTRACT as there.
set -eu
cd "$(dirname "$0")"
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
LSKEL_EXTRACT=${LSKEL_EXTRACT:-lskel-extract}
work=$(mktemp -d ./.goldens.XXXXXX)   # below the current directory: ref-toolchain sees only that
trap 'rm -rf "$work"' EXIT

# goldens: bpftool's default object name (NAME_bpf), plain and signed with keys/signer-rsa3072
cp ../keys/signer-rsa3072.key.pem ../keys/signer-rsa3072.cert.pem "$work/"
for t in "$@"; do
  cp "objects/$t.bpf.o" "$work/"
  (cd "$work" && $REF_TOOLCHAIN run bpftool gen skeleton -L "$t.bpf.o") > "$work/$t.plain.h"
  (cd "$work" && $REF_TOOLCHAIN run bpftool gen skeleton -L -S -k signer-rsa3072.key.pem -i signer-rsa3072.cert.pem "$t.bpf.o") > "$work/$t.signed.h"
  for m in plain signed; do
    $LSKEL_EXTRACT "$work/$t.$m.h" "$work/$t.$m" > /dev/null
    mkdir -p "golden/$t/$m"
    cp "$work/$t.$m/insns.bin" "$work/$t.$m/data.bin" "golden/$t/$m/"
  done
  cp "$work/$t.signed/sig.bin" "golden/$t/signed/"
  # Linux 7.3's loader: bpftool-7.3 (Debian experimental), signed over insns || data; its plain
  # loader is bpftool 7.8's byte for byte (checked, not stored twice)
  (cd "$work" && $REF_TOOLCHAIN run bpftool-7.3 gen skeleton -L -S -k signer-rsa3072.key.pem -i signer-rsa3072.cert.pem "$t.bpf.o") > "$work/$t.signed-7.3.h"
  $LSKEL_EXTRACT "$work/$t.signed-7.3.h" "$work/$t.signed-7.3" > /dev/null
  mkdir -p "golden/$t/signed-7.3"
  cp "$work/$t.signed-7.3/insns.bin" "$work/$t.signed-7.3/data.bin" "$work/$t.signed-7.3/sig.bin" "golden/$t/signed-7.3/"
  (cd "$work" && $REF_TOOLCHAIN run bpftool-7.3 gen skeleton -L "$t.bpf.o") > "$work/$t.plain-7.3.h"
  cmp -s "$work/$t.plain-7.3.h" "$work/$t.plain.h" || { echo "$t: bpftool-7.3's plain loader differs" >&2; exit 1; }
  echo "golden $t"
done
