#!/bin/sh
# Decide once per build folder (for all kernels) whether guests may use KVM: only if a real
# boot under KVM finishes.  On these machines KVM guests can hang silently,
# so anything but a clean pass means TCG.
set -eu
. "$(dirname "$0")/lib.sh"

out=$TOP/build/kvm-probe
mkdir -p "$TOP/build"
# one probe at a time: make check checks its kernels at the same time
exec 9>"$out.lock"
flock 9
[ -f "$out" ] && exit 0
echo no >"$out"
[ -w /dev/kvm ] || { note "no usable /dev/kvm: guests run under TCG"; exit 0; }
rm -f "$out"
if TIMEOUT=20 KVM_PROBE=1 "$TOP/scripts/run-scenario.sh" smoke-kvm >/dev/null 2>&1; then
	echo ok >"$out"
	note "KVM works: guests use it"
else
	echo no >"$out"
	note "KVM probe boot failed: guests run under TCG"
fi
