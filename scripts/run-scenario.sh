#!/bin/sh
# Boot the kernel a guest scenario names, with the scenario's memory layout
# and command line, and leave its logs and verdict in build/runs/SCENARIO.
# The scenario's guest script (guest/scenarios/SCENARIO.sh) says what it
# needs in "#@" header lines:
#   #@config NAME...      the kernels (configs/NAME.config) it runs on; the
#                         run of a further one is called SCENARIO@NAME
#   #@mem SPEC            QEMU -m, e.g. 2G,slots=4,maxmem=8G
#   #@numa SIZES          node sizes, e.g. 1G,1G,0 (0: memoryless node)
#   #@append ARGS         kernel command line
#   #@timeout SECONDS
#   #@qemu ARGS           more QEMU arguments
#   #@allow WHAT          console reports the scenario provokes on purpose
#                         (alloc-failure-report: a failed allocation's dump)
#   #@allow-warn REGEX    a WARNING the scenario provokes on purpose
# APPEND="ARGS" adds to the command line after all of these (the last
# value of a parameter wins: make fuzz passes its seed this way);
# RUN_DIR=DIR keeps the run's logs there instead of build/runs/NAME.
# A kernel config may add to the command line ("#@append ARGS" in
# configs/NAME.config), give QEMU arguments of its own ("#@qemu ARGS",
# before the scenario's) and stretch every timeout ("#@timeout-scale N":
# debug kernels run slower).  The pristine base kernel NAME-base, built
# with NAME's config, boots with NAME's headers too.
set -eu
. "$(dirname "$0")/lib.sh"

run_name=${1:?usage: run-scenario.sh SCENARIO[@CONFIG]}
scn=${run_name%@*}
src=$TOP/guest/scenarios/$scn.sh
[ -f "$src" ] || die "no scenario $scn"
hdr() { header "$src" "$1"; }
# The first config listed is the default; @CONFIG picks another one.
name=$(hdr config | cut -d' ' -f1)
case "$run_name" in *@*) name=${run_name#*@} ;; esac
arch=$(cat "$BUILD/state/$name/arch")
obj=$BUILD/obj/$name
run=${RUN_DIR:-$BUILD/runs/$run_name}
rm -rf "$run"
mkdir -p "$run"

"$TOP/scripts/initramfs.sh" "$name" "$run/initramfs.cpio"
case "$arch" in
x86_64|i386) kernel=$obj/arch/x86/boot/bzImage ;;
arm) kernel=$obj/arch/arm/boot/zImage ;;
arm64) kernel=$obj/arch/arm64/boot/Image ;;
powerpc) kernel=$obj/vmlinux ;;
*) die "no QEMU recipe for $arch" ;;
esac
# KERNEL_IMAGE=FILE boots another image of that kernel (a packaged one).
kernel=${KERNEL_IMAGE:-$kernel}

cfg_hdr() { config_header "$(kernel_config "$name")" "$1"; }
append="series.scenario=$scn $(hdr append) $(cfg_hdr append) ${APPEND:-}"
scale=$(cfg_hdr timeout-scale)
timeout=$((${TIMEOUT:-$(hdr timeout)} * ${scale:-1}))
# The guest dumps its tasks if it is still running at 80% of the timeout
# (counted from its own start, after the boot).
append="$append series.watchdog=$((timeout * 4 / 5))"
# and stretches its own waits as much (guest/lib.sh wait_until)
append="$append series.scale=${scale:-1}"

kvm=
if [ "${KVM_PROBE:-0}" = 1 ] || [ "$(cat "$TOP/build/kvm-probe" 2>/dev/null)" = ok ]; then
	kvm=--kvm
fi
# shellcheck disable=SC2046
exec python3 "$TOP/scripts/qemu_run.py" --arch "$arch" --kernel "$kernel" \
	--initrd "$run/initramfs.cpio" --rundir "$run" $kvm \
	--system-map "$obj/System.map" \
	--mem "$(hdr mem)" --numa "$(hdr numa)" \
	--append "$append" --timeout "$timeout" --allow "$(hdr allow)" \
	--allow-warn "$(hdr allow-warn)" \
	-- $(cfg_hdr qemu) $(hdr qemu)
