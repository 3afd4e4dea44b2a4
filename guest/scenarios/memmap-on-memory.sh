#@config x86_64 x86_64-debug
#@mem 2G,slots=4,maxmem=8G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=online_movable memory_hotplug.memmap_on_memory=1
#@timeout 300
# memmap_on_memory: the memmap of a hot-added memory block is carved from
# the block itself (an altmap).  It is memory spent on struct pages, so it
# counts in PageMetadata (not in the boot part); those pages are never
# online, so MemTotal grows by the block minus its memmap.
#
# A 128 MB DIMM, one memory block, one section: 512 pages of memmap from
# the block, a page_ext table (page_owner) from the buddy allocator:
# section_meta_kb (guest/lib.sh); MemTotal +131072 - 2048 kB.
# After each step the second oracle (guest/lib.sh oracle_step): node 1's
# nr_memmap_pages follows the page_ext table page_owner shows allocated
# and the block's own 512 pages (which page_owner cannot see), MemTotal
# the block less them.
kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc memmap-on-memory
tap "TAP version 13" "1..5"
base=$(meta_kb)
base1=$(meta_kb 1)
boot=$(vmstat_get nr_memmap_boot_pages)
mem=$(memtotal_kb)
host hotadd dimm1 1 128M && wait_memtotal $((mem + 131072 - 2048))
check "hot-add 128 MB, memmap on memory: PageMetadata change (kB)" \
	"$(section_meta_kb)" \
	$(($(meta_kb) - base))
check "hot-add 128 MB, memmap on memory: node 1 change (kB)" \
	"$(section_meta_kb)" \
	$(($(meta_kb 1) - base1))
check "hot-add 128 MB, memmap on memory: MemTotal change (kB)" \
	$((131072 - 2048)) $(($(memtotal_kb) - mem))
oracle_step "hot-add 128 MB, memmap on memory" 1 $((131072 - 2048)) \
	$section_memmap_pages
kunit_module page_metadata_kunit kunit-after-hotadd
doc memmap-on-memory
host hotremove dimm1
check "hot-remove: PageMetadata back to baseline (kB)" "$base" "$(meta_kb)"
check "hot-remove: boot part untouched (pages)" "$boot" \
	"$(vmstat_get nr_memmap_boot_pages)"
oracle_step "hot-remove" 1 $((2048 - 131072)) $((-section_memmap_pages))
kunit_module page_metadata_kunit kunit-after-hotremove
