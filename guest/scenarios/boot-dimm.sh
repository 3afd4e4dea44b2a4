#@config x86_64 x86_64-debug
#@mem 2G,slots=3,maxmem=4G
#@numa 1G,1G,0
#@append page_owner=on memmap=1G@4G movable_node memhp_default_state=online_movable
#@timeout 300
#@qemu -object memory-backend-ram,id=mem-boot1,size=512M -device pc-dimm,id=boot1,memdev=mem-boot1,node=2 -object memory-backend-ram,id=mem-boot2,size=512M -device pc-dimm,id=boot2,memdev=mem-boot2,node=2
# Boot memory removed at run time, as on a server with hot-removable
# DIMMs: two 512 MB DIMMs on node 2, present at boot and in the firmware's
# memory map (QEMU puts DIMMs only in ACPI, memmap=1G@4G puts them in the
# e820 map as well), the node hot-removable (SRAT) and, with movable_node,
# all ZONE_MOVABLE.  Their memmap is memblock memory, allocated on nodes 0
# and 1; it is node 2's all the same.  The first DIMM goes untouched; the
# second after HugeTLB vmemmap optimization (HVO) freed part of its memmap
# and freeing the HugeTLB pages allocated it again from the buddy
# allocator.  Each removal takes its own memmap out, the memblock part out
# of nr_memmap_boot_pages and the rest out of nr_memmap_pages; a DIMM
# added to the emptied node afterwards starts it from zero.
#
# The DIMMs are one 1 GB page of the direct map where the kernel uses GB
# pages (not with debug_pagealloc): removing one splits it into 2 MB pages
# and unmaps its half; with 4 kB pages (debug_pagealloc), the page tables
# of the DIMM's direct map are freed.
#
# Expected, from the layout: 512 MB is 4 sections of 512 memmap pages
# (2048 pages, 8192 kB) and, with page_owner, 4 page_ext tables
# (section_page_ext_pages in guest/lib.sh); HVO frees 7 vmemmap pages of a
# 2 MB page, net (28 kB).  After every step the second oracle (guest/lib.sh
# oracle_step): node 2's nr_memmap_pages follows the metadata pages
# page_owner shows allocated and freed and, on a boot DIMM's removal, its
# page_ext (allocated at boot, before page_owner started: the layout's
# value), and MemTotal the memory removed or added, the direct map's page
# tables given back, and the memblock memmap given back.
#
# 7.x counts metadata where it lies (guest/lib.sh meta_by_location): node
# 2's memmap is memblock memory of nodes 0 and 1, its page_ext, HVO's
# pages and a hot-added DIMM's metadata come from them too (node 2 has
# only ZONE_MOVABLE memory, which GFP_KERNEL cannot use): node 2 holds
# nothing at any time, and nodes 0 and 1 together move by what the
# 6.x series shows on node 2.  Which of the two holds a page is
# memblock's and the page allocator's choice: their sum is checked, and
# the second oracle takes all three nodes as one.  HVO's first page in
# node 2's zone adds the zone's shared tail page (hvo_tail_pages).
nr2=/sys/devices/system/node/node2/hugepages/hugepages-2048kB/nr_hugepages
dimm_memmap_pages=$((4 * section_memmap_pages))
dimm_ext_pages=$((4 * $(section_page_ext_pages)))
dimm_kb=$((4 * $(section_meta_kb)))

# direct_map_kb: the size of the direct map, all page sizes (kB)
direct_map_kb() {
	direct_map | tr ' ' '\n' | sed 's/.*://' | { s=0; while read -r v; do s=$((s + v)); done; echo $s; }
}
# direct_map_of SIZE: DirectMap4k, 2M or 1G (kB); 0 where meminfo has no
# such line (no DirectMap1G without GB pages, as with debug_pagealloc)
direct_map_of() {
	_v=$(direct_map | tr ' ' '\n' | sed -n "s/^$1://p")
	echo "${_v:-0}"
}

# meta01: PageMetadata of nodes 0 and 1 together (kB)
meta01() {
	echo $(($(meta_kb 0) + $(meta_kb 1)))
}
tail_kb=$((4 * $(hvo_tail_pages)))
if meta_by_location; then
	loc=1
	# the nodes whose memory can hold node 2's metadata
	nodes2="0 1 2"
else
	loc=0
	nodes2=2
fi

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc boot-dimm
tap "TAP version 13" "1..$((23 + 4 * loc))"
check "boot: node 2 memory blocks (8 x 128 MB), their zone" "8 Movable" \
	"$(node_blocks 2) $(node_zones 2)"
