#!/bin/sh
# Install the Debian packages the harness needs, if any is missing: as root
# directly, otherwise through sudo.
set -eu

pkgs="linux-source-6.1 build-essential bc bison flex libelf-dev libssl-dev
cpio kmod rsync xz-utils python3 ccache qemu-system-x86 busybox-static
bash-static"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "deps: need root or sudo to install:$missing" >&2
	exit 1
fi
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
