# Helpers for guest scenarios (busybox sh); sourced by /init.
#
# Results go to the second serial port (/dev/ttyS1) as TAP/KTAP documents,
# each introduced by a line "@@doc NAME" (the same NAME again continues a
# document); the host splits the stream and
# parses each document with kunit.py.  The third port (/dev/ttyS2) carries
# requests to the host ("@@host VERB ARGS...") and its one-line answers.

for tty in /dev/ttyS1 /dev/ttyS2; do
	stty -F "$tty" raw -echo 2>/dev/null
done
# Keep the host channel open: an answer that arrives while no one has the
# port open would be thrown away.
exec 4<>/dev/ttyS2

# doc NAME: start a new result document
doc() {
	echo "@@doc $1" >/dev/ttyS1
}

# tap LINE...: write lines to the current result document
tap() {
	printf '%s\n' "$@" >/dev/ttyS1
}

# host VERB ARGS...: ask the host to do something (hot-add a DIMM, ...);
# prints the host's answer and fails unless it starts with "ok".
host() {
	echo "@@host $*" >&4
	read -r answer <&4
	echo "$answer"
	case "$answer" in ok*) return 0 ;; esac
	return 1
}

# kunit_module NAME DOC: load a KUnit test module, put the KTAP it printed
# into the result document DOC, and unload it again.
kunit_module() {
	dmesg -c >/dev/null
	if ! modprobe "$1"; then
		doc "$2"
		tap "TAP version 13" "1..1" "not ok 1 - $1 # could not load the module"
		return 1
	fi
	doc "$2"
	dmesg -c >/dev/ttyS1
	modprobe -r "$1"
}

# run_kselftest DOC PROG ARGS...: run a kselftest program, its TAP output
# into the result document DOC
run_kselftest() {
	d=$1
	shift
	doc "$d"
	"$@" >/dev/ttyS1 2>&1
}

# meta_kb [NODE]: PageMetadata in kB, global or of NODE, read as it is
# (the counters need no vm.stat_refresh)
meta_kb() {
	if [ $# = 0 ]; then
		meminfo_kb PageMetadata
	else
		sed -n 's/^Node [0-9]* PageMetadata: *\([0-9]*\) kB/\1/p' \
			"/sys/devices/system/node/node$1/meminfo"
	fi
}

# vmstat_get NAME [NODE]: a value of /proc/vmstat, or of NODE's vmstat
vmstat_get() {
	f=/proc/vmstat
	[ $# = 1 ] || f=/sys/devices/system/node/node$2/vmstat
	sed -n "s/^$1 //p" "$f"
}

# vmstat_sum NAME: NAME summed over the vmstat files of the online nodes
vmstat_sum() {
	_s=0
	for _f in /sys/devices/system/node/node[0-9]*/vmstat; do
		_s=$((_s + $(sed -n "s/^$1 //p" "$_f")))
	done
	echo "$_s"
}

# TAP numbering for checks written by the scenario itself
tap_n=0
# check NAME EXPECTED OBSERVED: one TAP result comparing two numbers
check() {
	tap_n=$((tap_n + 1))
	if [ "$2" = "$3" ]; then
		tap "ok $tap_n - $1: $3"
	else
		tap "not ok $tap_n - $1: expected $2, got $3"
		return 1
	fi
}

# node_meta_kb NODE: like meta_kb NODE, 0 for a node that is not online
node_meta_kb() {
	if [ -d "/sys/devices/system/node/node$1" ]; then
		meta_kb "$1"
	else
		echo 0
	fi
}

# wait_memtotal KB: wait (up to 60 s) until MemTotal is KB; ACPI hot-add
# and the onlining of each memory block finish after the host's request
wait_memtotal() {
	i=0
	while [ "$(memtotal_kb)" != "$1" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

memtotal_kb() {
	meminfo_kb MemTotal
}

# meminfo_kb KEY: the value of KEY in /proc/meminfo, in kB
meminfo_kb() {
	sed -n "s/^$1: *\([0-9]*\) kB/\1/p" /proc/meminfo
}

# out KEY VALUE: one measurement of a benchmark scenario, for
# scripts/bench.py; error WHAT: something that went wrong in one
out() {
	echo "bench $1 $2" >/dev/ttyS1
}
error() {
	echo "bench-error $*" >/dev/ttyS1
}
