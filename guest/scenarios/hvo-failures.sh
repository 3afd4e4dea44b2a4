#@config x86_64
#@mem 4G
#@numa 1G,3G
#@append nokaslr
#@timeout 500
#@allow alloc-failure-report
# Allocation failures injected into HugeTLB vmemmap optimization (HVO) of
# 1 GB and 2 MB pages allocated at run time on node 1: the write to
# nr_hugepages allocates the page and optimizes its vmemmap in the
# writing task.  HVO first splits the PMDs of the page's vmemmap (eight
# for 1 GB, one for 2 MB), then allocates the new head vmemmap page
# (6.12), then remaps the vmemmap, splitting the PMDs the first step could
# not; when that fails, 6.12 retries once (hvo_retries; 6.1 splits the
# PMDs in the walk only, and does not retry).  inject_twice N fails the Nth
# page allocation of the write and the second one after it.
#
# The remap walk fails part-way, and has to put back the part of the
# vmemmap it already remapped, only where a PMD is still unsplit when it
# gets there: on the first HVO of a 1 GB range (PMDs stay split
# afterwards).  So each 1 GB range of node 1 that an allocation with HVO
# off could clear of other pages (one on this layout, 2 at most) is
# optimized once with failures placed on purpose: N = K + 1 fails the
# pre-split at PMD K (K = 1, then 7), lets the head page be allocated,
# and fails the split of PMD K
# again in the walk, after K x 512 PTEs were remapped (pristine 6.12.118
# warns in vmemmap_restore_pte() and leaks the head copy; the 6.12 series
# before v5 turned the head into a tail).  No page_owner: its stack depot
# could allocate in the same task and move the count.  Then N sweeps
# 1..4 (1 GB, PMDs split: the head page, the retry; 2 MB: the pre-split,
# the head page, the walk's split, the retry), as far as the write
# allocates: an N past its allocations injects nothing, and each check
# names in how many attempts the Nth failure was injected (the writer's
# fail-nth read back; 2026-12-07: 6.12 1 of 4 for both sizes, the head
# page, the PMDs being split already; 6.1 4 of 4 for 1 GB, 1 for 2 MB).
#
# Expected after each attempt: the page allocated and optimized (node 1
# -4095 vmemmap pages each) or, in the sweeps, possibly not allocated;
# one HugeTLB head per page (/proc/kpageflags: a corrupted head reads as
# a tail); no console report; after freeing, node 1's PageMetadata back
# at its baseline and node 0's unchanged.  KUnit ground truth with the
# pages allocated and after the sweeps.  Where the kernel has symbols
# (the debug kernel), fault injection's stack dumps show that the walk
# failed inside vmemmap_remap_free() (on 7.x, inlined, its walk's
# vmemmap_pmd_entry() under __hugetlb_vmemmap_optimize_folio()).
#
# nokaslr: of node 1's 1 GB ranges, [2G, 3G) holds the firmware's ACPI
# tables and [4G, 5G) the node's memmap, and a randomized kernel image
# in [1G, 2G) left no range at all in one boot out of a few.
#
# Not on the debug kernel: with KASAN's shadow allocated at boot, node 1
# of this layout has no free 1 GB range (no runtime 1 GB page at all),
# and one on a larger node takes over a minute to allocate under TCG.
# The plain test kernel has CONFIG_DEBUG_VM: the VM_WARN_ON()s of the
# walks and of the folio checks report here too.
# After the 1 GB part, each sweep and the last page, the second oracle
# (guest/lib.sh oracle_step), its MemTotal part: MemTotal moves by the
# memblock pages HVO gave back, failed attempts included (a walk that
# failed puts back what it took, and frees nothing of boot memory).  Its
# page_owner part is skipped: page_owner is off, see above.
node=/sys/devices/system/node/node1
hp1g=$node/hugepages/hugepages-1048576kB/nr_hugepages
hp2m=$node/hugepages/hugepages-2048kB/nr_hugepages
hvo=/proc/sys/vm/hugetlb_optimize_vmemmap
# node 1: [1G, 3G) and [4G, 5G).  heads: the HugeTLB heads of node 1 at
# 2 MB boundaries; heads_1g: at 1 GB boundaries, where 1 GB pages start
# (a read of /proc/kpageflags for each, instead of the whole node's)
heads() {
	hugetlb_heads $((1 << 30)) $((5 << 30))
}
heads_1g() {
	local n a
	n=0
	for a in 1 2 4; do
		[ "$(hugetlb_heads $((a << 30)) $(((a << 30) + (2 << 20))))" = 1 ] &&
			n=$((n + 1))
	done
	echo $n
}

fail_page_alloc_setup
kunit_module page_metadata_kunit kunit-boot
doc hvo-failures
tap "TAP version 13" "1..12"
syms=
# 7.x inlines vmemmap_remap_free() into __hugetlb_vmemmap_optimize_folio():
# a split in its walk is vmemmap_pmd_entry() called from there
if grep -q ' vmemmap_remap_free$\| __hugetlb_vmemmap_optimize_folio$' /proc/kallsyms 2>/dev/null; then
	syms=y
	echo 2 >$FAIL_PAGE_ALLOC/verbose
	echo 100000 >$FAIL_PAGE_ALLOC/verbose_ratelimit_burst
fi

