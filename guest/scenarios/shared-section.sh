#@config x86_64 x86_64-debug
#@mem 2G
#@numa 1088M,960M
#@append page_owner=on memblock=debug
#@timeout 300
# Two nodes that share a 128 MB section: node 0 is 1088 MB, so the section
# at 1024 MB holds the last 64 MB of node 0 and the first 64 MB of node 1.
# Pristine 6.1 registers that section's memmap pages for free_bootmem_page()
# once per node, and HugeTLB vmemmap optimization (HVO) of a page in it then
# hits VM_BUG_ON_PAGE() (DEBUG_VM) or leaks the vmemmap pages it unmaps.
# Every page HVO unmaps must be freed: MemTotal grows by as much as
# PageMetadata shrinks, 7 pages (28 kB) per 2 MB page, all of them boot
# memmap here.  Freeing the HugeTLB pages allocates the vmemmap again from
# the buddy allocator: PageMetadata comes back, MemTotal stays.
# The shared section's memmap is split between the nodes by subsection:
# the vmemmap pages of node 1's 32 subsections are node 1's, and so is what
# HVO of node 1's HugeTLB pages frees there.
# page_owner is on, for the second oracle: page_ext_init() gives each
# present section one table, allocated on and counted to the node of the
# section's first pfn (its walk for node 1 skips the shared section):
# 9 tables on node 0, 7 on node 1.  After HVO
# and after freeing, the second oracle (guest/lib.sh oracle_step): node
# 1's nr_memmap_pages moves by the vmemmap pages page_owner shows
# allocated (the new heads, the restored pages), node 0's not at all, and
# MemTotal by the memblock pages HVO gives back.
# At boot, memblock's own log of the memmap it handed out (memblock=debug,
# guest/lib.sh memblock_memmap_pages): node 0's sparse buffer holds the
# shared section's memmap, the section starting on node 0, and 256 pages
# of it (32 subsections) describe node 1's memory: node 0 has 256 pages
# less than memblock gave it, node 1 256 more, the sum is memblock's.
#
# 7.x counts metadata where it lies (guest/lib.sh meta_by_location): the
# shared section's memmap is one 2 MB block from node 0's memory, all of
# it node 0's (9 sections' memmap there, 7 on node 1, as memblock logs
# them).  HVO of node 1's pages in it frees node 0's boot pages, 8 per
# page, while their new heads and the zone's shared tail page
# (hvo_tail_pages) come from node 1, and so do the pages restored when
# they are freed (on the main kernel; the debug kernel's node 1 is short
# of memory then, and the restore takes some from node 0: the nodes' sum is
# checked there): node 0 ends 32 kB per such page lower, node 1 as much
# higher.
nr1=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages

if meta_by_location; then
	loc=1
	split=0
else
	loc=0
	split=256
fi
tail_kb=$((4 * $(hvo_tail_pages)))

kunit_module page_metadata_kunit kunit-boot
doc shared-section
tap "TAP version 13" "1..15"
memblock_check "boot: nr_memmap_boot_pages = the memmap memblock handed out (memblock=debug)" \
	"$(memblock_memmap_pages)"
mb=$(memblock_memmap_pages 0)
memblock_check "boot: node 0 nr_memmap_boot_pages, memblock's memmap for node 0 (${mb:-?}) - $split" \
	$((${mb:-0} - split)) 0
mb=$(memblock_memmap_pages 1)
memblock_check "boot: node 1 nr_memmap_boot_pages, memblock's memmap for node 1 (${mb:-?}) + $split" \
	$((${mb:-0} + split)) 1
# 2 GB of memory in 16 sections of 512 memmap pages, 8 pages per 2 MB
# subsection: node 0 has 8.5 sections' memmap and 9 page_ext tables, node
# 1 7.5 sections' memmap and 7 tables
ext_kb=$((4 * $(section_page_ext_pages)))
check "boot: PageMetadata of 16 sections' memmap and page_ext (kB)" \
	$((32768 + 16 * ext_kb)) "$(meta_kb)"
