#@config x86_64-debug
#@mem 2G,slots=4,maxmem=8G
#@numa 1G,1G
#@append page_owner=on memhp_default_state=online_movable
#@timeout 300
# Bounded stress on the debug kernel: for a fixed number of rounds, a
# 256 MB DIMM is hot-added to node 1, one of its blocks offlined and
# onlined again, both blocks offlined and the DIMM removed, while 2 MB
# HugeTLB pages (HVO on) are allocated and freed on both nodes in the
# background, so that HVO runs against hotplug (and hugepages in the
# DIMM's movable zone are dissolved by offlining).  Afterwards the counters must be
# back at their baseline, match the KUnit ground truth, and the console
# must hold no report.
# Then the second oracle (guest/lib.sh oracle_step) over the whole run,
# both nodes as one: nr_memmap_pages moved by the metadata pages
# page_owner shows allocated and freed since the start, MemTotal by the
# memblock pages HVO gave back.  Only once everything has stopped: a
# count of page_owner's dump and one of the counters are two reads, which
# a churn running in between would set apart.
rounds=${STRESS_ROUNDS:-8}
hp=hugepages/hugepages-2048kB/nr_hugepages

kunit_module page_metadata_kunit kunit-before-stress
doc stress
tap "TAP version 13" "1..5"
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
base=$(meta_kb)
base0=$(meta_kb 0)
base1=$(meta_kb 1)
blocks=$(online_blocks)
oracle_mark

rm -f /tmp/stop
(
	cycles=0
	while [ ! -e /tmp/stop ]; do
		cycles=$((cycles + 1))
		echo "$cycles" >/tmp/cycles
		for n in 0 1; do
			echo 32 >/sys/devices/system/node/node$n/$hp
		done
		for n in 0 1; do
			echo 0 >/sys/devices/system/node/node$n/$hp
		done
	done
) &
churn=$!

done_rounds=0
r=0
while [ $r -lt "$rounds" ]; do
	r=$((r + 1))
	step=hot-add
	host hotadd "dimm$r" 1 256M >/dev/null || break
	step="2 more blocks online"
	wait_blocks $((blocks + 2)) || break
	# the DIMM's blocks are the highest-numbered ones: one is offlined
	# and onlined again, then both are offlined for the removal
	set -- $(ls /sys/devices/system/memory | sed -n 's/^memory//p' |
		sort -n | tail -2)
	step="offline/online block $2"
	offline_block "$2" || break
	echo online_movable >"/sys/devices/system/memory/memory$2/state" || break
	step="offline blocks $1 $2"
	offline_block "$1" && offline_block "$2" || break
	step=hot-remove
	host hotremove "dimm$r" >/dev/null || break
	step="blocks gone"
	[ ! -e "/sys/devices/system/memory/memory$2" ] || break
	done_rounds=$r
	tap "# round $r done"
done
if [ "$done_rounds" != "$rounds" ]; then
	tap "# round $r: $step failed ($(online_blocks) blocks online)"
	# where every task is (guest/init), in the console
	dump_tasks "round $r, $step,"
fi
touch /tmp/stop
wait $churn
for n in 0 1; do
	echo 0 >/sys/devices/system/node/node$n/$hp
done

tap "# $(cat /tmp/cycles) cycles of 32 + 32 hugepages allocated and freed"
check "stress: rounds survived" "$rounds" "$done_rounds"
check "after stress: HugeTLB pages left" 0 "$(cat /proc/sys/vm/nr_hugepages)"
check_back "after stress: PageMetadata back to baseline (kB)" "$base" "$(meta_kb)"
check_back "after stress: node 0 back to baseline (kB)" "$base0" "$(meta_kb 0)"
check_back "after stress: node 1 back to baseline (kB)" "$base1" "$(meta_kb 1)"
oracle_step "stress, all released" "0 1"
kunit_module page_metadata_kunit kunit-after-stress
