#@config x86_64-debug x86_64
#@mem 7G
#@numa 1G,5632M,512M
#@append nokaslr page_owner=on early_page_ext hugetlb_free_vmemmap=on hugepagesz=1G hugepages=1:1
#@timeout 600
#@allow alloc-failure-report
# Allocation failures swept through HugeTLB vmemmap optimization (HVO) and
# its restore, on the debug kernel too (hvo-failures optimizes runtime
# 1 GB pages, which KASAN's shadow leaves no room for there), with
# page_owner on: after every part both oracles (guest/lib.sh oracle_step).
#
# Layout: node 0 [0, 1G), node 1 [1G, 3G) and [4G, 7.5G) with a 1 GB
# page allocated and optimized at boot (memblock, on the command line),
# node 2 [7.5G, 8G), small, so that its HugeTLB heads are read in one
# pass of /proc/kpageflags.  early_page_ext: page_owner starts before
# the boot page's HVO allocates its new head page, so the oracle sees it.
#
# 1. 2 MB, optimize (node 2): hvo_alloc_sweep, the Nth page allocation
#    of the write and the second after it failing, N = 1..6: each folio
#    intact, every node's PageMetadata back once it is freed.  The write
#    makes few allocations fail_page_alloc counts (the HugeTLB page
#    itself is __GFP_HIGHMEM, which it ignores; the vmemmap PMD is split
#    only once): N beyond them injects nothing, and the writer's fail-nth,
#    read back, says in how many attempts the Nth failure was injected
#    (6.12: 1 of 6, the new head page), which must be at least one where
#    HVO allocates (6.12 always; 6.1 only to split the vmemmap PMD of the
#    page, which an earlier page may have split already: 1 of 6 or none
#    from one run to the next on 6.1's debug kernel, a skip when none).
# 2. 2 MB, restore (node 2): two optimized pages freed with the Nth
#    allocation of the write failing and the third after it, N = 1..16
#    (7 vmemmap pages each, 14 in all: the last two inject nothing).  A
#    page whose restore fails stays in the pool as a surplus page, still
#    optimized: 6.12 retries a page that failed in the batch once alone
#    (N = 1..7: the first page kept, the second freed; 8..14: both
#    freed), 6.1 does not (1..7: both kept; 8..14: the second).  Checked
#    as it falls out, whichever kernel: the pages left are surplus, each
#    one HugeTLB head, node 2 exactly 28 kB lower per page left, the
#    other nodes unchanged.
# 3. 1 GB, restore of the boot page (node 1): freed with the Nth
#    allocation of the write and every one after it failing, N = 1, 2,
#    2048, 4095 (of its 4095 vmemmap pages; the points can move by a slab
#    refill or two the write makes first, and a failure there fails the
#    write before it frees anything): each time the page kept (a surplus
#    page where the restore failed), one head, every node unchanged; the
#    restore failing at least once (surplus pages come only from a failed
#    restore) and the Nth failure read back as injected at least once (on
#    6.12's debug kernel one attempt in one run of three read back "not
#    injected" with the page kept and no surplus page: not explained yet);
#    then freed without failures:
#    node 1 +4095 pages (from the page allocator), MemTotal unchanged (no
#    memblock page given back).
# fail-nth counts the write's allocations; on 6.12 not page_owner's own,
# which fail_page_alloc_setup's stack filter leaves out, on 6.1 (no
# filter in its configs) those too: the points move, the checks do not
# depend on them.
#
# Not swept: the boot-time optimization itself.  fail_page_alloc= on the
# command line sets only interval, probability, space and times, and its
# defaults (min-order 1, ignore-gfp-wait) skip HVO's order-0 GFP_KERNEL
# allocations; task-filter and fail-nth need a task, debugfs, both after
# hugetlb_init() (mm/fail_page_alloc.c, lib/fault-inject.c).  The boot
# page's runtime paths are swept here instead, and runtime 1 GB
# optimization in hvo-failures (main kernel) and the fuzz (debug).
node1=/sys/devices/system/node/node1
node2=/sys/devices/system/node/node2
hp1g=$node1/hugepages/hugepages-1048576kB/nr_hugepages
surplus1g=$node1/hugepages/hugepages-1048576kB/surplus_hugepages
hp2m=$node2/hugepages/hugepages-2048kB/nr_hugepages
surplus2m=$node2/hugepages/hugepages-2048kB/surplus_hugepages
# node2_heads: the HugeTLB heads of node 2's [7.5G, 8G)
node2_heads() {
	hugetlb_heads $((7680 << 20)) $((8 << 30))
}
# gb_heads: the HugeTLB heads at the start of the boot page ("none" if
# there was none at boot)
gb_heads() {
	if [ -n "$gb" ]; then
		hugetlb_heads "$gb" $((gb + (2 << 20)))
	else
		echo none
	fi
}

fail_page_alloc_setup
kunit_module page_metadata_kunit kunit-boot
oracle_mark
doc hvo-sweeps
tap "TAP version 13" "1..11"
start0=$(meta_kb 0)

