#!/bin/sh
# make check: every test of every supported kernel (kernels/*/), one
# kernel after the other: its tree expanded (scripts/tree.sh), then what
# its check.conf asks for (scripts/check-kernel.sh).  Ends with one line
# for all of them, "N passed, N failed, N skipped", and exits non-zero on
# any failure.  CHECK_KERNELS="6.12" picks kernels; SCENARIOS and
# CHECK_FULL are passed on to each.
set -eu
. "$(dirname "$0")/lib.sh"

t0=$(date +%s)
fail=0
summaries=
for k in ${CHECK_KERNELS:-$(kernels)}; do
	summary=$TOP/build/$k/runs/summary
	if ! KERNEL=$k "$TOP/scripts/tree.sh"; then
		echo "FAIL   $k: the series does not apply (make tree KERNEL=$k)"
		mkdir -p "${summary%/*}"
		echo "0 1 0" >"$summary"
		fail=1
	elif ! KERNEL=$k "$TOP/scripts/check-kernel.sh"; then
		fail=1
	fi
	summaries="$summaries $summary"
done
printf 'make check took %d s\n' $(($(date +%s) - t0))
# shellcheck disable=SC2086
cat $summaries | awk '{ p += $1; f += $2; s += $3 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
# shellcheck disable=SC2086
cat $summaries | awk '$2 > 0 { bad = 1 } END { exit bad }' || fail=1
exit "$fail"
