#@config x86_64
#@mem 2G
#@numa 1G,1G
#@append page_owner=on
#@timeout 300
#@check no
#@qemu -smp 4
# The memory a kernel spends per memory cgroup (scripts/bench.py boots
# this on the base and on the patched kernel): 200 memcgs made under
# cgroup v2 with the memory controller on, Percpu and SUnreclaim of
# /proc/meminfo before and after, per memcg.  Every memcg keeps per-cpu
# and per-node copies of the node statistics, so a new node stat item
# would show here, growing with CPUs x nodes.  Lines "bench KEY VALUE".
nr=200
out() {
	echo "bench $1 $2" >/dev/ttyS1
}
kb() {
	sed -n "s/^$1: *\([0-9]*\) kB/\1/p" /proc/meminfo
}
cg=/sys/fs/cgroup
mkdir -p $cg
if ! mount -t cgroup2 none $cg || ! echo +memory >$cg/cgroup.subtree_control; then
	echo "bench-error no cgroup v2 memory controller" >/dev/ttyS1
	exit 1
fi
out cpus "$(grep -c '^processor' /proc/cpuinfo)"
out nodes "$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
out boot_Percpu_kB "$(kb Percpu)"
percpu=$(kb Percpu)
slab=$(kb SUnreclaim)
i=0
while [ $i -lt $nr ]; do
	mkdir $cg/m$i
	i=$((i + 1))
done
out memcgs $nr
out memcg_Percpu_bytes $((($(kb Percpu) - percpu) * 1024 / nr))
out memcg_SUnreclaim_bytes $((($(kb SUnreclaim) - slab) * 1024 / nr))
i=0
while [ $i -lt $nr ]; do
	rmdir $cg/m$i
	i=$((i + 1))
done
