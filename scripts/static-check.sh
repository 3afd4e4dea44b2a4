#!/bin/sh
# sparse (make C=2) and W=1 on every C file the series touches, in the
# patched tree and in the base tree with the same .config: the series must
# add no report.  Reports are compared without line numbers, as a multiset,
# so that moved code does not count as new.  Each tree is checked in an
# object folder of its own (build/static/), so that the test kernels' are
# not rebuilt afterwards.
#
#   scripts/static-check.sh [CONFIG]
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:-x86_64}
out=$BUILD/static/$name
command -v sparse >/dev/null 2>&1 || die "sparse is not installed (make deps)"
[ -f "$BUILD/obj/$name/.config" ] || "$TOP/scripts/build.sh" "$name"
wt=$(base_worktree)
mkdir -p "$out"

files=$(git -C "$KSRC" diff --name-only base..HEAD -- '*.c' ':!tools/' |
	while read -r f; do
		# Only what this config builds.
		[ -f "$BUILD/obj/$name/${f%.c}.o" ] && echo "${f%.c}.o"
	done)
[ -n "$files" ] || die "no file of the series is built with $name"

# check SRC OBJ LOG: sparse and W=1 reports for the files, in LOG
check() {
	mkdir -p "$2"
	cp "$BUILD/obj/$name/.config" "$2/.config"
	kmake "$1" "$2" "$name" olddefconfig >/dev/null
	kmake "$1" "$2" "$name" -j"$(($(nproc) + 1))" prepare \
		>"$3.prepare" 2>&1 || { cat "$3.prepare" >&2; die "prepare failed in $2"; }
	# One make for all the files (kbuild builds several single targets
	# at once): a make per file spent most of the time in kbuild itself.
	_objs=
	for f in $files; do
		[ -f "$1/${f%.o}.c" ] && _objs="$_objs $f"
	done
	# shellcheck disable=SC2086
	kmake "$1" "$2" "$name" -k -j"$(($(nproc) + 1))" C=2 W=1 $_objs \
		>"$3" 2>&1 || true
	# SRC/file:line:col: kind: message  ->  file: kind: message
	grep -E '(warning|error):' "$3" | sed -e "s|^$1/||" \
		-E -e 's/^([^:]*):[0-9]+(:[0-9]+)?: /\1: /' | sort >"$3.norm" || true
}
check "$KSRC" "$out/obj" "$out/series.log"
check "$wt" "$out/obj-base" "$out/base.log"

# What the series adds: reports beyond those of the base.
new=$(diff "$out/base.log.norm" "$out/series.log.norm" | sed -n 's/^> //p')
echo "static-check: $(echo "$files" | wc -w) files, $(wc -l <"$out/series.log.norm") reports with the series, $(wc -l <"$out/base.log.norm") without"
if [ -n "$new" ]; then
	printf '%s\n' "$new" | sed 's/^/  new: /'
	exit 1
fi
