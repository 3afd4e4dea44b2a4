#@config x86_64
#@mem 1G
#@numa 512M,512M
#@append page_owner=on
#@timeout 120
# The harness itself: the guest boots, has two nodes, writes a result
# document and exits through isa-debug-exit.
doc smoke
tap "TAP version 13" "1..2"
if [ -d /sys/devices/system/node/node1 ]; then
	tap "ok 1 - two NUMA nodes"
else
	tap "not ok 1 - two NUMA nodes: no node1"
fi
if grep -q '^MemTotal:' /proc/meminfo; then
	tap "ok 2 - /proc/meminfo readable"
else
	tap "not ok 2 - /proc/meminfo readable"
fi
