#@config x86_64 x86_64-debug
#@mem 3G
#@numa 1G,2G
#@append page_owner=on memmap=192M!0x84000000
#@timeout 300
# Device-dax whose memmap lives on the device (an altmap, "ndctl
# create-namespace -m devdax --map=dev"), on a legacy pmem range that
# starts inside a boot section: [2112 MB, 2304 MB) on node 1, where
# section 16, [2048 MB, 2176 MB), holds 64 MB of RAM.
#
# Expected, from the layout: the subsections of section 16 keep the
# struct pages that boot populated for the whole section (nothing is
# allocated); section 17's memmap, 512 pages (2048 kB) of vmemmap, comes
# from the altmap, at the start of the device, inside section 16.  Those
# pages are nr_memmap_pages (the altmap's memmap is counted there), not
# memblock's nr_memmap_boot_pages, although they lie in a boot section
# and their struct pages, the device's, are reserved.  Device memory
# never goes online: no page_ext, MemTotal unchanged.  Unbinding returns
# to the baseline.  After each step the second oracle (guest/lib.sh
# oracle_step): page_owner sees no page allocated for the device's
# memmap, so node 1's nr_memmap_pages moves by the altmap's 512 pages
# alone (the layout's), MemTotal not at all.
altmap_pages=512

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc devdax-altmap
tap "TAP version 13" "1..9"
pmem_drivers
check "legacy pmem regions" region0 \
	"$(cd /sys/bus/nd/devices && echo region*)"
pages=$(vmstat_get nr_memmap_pages 1)
boot=$(vmstat_get nr_memmap_boot_pages 1)
mem=$(memtotal_kb)
nd=$(devdax_create region0 4096 pmem)
dax=/sys/bus/dax/devices/dax0.0
check "device-dax 192 MB, memmap on the device: bound to device_dax" \
	device_dax "$(basename "$(readlink "$dax/driver" 2>/dev/null)")"
check "NUMA node of the device" 1 "$(cat "$dax/numa_node" 2>/dev/null)"
check "node 1 nr_memmap_pages change (the altmap's vmemmap)" \
	"$altmap_pages" $(($(vmstat_get nr_memmap_pages 1) - pages))
check "node 1 nr_memmap_boot_pages change" 0 \
	$(($(vmstat_get nr_memmap_boot_pages 1) - boot))
check "MemTotal unchanged (kB)" "$mem" "$(memtotal_kb)"
oracle_step "device-dax 192 MB, memmap on the device" 1 0 $altmap_pages
kunit_module page_metadata_kunit kunit-after-create

doc devdax-altmap
echo "$nd" >/sys/bus/nd/drivers/dax_pmem/unbind
check "unbound: node 1 nr_memmap_pages back to baseline" "$pages" \
	"$(vmstat_get nr_memmap_pages 1)"
check "unbound: node 1 nr_memmap_boot_pages back to baseline" "$boot" \
	"$(vmstat_get nr_memmap_boot_pages 1)"
check "unbound: MemTotal unchanged (kB)" "$mem" "$(memtotal_kb)"
oracle_step "unbound" 1 0 $((-altmap_pages))
kunit_module page_metadata_kunit kunit-after-unbind
