#@config x86_64 x86_64-debug
#@mem 2G,slots=2,maxmem=4G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=offline
#@timeout 300
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn arch/x86/mm/init_64.c:[0-9]+ 
# Allocation failures injected (fail_page_alloc, limited to this shell
# with task-filter and make-it-fail) into HugeTLB vmemmap restore, into
# memory hot-add and into onlining: whatever fails, the counters must
# stay exactly where they were, and the ground truth must still hold.  The second oracle
# (guest/lib.sh oracle_step) after the HVO part, after the hot-add
# sweep and after each step of the online part: nothing page_owner shows
# allocated for metadata is left that the counters dropped, nor the
# reverse (on 6.12 page_owner's own allocations never fail:
# fail_page_alloc_setup).
nr1=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages
fail_page_alloc_setup

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc failures
tap "TAP version 13" "1..16"

# HVO restore: freeing optimized HugeTLB pages must allocate their vmemmap
# again; when that fails, the pages stay in the pool and nothing changes.
# The first 2 MB pages optimized in node 1's zone: 7.x allocates the zone's
# shared tail page with them, and keeps it (hvo_tail_pages).
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
base=$(meta_kb)
tail_kb=$((4 * $(hvo_tail_pages)))
echo 4 >$nr1
optimized=$(meta_kb)
check "HVO: 4 pages optimized, the first in their zone (kB)" \
	$((base - 4 * 28 + tail_kb)) "$optimized"
inject 0 1000 0 $nr1
check "HVO restore failing: allocations were failed" yes \
	"$([ "$(cat $FAIL_PAGE_ALLOC/times)" -lt 1000 ] && echo yes || echo no)"
check "HVO restore failing: pages kept" 4 "$(cat $nr1)"
check "HVO restore failing: PageMetadata unchanged (kB)" "$optimized" "$(meta_kb)"
# The pages that could not be freed are surplus pages now: make them
# persistent again, then free them for real.
echo 4 >$nr1
echo 0 >$nr1
check "HVO restore: back to the baseline, the zone's tail page kept (kB)" \
	$((base + tail_kb)) "$(meta_kb)"
oracle_step "HVO, its restore failing, then done" 1
kunit_module page_metadata_kunit kunit-after-hvo-failure
doc failures

# Hot-add through the probe interface, which runs in this shell, so only
# its allocations fail: every one once SPACE pages were allocated, for
# SPACE from 0 up until the add succeeds.  The first to fail are the page
# tables of the direct map (one per 2 MB on the debug kernel, whose
# debug_pagealloc maps it with 4 KB pages), then the vmemmap PMD (512
# pages at once), then the base pages x86 falls back to, at many points.
# A 128 MB section at 16 GB, where the guest has no RAM and no page
# tables: never onlined (memhp_default_state), never used.
# page_ext on online: a 128 MB DIMM on node 1, added offline (memory
# block 32, at 4 GB), onlined from a shell whose allocations fail once
# SPACE pages were allocated, for SPACE from 0 up until the online
# succeeds: page_ext's table for the section first (its order-9 (6.1) or
# order-10 (6.12) block fails, then vmalloc's fallback at every point of
# its pages), then, once more from just past the size of that block
# (the table allocated at once), what else onlining allocates.  After
# every failed attempt: the block offline and PageMetadata unchanged (a table
# allocated before the failure freed again, MEM_CANCEL_ONLINE too); then
# node 1 + one section's page_ext, back on offlining, and the memmap gone
# with the DIMM; the second oracle after each of these steps.
# A failed attempt must also take back the part of the direct map it
# built (x86 counts it in DirectMap4k/2M/1G).  Where the kernel has
# symbols, fault injection dumps the stack of every failure it forces,
# to show that some hit the direct map's page tables: allocated by
# alloc_low_pages() for phys_p?d_init(), which the stack names (the
# debug kernel), or by its tail call to __get_free_pages(), where the
# stack names the phys_p?d_init() that asked (the main kernel).
probe=/sys/devices/system/memory/probe
addr=0x400000000
base=$(meta_kb)
map=$(direct_map)
bad=
badmap=
space=0
tries=0
syms=
if grep -q ' alloc_low_pages$' /proc/kallsyms 2>/dev/null; then
	syms=y
	echo 2 >$FAIL_PAGE_ALLOC/verbose
	echo 100000 >$FAIL_PAGE_ALLOC/verbose_ratelimit_burst
