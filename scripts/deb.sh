#!/bin/sh
# make deb: Debian packages (linux-image, linux-headers, linux-libc-dev) of
# the patched kernel, built by the kernel's own bindeb-pkg target, then
# checked: the image package's kernel, with the modules from the package,
# boots under QEMU and shows PageMetadata (guest/scenarios/deb-boot.sh).
#
#   scripts/deb.sh [CONFIG_FILE]
#
# Without CONFIG_FILE the x86_64 test config is used; with one (e.g. your
# running kernel's /boot/config-$(uname -r)), that config, brought up to
# date with olddefconfig.  The kernel release gets the suffix
# $DEB_SUFFIX (default -pagemeta), the package version
# RELEASE-$DEB_REVISION (default 1).  Packages go to build/deb/.
set -eu
. "$(dirname "$0")/lib.sh"

config=${1:-}
suffix=${DEB_SUFFIX:--pagemeta}
name=deb
obj=$BUILD/obj/$name
state=$BUILD/state/$name
out=$BUILD/deb
mk() {
	kmake "$KSRC" "$obj" x86_64 LOCALVERSION="$suffix" "$@"
}

if [ -z "$config" ]; then
	"$TOP/scripts/build.sh" x86_64
	config=$BUILD/obj/x86_64/.config
fi
[ -f "$config" ] || die "no config file $config"
mkdir -p "$obj" "$state" "$out"
cp "$config" "$obj/.config"
# A distro config names its own signing certificates, which are not in
# this tree; build without them (modules are still signed with a key
# generated for this build if the config asks for it).
"$KSRC/scripts/config" --file "$obj/.config" \
	--set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS ""
mk olddefconfig >/dev/null
if grep -q '^CONFIG_DEBUG_INFO_BTF=y' "$obj/.config" &&
   ! command -v pahole >/dev/null 2>&1; then
	EXTRA_DEPS=dwarves "$TOP/scripts/deps.sh"
fi
# 6.12's bindeb-pkg (debian/rules through debhelper) needs debhelper,
# which 6.1's does not.
if grep -q 'debhelper' "$KSRC/scripts/package/mkdebian"; then
	EXTRA_DEPS=debhelper "$TOP/scripts/deps.sh"
fi
echo x86_64 >"$state/arch"

release=$(mk -s kernelrelease)
version=$release-${DEB_REVISION:-1}
note "building Debian packages of $release (version $version)"
rm -f "$BUILD"/obj/*.deb "$BUILD"/obj/*.buildinfo "$BUILD"/obj/*.changes
mk -j"$(($(nproc) + 1))" KDEB_PKGVERSION="$version" bindeb-pkg \
	>"$state/build.log" 2>&1 ||
	{ tail -40 "$state/build.log" >&2; die "bindeb-pkg failed: $state/build.log"; }
rm -f "$out"/*.deb
mv "$BUILD"/obj/*.deb "$out/"
rm -f "$BUILD"/obj/*.buildinfo "$BUILD"/obj/*.changes
image=$out/linux-image-${release}_${version}_amd64.deb
[ -f "$image" ] || die "no image package $image"
ls -1 "$out"

# Unpack the image package and boot its kernel with its own modules.
root=$state/image
rm -rf "$root"
dpkg-deb -x "$image" "$root"
[ -f "$root/boot/vmlinuz-$release" ] || die "the package has no boot/vmlinuz-$release"
"$TOP/scripts/kvm-probe.sh"
KERNEL_IMAGE=$root/boot/vmlinuz-$release MODULES_FROM=$root/lib/modules/$release \
	"$TOP/scripts/run-scenario.sh" deb-boot@deb
