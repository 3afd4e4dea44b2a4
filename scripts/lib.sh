# Shared settings for the harness scripts; sourced, not run.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)

die() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

note() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# kernels: the supported kernels, one folder each under kernels/
kernels() {
	for _k in "$TOP"/kernels/*/BASE; do
		_k=${_k%/BASE}
		echo "${_k##*/}"
	done | sort -V
}

# The kernel the harness works on (KERNEL=..., make's KERNEL=): its
# verified base (kernels/KERNEL/BASE), its series (patches/KERNEL)
# and config fragments where it differs from configs/
# (kernels/KERNEL/configs).  Everything built for it goes to build/KERNEL/;
# only ccache's folder is shared by all kernels.  (No CCACHE_BASEDIR: it
# makes ccache pass relative source paths, which defeats the kernel's
# -fmacro-prefix-map, and WARN()s then name ../../linux/mm/... files.)
DEFAULT_KERNEL=6.12
KERNEL=${KERNEL:-$DEFAULT_KERNEL}
export KERNEL
KDIR=$TOP/kernels/$KERNEL
[ -f "$KDIR/BASE" ] || die "no kernel '$KERNEL': the kernels are $(kernels | tr '\n' ' ')"
PATCHES=$TOP/patches/$KERNEL
BUILD=$TOP/build/$KERNEL
KSRC=$BUILD/linux
export CCACHE_DIR=${CCACHE_DIR:-$TOP/build/ccache}
# ccache's depend mode hashes the headers the compiler's -MD output names
# instead of running the preprocessor once more: a cold kernel build took
# 499 s with it, 671 s without and 476 s with no ccache at all (6.12
# x86_64, 2 cores, 2026-11-29); a warm one 56 s, all hits.  Without the
# preprocessor, ccache cannot see .incbin: scripts/cc-cached compiles
# such sources without it.
export CCACHE_DEPEND=${CCACHE_DEPEND:-1}

# header FILE KEY: the value of the first "#@KEY VALUE" line of FILE
header() {
	sed -n "s/^#@$2[[:space:]]\{1,\}//p" "$1" 2>/dev/null | head -1
}

# config_file NAME: the fragment of the test kernel NAME
# (configs/NAME.config)
config_file() {
	echo "$TOP/configs/$1.config"
}

# config_overlay NAME: this kernel's changes to the fragment NAME, merged
# after it (kernels/KERNEL/configs/NAME.config), if there are any
config_overlay() {
	[ ! -f "$KDIR/configs/$1.config" ] || echo "$KDIR/configs/$1.config"
}

# config_fragments NAME: the files the .config of NAME is merged from, in
# order: the fragments its "#@include" line names, then its own, each
# followed by this kernel's overlay of it
config_fragments() {
	for _f in $(header "$(config_file "$1")" include) "$1.config"; do
		[ -f "$TOP/configs/$_f" ] ||
			die "$(config_file "$1") includes missing $_f"
		echo "$TOP/configs/$_f"
		config_overlay "${_f%.config}"
	done
}

# config_header NAME KEY: a "#@KEY" line of the config NAME; this
# kernel's overlay wins over the shared fragment
config_header() {
	_v=
	_o=$(config_overlay "$1")
	[ -z "$_o" ] || _v=$(header "$_o" "$2")
	[ -n "$_v" ] || _v=$(header "$(config_file "$1")" "$2")
	echo "$_v"
}

# base_get KEY: a value from the kernel's BASE file
base_get() {
	sed -n "s/^$1=//p" "$KDIR/BASE"
}

# base_apt apt-get|apt-cache ARGS...: apt for the kernel's package.  A
# BASE with an "apt-source=" line (a sources.list line: a suite the
# machine does not use, trixie-backports for 7.3 on Debian 12) gets apt
# state of its own in build/apt/KERNEL, so the machine's sources, lists
# and packages stay as they are; without one, the machine's apt.
base_apt() {
	_aptsrc=$(base_get apt-source)
	if [ -z "$_aptsrc" ]; then
		"$@"
		return
	fi
	_apt=$TOP/build/apt/$KERNEL
	mkdir -p "$_apt/lists/partial" "$_apt/cache/archives/partial"
	[ "$(cat "$_apt/sources.list" 2>/dev/null)" = "$_aptsrc" ] ||
		printf '%s\n' "$_aptsrc" >"$_apt/sources.list"
	_cmd=$1
	shift
	"$_cmd" -o Dir::Etc::SourceList="$_apt/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State::Lists="$_apt/lists" \
		-o Dir::Cache="$_apt/cache" "$@"
}

