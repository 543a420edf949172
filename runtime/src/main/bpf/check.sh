#!/bin/sh
# Checks that the checked-in enforce.bpf.o is the build of the checked-in enforce.bpf.c, as
# recorded by build.sh in PROVENANCE (CI runs this; rebuilding needs the reference toolchain).
set -eu
cd "$(dirname "$0")"
if ! sha256sum --check --quiet --status PROVENANCE 2>/dev/null; then
  sha256sum --check PROVENANCE 2>&1 | grep -v ': OK$' >&2 || true
  echo "runtime/src/main/bpf: enforce.bpf.c or enforce.bpf.o differs from PROVENANCE; rebuild with build.sh" >&2
  exit 1
fi
echo "enforce.bpf.o matches its source (PROVENANCE)"
