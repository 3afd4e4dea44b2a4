#@config x86_64 x86_64-debug
#@mem 3G
#@numa 1G,2G
#@append page_owner=on memmap=256M!2G memmap=256M!2560M
#@timeout 300
# Device-dax on two legacy pmem ranges (e820 type 12, memmap=nn!ss), both
# inside node 1 ([1G, 3G)), each a 256 MB namespace, configured through
# sysfs as ndctl would do ("create-namespace -m devdax --map=mem"): the
# struct pages live in RAM, not on the device.
#
# Expected, from the layout: 256 MB is 65536 struct pages of 64 bytes,
# 1024 pages (4096 kB) of vmemmap when every page has its own struct page
# (align 4 KB).  With align 2 MB the device uses compound pages, and the
# vmemmap of each 2 MB compound page is one page for its head and first
# tails plus one shared page mapped for all the other tails: 2 pages
# instead of 8, 128 x 2 pages = 1024 kB.  Device memory never goes online:
# no page_ext, MemTotal unchanged.  Unbinding returns to the baseline.
# After each step the second oracle (guest/lib.sh oracle_step): node 1's
# nr_memmap_pages follows the vmemmap pages page_owner shows allocated
# (each page once, however many addresses map it).
full_kb=4096
compound_kb=1024

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc devdax
tap "TAP version 13" "1..11"
pmem_drivers
regions=$(cd /sys/bus/nd/devices && ls -d region* 2>/dev/null)
check "legacy pmem regions" "region0 region1" "$(echo $regions)"
base=$(meta_kb)
base1=$(meta_kb 1)
mem=$(memtotal_kb)

i=0
for spec in "region0 2097152 $compound_kb" "region1 4096 $full_kb"; do
	set -- $spec
	what="device-dax 256 MB, align $2"
	before=$(meta_kb)
	nd=$(devdax_create "$1" "$2")
	dax=/sys/bus/dax/devices/dax${1#region}.0
	check "$what: bound to device_dax" device_dax \
		"$(basename "$(readlink "$dax/driver" 2>/dev/null)")"
	check "$what: NUMA node of the device" 1 \
		"$(cat "$dax/numa_node" 2>/dev/null)"
	check "$what: PageMetadata change (kB)" "$3" $(($(meta_kb) - before))
	oracle_step "$what" 1
	eval "nd$i=$nd"
	i=$((i + 1))
done
check "both devices: node 1 change (kB)" $((compound_kb + full_kb)) \
	$(($(meta_kb 1) - base1))
check "both devices: MemTotal unchanged (kB)" "$mem" "$(memtotal_kb)"
kunit_module page_metadata_kunit kunit-after-create

doc devdax
for nd in "$nd0" "$nd1"; do
	echo "$nd" >/sys/bus/nd/drivers/dax_pmem/unbind
done
check "devices unbound: PageMetadata back to baseline (kB)" "$base" \
	"$(meta_kb)"
check "devices unbound: node 1 back to baseline (kB)" "$base1" "$(meta_kb 1)"
oracle_step "devices unbound" 1
kunit_module page_metadata_kunit kunit-after-unbind
