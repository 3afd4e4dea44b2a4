#@config x86_64
#@mem 6G,slots=2,maxmem=8G
#@numa 3G,3G
#@append page_owner=on memhp_default_state=offline memmap=256M!5G
#@timeout 600
#@check no
#@qemu -icount shift=0,sleep=off -smp 1
# One round of the overhead benchmark (scripts/bench.py boots it on the
# base and on the patched kernel in turn).  Every time is taken in the
# guest with clock_gettime() (guest/bench-time.c), under QEMU's icount
# mode: guest time is instructions executed, so the same work takes the
# same time in every run and the ratio shows any instruction added.  Only what both kernels
# have is used: no PageMetadata, no KUnit module.  A line "bench KEY VALUE"
# per measurement, a line "bench-error WHAT" for anything that went wrong.

# Boot: from the kernel's first clock reading to this script.
out boot_ns "$(bench-time boot)"

# HugeTLB with HVO: 2048 x 2 MB, allocated and freed through the sysctl
# (what the HVO authors timed with "time echo N > nr_hugepages").
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
out hugetlb_alloc_ns "$(bench-time write /proc/sys/vm/nr_hugepages 2048)"
got=$(cat /proc/sys/vm/nr_hugepages)
[ "$got" = 2048 ] || error "only $got of 2048 hugepages"
out hugetlb_free_ns "$(bench-time write /proc/sys/vm/nr_hugepages 0)"

# Memory hotplug of a 1 GB DIMM (8 blocks) on node 1: the ACPI hot-add
# (memmap allocated), onlining (page_ext allocated), offlining (page_ext
# freed) and the ACPI hot-remove (memmap freed).  The two ACPI steps run
# from the host's request to the kernel's last change, and include QEMU's
# side; onlining and offlining are the guest's alone.
blocks=$(ls -d /sys/devices/system/memory/memory[0-9]* | wc -l)
t0=$(bench-time now)
if host hotadd dimm1 1 1G >/dev/null &&
   t1=$(bench-time wait-blocks $((blocks + 8))); then
	out hotadd_ns $((t1 - t0))
	new=$(ls /sys/devices/system/memory | sed -n 's/^memory//p' |
		sort -n | tail -8)
	t0=$(bench-time now)
	for b in $new; do
		echo online_movable >"/sys/devices/system/memory/memory$b/state" ||
			error "online of block $b failed"
	done
	t1=$(bench-time now)
	out online_ns $((t1 - t0))
	t0=$(bench-time now)
	for b in $new; do
		echo offline >"/sys/devices/system/memory/memory$b/state" ||
			error "offline of block $b failed"
	done
	t1=$(bench-time now)
	out offline_ns $((t1 - t0))
	t0=$(bench-time now)
	if host hotremove dimm1 >/dev/null &&
	   t1=$(bench-time wait-blocks "$blocks"); then
		out hotremove_ns $((t1 - t0))
	else
		error "hot-remove failed"
	fi
else
	error "hot-add failed"
fi

# Device-dax bind and unbind, 4 times: memremap_pages() adds and removes
# the sections of a 256 MB pmem range (memmap=256M!5G, node 1) with a
# 2 MB compound vmemmap, synchronously, in the guest's own time.
pmem_drivers
r=/sys/bus/nd/devices/region0
if seed=$(cat $r/dax_seed 2>/dev/null) && d=/sys/bus/nd/devices/$seed &&
   cat /proc/sys/kernel/random/uuid >"$d/uuid" &&
   echo 2097152 >"$d/align" && echo ram >"$d/mode" &&
   echo namespace0.0 >"$d/namespace"; then
	bind=0
	unbind=0
	for i in 1 2 3 4; do
		ns=$(bench-time write /sys/bus/nd/drivers/dax_pmem/bind "$seed") ||
			error "device-dax bind failed"
		bind=$((bind + ns))
		ns=$(bench-time write /sys/bus/nd/drivers/dax_pmem/unbind "$seed") ||
			error "device-dax unbind failed"
		unbind=$((unbind + ns))
	done
	out devdax_bind_ns "$bind"
	out devdax_unbind_ns "$unbind"
else
	error "no legacy pmem region to make a device-dax of"
fi

# The page allocator's fast path, which the series does not touch:
# 256 MB of anonymous memory faulted in page by page, 4 times.
out faults_ns "$(bench-time faults 256 4)"

# Memory the kernel itself uses, for the cost of the series.
for key in MemTotal Percpu SUnreclaim; do
	out "${key}_kB" "$(meminfo_kb "$key")"
done
out cpus "$(grep -c '^processor' /proc/cpuinfo)"
