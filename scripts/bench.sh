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
"$TOP/scripts/base-kernel.sh" "$name"
"$TOP/scripts/kvm-probe.sh"
exec python3 "$TOP/scripts/bench.py" --pairs "$pairs" \
	--out "$BUILD/bench" "$name-base" "$name"
