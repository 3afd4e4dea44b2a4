#!/bin/sh
# checkpatch.pl --strict on every patch of the kernel's series, as a TAP
# document in the run folder DIR, so that the summary counts it.  A report
# that the cover letter justifies (a line "checkpatch: PATCH-FILE: TYPE" in
# patches/KERNEL/cover-letter.txt) does not fail the patch.
set -eu
. "$(dirname "$0")/lib.sh"

dir=${1:?usage: checkpatch.sh DIR}
rm -rf "$dir"
mkdir -p "$dir"
n=$(series_patches | wc -l)
{
	echo "@@doc checkpatch"
	echo "TAP version 13"
	echo "1..$n"
	i=0
	for p in $(series_patches); do
		i=$((i + 1))
		# From outside any git repository: inside one, checkpatch may
		# look the file up in git instead of reading it as a patch.
		out=$(cd / && perl "$KSRC/scripts/checkpatch.pl" --strict --terse \
			--show-types --no-tree "$PATCHES/$p" 2>&1 |
			grep -E '(ERROR|WARNING|CHECK):' || true)
		bad=$(printf '%s\n' "$out" | while IFS= read -r line; do
			[ -n "$line" ] || continue
			type=$(printf '%s' "$line" | sed -n 's/.*\(ERROR\|WARNING\|CHECK\):\([A-Z_]*\):.*/\2/p')
			grep -qx "checkpatch: $p: $type" "$PATCHES/cover-letter.txt" \
				2>/dev/null || printf '%s\n' "$line"
		done)
		if [ -z "$bad" ]; then
			echo "ok $i - $p"
		else
			echo "not ok $i - $p"
			printf '%s\n' "$bad" | sed 's/^/# /'
		fi
	done
} >"$dir/results.log"
echo "pass 0.0" >"$dir/verdict"
