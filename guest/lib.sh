# Helpers for guest scenarios (busybox sh); sourced by /init.
#
# Results go to the second serial port (/dev/ttyS1) as TAP/KTAP documents,
# each introduced by a line "@@doc NAME"; the host splits the stream and
# parses each document with kunit.py.  The third port (/dev/ttyS2) carries
# requests to the host ("@@host VERB ARGS...") and its one-line answers.

for tty in /dev/ttyS1 /dev/ttyS2; do
	stty -F "$tty" raw -echo 2>/dev/null
done

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
	echo "@@host $*" >/dev/ttyS2
	read -r answer </dev/ttyS2
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
