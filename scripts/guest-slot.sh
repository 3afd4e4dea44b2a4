#!/bin/sh
# Run a command while holding one of GUEST_JOBS (default 2) guest slots,
# shared by every make check process of this checkout (all kernels): a
# TCG guest keeps about one core busy, and running more at once than the
# machine has cores only makes each slower.  The slots are lock files
# (flock) in build/guest-slots/; the command's status is this script's.
# Commands get their slots in the order they asked for them (a file
# wait.TIME.PID each): with every comer trying the slots at once, the
# first run of each kernel (its longest) was overtaken by all the others
# and ran last, alone.
#
#   scripts/guest-slot.sh COMMAND [ARG...]
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || die "usage: guest-slot.sh COMMAND [ARG...]"
dir=$TOP/build/guest-slots
mkdir -p "$dir"
me=$dir/wait.$(date +%s%N).$$
: >"$me"
trap 'rm -f "$me"' EXIT

# first: whether this command is the oldest waiter still alive
first() {
	for _w in "$dir"/wait.*; do
		[ -e "$_w" ] || continue
		if kill -0 "${_w##*.}" 2>/dev/null; then
			[ "$_w" = "$me" ]
			return
		fi
		rm -f "$_w"	# its waiter is gone
	done
	return 1
}

while ! first; do
	sleep 0.2
done
while :; do
	i=1
	while [ "$i" -le "${GUEST_JOBS:-2}" ]; do
		exec 9>"$dir/$i"
		if flock -n 9; then
			rm -f "$me"
			rc=0
			"$@" || rc=$?
			exit "$rc"
		fi
		i=$((i + 1))
	done
	sleep 0.2
done
