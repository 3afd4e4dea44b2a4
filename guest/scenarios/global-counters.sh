#@config x86_64
#@mem 2G,slots=3,maxmem=4G
#@numa 1G,1G,0
#@append memmap=1G@4G movable_node memhp_default_state=online_movable
#@qemu -object memory-backend-ram,id=mem-boot1,size=1G -device pc-dimm,id=boot1,memdev=mem-boot1,node=2
#@timeout 300
# Upstream's interface alone: the two global counters of /proc/vmstat,
# nr_memmap_pages (not from memblock) and nr_memmap_boot_pages (from
# memblock), held to the layout at boot, across HugeTLB vmemmap
# optimization (HVO) of 2 MB pages, the removal of boot memory, and a
# DIMM hot-add and hot-remove.  It reads nothing the series adds, so it
# also runs on a pristine kernel that has the counters (6.11 and later),
# and skips where they are absent.  MemTotal is the independent witness
# of the boot part: a memblock page that is freed joins it.
#
# The layout: nodes 0 and 1 of 1 GB, and node 2, hot-removable, whose
# 1 GB is a DIMM present at boot (in the e820 map with memmap=1G@4G,
# movable with movable_node, as boot-dimm has it); its memmap is memblock
# memory of nodes 0 and 1.
#
# Expected, from the layout: 3 GB of boot memory are 24 sections of 32768
# struct pages of 64 bytes, 512 vmemmap pages each, from memblock: 12288
# boot pages; page_owner is off, so no page_ext.  A 2 MB page's struct
# pages take 8 vmemmap pages, HVO keeps 1 of them: 7 fewer.  Removing the
# boot DIMM frees its 8 sections' memmap, 4096 pages, whatever HVO did to
# it before: the memblock pages left join MemTotal.  A 1 GB DIMM hot-added
# is 8 sections: 4096 pages.
#
# The kernels differ in one place, HVO's head page.  6.1 keeps the head
# vmemmap page and frees 7 memblock pages per 2 MB page; 6.12 and later
# copy it into a newly allocated page and free all 8 (boot -8, the rest
# +1).  Restoring allocates the 7 freed tail pages on both.  7.x maps
# the tail struct pages of every optimized page of a zone and size onto
# one page of its own, allocated with the zone's first and kept (+1 in
# nr_memmap_pages where the series counts it, hvo_tail_pages): node 1's
# and the boot DIMM's are two zones.
n=64
head=$(hvo_new_head)
tail=$(hvo_tail_pages)
plan=22
doc global-counters
tap "TAP version 13" "1..$plan"
if ! grep -q '^nr_memmap_pages ' /proc/vmstat; then
	i=0
	while [ $i -lt $plan ]; do
		skip "global counters" "no nr_memmap_pages in /proc/vmstat (before 6.11, without the series)"
		i=$((i + 1))
	done
	return 0
fi
pages() { vmstat_get nr_memmap_pages; }
boot() { vmstat_get nr_memmap_boot_pages; }
nr_huge() { echo "/sys/devices/system/node/node$1/hugepages/hugepages-2048kB/nr_hugepages"; }

check "boot: nr_memmap_boot_pages (24 sections x 512)" 12288 "$(boot)"
check "boot: nr_memmap_pages (no page_ext user, nothing hot-added)" 0 "$(pages)"

# HVO on node 1 and on the boot DIMM (node 2): each 2 MB page frees
# 7 + head memblock pages and takes head new ones; freeing the HugeTLB
# pages restores 7 from the buddy allocator.
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
per=$((7 + head))
boot_now=12288
pages_now=0
for node in 1 2; do
	mem=$(memtotal_kb)
	echo $n >"$(nr_huge $node)"
	check "HVO: 2 MB pages allocated on node $node" $n "$(cat "$(nr_huge $node)")"
	boot_now=$((boot_now - per * n))
	pages_now=$((pages_now + head * n + tail))
	check "HVO of $n pages on node $node: nr_memmap_boot_pages ($per memblock pages freed each)" \
		$boot_now "$(boot)"
	check "HVO of $n pages on node $node: nr_memmap_pages ($head new head page each, $tail shared tail page)" \
		$pages_now "$(pages)"
	check "HVO of $n pages on node $node: MemTotal gained the freed memblock pages (kB)" \
		$((mem + per * n * 4)) "$(memtotal_kb)"
	echo 0 >"$(nr_huge $node)"
	pages_now=$((pages_now + 7 * n))
	check "HugeTLB pages of node $node freed: nr_memmap_boot_pages (does not come back)" \
		$boot_now "$(boot)"
	check "HugeTLB pages of node $node freed: nr_memmap_pages (7 restored each)" \
		$pages_now "$(pages)"
done

# The boot DIMM goes, with its memmap: the memblock pages HVO left, and
# the pages restoring took.
mem=$(memtotal_kb)
dimm_boot=$((4096 - per * n))
if host hotremove boot1 >/dev/null; then
	check "boot DIMM removed: nr_memmap_boot_pages (its $dimm_boot memblock pages)" \
		$((boot_now - dimm_boot)) "$(boot)"
	check "boot DIMM removed: nr_memmap_pages (its $((per * n)) restored pages)" \
		$((pages_now - per * n)) "$(pages)"
	check "boot DIMM removed: MemTotal -1 GB + its freed memblock memmap (kB)" \
		$((mem - 1048576 + dimm_boot * 4)) "$(memtotal_kb)"
	boot_now=$((boot_now - dimm_boot))
	pages_now=$((pages_now - per * n))
else
	check "boot DIMM removed" ok failed
	check "boot DIMM removed" ok failed
	check "boot DIMM removed" ok failed
fi

mem=$(memtotal_kb)
if host hotadd dimm1 1 1G >/dev/null && wait_memtotal $((mem + 1048576)); then
	check "1 GB DIMM hot-added on node 1: nr_memmap_pages (8 x 512)" \
		$((pages_now + 4096)) "$(pages)"
	check "1 GB DIMM hot-added: nr_memmap_boot_pages unchanged" \
		$boot_now "$(boot)"
else
	check "1 GB DIMM hot-added on node 1" ok failed
	check "1 GB DIMM hot-added on node 1" ok failed
fi
if host hotremove dimm1 >/dev/null; then
	check "DIMM removed: nr_memmap_pages back" $pages_now "$(pages)"
	check "DIMM removed: nr_memmap_boot_pages unchanged" $boot_now "$(boot)"
	check "DIMM removed: MemTotal back (kB)" "$mem" "$(memtotal_kb)"
else
	check "DIMM removed" ok failed
	check "DIMM removed" ok failed
	check "DIMM removed" ok failed
fi
