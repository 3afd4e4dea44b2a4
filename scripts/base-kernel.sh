#!/bin/sh
# Build the pristine base kernel (the tree tagged "base", without the
# series) with the same .config as the named test kernel, for A/B
# comparisons: build/KERNEL/obj/NAME-base.  Options the series adds (its KUnit
# test) disappear in olddefconfig; any other difference is an error.
#
#   scripts/base-kernel.sh NAME
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: base-kernel.sh NAME}
base=$name-base
obj=$BUILD/obj/$base
state=$BUILD/state/$base
arch=$(config_header "$name" arch)

"$TOP/scripts/build.sh" "$name"
wt=$(base_worktree)
mkdir -p "$obj" "$state"
if ! cmp -s "$BUILD/obj/$name/.config" "$state/config.src" 2>/dev/null; then
	cp "$BUILD/obj/$name/.config" "$obj/.config"
	kmake "$wt" "$obj" "$name" olddefconfig >/dev/null
	cp "$BUILD/obj/$name/.config" "$state/config.src"
fi
extra=$(diff "$BUILD/obj/$name/.config" "$obj/.config" |
	sed -n 's/^[<>] \(CONFIG_[A-Z0-9_]*\)=.*/\1/p' |
	grep -v '^CONFIG_PAGE_METADATA_KUNIT_TEST$' || true)
[ -z "$extra" ] || die "base config differs from $name in: $extra"
echo "$arch" >"$state/arch"
echo "$wt" >"$state/src"

note "building $base (the base tree, $name's config)"
kmake "$wt" "$obj" "$name" -j"$(($(nproc) + 1))" >"$state/build.log" 2>&1 ||
	{ tail -40 "$state/build.log" >&2; die "building $base failed: $state/build.log"; }
