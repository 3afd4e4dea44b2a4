#!/bin/sh
# Build a named test kernel into build/KERNEL/obj/NAME (O=), through ccache
# when it is installed.  make's own dependency tracking rebuilds only what changed.
#
#   scripts/build.sh NAME [TARGET...]
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: build.sh NAME [TARGET...]}
shift
obj=$BUILD/obj/$name
[ -d "$KSRC/.git" ] || die "no kernel tree: run 'make tree' first"

# Regenerate the .config when one of its fragments or the tree changed
# (not when another kernel's fragment did).
stamp=$BUILD/state/$name/config.stamp
frags=$(config_fragments "$name")
# shellcheck disable=SC2086
sig=$(cat $frags | cksum; git -C "$KSRC" rev-parse "HEAD^{tree}")
if [ ! -f "$obj/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sig" ]; then
	mkdir -p "$BUILD/state/$name"
	rm -f "$stamp"
	rc=0
	"$TOP/scripts/config.sh" "$name" >"$BUILD/state/$name/config.log" 2>&1 || rc=$?
	grep -v 'warning: override' "$BUILD/state/$name/config.log" >&2 || true
	[ "$rc" = 0 ] || die "configuring $name failed"
	printf '%s\n' "$sig" >"$stamp"
fi
arch=$(cat "$BUILD/state/$name/arch")

# One build at a time in this checkout: a build keeps every core busy,
# and two at once (make check checks its kernels at the same time) took
# 18% longer than one after the other (the main kernels of both: 1163 s
# against 979 s, 2026-11-29).
lock=$TOP/build/build.lock
mkdir -p "${lock%/*}"
rc=0
{
	flock -n 9 || { note "$name waits for another build"; flock 9; }
	note "building $name ($arch)${*:+: $*}"
	kmake "$KSRC" "$obj" "$name" -j"$(($(nproc) + 1))" "$@" \
		>"$BUILD/state/$name/build.log" 2>&1
} 9>"$lock" || rc=$?
if [ "$rc" != 0 ]; then
	tail -40 "$BUILD/state/$name/build.log" >&2
	die "building $name failed: $BUILD/state/$name/build.log"
fi
