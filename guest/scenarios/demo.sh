#@config x86_64
#@mem 2G,slots=4,maxmem=8G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=online_movable
#@timeout 300
#@check no
# make demo: PageMetadata as the kernel reports it, at boot and after
# HugeTLB vmemmap optimization and memory hotplug.  The rows go to the
# results port; scripts/demo.sh prints them.
row() {
	printf '%-34s %12s %12s %12s %12s %12s\n' "$1" "$(meta_kb)" \
		"$(meta_kb 0)" "$(meta_kb 1)" \
		"$(vmstat_get nr_memmap_boot_pages)" \
		"$(memtotal_kb)" >/dev/ttyS1
}
doc demo
printf '%-34s %12s %12s %12s %12s %12s\n' "event" "PageMetadata" "node 0" \
	"node 1" "boot pages" "MemTotal" >/dev/ttyS1
printf '%-34s %12s %12s %12s %12s %12s\n' "" "kB" "kB" "kB" "" "kB" >/dev/ttyS1
row "boot"
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
echo 64 >/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages
row "64 x 2 MB HugeTLB on node 1, HVO"
echo 0 >/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages
row "HugeTLB pages freed"
mem=$(memtotal_kb)
host hotadd dimm1 1 1G >/dev/null && wait_memtotal $((mem + 1048576))
row "1 GB DIMM hot-added to node 1"
host hotremove dimm1 >/dev/null
row "DIMM hot-removed"