# Two 1 GB ranges cleared, their vmemmap still mapped by PMDs.  Taking
# a 1 GB range migrates the pages in it, which can fail for a moment (a
# page in a per-CPU list, under migration): try again, as an operator
# would, after dropping the page cache and compacting.
echo 0 >$hvo
tries=0
until [ "$(cat $hp1g)" -ge 1 ] || [ $tries -ge 5 ]; do
	echo 3 >/proc/sys/vm/drop_caches
	echo 1 >/proc/sys/vm/compact_memory
	echo 2 >$hp1g
	tries=$((tries + 1))
done
[ "$(cat $hp1g)" = 2 ] || echo 2 >$hp1g
ranges=$(cat $hp1g)
check "1 GB ranges of node 1 cleared with HVO off (1 or 2)" yes \
	"$([ "$ranges" -ge 1 ] && echo yes || echo no)"
# Every process this part starts runs while the ranges are held, so that
# none of its pages is in a range when the injected write takes it (the
# write would migrate them, and count their new pages as its own): the
# baselines (the pages held with HVO off change no metadata) and the
# writers, which wait.
base0=$(meta_kb 0)
base1=$(meta_kb 1)
oracle_mark
dmesg -c >/dev/null
n=0
# 7.x allocates the zone's shared tail page for 1 GB pages (hvo_tail_pages)
# between the pre-split and the head page of the first page it optimizes:
# one allocation more before the walk there
tail=$(hvo_tail_pages)
for k in 1 7; do
	[ $n -lt "$ranges" ] || break
	n=$((n + 1))
	inject_twice_start $n $((k + 1)) $((n == 1 ? 2 + tail : 2)) $n $hp1g
done
echo 0 >$hp1g
echo 1 >$hvo
k=0
while [ $k -lt $n ]; do
	k=$((k + 1))
	inject_twice_go $k
done
check "1 GB pages, a PMD split failing in the pre-split and in the walk: $n allocated, of $ranges ranges" \
	"$n" "$(cat $hp1g)"
check "1 GB pages: one HugeTLB head each" "$n" "$(heads_1g)"
# 7.x: the first 1 GB page optimized in node 1's zone allocates the zone's
# shared tail page for 1 GB pages, and it stays (hvo_tail_pages); a 2 MB
# page's below (the sweep optimizes one first, without failures)
tail_kb=$((4 * $(hvo_tail_pages)))
if [ "$(hvo_retries)" = 1 ]; then
	check "1 GB pages: optimized after the retry, node 1 -4095 pages each, the zone's tail page more (kB)" \
		$((base1 - n * 4095 * 4 + tail_kb)) "$(meta_kb 1)"
	base1=$((base1 + tail_kb))
else
	check "1 GB pages: not optimized (no retry), node 1 unchanged (kB)" \
		"$base1" "$(meta_kb 1)"
fi
# the log before the KUnit suite's load clears it (kunit_module)
dmesg >/tmp/dmesg-rollback
kunit_module page_metadata_kunit kunit-after-rollback
doc hvo-failures
echo 0 >$hp1g
check "1 GB pages freed: node 1 at its baseline, the zone's tail page kept (kB)" \
	"$base1" "$(meta_kb 1)"
oracle_step "1 GB pages optimized with failures, freed" 1
if [ -n "$syms" ]; then
	check "1 GB pages: a PMD split failed inside the remap walk" yes \
		"$(awk '/FAULT_INJECTION: forcing a failure/ { if (free || (pmd && opt)) y = 1; f++; n = 40; free = 0; pmd = 0; opt = 0; next }
			n > 0 { n--; if (/ vmemmap_remap_free[+]/) free = 1; if (/ vmemmap_pmd_entry[+]/) pmd = 1; if (/ __hugetlb_vmemmap_optimize_folio[+]/) opt = 1 }
			END { if (free || (pmd && opt)) y = 1; if (y) print "yes"; else print "no: " f + 0 " failures logged" }' /tmp/dmesg-rollback)"
else
	skip "1 GB pages: a PMD split failed inside the remap walk" \
		"no kallsyms to name where the failures were"
fi

n=$(hvo_alloc_sweep $hp1g 4 heads_1g)
oracle_step "1 GB page, failures swept" 1
check "1 GB page, a failure at each allocation and the second after it ($n of 4 allocated, the Nth failure injected in $(cat /tmp/sweep-injected)): intact, baseline after freeing" \
	"" "$(cat /tmp/sweep-bad)"
n=$(hvo_alloc_sweep $hp2m 4 heads)
oracle_step "2 MB page, failures swept" 1
check "2 MB page, the same ($n of 4 allocated, the Nth failure injected in $(cat /tmp/sweep-injected)): intact, baseline after freeing" \
	"" "$(cat /tmp/sweep-bad)"
base1=$((base1 + tail_kb))
echo 0 >$FAIL_PAGE_ALLOC/verbose
check "node 1 at its baseline, the zones' tail pages kept (kB)" "$base1" \
	"$(meta_kb 1)"
check "node 0 at its baseline (kB)" "$base0" "$(meta_kb 0)"
# a last optimization without failures: the vmemmap is still usable
echo 1 >$hp1g
check "1 GB page without failures: one head" 1 "$(heads_1g)"
echo 0 >$hp1g
check "freed: node 1 at its baseline (kB)" "$base1" "$(meta_kb 1)"
oracle_step "1 GB page without failures, freed" 1
kunit_module page_metadata_kunit kunit-after-sweeps