if [ $loc = 1 ]; then
	check "boot: node 2 nr_memmap_boot_pages, none in its memory" \
		0 "$(vmstat_get nr_memmap_boot_pages 2)"
	check "boot: node 2 PageMetadata, none in its memory (kB)" \
		0 "$(meta_kb 2)"
	check "boot: nodes 0 and 1 nr_memmap_boot_pages, their 16 sections and node 2's 8" \
		$((6 * dimm_memmap_pages)) \
		$(($(vmstat_get nr_memmap_boot_pages 0) + $(vmstat_get nr_memmap_boot_pages 1)))
else
	check "boot: node 2 nr_memmap_boot_pages, 8 sections" \
		$((2 * dimm_memmap_pages)) "$(vmstat_get nr_memmap_boot_pages 2)"
	check "boot: node 2 PageMetadata, memmap and page_ext (kB)" \
		$((2 * dimm_kb)) "$(meta_kb 2)"
fi

base0=$(meta_kb 0)
base1=$(meta_kb 1)
boot2=$(vmstat_get nr_memmap_boot_pages 2)
pages2=$(vmstat_get nr_memmap_pages 2)
mem=$(memtotal_kb)
dm=$(direct_map_kb)
dm1g=$(direct_map_of 1G)
dm4k=$(direct_map_of 4k)
tables_kb=0
if host hotremove boot1; then
	# 512 MB gone, and its memblock memmap given to the buddy allocator,
	# and so are the boot page tables of its direct map: with 4 kB pages
	# (debug_pagealloc), one page of PTEs per 2 MB
	tables_kb=$(((dm4k - $(direct_map_of 4k)) / 2048 * 4))
	check "untouched boot DIMM removed: MemTotal (kB)" \
		$((mem - 524288 + dimm_memmap_pages * 4 + tables_kb)) "$(memtotal_kb)"
else
	check "untouched boot DIMM removed" ok failed
fi
check "untouched boot DIMM removed: direct map (kB)" $((dm - 524288)) \
	"$(direct_map_kb)"
if [ "$dm1g" -gt 0 ]; then
	check "untouched boot DIMM removed: its 1 GB page split (DirectMap1G, kB)" \
		$((dm1g - 1048576)) "$(direct_map_of 1G)"
else
	skip "untouched boot DIMM removed: its 1 GB page split" \
		"no 1 GB pages in the direct map"
fi
if [ $loc = 1 ]; then
	check "untouched boot DIMM removed: node 2 nr_memmap_boot_pages, none" \
		0 "$(vmstat_get nr_memmap_boot_pages 2)"
	check "untouched boot DIMM removed: node 2 nr_memmap_pages, none" \
		0 "$(vmstat_get nr_memmap_pages 2)"
	check "untouched boot DIMM removed: nodes 0 and 1, its memmap and page_ext less (kB)" \
		$((base0 + base1 - dimm_kb)) "$(meta01)"
else
	check "untouched boot DIMM removed: node 2 nr_memmap_boot_pages" \
		$((boot2 - dimm_memmap_pages)) "$(vmstat_get nr_memmap_boot_pages 2)"
	check "untouched boot DIMM removed: node 2 nr_memmap_pages (page_ext)" \
		$((pages2 - dimm_ext_pages)) "$(vmstat_get nr_memmap_pages 2)"
	check "untouched boot DIMM removed: nodes 0 and 1 unchanged (kB)" \
		"$base0 $base1" "$(meta_kb 0) $(meta_kb 1)"
fi
oracle_step "untouched boot DIMM removed" "$nodes2" $((tables_kb - 524288)) \
	$((-dimm_ext_pages))
kunit_module page_metadata_kunit kunit-after-remove-untouched

doc boot-dimm
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
boot=$(vmstat_get nr_memmap_boot_pages)
pages=$(vmstat_get nr_memmap_pages)
base=$(meta_kb)
base2=$(meta_kb 2)
base01=$(meta01)
# Node 2's only memory is now the second DIMM: 100 of its 256 2 MB pages.
echo 100 >$nr2
n=$(cat $nr2)
check "HVO: HugeTLB pages on node 2, in the second DIMM" "100 100" \
	"$n $(hugetlb_heads 0x120000000 0x140000000)"
if [ $loc = 1 ]; then
	check "HVO of $n pages: node 2 PageMetadata, none in its memory (kB)" \
		0 "$(meta_kb 2)"
	check "HVO of $n pages: nodes 0 and 1, 7 pages less each, the zone's tail page more (kB)" \
		$((base01 - 28 * n + tail_kb)) "$(meta01)"
else
	check "HVO of $n pages: node 2 PageMetadata (kB)" $((base2 - 28 * n)) \
		"$(meta_kb 2)"
