#@config x86_64 x86_64-debug
#@mem 2G
#@numa 1G,1G
#@append memhp_default_state=offline
#@timeout 300
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn arch/x86/mm/init_64.c:[0-9]+ 
# Memory hot-add with its allocations failing, through upstream's
# interfaces only (no page metadata counter, no KUnit): the reproducer of
# the x86 hot-add fixes, for any kernel, the pristine bases included.
#
# A 128 MB section at 16 GB, where the guest has no RAM and no page
# tables, added through the probe interface (which runs in this shell,
# so only its allocations fail: fail_page_alloc with task-filter) with
# every allocation failing once SPACE pages were allocated, for SPACE
# from 0 (guest/lib.sh next_space: each of the first 16, then every
# 37th) until the add succeeds.  The first to fail are the page tables
# of the direct map (alloc_low_pages(): one per level, one per 2 MB on
# the debug kernel, whose debug_pagealloc maps it with 4 kB pages), then
# the vmemmap's PMD (512 pages at once), then the base pages x86 falls
# back to.  After every failed
# attempt: the write failed, no memory block, /proc/iomem and the direct
# map (DirectMap4k/2M/1G) as before, no console report.  Pristine x86-64
# kernels (6.1.192, 6.12.118, 7.3.4) do not check alloc_low_pages() in
# phys_p?d_init(): the first failure is a NULL pointer dereference in
# arch_add_memory(), with mem_hotplug_lock held.
probe=/sys/devices/system/memory/probe
addr=0x400000000
block=$MEMORY/memory128

# state: what a failed hot-add must leave as it was
state() {
	echo "block:$([ -d $block ] && echo present || echo absent)" \
		"iomem:$(grep -c 'System RAM' /proc/iomem)" "$(direct_map)"
}

fail_page_alloc_setup
doc hotadd-failures
tap "TAP version 13" "1..3"
before=$(state)
ram=$(grep -c 'System RAM' /proc/iomem)
bad=
space=0
tries=0
while [ $space -le 4096 ]; do
	inject $space -1 $addr $probe && break
	tries=$((tries + 1))
	now=$(state)
	[ "$now" = "$before" ] || bad="$bad space=$space: $now;"
	space=$(next_space $space 0)
done
check "hot-add failing from allocation SPACE on, $tries attempts: nothing left ($before)" \
	"" "$bad"
check "hot-add failing from allocation $space on: succeeded, the block offline" \
	"yes offline" \
	"$([ $space -le 4096 ] && echo yes || echo no) $(cat $block/state 2>/dev/null)"
check "hot-add: one more System RAM range in /proc/iomem" \
	$((ram + 1)) "$(grep -c 'System RAM' /proc/iomem)"
