#@config x86_64 x86_64-debug
#@mem 2G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=offline debug_pagealloc=off
#@timeout 300
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn at arch/x86/mm/init_64.c:[0-9]+ 
# Allocation failures injected (fail_page_alloc, limited to this shell
# with task-filter and make-it-fail) into HugeTLB vmemmap restore and into
# memory hot-add: whatever fails, the counters must stay exactly where
# they were, and the ground truth must still hold.
nr1=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages

fail_page_alloc_setup

kunit_module page_metadata_kunit kunit-boot
doc failures
tap "TAP version 13" "1..9"

# HVO restore: freeing optimized HugeTLB pages must allocate their vmemmap
# again; when that fails, the pages stay in the pool and nothing changes.
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
base=$(meta_kb)
echo 4 >$nr1
optimized=$(meta_kb)
check "HVO: 4 pages optimized (kB)" $((base - 4 * 28)) "$optimized"
inject 0 1000 0 $nr1
check "HVO restore failing: allocations were failed" yes \
	"$([ "$(cat $FAIL_PAGE_ALLOC/times)" -lt 1000 ] && echo yes || echo no)"
check "HVO restore failing: pages kept" 4 "$(cat $nr1)"
check "HVO restore failing: PageMetadata unchanged (kB)" "$optimized" "$(meta_kb)"
# The pages that could not be freed are surplus pages now: make them
# persistent again, then free them for real.
echo 4 >$nr1
echo 0 >$nr1
check "HVO restore: back to the baseline (kB)" "$base" "$(meta_kb)"
kunit_module page_metadata_kunit kunit-after-hvo-failure
doc failures

# Hot-add through the probe interface, which runs in this shell, so only
# its allocations fail: every one once SPACE pages were allocated, for
# SPACE from 0 up until the add succeeds.  That fails the vmemmap PMD (512
# pages at once), then the base pages x86 falls back to, at many points.  The new memory stays
# offline (memhp_default_state).
# 128 MB sections at 16 GB, where the guest has no RAM: never onlined, never
# used.  The first one is added without failures: it also creates the
# direct-map and vmemmap page tables that its neighbour will use, because
# x86 does not handle a failed direct-map page table allocation on hot-add
# (init_memory_mapping() oopses), which is not what this test is about.
# For the same reason debug_pagealloc is off on the debug kernel: it maps
# the direct map with 4 KB pages, so every new section needs page tables
# of its own there, allocated before its memmap.
probe=/sys/devices/system/memory/probe
base=$(meta_kb)
echo 0x400000000 >$probe
check "hot-add without failures: +512 pages of memmap, offline (kB)" \
	$((base + 2048)) "$(meta_kb)"
addr=0x408000000
base=$(meta_kb)
bad=
space=0
tries=0
while [ $space -le 4096 ]; do
	inject $space -1 $addr $probe && break
	tries=$((tries + 1))
	now=$(meta_kb)
	[ "$now" = "$base" ] || bad="$bad space=$space:$now"
	# fail_page_alloc counts pages: fail each of the first few, then cut
	# the 512 base pages of the vmemmap fallback at varying points
	if [ $space -lt 16 ]; then
		space=$((space + 1))
	else
		space=$((space + 37))
	fi
done
dmesg >/tmp/dmesg
check "hot-add failing at every allocation: PageMetadata unchanged (kB)" \
	"" "$bad"
check "hot-add finally succeeded: +512 pages of memmap, offline (kB)" \
	$((base + 2048)) "$(meta_kb)"
kunit_module page_metadata_kunit kunit-after-hotadd-failures
doc failures
check "hot-add: $tries attempts failed, one in populating the vmemmap" yes \
	"$([ $tries -gt 0 ] && grep -q 'vmemmap alloc failure' /tmp/dmesg &&
	   echo yes || echo no)"