fi
oracle_step "HVO of $n pages on node 2" "$nodes2"
kunit_module page_metadata_kunit kunit-after-hvo

doc boot-dimm
# Their vmemmap comes back from nodes 0 and 1: node 2 has no memory for
# GFP_KERNEL.
echo 0 >$nr2
check "HugeTLB pages freed" 0 "$(cat $nr2)"
check "HugeTLB pages freed: node 2 PageMetadata back (kB)" "$base2" \
	"$(meta_kb 2)"
if [ $loc = 1 ]; then
	check "HugeTLB pages freed: nodes 0 and 1 back, the zone's tail page kept (kB)" \
		$((base01 + tail_kb)) "$(meta01)"
fi
oracle_step "HugeTLB pages freed, their vmemmap restored" "$nodes2"
kunit_module page_metadata_kunit kunit-after-free

doc boot-dimm
dm=$(direct_map_kb)
dm4k=$(direct_map_of 4k)
tables_kb=0
if host hotremove boot2; then
	# With 4 kB pages the boot page tables of the direct map are
	# memblock's: its PTE pages, and now that [4G, 5G) is empty, the
	# page of PMDs that mapped it (with GB pages that page came from
	# the buddy allocator, splitting the 1 GB page, and MemTotal
	# never had it)
	tables_kb=$(((dm4k - $(direct_map_of 4k)) / 2048 * 4))
	[ "$tables_kb" = 0 ] || tables_kb=$((tables_kb + 4))
	check "boot DIMM removed after HVO: node 2 offline" offline \
		"$([ -d /sys/devices/system/node/node2 ] && echo online || echo offline)"
else
	check "boot DIMM removed after HVO" ok failed
fi
check "boot DIMM removed after HVO: direct map (kB)" $((dm - 524288)) \
	"$(direct_map_kb)"
check "boot DIMM removed after HVO: nr_memmap_boot_pages" \
	$((boot - dimm_memmap_pages)) "$(vmstat_get nr_memmap_boot_pages)"
check "boot DIMM removed after HVO: nr_memmap_pages (page_ext; the zone's shared tail page kept)" \
	$((pages - dimm_ext_pages + tail_kb / 4)) "$(vmstat_get nr_memmap_pages)"
check "boot DIMM removed after HVO: PageMetadata (kB)" \
	$((base - dimm_kb + tail_kb)) "$(meta_kb)"
oracle_step "boot DIMM removed after HVO" "$nodes2" $((tables_kb - 524288)) \
	$((-dimm_ext_pages))
kunit_module page_metadata_kunit kunit-after-remove-hvo

doc boot-dimm
# The same slot hot-added again: memory of node 2, not boot memory.
mem=$(memtotal_kb)
if host hotadd dimm3 2 512M; then
	wait_memtotal $((mem + 524288))
	check "DIMM hot-added to the emptied node: MemTotal (kB)" \
		$((mem + 524288)) "$(memtotal_kb)"
else
	check "DIMM hot-added to the emptied node" ok failed
fi
check "DIMM hot-added to the emptied node: node 2 nr_memmap_boot_pages" \
	0 "$(vmstat_get nr_memmap_boot_pages 2)"
if [ $loc = 1 ]; then
	# its vmemmap is allocated before it is online, its page_ext as it
	# goes online: from nodes 0 and 1 both times
	check "DIMM hot-added to the emptied node: node 2 nr_memmap_pages, none in its memory" \
		0 "$(vmstat_get nr_memmap_pages 2)"
	check "DIMM hot-added to the emptied node: nodes 0 and 1, its memmap and page_ext more (kB)" \
		$((base01 + tail_kb)) "$(meta01)"
else
	check "DIMM hot-added to the emptied node: node 2 nr_memmap_pages" \
		$((dimm_memmap_pages + dimm_ext_pages)) "$(vmstat_get nr_memmap_pages 2)"
fi
oracle_step "DIMM hot-added to the emptied node" "$nodes2" 524288
kunit_module page_metadata_kunit kunit-after-hotadd
doc boot-dimm
host hotremove dimm3 >/dev/null
check "hot-added DIMM removed: PageMetadata back (kB)" \
	$((base - dimm_kb + tail_kb)) "$(meta_kb)"
if [ $loc = 1 ]; then
	check "hot-added DIMM removed: nodes 0 and 1, as before it (kB)" \
		$((base01 - dimm_kb + tail_kb)) "$(meta01)"
else
	check "hot-added DIMM removed: nodes 0 and 1 unchanged (kB)" \
		"$base0 $base1" "$(meta_kb 0) $(meta_kb 1)"
fi
oracle_step "hot-added DIMM removed" "$nodes2" -524288
