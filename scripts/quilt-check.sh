#!/bin/sh
# The series as a distro carries it: `quilt push -a --fuzz=0` of
# patches/KERNEL/series (QUILT_PATCHES pointing at that folder, as
# the README says) on the base must give exactly the tree that `git am`
# gave (make tree), and leave nothing outside the files the series
# touches and quilt's .pc/.  Only those files are unpacked, so this takes
# seconds.
#
#   scripts/quilt-check.sh
set -eu
. "$(dirname "$0")/lib.sh"

command -v quilt >/dev/null 2>&1 || die "quilt is not installed (make deps)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=$(git -C "$KSRC" diff --name-only base..HEAD)
[ -n "$files" ] || die "the tree has no patch applied (make tree)"
# in_rev REV: those of the files that exist in commit REV
in_rev() {
	for f in $files; do
		if git -C "$KSRC" cat-file -e "$1:$f" 2>/dev/null; then
			echo "$f"
		fi
	done
}
# The files as the base has them (a file the series creates is not
# there yet), and as git am left them.
old=$(in_rev base)
new=$(in_rev HEAD)
mkdir "$tmp/base" "$tmp/am"
# shellcheck disable=SC2086
[ -z "$old" ] || git -C "$KSRC" archive base -- $old | tar -x -C "$tmp/base"
# shellcheck disable=SC2086
git -C "$KSRC" archive HEAD -- $new | tar -x -C "$tmp/am"

# push DIR QUILT_PATCHES: quilt push -a on a copy of the base's files in
# DIR, which must then hold the tree of git am and nothing else.  No
# fuzz, as dpkg-source applies a 3.0 (quilt) package's series; an offset
# would mean the series does not fit its base exactly either.
push() {
	cp -r "$tmp/base" "$1"
	if ! (cd "$1" && QUILT_PATCHES=$2 quilt push -a --fuzz=0 \
		>"$1.log" 2>&1); then
		grep -v -e '^patching file' -e '^$' "$1.log" | sed 's/^/  /' >&2
		die "quilt push -a --fuzz=0 of ${2#"$TOP"/}/series failed on the base"
	fi
	if grep -E 'offset|fuzz' "$1.log" >&2; then
		die "quilt applied ${2#"$TOP"/}/series with offsets"
	fi
	rm -rf "$1/.pc"
	if ! diff -r "$tmp/am" "$1" >"$1.diff" 2>&1; then
		sed 's/^/  /' "$1.diff" | head -40 >&2
		die "quilt push -a of ${2#"$TOP"/}/series and git am give different trees"
	fi
}
push "$tmp/quilt" "$PATCHES"
# The default kernel's series is also patches/series, by path.
if [ "$KERNEL" = "$DEFAULT_KERNEL" ]; then
	top_series | cmp -s - "$TOP/patches/series" ||
		die "patches/series is not the default kernel's series (make export)"
	push "$tmp/top" "$TOP/patches"
fi
echo "quilt-check: $(series_patches | wc -l) patches, $(echo "$files" | wc -l) files: the same tree as git am"
