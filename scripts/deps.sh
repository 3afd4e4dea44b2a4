#!/bin/sh
# Install the Debian packages the harness needs, if any is missing: as root
# directly, otherwise through sudo.  EXTRA_DEPS names more packages.
#
#   scripts/deps.sh          what make check needs (x86_64 kernels)
#   scripts/deps.sh full     and the other architectures' compilers and
#                            QEMU, for make check-full's matrix
set -eu

# Native tools and QEMU for x86; then the i386, armhf, arm64 and ppc64le
# guests' compilers and QEMU.  gcc-12-multilib, not gcc-multilib: the
# latter conflicts with every cross compiler (and gcc -m32 needs only the
# former).  Last, the base of every kernel, the version its
# kernels/*/BASE names, downloaded into build/bases/ (scripts/base-fetch.sh),
# not installed.
top=$(cd "$(dirname "$0")/.." && pwd)
native="build-essential bc bison flex libelf-dev libssl-dev
cpio kmod rsync xz-utils lz4 python3 ccache qemu-system-x86 busybox-static
bash-static sparse quilt ${EXTRA_DEPS:-}"
cross=
if [ "${1:-}" = full ]; then
	cross="gcc-12-multilib gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
qemu-system-ppc"
fi

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			printf ' %s' "$p"
	done
}
# shellcheck disable=SC2086
m1=$(missing $native)
# shellcheck disable=SC2086
m2=$(missing $cross)
fetch_bases() {
	for b in "$top"/kernels/*/BASE; do
		b=${b%/BASE}
		KERNEL=${b##*/} "$top/scripts/base-fetch.sh" >/dev/null
	done
}
if [ -z "$m1$m2" ]; then
	fetch_bases
	exit 0
fi

echo "deps: installing$m1$m2" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps: need root or sudo to install:$m1$m2" >&2
	exit 1
fi
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
	--no-install-recommends $m1 $m2 >/dev/null
fetch_bases
