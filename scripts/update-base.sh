#!/bin/sh
# make update-base KERNEL=K [VERSION=V]: move kernel K to another version
# of its Debian package, by default the newest the archive has, in one
# step: fetch and unpack it (scripts/base-fetch.sh), apply the series on
# it with git am (no fuzz; offsets are fine), write kernels/K/BASE
# (version, sha256 of the tarball), export the series again (its hunk
# positions and index lines), then run the kernel's checks
# (scripts/check-kernel.sh, make check's part for K; UPDATE_CHECK=0 skips
# them).  Nothing is committed: git diff shows the move.  If the series
# does not apply, BASE is left as it was and the tree on the new base is
# left in build/K/linux for a rebase by hand.
set -eu
. "$(dirname "$0")/lib.sh"

pkg=$(base_get package)
old=$(base_get version)
if [ -n "${VERSION:-}" ]; then
	ver=$VERSION
else
	base_apt_update
	ver=$(base_apt apt-cache madison "$pkg" | awk 'NR == 1 { print $3 }')
	[ -n "$ver" ] || die "apt-cache madison $pkg shows no version"
fi
if [ "$ver" = "$old" ]; then
	note "$KERNEL is on $pkg $ver already, the newest"
	[ "${UPDATE_CHECK:-1}" = 0 ] || exec "$TOP/scripts/check-kernel.sh"
	exit 0
fi
note "moving $KERNEL from $pkg $old to $ver"

# A tree must hold nothing that patches/ does not: tree.sh says so.
[ ! -d "$KSRC/.git" ] || "$TOP/scripts/tree.sh"

tarball=$("$TOP/scripts/base-fetch.sh" "$ver")
sha=$(sha256sum "$tarball" | cut -d' ' -f1)
mkdir -p "$BUILD"
cp "$KDIR/BASE" "$BUILD/BASE.old"
sed -i -e "s/^version=.*/version=$ver/" -e "s/^sha256=.*/sha256=$sha/" \
	"$KDIR/BASE"
if ! "$TOP/scripts/tree.sh"; then
	cp "$BUILD/BASE.old" "$KDIR/BASE"
	die "the series does not apply to $pkg $ver: kernels/$KERNEL/BASE is unchanged"
fi
"$TOP/scripts/export.sh"
git -C "$TOP" --no-pager diff --stat -- "kernels/$KERNEL" "patches/$KERNEL" patches/series >&2
note "$KERNEL is on $pkg $ver; its series exported again"
if [ "${UPDATE_CHECK:-1}" != 0 ]; then
	"$TOP/scripts/check-kernel.sh" ||
		die "$KERNEL's checks failed on $pkg $ver: kernels/$KERNEL/BASE and patches/$KERNEL are changed, not committed (git checkout -- kernels/$KERNEL patches to go back)"
fi