# The boot page: at a 1 GB boundary of node 1
gb=
for a in 1 2 4 5 6; do
	if [ "$(hugetlb_heads $((a << 30)) $(((a << 30) + (2 << 20))))" = 1 ]; then
		gb=$((a << 30))
		break
	fi
done
check "boot: one 1 GB page on node 1, its head found in node 1's memory" \
	"1 yes" "$(cat $hp1g) $([ -n "$gb" ] && echo yes || echo no)"

# 1. 2 MB, optimize
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
n=$(hvo_alloc_sweep $hp2m 6 node2_heads)
check "2 MB, optimize: a failure at allocation N = 1..6 and the second after it ($n of 6 allocated): intact, every node back after freeing" \
	"" "$(cat /tmp/sweep-bad)"
# 6.12 allocates a new head page for every 2 MB page it optimizes; 6.1
# keeps the head and allocates only to split the page's vmemmap PMD,
# which an earlier page may have split already: then nothing can fail
if [ "$(cat /tmp/sweep-injected)" = 0 ] && [ "$(hvo_new_head)" = 0 ]; then
	skip "2 MB, optimize: the Nth failure injected" \
		"0 of 6: this kernel's HVO allocated nothing for these pages (no new head page, their vmemmap PMD split already)"
else
	check "2 MB, optimize: the Nth failure injected ($(cat /tmp/sweep-injected) of 6 attempts; fail-nth read back)" \
		yes "$([ "$(cat /tmp/sweep-injected)" -ge 1 ] && echo yes || echo no)"
fi
oracle_step "2 MB pages of node 2, optimize failures swept" 2

# 2. 2 MB, restore
base=$(node_metas)
base2=$(meta_kb 2)
bad=
kept=0
nth=1
while [ $nth -le 16 ]; do
	echo 2 >$hp2m
	[ "$(cat $hp2m)" = 2 ] || bad="$bad nth=$nth: $(cat $hp2m) of 2 pages allocated;"
	inject_twice $nth 3 0 $hp2m
	left=$(cat $hp2m)
	[ "$left" = 0 ] || kept=$((kept + 1))
	heads=$(node2_heads)
	[ "$left $left" = "$heads $(cat $surplus2m)" ] ||
		bad="$bad nth=$nth: $left pages left, $heads heads, $(cat $surplus2m) surplus;"
	want=
	for v in $base; do
		case $v in 2:*) v=2:$((base2 - left * 28)) ;; esac
		want="$want$v "
	done
	[ "$(node_metas)" = "$want" ] ||
		bad="$bad nth=$nth: $left pages left, PageMetadata $(node_metas), not $want;"
	nth=$((nth + 1))
done
echo 0 >$hp2m
check "2 MB, restore: a failure at allocation N = 1..16 and the third after it: the pages left surplus and intact, node 2 28 kB lower each, the other nodes unchanged" \
	"" "$bad"
check "2 MB, restore: every node back once all are freed" "$base" "$(node_metas)"
check "2 MB, restore: failures took effect ($kept of 16 attempts kept a page: surplus pages come only from a failed restore)" \
	yes "$([ $kept -ge 1 ] && echo yes || echo no)"
oracle_step "2 MB pages of node 2, restore failures swept" 2

# 3. 1 GB, restore of the boot page
base=$(node_metas)
bad=
restores=0
injected=0
for nth in 1 2 2048 4095; do
	echo 1 >$hp1g
	inject_from $nth 0 $hp1g
	# surplus: the write reached the restore, which failed
	[ "$(cat $surplus1g)" = 0 ] || restores=$((restores + 1))
	injected=$((injected + inject_injected))
	[ "$(cat $hp1g) $(gb_heads)" = "1 1" ] ||
		bad="$bad nth=$nth: $(cat $hp1g) pages, $(gb_heads) heads;"
	[ "$(node_metas)" = "$base" ] ||
		bad="$bad nth=$nth: PageMetadata $(node_metas), not $base;"
done
check "1 GB boot page, restore: failures from allocation 1, 2, 2048, 4095 on: kept, one head, every node unchanged" \
	"" "$bad"
check "1 GB boot page, restore: the restore itself failed ($restores of 4 attempts left a surplus page; the Nth failure read back as injected in $injected)" \
	yes "$([ $restores -ge 1 ] && [ $injected -ge 1 ] && echo yes || echo no)"
oracle_step "1 GB boot page of node 1, restore failures swept" 1
n1=$(meta_kb 1)
echo 1 >$hp1g
echo 0 >$hp1g
check "1 GB boot page freed without failures: node 1 +4095 pages (kB)" \
	$((n1 + 4095 * 4)) "$(meta_kb 1)"
check "1 GB boot page freed: no HugeTLB head left there" 0 "$(gb_heads)"
oracle_step "1 GB boot page of node 1 freed" 1
check "node 0 unchanged throughout (kB)" "$start0" "$(meta_kb 0)"
kunit_module page_metadata_kunit kunit-end
