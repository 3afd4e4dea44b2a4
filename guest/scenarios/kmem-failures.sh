#@config x86_64-debug
#@mem 3G
#@numa 1G,2G
#@append page_owner=on memhp_default_state=offline memmap=1152M!1920M
#@timeout 400
#@allow alloc-failure-report
# x86 add_pages() warns once when __add_pages() fails: expected here
#@allow-warn arch/x86/mm/init_64.c:[0-9]+ 
# A hot-add of several sections that fails part-way must leave nothing
# behind.  A legacy pmem range of 1152 MB on node 1 ([1920M, 3072M),
# memmap=nn!ss) becomes a device-dax device (map=mem) that is given to
# the kmem driver, as "daxctl reconfigure-device --mode=system-ram" does:
# kmem adds the 128 MB-aligned part of the device's range as System RAM
# (offline, memhp_default_state), 7 sections here, in the task that
# writes to its bind file.  So fail_page_alloc limited to that task
# fails only the hot-add's own allocations: each one once SPACE pages
# were allocated, for SPACE from 0 up until the add succeeds, in steps
# (193) smaller than one section's memmap (512 pages, a PMD of vmemmap):
# the direct map's page tables, then the memmap of every section in
# turn, the first, the third, the last, then what kmem and the memory
# block devices allocate.
#
# Expected after every failed attempt: PageMetadata and node 1's
# unchanged (the memmap of sections added before the failing one freed
# again), the direct map unchanged, no memory block and no "System RAM
# (kmem)" left; then the add succeeds: node 1 +512 memmap pages (2048 kB)
# per section of the range (from the dax device's resource and size), no
# page_ext (never online), a memory block per section.  Removal (kmem
# unbind) returns to the baseline.  KUnit ground truth at boot, after the
# add, after the removal; the second oracle (guest/lib.sh oracle_step)
# after the sweep and the add, and after the removal: no vmemmap page of
# a failed attempt left allocated, nor counted.
dax=dax0.0
kmem=/sys/bus/dax/drivers/kmem

fail_page_alloc_setup
kunit_module page_metadata_kunit kunit-boot
oracle_mark
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
# the sections kmem adds: the device's range, aligned to memory blocks
start=$(($(cat /sys/bus/dax/devices/$dax/resource)))
end=$((start + $(cat /sys/bus/dax/devices/$dax/size)))
block=$((0x$(cat $MEMORY/block_size_bytes)))
sections=$(((end / block) - (start + block - 1) / block))
add_kb=$((sections * section_memmap_pages * 4))

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
		space=$((space + 193))
	fi
done
check "hot-add failing at every allocation: $tries attempts, nothing left ($before)" \
	"" "$bad"
check "hot-add failing at every allocation: direct map unchanged ($map)" \
	"" "$badmap"
check "hot-add finally succeeded (fails from section 0 on if one was left)" \
	yes "$added"
check "hot-add failed across $sections sections' memmap, at least 3 (attempts: $tries)" yes \
	"$([ "$sections" -ge 3 ] && [ $tries -gt $((sections * 512 / 193)) ] &&
	   echo yes || echo no)"
check "added: node 1 +$sections sections of memmap (kB)" $((base1 + add_kb)) \
	"$(meta_kb 1)"
check "added: node 0 unchanged (kB)" "$base0" "$(meta_kb 0)"
check "added: a memory block per section" $((blocks + sections)) \
	"$(memory_blocks)"
oracle_step "hot-add failing at every allocation, then added" 1
kunit_module page_metadata_kunit kunit-after-add

doc kmem-failures
echo $dax >$kmem/unbind
check "removed: PageMetadata back to the baseline (kB)" "$base" "$(meta_kb)"
check "removed: node 1 back to the baseline (kB)" "$base1" "$(meta_kb 1)"
check "removed: memory blocks back" "$blocks" "$(memory_blocks)"
check "removed: direct map back ($map)" "$map" "$(direct_map)"
oracle_step "removed" 1
kunit_module page_metadata_kunit kunit-after-remove