fi
while [ $space -le 4096 ]; do
	inject $space -1 $addr $probe && break
	tries=$((tries + 1))
	now=$(meta_kb)
	[ "$now" = "$base" ] || bad="$bad space=$space:$now"
	now=$(direct_map)
	[ "$now" = "$map" ] || badmap="$badmap space=$space: $now"
	space=$(next_space $space 0)
done
echo 0 >$FAIL_PAGE_ALLOC/verbose
dmesg >/tmp/dmesg
check "hot-add failing at every allocation: PageMetadata unchanged (kB)" \
	"" "$bad"
check "hot-add failing at every allocation: direct map unchanged ($map)" \
	"" "$badmap"
check "hot-add finally succeeded: +512 pages of memmap, offline (kB)" \
	$((base + 2048)) "$(meta_kb)"
oracle_step "hot-add failing at every allocation, then succeeding" "0 1"
kunit_module page_metadata_kunit kunit-after-hotadd-failures
doc failures
if [ -n "$syms" ]; then
	check "hot-add: $tries attempts failed, some in the direct map" yes \
		"$(grep -A40 'FAULT_INJECTION: forcing a failure' /tmp/dmesg |
		   grep -qE ' (alloc_low_pages|phys_p[4um]d_init)\+' &&
		   echo yes || echo no)"
else
	skip "hot-add: $tries attempts failed, some in the direct map" \
		"no kallsyms to name where the failures were"
fi
check "hot-add: $tries attempts failed, one in populating the vmemmap" yes \
	"$([ $tries -gt 0 ] && grep -q 'vmemmap alloc failure' /tmp/dmesg &&
	   echo yes || echo no)"

# page_ext on online (the header): memory block 32, at 4 GB
doc failures
blk=$MEMORY/memory32
block_state() {
	cat $blk/state 2>/dev/null || echo absent
}
oracle_mark
before=$(meta_kb)
host hotadd dimm1 1 128M >/dev/null && wait_until offline block_state
base=$(meta_kb)
check "DIMM added offline: + one section's memmap (kB)" \
	"offline $((before + 2048))" "$(block_state) $base"
oracle_step "DIMM added offline" 1
# online_sweep FROM: online the block, failing once SPACE pages were
# allocated, for SPACE from FROM up until it succeeds
online_sweep() {
	space=$1
	while [ $space -le $(($1 + 2048)) ]; do
		inject $space -1 online $blk/state && return 0
		tries=$((tries + 1))
		now="$(block_state) $(meta_kb)"
		[ "$now" = "offline $base" ] || bad="$bad space=$space:$now"
		space=$(next_space $space $1)
	done
	return 1
}
bad=
tries=0
dmesg -c >/dev/null
[ -z "$syms" ] || echo 2 >$FAIL_PAGE_ALLOC/verbose
# from 0: the table's block fails (below its size), then vmalloc's
# fallback, whose bulk allocations count one each
online_sweep 0
offline_block 32
[ "$(block_state) $(meta_kb)" = "offline $base" ] ||
	bad="$bad offlined:$(block_state) $(meta_kb)"
# from just past the block (order 9 on 6.1, 10 on 6.12): the table
# allocated at once, then each later allocation failing
order_pages=1
while [ $order_pages -lt $(section_page_ext_pages) ]; do
	order_pages=$((order_pages * 2))
done
online_sweep $((order_pages + 1))
echo 0 >$FAIL_PAGE_ALLOC/verbose
dmesg >/tmp/dmesg
check "online failing at every allocation: offline, PageMetadata unchanged (kB)" \
	"" "$bad"
check "online finally succeeded: + one section's page_ext (kB)" \
	"online $((base + $(section_page_ext_pages) * 4))" \
	"$(block_state) $(meta_kb)"
oracle_step "online failing at every allocation, then succeeding" 1 131072
if [ -n "$syms" ]; then
	check "online: $tries attempts failed, some in page_ext's table" yes \
		"$(grep -A40 'FAULT_INJECTION: forcing a failure' /tmp/dmesg |
		   grep -qE ' (alloc_page_ext|init_section_page_ext)\+' &&
		   echo yes || echo no)"
else
	skip "online: $tries attempts failed, some in page_ext's table" \
		"no kallsyms to name where the failures were"
fi
offline_block 32
check "offlined: page_ext freed (kB)" "offline $base" \
	"$(block_state) $(meta_kb)"
oracle_step "offlined" 1 -131072
host hotremove dimm1 >/dev/null && wait_until absent block_state
check "DIMM removed: its memmap freed (kB)" "absent $before" \
	"$(block_state) $(meta_kb)"
oracle_step "DIMM removed" 1
kunit_module page_metadata_kunit kunit-after-online-failures
