#!/bin/sh
# make check for one kernel (KERNEL): what kernels/KERNEL/check.conf
# asks for.  Build the kernels the guest scenarios need, boot each
# scenario under QEMU, parse its results with kunit.py, and end with one
# line "N passed, N failed, N skipped"; the counts also go to
# build/KERNEL/runs/summary.  Exits non-zero on any failure.
# SCENARIOS="a b" runs only those (and skips the extras); CHECK_FULL=1
# (make check-full) also runs check.conf's full-scenarios, full-build-only
# and full-extras, which make check leaves out, and builds every prefix
# of the series with two configs.  CHECK_PLAN=1 only lists what would run.
set -eu
. "$(dirname "$0")/lib.sh"

# check_get KEY: a value of the kernel's check.conf
check_get() {
	sed -n "s/^$1=//p" "$KDIR/check.conf"
}
[ -f "$KDIR/check.conf" ] || die "kernels/$KERNEL/check.conf is missing"

t0=$(date +%s)
step() {
	printf '== %s: %s (%ds)\n' "$KERNEL" "$*" $(($(date +%s) - t0))
}

checked() {
	for f in "$TOP"/guest/scenarios/*.sh; do
		grep -q '^#@check no' "$f" || basename "$f" .sh
	done
}
# Each scenario runs on every config it lists: NAME, then NAME@CONFIG.
all_runs() {
	for s in $1; do
		first=
		for c in $(sed -n 's/^#@config[[:space:]]*//p' "$TOP/guest/scenarios/$s.sh"); do
			if [ -z "$first" ]; then
				first=$c
				echo "$s"
			else
				echo "$s@$c"
			fi
		done
	done
}
config_of() {
	case "$1" in
	*@*) echo "${1#*@}" ;;
	*) sed -n 's/^#@config[[:space:]]*//p' "$TOP/guest/scenarios/$1.sh" | cut -d' ' -f1 ;;
	esac
}
# runs WHAT: the runs check.conf's WHAT names ("all": every run)
runs() {
	case "$1" in
	all) all_runs "$(checked)" ;;
	*) for r in $1; do echo "$r"; done ;;
	esac
}
# build_only WHAT: the configs WHAT names ("all": those marked
# "#@check build"), only built: no user space for them here
build_only() {
	case "$1" in
	all) grep -l '^#@check build' "$TOP"/configs/*.config 2>/dev/null |
		xargs -r -n1 basename | sed 's/\.config$//' ;;
	*) for c in $1; do echo "$c"; done ;;
	esac
}
# without LIST DROP: the words of LIST that match no pattern of DROP
# (shell patterns: "*@x86_64-debug" is every run on that config)
without() {
	for _w in $1; do
		_keep=1
		set -f
		for _p in $2; do
			# shellcheck disable=SC2254
			case "$_w" in $_p) _keep=0 ;; esac
		done
		set +f
		[ "$_keep" = 0 ] || echo "$_w"
	done
}
full=${CHECK_FULL:-0}
if [ -n "${SCENARIOS:-}" ]; then
	scenarios=$(all_runs "$SCENARIOS")
	build_only=
else
	scenarios=$(runs "$(check_get scenarios)")
	build_only=$(build_only "$(check_get build-only)")
	if [ "$full" = 1 ]; then
		# patterns only ever drop runs from the list above
		set -f
		scenarios=$(printf '%s\n' $scenarios $(check_get full-scenarios) |
			grep -v '[*?[]' | awk '!seen[$0]++')
		set +f
		build_only=$(printf '%s\n' $build_only $(check_get full-build-only) | awk '!seen[$0]++')
	else
		scenarios=$(without "$scenarios" "$(check_get full-scenarios)")
		build_only=$(without "$build_only" "$(check_get full-build-only)")
	fi
fi
extras=$(check_get extras)
if [ "$full" = 1 ]; then
	extras="$extras $(check_get full-extras)"
fi
has_extra() {
	[ -z "${SCENARIOS:-}" ] && case " $extras " in *" $1 "*) true ;; *) false ;; esac
}
configs=$(for s in $scenarios; do config_of "$s"; done | sort -u)
if [ "${CHECK_PLAN:-0}" = 1 ]; then
	echo "$KERNEL: kernels:" $configs
	echo "$KERNEL: scenarios:" $scenarios
	echo "$KERNEL: build only:" $build_only
	echo "$KERNEL: extras:" $extras
	exit 0
fi

rm -rf "$BUILD/runs"
mkdir -p "$BUILD/runs"
summary=$BUILD/runs/summary
: >"$summary"
fail=0

runs_list=
if [ -n "$(series_patches)" ]; then
	step "checkpatch --strict on the series"
	"$TOP/scripts/checkpatch.sh" "$BUILD/runs/checkpatch" || true
	runs_list="$BUILD/runs/checkpatch"
fi

for c in $configs; do
	step "kernel $c"
	if ! "$TOP/scripts/build.sh" "$c" || ! "$TOP/scripts/kselftests.sh" "$c"; then
		echo "FAIL   $KERNEL:build of $c"
		echo "0 1 0" >>"$summary"
		fail=1
		scenarios=$(for s in $scenarios; do
			[ "$(config_of "$s")" = "$c" ] || echo "$s"
		done)
	fi
done
for c in $build_only; do
	step "kernel $c (build only)"
	if "$TOP/scripts/build.sh" "$c"; then
		echo "PASS   $KERNEL:build of $c"
		echo "1 0 0" >>"$summary"
	else
		echo "FAIL   $KERNEL:build of $c"
		echo "0 1 0" >>"$summary"
		fail=1
	fi
done
# result NAME COMMAND...: one pass/fail line of the summary for a command
result() {
	what=$1
	shift
	if "$@"; then
		echo "PASS   $KERNEL:$what"
		echo "1 0 0" >>"$summary"
	else
		echo "FAIL   $KERNEL:$what"
		echo "0 1 0" >>"$summary"
		fail=1
	fi
}
if has_extra quilt; then
	step "quilt push -a --fuzz=0 of the series gives the tree of git am"
	result "quilt push -a --fuzz=0 on the base: the tree of git am" \
		"$TOP/scripts/quilt-check.sh"
fi
if has_extra mutants; then
	step "make mutants, dry run: every mutant applies to the series"
	result "every mutant of make mutants applies to the series" \
		python3 "$TOP/scripts/mutants.py" --dry-run
fi
if has_extra static; then
	step "sparse and W=1 on the files the series touches, series vs base"
	result "make C=2 W=1: no new report on any file the series touches" \
		"$TOP/scripts/static-check.sh" x86_64
fi
# Guests and compilers slow each other down more than they share the
# cores (a guest's vCPUs spin on locks held by a vCPU the compilers
# preempted): when make check checks several kernels at once, each waits
# here until all have built what they build (scripts/check.sh).
host_done() {
	[ -z "${CHECK_BARRIER:-}" ] || touch "$CHECK_BARRIER/$KERNEL"
}
trap host_done EXIT
host_done
if [ -n "${CHECK_BARRIER:-}" ] && [ -n "$scenarios" ]; then
	step "guests wait for the builds of: ${CHECK_BARRIER_KERNELS:-}"
	for k in ${CHECK_BARRIER_KERNELS:-}; do
		while [ ! -e "$CHECK_BARRIER/$k" ]; do
			sleep 2
		done
	done
fi

"$TOP/scripts/kvm-probe.sh"

# The guests, GUEST_JOBS (default 2) at a time, of this kernel and of any
# other make check is checking at the same time (scripts/guest-slot.sh).
# The debug kernel's runs, the longest, start first.
guest_jobs=${GUEST_JOBS:-2}
step "guests: $(echo $scenarios | wc -w) runs, $guest_jobs at a time"
printf '%s\n' $scenarios | awk 'NF { print (/@.*debug/ ? 0 : 1), NR, $0 }' |
	sort -k1,1n -k2,2n | cut -d' ' -f3 |
	T0=$t0 xargs -r -n 1 -P "$guest_jobs" "$TOP/scripts/guest-slot.sh" sh -c '
		s=$(date +%s)
		printf "== %s: scenario %s (%ds)\n" "$KERNEL" "$1" $((s - T0))
		"$0" "$1" || true
		printf "== %s: scenario %s took %ds\n" "$KERNEL" "$1" \
			$(($(date +%s) - s))' "$TOP/scripts/run-scenario.sh"

# Quick forms of make deb and make bench (a full bench: make bench).
if has_extra deb; then
	step "make deb: Debian packages of the x86_64 kernel, boot check"
	result "make deb (bindeb-pkg, packaged kernel boots)" "$TOP/scripts/deb.sh"
	runs_list="$runs_list $BUILD/runs/deb-boot@deb"
fi
if has_extra bench; then
	step "make bench, quick form (${BENCH_PAIRS:-1} pairs)"
	result "make bench (${BENCH_PAIRS:-1} pairs, every run complete)" \
		"$TOP/scripts/bench.sh" x86_64 "${BENCH_PAIRS:-1}"
fi
# Every patch of the series builds: make check-full (CHECK_FULL=1).
if [ "$full" = 1 ] && [ -z "${SCENARIOS:-}" ] && [ -n "$(series_patches)" ]; then
	for c in x86_64 x86_64-sparse; do
		step "every patch builds: $c"
		result "bisect-build $c (each patch 1..k builds)" \
			"$TOP/scripts/bisect-build.sh" "$c"
	done
fi

step "results"
# shellcheck disable=SC2086
set -- $runs_list
for s in $scenarios; do
	set -- "$@" "$BUILD/runs/$s"
done
[ $# = 0 ] || python3 "$TOP/scripts/verdict.py" \
	--kunit "$KSRC/tools/testing/kunit/kunit.py" --prefix "$KERNEL:" \
	--summary "$summary" "$@" || fail=1

printf 'make check of %s took %d s\n' "$KERNEL" $(($(date +%s) - t0))
awk -v k="$KERNEL" '{ p += $1; f += $2; s += $3 }
     END { printf "%s: %d passed, %d failed, %d skipped\n", k, p, f, s }' "$summary"
awk '$2 > 0 { bad = 1 } END { exit bad }' "$summary" || fail=1
exit "$fail"
