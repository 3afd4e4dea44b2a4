#!/bin/sh
# make fuzz: run the seeded fuzz scenario (guest/scenarios/fuzz.sh) on the
# debug kernel, once per seed, keep each run in build/fuzz/seed-N (apart
# from build/runs: make check may run at the same time), and
# print per seed and in total the events, steps checked, ground truths,
# failures and events per minute.  Exits non-zero if any run failed.
#
#   scripts/fuzz.sh "SEED..." EVENTS
set -eu
. "$(dirname "$0")/lib.sh"

seeds=${1:-1}
events=${2:-200}
name=$(sed -n 's/^#@config[[:space:]]*//p' "$TOP/guest/scenarios/fuzz.sh" |
	cut -d' ' -f1)
"$TOP/scripts/build.sh" "$name"
"$TOP/scripts/kselftests.sh" "$name"
"$TOP/scripts/kvm-probe.sh"

out=$BUILD/fuzz
mkdir -p "$out"
fail=0
total_events=0 total_steps=0 total_secs=0
for seed in $seeds; do
	# About 13 s an event on the debug kernel under TCG, the second
	# oracle after every step, next to another guest; up to 16 s here
	# once the config's timeout-scale (4) multiplies this.
	TIMEOUT=$((60 + events * 4)) RUN_DIR=$out/seed-$seed \
	APPEND="series.seed=$seed series.events=$events" \
		"$TOP/scripts/run-scenario.sh" fuzz || true
	if ! python3 "$TOP/scripts/verdict.py" \
	     --kunit "$KSRC/tools/testing/kunit/kunit.py" "$out/seed-$seed" \
	     >"$out/seed-$seed/verdict.txt"; then
		fail=1
		grep '^not ok' "$out/seed-$seed/results.log" | head -5 || true
	fi
	# "# fuzz: seed S, E events, N steps, C steps checked, T ground
	# truths, F failed, X s"
	line=$(grep '^# fuzz: ' "$out/seed-$seed/results.log" || echo)
	echo "seed $seed: ${line#\# fuzz: }; $(tail -1 "$out/seed-$seed/verdict.txt")"
	set -- $(echo "$line" | tr -dc '0-9 \n' | tr -s ' ')
	if [ $# -ge 7 ]; then
		total_events=$((total_events + $2))
		total_steps=$((total_steps + $4))
		total_secs=$((total_secs + $7))
	else
		fail=1
	fi
done
[ "$total_secs" -gt 0 ] || total_secs=1
echo "fuzz: $total_events events, $total_steps steps checked in $total_secs s" \
	"($((total_events * 60 / total_secs)) events per minute), logs in $out"
exit "$fail"
