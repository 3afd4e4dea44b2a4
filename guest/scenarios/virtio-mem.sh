#@config x86_64 x86_64-debug
#@mem 2G,maxmem=4G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=online_movable
#@timeout 300
# q35: its _PRT (PCI interrupt routing) is a static table; i440fx's is an
# AML loop over 128 slots that, on the debug kernel under TCG, runs past
# ACPICA's 30 s loop timeout and leaves the device without an interrupt
# (the host's requests never seen).  2 GB of RAM is below 4 GB on both.
#@qemu -M q35 -object memory-backend-ram,id=mem-vmem1,size=1G -device virtio-mem-pci,id=vmem1,memdev=mem-vmem1,node=1,requested-size=0
# virtio-mem, the hot-add path of cloud VMs: a device of up to 1 GB on
# node 1, grown and shrunk from the host (QMP qom-set requested-size).  The
# driver (a module, as in Debian) adds 128 MB memory blocks and plugs 2 MB
# blocks into them: a memory block partly plugged has the memmap and, once
# online, the page_ext of its whole section.  Shrinking unplugs 2 MB blocks
# (the memory block and its metadata stay) and whole movable memory blocks
# (their metadata goes); every change is node 1's, and the baseline comes
# back.
#
# Expected, from the layout: a 128 MB section has 512 memmap pages and,
# with page_owner, a page_ext table: section_meta_kb (guest/lib.sh) per
# block.
# After every step the second oracle (guest/lib.sh oracle_step): node 1's
# nr_memmap_pages follows what page_owner shows allocated for metadata,
# MemTotal the memory plugged.
block_kb=$(section_meta_kb)

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc virtio-mem
tap "TAP version 13" "1..15"
base=$(meta_kb)
base0=$(meta_kb 0)
base1=$(meta_kb 1)
mem=$(memtotal_kb)
if modprobe virtio_mem; then
	check "virtio_mem loaded, nothing plugged: PageMetadata unchanged (kB)" \
		"$base" "$(meta_kb)"
else
	check "virtio_mem loaded" ok failed
fi
oracle_step "virtio_mem loaded, nothing plugged" 1

# resize SIZE BLOCKS KB: ask the host for SIZE MB, and wait until MemTotal
# has it, the device has BLOCKS memory blocks (the driver removes a block
# after MemTotal dropped: offlining comes first) and node 1's PageMetadata
# is KB above its baseline, all three at once and settled (wait_settled):
# removing a block takes its memory block device away before
# arch_remove_memory() frees its memmap, so the block count is right a
# moment before the metadata is.  A wait that runs out leaves the values
# as they are, for the checks below to report.
blocks=$(memory_blocks)
node1_change() {
	echo $(($(meta_kb 1) - base1))
}
resize_state() {
	echo "MemTotal $(memtotal_kb), blocks $(memory_blocks), node 1 $(node1_change)"
}
resize() {
	host resize vmem1 "$1M" >/dev/null &&
		wait_settled "MemTotal $((mem + $1 * 1024)), blocks $((blocks + $2)), node 1 $3" \
			resize_state
}
resize 64 1 $block_kb
check "64 MB plugged: MemTotal (kB)" $((mem + 65536)) "$(memtotal_kb)"
check "64 MB plugged, one memory block: node 1 change (kB)" $block_kb \
	$(node1_change)
oracle_step "64 MB plugged" 1 65536
kunit_module page_metadata_kunit kunit-after-64M

doc virtio-mem
resize 512 4 $((4 * block_kb))
check "512 MB plugged: MemTotal (kB)" $((mem + 524288)) "$(memtotal_kb)"
check "512 MB plugged, 4 memory blocks: node 1 change (kB)" \
	$((4 * block_kb)) $(node1_change)
check "512 MB plugged: node 0 unchanged (kB)" "$base0" "$(meta_kb 0)"
oracle_step "512 MB plugged" 1 $((448 * 1024))
kunit_module page_metadata_kunit kunit-after-512M

doc virtio-mem
# 64 MB of the last block unplugged (fake-offline 2 MB blocks): the block
# stays, and so does its metadata
resize 448 4 $((4 * block_kb))
check "shrunk to 448 MB: MemTotal (kB)" $((mem + 458752)) "$(memtotal_kb)"
check "shrunk to 448 MB, 4 memory blocks, one partly plugged: node 1 (kB)" \
	$((4 * block_kb)) $(node1_change)
oracle_step "shrunk to 448 MB" 1 -65536
kunit_module page_metadata_kunit kunit-after-448M

doc virtio-mem
resize 256 2 $((2 * block_kb))
check "shrunk to 256 MB: MemTotal (kB)" $((mem + 262144)) "$(memtotal_kb)"
check "shrunk to 256 MB, 2 memory blocks: node 1 change (kB)" \
	$((2 * block_kb)) $(node1_change)
oracle_step "shrunk to 256 MB" 1 $((-192 * 1024))
kunit_module page_metadata_kunit kunit-after-256M

doc virtio-mem
resize 0 0 0
check "shrunk to 0: MemTotal back (kB)" "$mem" "$(memtotal_kb)"
check "shrunk to 0: node 1 back (kB)" "$base1" "$(meta_kb 1)"
check "shrunk to 0: node 0 unchanged (kB)" "$base0" "$(meta_kb 0)"
oracle_step "shrunk to 0" 1 -262144
for item in nr_memmap_pages nr_memmap_boot_pages; do
	check "shrunk to 0: $item, global = sum over nodes" \
		"$(vmstat_get $item)" "$(vmstat_sum $item)"
done
kunit_module page_metadata_kunit kunit-after-0
