#@config x86_64 x86_64-debug
#@mem 2G
#@numa 1G,1G
#@timeout 300
# Memory failure in HugeTLB pages whose vmemmap is optimized (HVO), with
# Debian's page_ext setting: PAGE_EXTENSION built in, no user enabled
# (page_owner off), so page_ext takes nothing.  A free HugeTLB page and
# one mapped by a process are poisoned (hwpoison_inject's corrupt-pfn, as
# a machine check would report them): each is dissolved, which restores
# its vmemmap first, so node 1's PageMetadata comes back 28 kB per page;
# once the last pages are freed it is back at its baseline, no drift.
#
# Expected, from the layout: 1 GB per node is 8 sections of 512 memmap
# pages (16384 kB); HVO frees 7 of the 8 vmemmap pages of a 2 MB page.
# After each step the second oracle (guest/lib.sh oracle_step), its
# MemTotal part: MemTotal moves by the memblock pages HVO gives back
# (poisoning takes no page out of MemTotal) and nothing else.  Its
# page_owner part is skipped: page_owner is off here on purpose, as in
# Debian's kernels; KUnit checks every page, the scenarios with page_owner
# on check the same HVO paths.
nr1=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages
node1_start=0x40000000
node1_end=0x80000000

kunit_module page_metadata_kunit kunit-boot
doc hwpoison
tap "TAP version 13" "1..12"
check "boot, no page_ext user: PageMetadata of node 0 and 1 (kB)" \
	"16384 16384" "$(meta_kb 0) $(meta_kb 1)"
if ! modprobe hwpoison_inject; then
	check "hwpoison_inject loaded" ok failed
	exit 1
fi

echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
base1=$(meta_kb 1)
base0=$(meta_kb 0)
# the first 2 MB pages optimized in node 1's zone: 7.x's shared tail page
tail_kb=$((4 * $(hvo_tail_pages)))
oracle_mark
echo 4 >$nr1
oracle_step "HVO of 4 pages on node 1" 1
hugehold 1 1 >/tmp/holder.out 2>&1 &
holder=$!
wait_until "held 1" cat /tmp/holder.out
free_pfn=$(hugetlb_head_pfns $node1_start $node1_end free | head -1)
used_pfn=$(hugetlb_head_pfns $node1_start $node1_end mapped | head -1)
check "4 HugeTLB pages on node 1, one mapped" "4 1" \
	"$(cat $nr1) $(hugetlb_head_pfns $node1_start $node1_end mapped | wc -l)"
check "HVO of 4 pages: node 1 (kB)" $((base1 - 4 * 28 + tail_kb)) \
	"$(meta_kb 1)"

echo "$free_pfn" >/sys/kernel/debug/hwpoison/corrupt-pfn
oracle_step "free page poisoned" 1
check "free page poisoned: dissolved, 3 left" 3 "$(cat $nr1)"
check "free page poisoned: node 1, its vmemmap restored (kB)" \
	$((base1 - 3 * 28 + tail_kb)) "$(meta_kb 1)"
kunit_module page_metadata_kunit kunit-after-free-poisoned

doc hwpoison
# A tail page of the mapped one: unmapped, freed, dissolved
echo $((used_pfn + 5)) >/sys/kernel/debug/hwpoison/corrupt-pfn
oracle_step "mapped page poisoned" 1
check "mapped page poisoned: dissolved, 2 left" 2 "$(cat $nr1)"
check "mapped page poisoned: node 1, its vmemmap restored (kB)" \
	$((base1 - 2 * 28 + tail_kb)) "$(meta_kb 1)"
check "HardwareCorrupted: two 4 kB pages (kB)" 8 \
	"$(meminfo_kb HardwareCorrupted)"
kill "$holder"
wait "$holder" 2>/dev/null
kunit_module page_metadata_kunit kunit-after-mapped-poisoned

doc hwpoison
echo 0 >$nr1
oracle_step "the rest freed" 1
check "the rest freed: node 1 back at its baseline, the zone's tail page kept (kB)" \
	$((base1 + tail_kb)) "$(meta_kb 1)"
check "node 0 unchanged throughout (kB)" "$base0" "$(meta_kb 0)"
for item in nr_memmap_pages nr_memmap_boot_pages; do
	check "after poisoning: $item, global = sum over nodes" \
		"$(vmstat_get $item)" "$(vmstat_sum $item)"
done
kunit_module page_metadata_kunit kunit-after-free
