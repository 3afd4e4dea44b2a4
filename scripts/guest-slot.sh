#!/bin/sh
# Run a command while holding one of GUEST_JOBS (default 2) guest slots,
# shared by every make check process of this checkout (all kernels): a
# TCG guest keeps about one core busy, and running more at once than the
# machine has cores only makes each slower.  The slots are lock files
# (flock) in build/guest-slots/; the command's status is this script's.
#
#   scripts/guest-slot.sh COMMAND [ARG...]
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || die "usage: guest-slot.sh COMMAND [ARG...]"
dir=$TOP/build/guest-slots
mkdir -p "$dir"
busy=75		# flock's status when the slot is taken (EX_TEMPFAIL)
while :; do
	i=1
	while [ "$i" -le "${GUEST_JOBS:-2}" ]; do
		rc=0
		flock -n -o -E "$busy" "$dir/$i" "$@" || rc=$?
		[ "$rc" = "$busy" ] || exit "$rc"
		i=$((i + 1))
	done
	sleep 1
done
