# Shared settings for the harness scripts; sourced, not run.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=$BUILD/linux

die() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

note() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# base_get KEY: a value from the BASE file
base_get() {
	sed -n "s/^$1=//p" "$TOP/BASE"
}

# base_worktree: a worktree of the kernel tree at the tag "base" (the
# pristine base), made once; prints its path
base_worktree() {
	_wt=$BUILD/base/linux
	if [ ! -d "$_wt" ]; then
		mkdir -p "$BUILD/base"
		git -C "$KSRC" worktree add -q --detach "$_wt" base
	fi
	git -C "$_wt" checkout -q --detach base
	echo "$_wt"
}

# series_patches: the patch file names listed in patches/series, in order
series_patches() {
	[ -f "$TOP/patches/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$TOP/patches/series"
}
