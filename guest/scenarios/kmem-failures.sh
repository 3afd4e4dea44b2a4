#@config x86_64-debug
#@mem 3G
#@numa 1G,2G
#@append page_owner=on memhp_default_state=offline memmap=1152M!1920M
#@timeout 400
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn at arch/x86/mm/init_64.c:[0-9]+ 
# A hot-add of 8 sections that fails part-way must leave nothing behind.
# A legacy pmem range of 1152 MB on node 1 ([1920M, 3072M), memmap=nn!ss)
# becomes a device-dax device (map=mem) that is given to the kmem driver,
# as "daxctl reconfigure-device --mode=system-ram" does: kmem adds the
# 128 MB-aligned part, [2G, 3G), 8 sections, as System RAM (offline,
# memhp_default_state), in the task that writes to its bind file.  So
# fail_page_alloc limited to that task fails only the hot-add's own
# allocations: each one once SPACE pages were allocated, for SPACE from
# 0 up until the add succeeds, in steps (97) smaller than one section's
# memmap (512 pages, a PMD of vmemmap): the direct map's page tables,
# then the memmap of every section in turn, the first, the third, the
# last, then what kmem and the memory block devices allocate.
#
# Expected after every failed attempt: PageMetadata and node 1's
# unchanged (the memmap of sections added before the failing one freed
# again), the direct map unchanged, no memory block and no "System RAM
# (kmem)" left; then the add succeeds: node 1 +8 x 512 memmap pages
# (16384 kB), no page_ext (never online), 8 more memory blocks.  Removal
# (kmem unbind) returns to the baseline.  KUnit ground truth at boot,
# after the add, after the removal.
dax=dax0.0
kmem=/sys/bus/dax/drivers/kmem
add_kb=$((8 * section_memmap_pages * 4))

fail_page_alloc_setup
kunit_module page_metadata_kunit kunit-boot
doc kmem-failures
tap "TAP version 13" "1..12"
pmem_drivers
modprobe -q kmem 2>/dev/null
nd=$(devdax_create region0 2097152)
# kmem takes the device once it is named in its id list and unbound from
# device_dax; new_id while device_dax still has it attaches nothing
given=no
if [ -n "$nd" ] && [ -d $kmem ] && echo $dax >$kmem/new_id &&
   echo $dax >/sys/bus/dax/drivers/device_dax/unbind; then
	given=yes
fi
check "device-dax $dax on node 1, unbound, named in kmem's id list" yes \
	"$given$([ "$(cat /sys/bus/dax/devices/$dax/numa_node)" = 1 ] || echo ', not on node 1')"

# state: what a failed attempt must leave as it was
state() {
	echo "meta:$(meta_kb) node1:$(meta_kb 1) blocks:$(memory_blocks)" \
		"kmem:$(grep -c 'System RAM (kmem)' /proc/iomem)"
}
base=$(meta_kb)
base0=$(meta_kb 0)
base1=$(meta_kb 1)
blocks=$(memory_blocks)
map=$(direct_map)
before=$(state)
bad=
badmap=
space=0
tries=0
added=no
while [ $space -le 8192 ]; do
	if inject $space -1 $dax $kmem/bind; then
		added=yes
		break
	fi
	tries=$((tries + 1))
	now=$(state)
	[ "$now" = "$before" ] || bad="$bad space=$space: $now;"
	now=$(direct_map)
	[ "$now" = "$map" ] || badmap="$badmap space=$space: $now;"
	if [ $space -lt 16 ]; then
		space=$((space + 1))
	else
		space=$((space + 97))
	fi
done
check "hot-add failing at every allocation: $tries attempts, nothing left ($before)" \
	"" "$bad"
check "hot-add failing at every allocation: direct map unchanged ($map)" \
	"" "$badmap"
check "hot-add finally succeeded (fails from section 0 on if one was left)" \
	yes "$added"
check "hot-add failed in more than 8 sections' memmap (attempts)" yes \
	"$([ $tries -gt $((8 * 512 / 97)) ] && echo yes || echo no)"
check "1 GB added: node 1 +8 sections of memmap (kB)" $((base1 + add_kb)) \
	"$(meta_kb 1)"
check "1 GB added: node 0 unchanged (kB)" "$base0" "$(meta_kb 0)"
check "1 GB added: 8 memory blocks more" $((blocks + 8)) "$(memory_blocks)"
kunit_module page_metadata_kunit kunit-after-add

doc kmem-failures
echo $dax >$kmem/unbind
check "removed: PageMetadata back to the baseline (kB)" "$base" "$(meta_kb)"
check "removed: node 1 back to the baseline (kB)" "$base1" "$(meta_kb 1)"
check "removed: memory blocks back" "$blocks" "$(memory_blocks)"
check "removed: direct map back ($map)" "$map" "$(direct_map)"
kunit_module page_metadata_kunit kunit-after-remove
