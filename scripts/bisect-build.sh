#!/bin/sh
# Build every prefix of the series (patches 1..k, for each k) with the named
# config, in a worktree of its own, so that the series stays bisectable.
# Options the config asks for that do not exist yet at patch k (the KUnit
# test's) are dropped silently there; everything else must build.
#
#   scripts/bisect-build.sh [CONFIG]
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:-x86_64}
wt=$BUILD/bisect/linux
obj=$BUILD/bisect/obj-$name

[ -f "$BUILD/obj/$name/.config" ] || "$TOP/scripts/build.sh" "$name"
if [ ! -d "$wt" ]; then
	mkdir -p "$BUILD/bisect"
	git -C "$KSRC" worktree add -q --detach "$wt" base
fi
n=$(git -C "$KSRC" rev-list --count base..HEAD)
fail=0
for k in $(seq 1 "$n"); do
	commit=$(git -C "$KSRC" rev-parse "HEAD~$((n - k))")
	git -C "$wt" checkout -q --detach "$commit"
	mkdir -p "$obj"
	cp "$BUILD/obj/$name/.config" "$obj/.config"
	kmake "$wt" "$obj" "$name" olddefconfig >/dev/null
	subject=$(git -C "$KSRC" log -1 --format=%s "$commit")
	if kmake "$wt" "$obj" "$name" -j"$(($(nproc) + 1))" \
		>"$BUILD/bisect/build-$k.log" 2>&1; then
		echo "ok $k - $name builds at: $subject"
	else
		echo "not ok $k - $name does not build at: $subject ($BUILD/bisect/build-$k.log)"
		fail=1
	fi
done
exit "$fail"
