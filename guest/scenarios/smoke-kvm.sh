#@config x86_64
#@mem 512M
#@numa 512M
#@timeout 20
#@check no
# Used by scripts/kvm-probe.sh: does a guest under KVM get to /init?
doc kvm-probe
tap "TAP version 13" "1..1" "ok 1 - booted"
