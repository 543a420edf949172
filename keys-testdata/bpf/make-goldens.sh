#!/bin/sh
# Regenerates golden/<fixture>/ for every fixture object: the light-skeleton headers made
# by the reference bpftool (7.8, libbpf 1.8, Debian unstable), plain and signed with
# keys/signer-rsa3072, and their byte blobs split out with lskel-extract; and the signed
# header made by bpftool-7.3 (the bpftool Debian experimental builds from the Linux 7.3 tree:
# the folded scheme, signature over insns || data). Also checks that both bpftools write the
# same plain loader. Writes golden/SHA256SUMS and TOOLCHAIN. Tests never run this; they read
# the checked-in output.
#
# bpftool output depends only on the object, except for two inputs read from the machine
# that runs this script: __kconfig values (uname, /proc/config.gz; fixture "kconfig") and
# the presence of strong typeless ksyms in /proc/kallsyms (fixture "kfuncs_ksyms").
#
#   REF_TOOLCHAIN  command that runs a command inside the reference toolchain with the
#                  current directory mounted at the same relative paths (default
#                  "ref-toolchain", used as "$REF_TOOLCHAIN run CMD...")
#   LSKEL_EXTRACT  command "LSKEL_EXTRACT HEADER OUTDIR" that writes insns.bin, data.bin
#                  and, for signed headers, sig.bin and excl_hash.bin (default
#                  "lskel-extract")
#   OPENSSL        openssl used for the signature sanity check (default "openssl")
set -eu
cd "$(dirname "$0")/.."   # keys-testdata: keys/ and bpf/ must both be visible to bpftool
REF_TOOLCHAIN=${REF_TOOLCHAIN:-ref-toolchain}
LSKEL_EXTRACT=${LSKEL_EXTRACT:-lskel-extract}
OPENSSL=${OPENSSL:-openssl}
KEY=keys/signer-rsa3072.key.pem
CERT=keys/signer-rsa3072.cert.pem
# gen_loader cannot initialise prog_array slots from the ELF; bpftool refuses these
UNSUPPORTED="unsupported_prog_array_init"

{
  $REF_TOOLCHAIN run bpftool version | tr '\n' ' ' | sed 's/ *$//'
  echo
  printf 'bpftool-7.3: '
  $REF_TOOLCHAIN run bpftool-7.3 version | tr '\n' ' ' | sed 's/ *$//'
  echo
  $REF_TOOLCHAIN run clang --version | sed -n 1p
} > bpf/TOOLCHAIN

rm -rf bpf/golden
mkdir -p bpf/golden
for obj in bpf/*.bpf.o; do
  # bpftool's default object name: file name up to the first '.'
  name=$(basename "$obj" | sed 's/\..*//')
  case " $UNSUPPORTED " in *" $name "*) continue ;; esac
  out=bpf/golden/$name
  mkdir -p "$out"
  $REF_TOOLCHAIN run bpftool gen skeleton -L "$obj" name "$name" > "$out/plain.lskel.h"
  $REF_TOOLCHAIN run bpftool gen skeleton -L -S -k "$KEY" -i "$CERT" "$obj" name "$name" \
    > "$out/signed.lskel.h"
  $LSKEL_EXTRACT "$out/plain.lskel.h" "$out/plain" > /dev/null
  $LSKEL_EXTRACT "$out/signed.lskel.h" "$out/signed" > /dev/null

  # sanity checks: the signature verifies over the instructions (6.18 scheme: insns
  # only), and excl_hash is SHA-256 of the instructions
  "$OPENSSL" cms -verify -binary -inform DER -in "$out/signed/sig.bin" \
    -content "$out/signed/insns.bin" -certfile "$CERT" -noverify -out /dev/null 2> "$out/verify.log" \
    || { cat "$out/verify.log" >&2; exit 1; }
  rm "$out/verify.log"
  want=$(sha256sum < "$out/signed/insns.bin" | cut -d' ' -f1)
  got=$(od -An -v -tx1 "$out/signed/excl_hash.bin" | tr -d ' \n')
  [ "$want" = "$got" ] || { echo "$name: excl_hash is not SHA-256(insns)" >&2; exit 1; }

  # Linux 7.3 (folded scheme): the signed loader of bpftool-7.3; its plain loader must be
  # bpftool 7.8's byte for byte (so it is not checked in twice)
  $REF_TOOLCHAIN run bpftool-7.3 gen skeleton -L -S -k "$KEY" -i "$CERT" "$obj" name "$name" \
    > "$out/signed-7.3.lskel.h"
  $LSKEL_EXTRACT "$out/signed-7.3.lskel.h" "$out/signed-7.3" > /dev/null
  $REF_TOOLCHAIN run bpftool-7.3 gen skeleton -L "$obj" name "$name" > "$out/plain-7.3.tmp"
  cmp -s "$out/plain-7.3.tmp" "$out/plain.lskel.h" \
    || { echo "$name: bpftool-7.3's plain loader differs from bpftool's" >&2; exit 1; }
  rm "$out/plain-7.3.tmp"
  cat "$out/signed-7.3/insns.bin" "$out/signed-7.3/data.bin" > "$out/signed-7.3.payload"
  "$OPENSSL" cms -verify -binary -inform DER -in "$out/signed-7.3/sig.bin" \
    -content "$out/signed-7.3.payload" -certfile "$CERT" -noverify -out /dev/null 2> "$out/verify.log" \
    || { cat "$out/verify.log" >&2; exit 1; }
  rm "$out/verify.log" "$out/signed-7.3.payload"
  want=$(sha256sum < "$out/signed-7.3/insns.bin" | cut -d' ' -f1)
  got=$(od -An -v -tx1 "$out/signed-7.3/excl_hash.bin" | tr -d ' \n')
  [ "$want" = "$got" ] || { echo "$name: 7.3 excl_hash is not SHA-256(insns)" >&2; exit 1; }
  cmp -s "$out/signed-7.3/data.bin" "$out/signed/data.bin" \
    || { echo "$name: bpftool-7.3's data blob differs from bpftool's" >&2; exit 1; }
  echo "golden $name"
done

cd bpf/golden
find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
