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

# Regenerate the .config when a fragment or the tree's Kconfig changed.
stamp=$BUILD/state/$name/config.stamp
sig=$(cat "$TOP"/configs/*.config "$KDIR"/configs/*.config 2>/dev/null | cksum; git -C "$KSRC" rev-parse "HEAD^{tree}")
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

note "building $name ($arch)${*:+: $*}"
kmake "$KSRC" "$obj" "$name" -j"$(($(nproc) + 1))" "$@" \
	>"$BUILD/state/$name/build.log" 2>&1 ||
	{ tail -40 "$BUILD/state/$name/build.log" >&2; die "building $name failed: $BUILD/state/$name/build.log"; }
