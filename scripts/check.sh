#!/bin/sh
# Run every test the project has: build the kernels the guest scenarios
# need, boot each scenario under QEMU, parse its results with kunit.py, and
# end with one line "N passed, N failed, N skipped".  Exits non-zero on any
# failure.  SCENARIOS="a b" runs only those (and skips the deb and bench
# steps); CHECK_FULL=1 (make check-full) also builds every prefix of the
# series with two configs.
set -eu
. "$(dirname "$0")/lib.sh"

t0=$(date +%s)
step() {
	printf '== %s (%ds)\n' "$*" $(($(date +%s) - t0))
}

checked() {
	for f in "$TOP"/guest/scenarios/*.sh; do
		grep -q '^#@check no' "$f" || basename "$f" .sh
	done
}
# Each scenario runs on every config it lists: NAME, then NAME@CONFIG.
runs() {
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
scenarios=$(runs "${SCENARIOS:-$(checked)}")
# Kernels that are only built (no user space for them here).
build_only=$(grep -l '^#@check build' "$TOP"/configs/*.config 2>/dev/null |
	xargs -r -n1 basename | sed 's/\.config$//')
[ -z "${SCENARIOS:-}" ] || build_only=
configs=$(for s in $scenarios; do config_of "$s"; done | sort -u)

rm -rf "$BUILD/runs"
mkdir -p "$BUILD/runs"
summary=$BUILD/runs/summary
: >"$summary"
fail=0

step "checkpatch --strict on the series"
"$TOP/scripts/checkpatch.sh" "$BUILD/runs/checkpatch" || true

for c in $configs; do
	step "kernel $c"
	if ! "$TOP/scripts/build.sh" "$c" || ! "$TOP/scripts/kselftests.sh" "$c"; then
		echo "FAIL   build of $c"
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
		echo "PASS   build of $c"
		echo "1 0 0" >>"$summary"
	else
		echo "FAIL   build of $c"
		echo "0 1 0" >>"$summary"
		fail=1
	fi
done
"$TOP/scripts/kvm-probe.sh"

for s in $scenarios; do
	step "scenario $s"
	"$TOP/scripts/run-scenario.sh" "$s" || true
done

# result NAME COMMAND...: one pass/fail line of the summary for a command
result() {
	what=$1
	shift
	if "$@"; then
		echo "PASS   $what"
		echo "1 0 0" >>"$summary"
	else
		echo "FAIL   $what"
		echo "0 1 0" >>"$summary"
		fail=1
	fi
}
extra_runs=
if [ -z "${SCENARIOS:-}" ]; then
	step "make mutants, dry run: every mutant applies to the series"
	result "every mutant of make mutants applies to the series" \
		python3 "$TOP/scripts/mutants.py" --dry-run
	step "sparse and W=1 on the files the series touches, series vs base"
	result "make C=2 W=1: no new report on any file the series touches" \
		"$TOP/scripts/static-check.sh" x86_64
	# Quick forms of make deb and make bench (a full bench: make bench).
	step "make deb: Debian packages of the x86_64 kernel, boot check"
	result "make deb (bindeb-pkg, packaged kernel boots)" "$TOP/scripts/deb.sh"
	extra_runs="$BUILD/runs/deb-boot@deb"
	step "make bench, quick form (${BENCH_PAIRS:-1} pairs)"
	result "make bench (${BENCH_PAIRS:-1} pairs, every run complete)" \
		"$TOP/scripts/bench.sh" x86_64 "${BENCH_PAIRS:-1}"
	# Every patch of the series builds: make check-full (CHECK_FULL=1).
	if [ "${CHECK_FULL:-0}" = 1 ]; then
		for c in x86_64 x86_64-sparse; do
			step "every patch builds: $c"
			result "bisect-build $c (each patch 1..k builds)" \
				"$TOP/scripts/bisect-build.sh" "$c"
		done
	fi
fi

step "results"
set -- "$BUILD/runs/checkpatch"
for s in $scenarios; do
	set -- "$@" "$BUILD/runs/$s"
done
# shellcheck disable=SC2086
set -- "$@" $extra_runs
python3 "$TOP/scripts/verdict.py" --kunit "$KSRC/tools/testing/kunit/kunit.py" \
	--summary "$summary" "$@" || fail=1

printf 'make check took %d s\n' $(($(date +%s) - t0))
awk '{ p += $1; f += $2; s += $3 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$summary"
awk '$2 > 0 { bad = 1 } END { exit bad }' "$summary" || fail=1
exit "$fail"