# base_apt_update: apt-get update for base_apt, as root where it is the
# machine's
base_apt_update() {
	if [ -n "$(base_get apt-source)" ]; then
		base_apt apt-get update -q >/dev/null
	elif [ "$(id -u)" = 0 ]; then
		apt-get update -q >/dev/null
	elif command -v sudo >/dev/null 2>&1; then
		sudo apt-get update -q >/dev/null
	else
		note "not root and no sudo: apt's lists are not updated"
	fi
}

# base_tarball [VERSION]: where scripts/base-fetch.sh puts the source
# tarball of the kernel's package at VERSION (default: BASE's version):
# build/bases/PACKAGE_VERSION/ holds the package's files
base_tarball() {
	echo "$TOP/build/bases/$(base_get package)_${1:-$(base_get version)}$(base_get tarball)"
}

# base_verify FILE: FILE has the sha256 that BASE names, or die
base_verify() {
	_have=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$_have" = "$(base_get sha256)" ] ||
		die "$1 is not the verified base of $KERNEL: sha256 $_have, kernels/$KERNEL/BASE names $(base_get package) $(base_get version) sha256 $(base_get sha256)"
}

# kmake SRC OBJ NAME MAKE-ARGS...: make in the kernel tree SRC with the
# object folder OBJ, for the architecture and cross compiler that the
# config NAME names, through ccache when it is installed, with a fixed
# build identity; every kernel build of the harness goes through it
kmake() {
	_src=$1 _obj=$2 _name=$3
	shift 3
	_arch=$(config_header "$_name" arch)
	_cross=$(config_header "$_name" cross)
	_cc=${_cross}gcc
	command -v ccache >/dev/null 2>&1 && _cc="$TOP/scripts/cc-cached $_cc"
	KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-2000-01-01} \
	KBUILD_BUILD_USER=series KBUILD_BUILD_HOST=build \
	make -s -C "$_src" O="$_obj" ${_arch:+ARCH=$_arch} \
		${_cross:+CROSS_COMPILE=$_cross} CC="$_cc" "$@"
}

# ref_worktree WHAT REV: a worktree of the kernel tree,
# build/KERNEL/WHAT/linux, checked out at REV (made once); prints its
# path.  The reference kernels are built from such trees: "base", the
# pristine base, and "fixes", the base with the series' fixes of it
# (fixes_rev).
ref_worktree() {
	_wt=$BUILD/$1/linux
	if [ ! -d "$_wt" ]; then
		mkdir -p "$BUILD/$1"
		git -C "$KSRC" worktree add -q --detach "$_wt" "$2"
	fi
	git -C "$_wt" checkout -q --detach "$2"
	echo "$_wt"
}

# base_worktree: the worktree of the pristine base (the tag "base")
base_worktree() {
	ref_worktree base base
}

# fixes_rev: the commit of the tree after the series' fixes of the base
# kernel, the patches at its front that carry a Fixes: tag (none: base)
fixes_rev() {
	_n=0
	for _p in $(series_patches); do
		grep -q '^Fixes:' "$PATCHES/$_p" || break
		_n=$((_n + 1))
	done
	if [ "$_n" = 0 ]; then
		echo base
	else
		git -C "$KSRC" rev-list --reverse base..HEAD | sed -n "${_n}p"
	fi
}

# kernel_config NAME: the config of kernel build NAME (the reference
# kernels NAME-base and NAME-fixes are built with NAME's)
kernel_config() {
	case "$1" in
	*-base) echo "${1%-base}" ;;
	*-fixes) echo "${1%-fixes}" ;;
	*) echo "$1" ;;
	esac
}

# series_patches: the patch file names listed in the kernel's series, in
# order
series_patches() {
	[ -f "$PATCHES/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$PATCHES/series"
}

# top_series: patches/series, the default kernel's series by path from
# patches/ ("6.1/0001-....patch"), for quilt with QUILT_PATCHES=patches and
# for scripts that take the series from there; written by export.sh,
# checked with quilt by quilt-check.sh
top_series() {
	echo "# The series of Linux $DEFAULT_KERNEL, the default kernel: patches/$DEFAULT_KERNEL/series."
	echo "# Written by scripts/export.sh; the other kernels: patches/*/series."
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' \
		-e "s|^|$DEFAULT_KERNEL/|" "$TOP/patches/$DEFAULT_KERNEL/series"
}
