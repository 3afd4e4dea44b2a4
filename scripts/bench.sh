#!/bin/sh
# make bench: build the base kernel and the patched kernel with the same
# config, then run the interleaved A/B benchmark (scripts/bench.py).
#
#   scripts/bench.sh [CONFIG] [PAIRS]
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:-x86_64}
pairs=${2:-10}
"$TOP/scripts/build.sh" "$name"
# The A side: the pristine base, or, where the kernel's check.conf says
# bench-base=fixes, the base with the series' fixes of it (a base kernel
# that fails where the benchmark goes measures nothing).
ref=$(sed -n 's/^bench-base=//p' "$KDIR/check.conf")
ref=${ref:-base}
"$TOP/scripts/base-kernel.sh" "$name" "$ref"
"$TOP/scripts/kvm-probe.sh"
exec python3 "$TOP/scripts/bench.py" --pairs "$pairs" \
	--out "$BUILD/bench" "$name-$ref" "$name"
