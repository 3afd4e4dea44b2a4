#!/bin/sh
# Fetch a kernel's base: the Debian source package that kernels/KERNEL/BASE
# names, at exactly that version, downloaded (apt-get download) and
# unpacked (dpkg-deb -x) into build/bases/PACKAGE_VERSION/, never
# installed: the machine's packages stay as they are, and two versions of
# one package can sit side by side (make update-base).  The tarball's
# sha256 must be the one BASE names.  Prints the tarball's path.
#
#   scripts/base-fetch.sh            the version BASE names
#   scripts/base-fetch.sh VERSION    another version (no sha256 to check)
set -eu
. "$(dirname "$0")/lib.sh"

pkg=$(base_get package)
ver=${1:-$(base_get version)}
tarball=$(base_tarball "$ver")
if [ -f "$tarball" ]; then
	[ -n "${1:-}" ] || base_verify "$tarball"
	echo "$tarball"
	exit 0
fi

known() { base_apt apt-cache show "$pkg=$ver" >/dev/null 2>&1; }
if ! known; then
	note "apt does not know $pkg $ver: apt-get update"
	base_apt_update || true
fi
if ! known; then
	{
		echo "Debian's archive no longer has $pkg $ver, the base of $KERNEL"
		echo "(kernels/$KERNEL/BASE).  The versions it has:"
		base_apt apt-cache madison "$pkg" 2>/dev/null | sed 's/^/  /'
		echo "Move $KERNEL to one of them: make update-base KERNEL=$KERNEL"
	} >&2
	exit 1
fi

dir=${tarball%"$(base_get tarball)"}
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
note "fetching $pkg $ver"
# apt-get download as root warns that _apt cannot write here: harmless
(cd "$dir.tmp" && base_apt apt-get download -q "$pkg=$ver" 2>&1 |
	grep -v -e '^W: Download is performed unsandboxed' -e '^Get:' -e '^Fetched' >&2) || true
deb=$(ls "$dir.tmp"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "apt-get download $pkg=$ver fetched nothing"
dpkg-deb -x "$deb" "$dir.tmp/root"
[ -f "$dir.tmp/root$(base_get tarball)" ] ||
	die "$pkg $ver has no $(base_get tarball)"
rm -rf "$dir"
mkdir -p "$dir"
mv "$dir.tmp/root/"* "$dir/"
rm -rf "$dir.tmp"
[ -n "${1:-}" ] || base_verify "$tarball"
echo "$tarball"
