#!/bin/sh
# make check: every test of every supported kernel (kernels/*/): its tree
# expanded (scripts/tree.sh), then what its check.conf asks for
# (scripts/check-kernel.sh).  The kernels are checked at the same time,
# each line of their output led by "KERNEL| " and kept in
# build/KERNEL/check.log: one kernel's single-threaded steps (unpacking,
# linking, parsing) leave a core free that the other's builds use.  The
# guests start when every kernel is built (a barrier), and the guests of
# all kernels share GUEST_JOBS slots (default 2, scripts/guest-slot.sh),
# so no more of them run at once than with one kernel.  CHECK_KERNELS="6.12" picks kernels, CHECK_SERIAL=1 checks them
# one after the other; SCENARIOS and CHECK_FULL are passed on to each.
# Ends with one line for all of them, "N passed, N failed, N skipped",
# and exits non-zero on any failure.
set -eu
. "$(dirname "$0")/lib.sh"

# check_one K: tree and check of kernel K; its status in build/K/check.rc
check_one() {
	_summary=$TOP/build/$1/runs/summary
	_rc=0
	if ! KERNEL=$1 "$TOP/scripts/tree.sh"; then
		echo "FAIL   $1: the series does not apply (make tree KERNEL=$1)"
		mkdir -p "${_summary%/*}"
		echo "0 1 0" >"$_summary"
		_rc=1
	elif ! KERNEL=$1 "$TOP/scripts/check-kernel.sh"; then
		_rc=1
		# a check that stopped before its results counts as a failure
		if [ ! -f "$_summary" ] ||
		   awk '$2 > 0 { bad = 1 } END { exit bad }' "$_summary"; then
			echo "FAIL   $1: scripts/check-kernel.sh stopped"
			mkdir -p "${_summary%/*}"
			echo "0 1 0" >>"$_summary"
		fi
	fi
	echo "$_rc" >"$TOP/build/$1/check.rc"
	# no kernel waits for this one's builds any longer
	[ -z "${CHECK_BARRIER:-}" ] || touch "$CHECK_BARRIER/$1"
}

t0=$(date +%s)
cpu0=$(head -n 1 /proc/stat)
kernels=$(echo ${CHECK_KERNELS:-$(kernels)})
if [ "${CHECK_SERIAL:-0}" != 1 ]; then
	# where each kernel's check says that its builds are done, and
	# whose builds its guests wait for (scripts/check-kernel.sh)
	export CHECK_BARRIER="$TOP/build/check-barrier"
	export CHECK_BARRIER_KERNELS="$kernels"
	rm -rf "$CHECK_BARRIER"
	mkdir -p "$CHECK_BARRIER"
fi
for k in $kernels; do
	mkdir -p "$TOP/build/$k"
	rm -f "$TOP/build/$k/check.rc" "$TOP/build/$k/runs/summary"
	if [ "${CHECK_SERIAL:-0}" = 1 ]; then
		check_one "$k" 2>&1 | tee "$TOP/build/$k/check.log"
	else
		# a shell loop, not awk or sed: they pass lines on in blocks
		check_one "$k" 2>&1 | tee "$TOP/build/$k/check.log" |
			while IFS= read -r line; do
				printf '%s| %s\n' "$k" "$line"
			done &
	fi
done
wait

fail=0
summaries=
for k in $kernels; do
	[ "$(cat "$TOP/build/$k/check.rc" 2>/dev/null)" = 0 ] || fail=1
	summaries="$summaries $TOP/build/$k/runs/summary"
done
# Every failure again, with what verdict.py showed of it ("    > "
# lines), where the end of the output is all that a CI log keeps.
for k in $kernels; do
	awk '/^FAIL/ { p = 1; print; next } p && /^    > / { print; next }
	     { p = 0 }' "$TOP/build/$k/check.log" 2>/dev/null
done | sed '1i\
Failures:'
printf 'make check took %d s\n' $(($(date +%s) - t0))
# Where the machine's time went: a slow run on a busy host shows steal
# (time the hypervisor gave to others) rather than idle.
printf '%s\n%s\n' "$cpu0" "$(head -n 1 /proc/stat)" | awk '
	NR == 1 { for (i = 2; i <= NF; i++) a[i] = $i }
	NR == 2 { for (i = 2; i <= 9 && i <= NF; i++) { d[i] = $i - a[i]; t += d[i] }
		if (t > 0)
			printf "CPU: %.1f%% busy, %.1f%% idle, %.1f%% I/O wait, %.1f%% steal\n",
				100 * (d[2] + d[3] + d[4] + d[7] + d[8]) / t,
				100 * d[5] / t, 100 * d[6] / t, 100 * d[9] / t }'
# shellcheck disable=SC2086
cat $summaries | awk '{ p += $1; f += $2; s += $3 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
# shellcheck disable=SC2086
cat $summaries | awk '$2 > 0 { bad = 1 } END { exit bad }' || fail=1
exit "$fail"
