#@config x86_64 x86_64-debug
#@mem 2G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=offline
#@timeout 300
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn at arch/x86/mm/init_64.c:[0-9]+ 
# Allocation failures injected (fail_page_alloc, limited to this shell
# with task-filter and make-it-fail) into HugeTLB vmemmap restore and into
# memory hot-add: whatever fails, the counters must stay exactly where
# they were, and the ground truth must still hold.  The second oracle
# (guest/lib.sh oracle_step) after the HVO part and after the hot-add
# sweep: nothing page_owner shows allocated for metadata is left that
# the counters dropped, nor the reverse.
nr1=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages

fail_page_alloc_setup

kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc failures
tap "TAP version 13" "1..10"

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
	# fail_page_alloc counts pages: fail each of the first few, then cut
	# the 512 base pages of the vmemmap fallback at varying points
	if [ $space -lt 16 ]; then
		space=$((space + 1))
	else
		space=$((space + 37))
	fi
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