if [ $loc = 1 ]; then
	check "boot: node 0, 9 sections' memmap, 9 page_ext tables (kB)" \
		$((18432 + 9 * ext_kb)) "$(meta_kb 0)"
	check "boot: node 1, 7 sections' memmap, 7 page_ext tables (kB)" \
		$((14336 + 7 * ext_kb)) "$(meta_kb 1)"
else
	check "boot: node 0, 8.5 sections' memmap, 9 page_ext tables (kB)" \
		$((17408 + 9 * ext_kb)) "$(meta_kb 0)"
	check "boot: node 1, 7.5 sections' memmap, 7 page_ext tables (kB)" \
		$((15360 + 7 * ext_kb)) "$(meta_kb 1)"
fi

echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
base=$(meta_kb)
base0=$(meta_kb 0)
base1=$(meta_kb 1)
total=$(memtotal_kb)
oracle_mark
# 800 MB of node 1's 960, the shared section's part included (the buddy
# allocator hands out its lowest free blocks first), and room left for
# freeing them: freeing a page restores its vmemmap first, from node 1
# (__GFP_THISNODE), above its watermark.
echo 400 >$nr1
n=$(cat $nr1)
shared=$(hugetlb_heads 0x44000000 0x48000000)
check "HVO: $n pages on node 1, $shared of them in the shared section" yes \
	"$([ "$shared" -gt 0 ] && echo yes || echo no)"
# the boot vmemmap pages freed: 7 per page, 8 where HVO copies the head
freed_kb=$((4 * (7 + $(hvo_new_head)) * n))
# those of the pages in the shared section, on node 0 (7.x)
moved_kb=$((loc * 4 * (7 + $(hvo_new_head)) * shared))
check "HVO of $n pages: PageMetadata (kB)" $((base - 28 * n + tail_kb)) \
	"$(meta_kb)"
check "HVO of $n pages: node 1 (kB)" $((base1 - 28 * n + moved_kb + tail_kb)) \
	"$(meta_kb 1)"
check "HVO of $n pages: node 0 (kB)" $((base0 - moved_kb)) "$(meta_kb 0)"
oracle_step "HVO of $n pages on node 1" 1
check "HVO of $n pages: MemTotal grows by the vmemmap freed (kB)" \
	$((total + freed_kb)) "$(memtotal_kb)"
kunit_module page_metadata_kunit kunit-after-hvo
doc shared-section

echo 0 >$nr1
if [ $loc = 1 ]; then
	# 7.x restores the vmemmap from the folio's node or, short of
	# memory there, another (no __GFP_THISNODE): the debug kernel, with
	# 800 of node 1's 960 MB in HugeTLB pages, takes some from node 0
	oracle_step "$n HugeTLB pages freed" "0 1"
	check "HugeTLB pages freed: PageMetadata back (kB)" $((base + tail_kb)) \
		"$(meta_kb)"
	check "HugeTLB pages freed: node 0 at least its boot pages less (kB)" \
		yes "$([ "$(meta_kb 0)" -ge $((base0 - moved_kb)) ] && echo yes || echo "no: $(meta_kb 0)")"
	check "HugeTLB pages freed: nodes 0 and 1 together (kB)" \
		$((base0 + base1 + tail_kb)) $(($(meta_kb 0) + $(meta_kb 1)))
else
	oracle_step "$n HugeTLB pages freed" 1
	check "HugeTLB pages freed: PageMetadata back (kB)" "$base" "$(meta_kb)"
	check "HugeTLB pages freed: node 0 PageMetadata back (kB)" \
		"$base0" "$(meta_kb 0)"
	check "HugeTLB pages freed: node 1 PageMetadata back (kB)" \
		"$base1" "$(meta_kb 1)"
fi
check "HugeTLB pages freed: MemTotal keeps the boot pages freed (kB)" \
	$((total + freed_kb)) "$(memtotal_kb)"
kunit_module page_metadata_kunit kunit-after-free
