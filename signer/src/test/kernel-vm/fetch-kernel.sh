#!/bin/sh
# Fetches a Debian cloud kernel into a cache directory and prints the path of its vmlinuz:
# by default Debian unstable's (Linux 7.2 or later: CONFIG_SYSTEM_DATA_VERIFICATION=y, so
# BPF_PROG_LOAD verifies PKCS#7 signatures, the 6.18 scheme), or with SUITE "experimental"
# Debian experimental's Linux 7.3 (the folded scheme). When 7.3 reaches unstable, the
# experimental tests follow it by passing "sid". Uses its own apt lists and sources under the
# cache, so the host's apt configuration is neither read for sources nor changed. Give each
# suite its own CACHE_DIR.
#
#   fetch-kernel.sh CACHE_DIR [SUITE]      (SUITE default: $BPFSIGN_KERNEL_SUITE or sid)
#
# Exit 0 with the vmlinuz path on stdout; non-zero with one line on stderr when the mirror or
# the package cannot be reached.
set -eu
cache=${1:?usage: fetch-kernel.sh CACHE_DIR}
suite=${2:-${BPFSIGN_KERNEL_SUITE:-sid}}
flavour=cloud-amd64

found() { ls "$cache"/root/usr/lib/modules/*/vmlinuz 2>/dev/null | head -1; }

if [ -n "$(found)" ]; then found; exit 0; fi

command -v apt-get >/dev/null 2>&1 || { echo "fetch-kernel: apt-get is not available" >&2; exit 1; }
command -v dpkg >/dev/null 2>&1 || { echo "fetch-kernel: dpkg is not available" >&2; exit 1; }

mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs"
echo "deb http://deb.debian.org/debian $suite main" > "$cache/apt/sources.list"
# Private state: lists, sources and cache all under $cache; no host sources.list.d.
opts="-o Dir::State::Lists=$cache/apt/lists -o Dir::Etc::SourceList=$cache/apt/sources.list \
 -o Dir::Etc::SourceParts=/dev/null -o Dir::Cache::Archives=$cache/apt/archives \
 -o Acquire::Retries=2 -o Acquire::http::Timeout=30"

if ! apt-get $opts update -qq >"$cache/apt/update.log" 2>&1; then
  echo "fetch-kernel: cannot reach the Debian $suite mirror (see $cache/apt/update.log)" >&2; exit 1
fi
# linux-image-amd64 depends on linux-image-<version>-amd64; the cloud flavour of the same
# version ships its files in linux-binary-<version>-cloud-amd64.
version=$(apt-cache $opts depends linux-image-amd64 2>/dev/null \
  | sed -n 's/^ *Depends: linux-image-\(.*\)-amd64$/\1/p' | head -1)
[ -n "$version" ] || { echo "fetch-kernel: no linux-image-amd64 in Debian $suite" >&2; exit 1; }

rm -f "$cache"/debs/*.deb
if ! (cd "$cache/debs" && apt-get $opts download "linux-binary-$version-$flavour" >"$cache/apt/download.log" 2>&1); then
  echo "fetch-kernel: cannot download linux-binary-$version-$flavour (see $cache/apt/download.log)" >&2; exit 1
fi
rm -rf "$cache/root.tmp"
for deb in "$cache"/debs/*.deb; do dpkg -x "$deb" "$cache/root.tmp"; done
rm -rf "$cache/root"
mv "$cache/root.tmp" "$cache/root"
[ -n "$(found)" ] || { echo "fetch-kernel: the package holds no vmlinuz" >&2; exit 1; }
found
