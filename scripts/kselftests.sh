#!/bin/sh
# Build the kselftest programs the guests run, statically, against the
# named kernel's exported headers, into build/KERNEL/state/NAME/kselftests.
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: kselftests.sh NAME}
obj=$BUILD/obj/$name
arch=$(cat "$BUILD/state/$name/arch")
cross=$(config_header "$name" cross)
out=$BUILD/state/$name/kselftests
mkdir -p "$out"
case "$arch" in
i386) m=-m32 ;;
*) m= ;;
esac

kmake "$KSRC" "$obj" "$name" INSTALL_HDR_PATH="$obj/usr-headers" \
	headers_install >/dev/null
# selftests/vm became selftests/mm in 6.3
vm=$KSRC/tools/testing/selftests/mm
[ -d "$vm" ] || vm=$KSRC/tools/testing/selftests/vm
for t in page_metadata; do
	[ -f "$vm/$t.c" ] || continue
	# built aside and renamed: a guest of this kernel may be packing it
	${cross}gcc $m -static -O2 -Wall -I "$obj/usr-headers/include" \
		-I "$KSRC/tools/testing/selftests" -o "$out/$t.new" "$vm/$t.c"
	mv "$out/$t.new" "$out/$t"
done
