# Shared settings for the harness scripts; sourced, not run.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
KSRC=$BUILD/linux

die() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

note() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# base_get KEY: a value from the BASE file
base_get() {
	sed -n "s/^$1=//p" "$TOP/BASE"
}

# kmake SRC OBJ NAME MAKE-ARGS...: make in the kernel tree SRC with the
# object folder OBJ, for the architecture and cross compiler that
# configs/NAME.config names, through ccache when it is installed, with a
# fixed build identity; every kernel build of the harness goes through it
kmake() {
	_src=$1 _obj=$2 _frag=$TOP/configs/$3.config
	shift 3
	_arch=$(sed -n 's/^#@arch[[:space:]]*//p' "$_frag")
	_cross=$(sed -n 's/^#@cross[[:space:]]*//p' "$_frag")
	_cc=${_cross}gcc
	command -v ccache >/dev/null 2>&1 && _cc="ccache $_cc"
	CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache} \
	KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2000-01-01} \
	KBUILD_BUILD_USER=series KBUILD_BUILD_HOST=build \
	make -s -C "$_src" O="$_obj" ARCH="$_arch" \
		${_cross:+CROSS_COMPILE=$_cross} CC="$_cc" "$@"
}

# base_worktree: a worktree of the kernel tree at the tag "base" (the
# pristine base), made once; prints its path
base_worktree() {
	_wt=$BUILD/base/linux
	if [ ! -d "$_wt" ]; then
		mkdir -p "$BUILD/base"
		git -C "$KSRC" worktree add -q --detach "$_wt" base
	fi
	git -C "$_wt" checkout -q --detach base
	echo "$_wt"
}

# series_patches: the patch file names listed in patches/series, in order
series_patches() {
	[ -f "$TOP/patches/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$TOP/patches/series"
}
