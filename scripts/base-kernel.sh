#!/bin/sh
# Build a reference kernel with the same .config as the named test
# kernel, for A/B comparisons: the pristine base (the tree tagged "base",
# without the series) in build/KERNEL/obj/NAME-base, or with "fixes" the
# base with the series' fixes of the base kernel (the patches at its
# front with a Fixes: tag) in build/KERNEL/obj/NAME-fixes.  Options the
# series adds (its KUnit test) disappear in olddefconfig; any other
# difference is an error.
#
#   scripts/base-kernel.sh NAME [base|fixes]
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: base-kernel.sh NAME [base|fixes]}
what=${2:-base}
case "$what" in
base) rev=base ;;
fixes) rev=$(fixes_rev) ;;
*) die "base-kernel.sh: no reference kernel '$what' (base or fixes)" ;;
esac
base=$name-$what
obj=$BUILD/obj/$base
state=$BUILD/state/$base
arch=$(config_header "$name" arch)

"$TOP/scripts/build.sh" "$name"
wt=$(ref_worktree "$what" "$rev")
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

note "building $base (the $what tree, $name's config)"
kmake "$wt" "$obj" "$name" -j"$(($(nproc) + 1))" >"$state/build.log" 2>&1 ||
	{ tail -40 "$state/build.log" >&2; die "building $base failed: $state/build.log"; }
