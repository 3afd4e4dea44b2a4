#@config x86_64
#@mem 5G
#@numa 1G,4G
#@append hugetlb_free_vmemmap=on hugepagesz=1G hugepages=1:1 memblock=debug
#@timeout 300
# A 1 GB HugeTLB page allocated at boot on node 1 with HugeTLB vmemmap
# optimization (HVO) on from the start, so that the page is optimized
# while its tail struct pages are not initialized yet (they are only if
# HVO fails).  Pristine 6.12.118 warns at boot here (CONFIG_DEBUG_VM:
# mm/hugetlb_vmemmap.c:223, a PageTail() test of those struct pages).
# No page_ext user: the metadata is the memmap only.  7.x on x86-64
# optimizes the page before the memmap is allocated (guest/lib.sh
# hvo_preinit): its 8 sections' memmap is never allocated, its vmemmap is
# a head page and the zone's shared tail page from memblock, and
# nr_memmap_pages holds nothing until it is freed; its restore allocates
# the same 4095 pages, and the shared tail page stays.
#
# Expected, from the layout (node 1's memory blocks, 128 MB sections of
# 512 memmap pages each, all from memblock): HVO at boot takes the 4096
# vmemmap pages of the 1 GB page but its first out of
# nr_memmap_boot_pages, 6.12 and later the first too, for a new head page
# counted in nr_memmap_pages (hvo_new_head); freeing the page restores
# 4095 vmemmap pages, from the page allocator.  Node 0 untouched.  No
# console report.  KUnit ground truth at boot and after freeing.
# The same boot values against memblock's own log of the memmap it
# handed out (memblock=debug, guest/lib.sh memblock_memmap_pages): node
# 1's less what HVO gave back, node 0's as logged.
# The second oracle (guest/lib.sh oracle_step) when the page is freed,
# its MemTotal part: the restored vmemmap comes from the page allocator,
# no memblock page is given back, MemTotal does not move.  Its page_owner
# part is skipped (page_owner off).
hp1g=/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages
head=$(hvo_new_head)
sections=$(node_blocks 1)
if hvo_preinit; then
	# the page's 8 sections skipped; its head and the zone's tail page
	boot_hvo=$((8 * section_memmap_pages - 2))
	boot_what="8 sections + head + tail page"
	# memblock's log has no request for those sections either
	mb_hvo=-2
	mb_what="+ head + tail page"
	head=0
else
	# its vmemmap but the first page, and the first too for a new head
	boot_hvo=$((4095 + head))
	boot_what="4095 - $head"
	mb_hvo=$boot_hvo
	mb_what="- $boot_what"
fi

kunit_module page_metadata_kunit kunit-boot
doc hvo-boot
tap "TAP version 13" "1..9"
mb1=$(memblock_memmap_pages 1)
memblock_check "boot: node 1 nr_memmap_boot_pages, memblock's memmap for node 1 (memblock=debug: ${mb1:-?}) $mb_what" \
	$((${mb1:-0} - mb_hvo)) 1
memblock_check "boot: node 0 nr_memmap_boot_pages, memblock's memmap for node 0 (memblock=debug)" \
	"$(memblock_memmap_pages 0)" 0
check "boot: one 1 GB page on node 1" 1 "$(cat $hp1g)"
check "boot: one HugeTLB head on node 1" 1 \
	"$(hugetlb_heads $((1 << 30)) $((6 << 30)))"
check "boot: node 1 nr_memmap_boot_pages, $sections sections - $boot_what" \
	$((sections * section_memmap_pages - boot_hvo)) \
	"$(vmstat_get nr_memmap_boot_pages 1)"
check "boot: node 1 nr_memmap_pages, the new head page" "$head" \
	"$(vmstat_get nr_memmap_pages 1)"
node0=$(meta_kb 0)
oracle_mark
echo 0 >$hp1g
oracle_step "the 1 GB boot page freed" 1
check "freed: node 1 nr_memmap_boot_pages unchanged" \
	$((sections * section_memmap_pages - boot_hvo)) \
	"$(vmstat_get nr_memmap_boot_pages 1)"
check "freed: node 1 nr_memmap_pages, 4095 restored" $((head + 4095)) \
	"$(vmstat_get nr_memmap_pages 1)"
check "freed: node 0 unchanged (kB)" "$node0" "$(meta_kb 0)"
kunit_module page_metadata_kunit kunit-after-free
