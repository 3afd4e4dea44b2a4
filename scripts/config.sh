#!/bin/sh
# Make the .config of a named test kernel: tinyconfig, then the fragments
# named by configs/NAME.config (its "#@include" lines, then itself), each
# followed by the kernel's overlay of it (kernels/KERNEL/configs/), merged
# with the kernel's own merge_config.sh.  Every option a fragment asks for
# must survive olddefconfig; a dropped one is an error.
#
#   scripts/config.sh NAME      writes build/KERNEL/obj/NAME/.config
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: config.sh NAME}
frag=$(config_file "$name")
[ -f "$frag" ] || die "no config named $name (configs/$name.config)"
arch=$(config_header "$name" arch)
[ -n "$arch" ] || die "$frag has no '#@arch' line"
frags=$(config_fragments "$name")

obj=$BUILD/obj/$name
mkdir -p "$obj" "$BUILD/state/$name"
cross=$(config_header "$name" cross)
command -v "${cross}gcc" >/dev/null 2>&1 ||
	die "${cross}gcc is not installed: make deps-full installs the compilers of every test kernel"
kmake "$KSRC" "$obj" "$name" tinyconfig >/dev/null
# merge_config.sh -m merges onto the existing .config; -O sets the output.
(cd "$KSRC" && env ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} \
	scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" $frags \
	>"$BUILD/state/$name/merge.log" 2>&1) || { cat "$BUILD/state/$name/merge.log" >&2; die "merge failed"; }
kmake "$KSRC" "$obj" "$name" olddefconfig >/dev/null

# A kernel's overlay may withdraw a shared fragment's request for a symbol
# that kernel no longer has ("#@withdraw CONFIG_A CONFIG_B ..."): the
# symbol must then be absent from the final config altogether.
withdrawn=
for f in $frags; do
	case "$f" in
	"$KDIR"/configs/*) withdrawn="$withdrawn $(sed -n 's/^#@withdraw[[:space:]]\{1,\}//p' "$f")" ;;
	esac
done

# Every requested value must be in the final config; where fragments
# disagree, the later one wins, as in merge_config.sh.
cat $frags |
	sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1 &/p' \
	       -e 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set/\1 &/p' |
	awk '{ sym = $1; sub(/^[^ ]* /, ""); want[sym] = $0; order[sym] = NR }
	     END { for (s in want) print order[s], s, want[s] }' |
	sort -n | cut -d' ' -f2- |
while read -r sym line; do
	case " $withdrawn " in
	*" $sym "*)
		if grep -qE "^$sym=|^# $sym is not set" "$obj/.config"; then
			echo "$name: $sym withdrawn (kernels/$KERNEL/configs), but the kernel has it: $(grep -E "^$sym=|^# $sym is not set" "$obj/.config")"
		fi
		continue ;;
	esac
	case "$line" in
	"# "*)	if grep -q "^$sym=" "$obj/.config"; then
			echo "$name: wanted $sym unset, got $(grep "^$sym=" "$obj/.config")"
		fi ;;
	*)	if ! grep -qx "$line" "$obj/.config"; then
			got=$(grep -E "^$sym=|^# $sym is not set" "$obj/.config" || echo "absent")
			echo "$name: wanted $line, got $got"
		fi ;;
	esac
done >"$BUILD/state/$name/dropped.log"
if [ -s "$BUILD/state/$name/dropped.log" ]; then
	cat "$BUILD/state/$name/dropped.log" >&2
	die "requested options did not survive olddefconfig"
fi
echo "$arch" >"$BUILD/state/$name/arch"
