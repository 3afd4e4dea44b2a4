#!/bin/sh
# Generate the initramfs of a test run for the named kernel: busybox and
# bash (static, from Debian), the guest scripts, the guest-exit,
# bench-time and hugehold helpers, the kernel's modules and the kselftest
# programs, packed with the kernel's own usr/gen_initramfs.sh (gen_init_cpio).
# Guests of another architecture than x86_64 get guest/mini-init.c as
# /init instead of busybox and the scripts.
#
#   scripts/initramfs.sh NAME OUTPUT
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: initramfs.sh NAME OUTPUT}
out=${2:?usage: initramfs.sh NAME OUTPUT}
obj=$BUILD/obj/$name
arch=$(cat "$BUILD/state/$name/arch")
cross=$(config_header "$(kernel_config "$name")" cross)
# The kernel's source tree: the series' tree, or another one
# (scripts/base-kernel.sh) that the kernel's state names.
src=$KSRC
[ ! -f "$BUILD/state/$name/src" ] || src=$(cat "$BUILD/state/$name/src")
[ -x "$obj/usr/gen_init_cpio" ] || die "$obj/usr/gen_init_cpio missing: build $name first"

case "$arch" in
x86_64) cflags= ;;
i386) cflags=-m32 ;;
*) cflags= ;;
esac

# The tree is built next to OUTPUT and removed again: runs of the same
# kernel may pack their initramfs at the same time (make fuzz next to
# make check).
root=$out.d
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/dev" "$root/proc" "$root/sys" \
	"$root/tmp" "$root/tests" "$root/guest"

if [ "$arch" = x86_64 ]; then
	cp /bin/busybox "$root/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
	done
	cp /bin/bash-static "$root/bin/bash"
	${cross}gcc $cflags -static -O2 -Wall -o "$root/bin/guest-exit" \
		"$TOP/guest/guest-exit.c"
	${cross}gcc $cflags -static -O2 -Wall -o "$root/bin/bench-time" \
		"$TOP/guest/bench-time.c"
	${cross}gcc $cflags -static -O2 -Wall -o "$root/bin/hugehold" \
		"$TOP/guest/hugehold.c"
	cp "$TOP/guest/init" "$root/init"
	cp "$TOP/guest/lib.sh" "$root/guest/"
	cp -r "$TOP/guest/scenarios" "$root/guest/"
else
	# No static busybox of this architecture in Debian: a C /init that
	# runs the "boot" scenario (guest/scenarios/boot.sh) by itself.
	# <asm/...> from the kernel's exported headers (kselftests.sh): for
	# -m32, Debian has them only through gcc-multilib, which conflicts
	# with the cross compilers
	${cross}gcc $cflags -static -O2 -Wall -I "$obj/usr-headers/include" \
		-o "$root/init" "$TOP/guest/mini-init.c"
fi

# INITRAMFS_LEAN=1: the same initramfs for every kernel (A/B benchmarks):
# no modules, no kselftests.
lean=${INITRAMFS_LEAN:-0}

# Modules, if the kernel has any.  MODULES_FROM=DIR (a packaged kernel's
# lib/modules/RELEASE): only the KUnit test and what it needs, from there.
if [ "$lean" = 1 ]; then
	:
elif [ -n "${MODULES_FROM:-}" ]; then
	rel=$(basename "$MODULES_FROM")
	(cd "$MODULES_FROM" && find . -name 'page_metadata_kunit.ko*' -o \
		-name 'kunit.ko*') | while read -r m; do
		mkdir -p "$root/lib/modules/$rel/$(dirname "$m")"
		cp "$MODULES_FROM/$m" "$root/lib/modules/$rel/$m"
	done
	cp "$MODULES_FROM"/modules.order "$MODULES_FROM"/modules.builtin* \
		"$root/lib/modules/$rel/" 2>/dev/null || true
	depmod -b "$root" "$rel"
elif grep -q '^CONFIG_MODULES=y' "$obj/.config" &&
   [ -s "$obj/modules.order" ]; then
	kmake "$src" "$obj" "$(kernel_config "$name")" INSTALL_MOD_PATH="$root" \
		INSTALL_MOD_STRIP=1 modules_install >/dev/null
fi

# kselftest programs built for this kernel (scripts/kselftests.sh).
if [ "$lean" != 1 ] && [ -d "$BUILD/state/$name/kselftests" ]; then
	cp -r "$BUILD/state/$name/kselftests/." "$root/tests/"
fi

(cd "$obj" && "$src/usr/gen_initramfs.sh" -o "$out" -u squash -g squash "$root")
rm -rf "$root"
