#!/bin/sh
# Write the commits of the kernel tree since the tag `base` to the kernel's
# patches/ (patches/KERNEL) and rewrite its series.  Output is
# byte-stable: no commit hashes, no version signature, fixed abbreviations,
# names from the subjects.
#
#   scripts/export.sh          update patches/KERNEL/
#   scripts/export.sh DIR      write the patches and series to DIR instead
set -eu
. "$(dirname "$0")/lib.sh"

[ -d "$KSRC/.git" ] || die "no kernel tree at $KSRC: run 'make tree' first"
out=${1:-$PATCHES}

gitdir=$(git -C "$KSRC" rev-parse --git-dir)
case "$gitdir" in /*) ;; *) gitdir=$KSRC/$gitdir ;; esac
if [ -d "$gitdir/rebase-merge" ] || [ -d "$gitdir/rebase-apply" ]; then
	die "a rebase or git am is in progress in $KSRC: finish it first"
fi

# Debian's top-level .gitignore ignores every path not in its repository,
# new source files included: they must be added with "git add -f".
lost=$(git -C "$KSRC" status --porcelain --ignored --untracked-files=all |
	sed -n 's/^!! //p')
if [ -n "$lost" ]; then
	printf '%s\n' "$lost" | sed 's/^/  /' >&2
	die "files in $KSRC are ignored, not committed: 'git add -f' them"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git -C "$KSRC" -c core.abbrev=12 -c diff.noprefix=false format-patch -q \
	--zero-commit --no-signature --abbrev=12 --no-renames \
	--subject-prefix=PATCH --no-numbered -o "$tmp" base..HEAD

{
	echo "# The series, in the order 'git am' applies it to the base in BASE."
	echo "# Written by scripts/export.sh; the cover letter is cover-letter.txt."
	(cd "$tmp" && ls -1 | grep '\.patch$' || true)
} >"$tmp/series"

mkdir -p "$out"
# Drop patches that are no longer part of the series, then copy the rest
# only where they changed, so that mtimes of unchanged files stay put.
for f in "$out"/*.patch; do
	[ -e "$f" ] || continue
	[ -e "$tmp/${f##*/}" ] || rm -f "$f"
done
for f in "$tmp"/*.patch "$tmp/series"; do
	[ -e "$f" ] || continue
	cmp -s "$f" "$out/${f##*/}" 2>/dev/null || cp "$f" "$out/${f##*/}"
done
if [ "$KERNEL" = "$DEFAULT_KERNEL" ] && [ "$out" = "$PATCHES" ]; then
	top_series >"$tmp/top-series"
	cmp -s "$tmp/top-series" "$TOP/patches/series" 2>/dev/null ||
		cp "$tmp/top-series" "$TOP/patches/series"
fi
