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
# /proc/meminfo before and after, per memcg, in 5 rounds of 200 more
# (all removed at the end: memory of removed memcgs is freed late and
# reused, which would hide the cost of the next round).  Every memcg keeps per-cpu and per-node copies of the node
# statistics, so a new node stat item would show here, growing with
# CPUs x nodes.  Percpu is exact; slab moves by a few kB per memcg from
# round to round (slab pages, RCU frees), so the median round is given
# with the lowest and highest.  Lines "bench KEY VALUE".
nr=200
cg=/sys/fs/cgroup
mkdir -p $cg
if ! mount -t cgroup2 none $cg || ! echo +memory >$cg/cgroup.subtree_control; then
	error "no cgroup v2 memory controller"
	exit 1
fi
out cpus "$(grep -c '^processor' /proc/cpuinfo)"
out nodes "$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
out boot_Percpu_kB "$(meminfo_kb Percpu)"
out memcgs $nr
percpus=
slabs=
for round in 1 2 3 4 5; do
	percpu=$(meminfo_kb Percpu)
	slab=$(meminfo_kb SUnreclaim)
	i=0
	while [ $i -lt $nr ]; do
		mkdir $cg/m$round.$i
		i=$((i + 1))
	done
	percpus="$percpus $((($(meminfo_kb Percpu) - percpu) * 1024 / nr))"
	slabs="$slabs $((($(meminfo_kb SUnreclaim) - slab) * 1024 / nr))"
done
rmdir $cg/m*
# median_of VALUES: the median of five values, then the lowest and highest
median_of() {
	printf '%s\n' $1 | sort -n | sed -n '3p;1p;5p' | tr '\n' ' '
}
set -- $(median_of "$percpus")
out memcg_Percpu_bytes "$2"
out memcg_Percpu_bytes_min "$1"
out memcg_Percpu_bytes_max "$3"
set -- $(median_of "$slabs")
out memcg_SUnreclaim_bytes "$2"
out memcg_SUnreclaim_bytes_min "$1"
out memcg_SUnreclaim_bytes_max "$3"
