#@config x86_64 x86_64-debug
#@mem 3G
#@numa 1088M,1984M
#@append page_owner=on memmap=64M!1024M memmap=64M!1088M
#@timeout 300
# Device memory of two nodes in one section: the section at 1024 MB is two
# legacy pmem ranges of 64 MB (e820 type 12), the first on node 0, the
# second on node 1 (the node boundary is at 1088 MB), each configured as
# device-dax with its struct pages in RAM (as "ndctl create-namespace -m
# devdax --map=mem" does).  Each range's memmap is the node's of its
# memory, and comes out of that node when its device goes, whatever the
# other range of the section does.
#
# Expected, from the layout: 64 MB is 16384 struct pages of 64 bytes, 256
# vmemmap pages (1024 kB) with align 4 KB; with align 2 MB, 32 compound
# pages of 2 vmemmap pages each (the head's, and one shared by the other
# tails): 64 pages, 256 kB.  Device memory never goes online: no
# page_ext, MemTotal unchanged.  page_owner is on for the second oracle
# (guest/lib.sh oracle_step), after each step: the nr_memmap_pages of the
# node whose range was bound or unbound (of both, where one of each was)
# move by the vmemmap pages page_owner shows allocated or freed, the other
# node's not at all; MemTotal does not move.
kunit_module page_metadata_kunit kunit-boot
doc devdax-nodes
tap "TAP version 13" "1..10"
pmem_drivers
regions=$(cd /sys/bus/nd/devices && ls -d region* 2>/dev/null)
check "legacy pmem regions" "region0 region1" "$(echo $regions)"
base0=$(meta_kb 0)
base1=$(meta_kb 1)
oracle_mark

nd0=$(devdax_create region0 4096)
oracle_step "node 0 range bound, align 4 KB" 0
check "node 0 range, align 4 KB: NUMA node of the device" 0 \
	"$(cat /sys/bus/dax/devices/dax0.0/numa_node 2>/dev/null)"
nd1=$(devdax_create region1 2097152)
oracle_step "node 1 range bound, align 2 MB" 1
check "node 1 range, align 2 MB: NUMA node of the device" 1 \
	"$(cat /sys/bus/dax/devices/dax1.0/numa_node 2>/dev/null)"
check "both bound: node 0 change (kB)" 1024 $(($(meta_kb 0) - base0))
check "both bound: node 1 change (kB)" 256 $(($(meta_kb 1) - base1))
kunit_module page_metadata_kunit kunit-after-bind

doc devdax-nodes
echo "$nd0" >/sys/bus/nd/drivers/dax_pmem/unbind
oracle_step "node 0 range unbound" 0
check "node 0 range unbound: node 0 back (kB)" 0 $(($(meta_kb 0) - base0))
check "node 0 range unbound: node 1 unchanged (kB)" 256 \
	$(($(meta_kb 1) - base1))
kunit_module page_metadata_kunit kunit-after-unbind-node0

doc devdax-nodes
echo "$nd0" >/sys/bus/nd/drivers/dax_pmem/bind
echo "$nd1" >/sys/bus/nd/drivers/dax_pmem/unbind
oracle_step "node 0 range bound again, node 1 range unbound" "0 1"
check "node 0 range bound again, node 1 range unbound: node 0 (kB)" 1024 \
	$(($(meta_kb 0) - base0))
check "node 0 range bound again, node 1 range unbound: node 1 (kB)" 0 \
	$(($(meta_kb 1) - base1))
echo "$nd0" >/sys/bus/nd/drivers/dax_pmem/unbind
oracle_step "both unbound" 0
check "both unbound: back to the baseline (kB)" "$base0 $base1" \
	"$(meta_kb 0) $(meta_kb 1)"
kunit_module page_metadata_kunit kunit-after-unbind
