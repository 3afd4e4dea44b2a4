#@config x86_64 x86_64-debug
#@mem 4G
#@numa 1G,3G,0
#@append page_owner=on
#@timeout 300
# The counters at boot and after HugeTLB allocation and memory
# offline/online, on two nodes and a memoryless one: the KUnit ground
# truth, then the kselftest, then the ground truth again.  The kernel's
# config says how many levels of page tables its guests use
# (series.page_levels): 5 where the kernel has X86_5LEVEL, as Debian's
# has, and QEMU gives the CPU la57; the vmemmap and the ground truth's walk
# of it then have five.  The second oracle (guest/lib.sh oracle_step)
# over the kselftest's HugeTLB steps, all nodes as one: nr_memmap_pages
# follows HVO's pages that page_owner shows, MemTotal the memblock pages
# HVO frees.
levels=$(sed -n 's/.*series\.page_levels=\([0-9]\).*/\1/p' /proc/cmdline)
doc accounting
tap "TAP version 13" "1..1"
if [ -n "$levels" ]; then
	check "levels of page tables (5: la57 kept in /proc/cpuinfo)" "$levels" \
		"$(grep -qw la57 /proc/cpuinfo && echo 5 || echo 4)"
else
	skip "levels of page tables" "the kernel's config does not say"
fi
kunit_module page_metadata_kunit kunit-boot
oracle_mark
# 64-byte struct pages; the page_ext entry with page_owner on (guest/lib.sh)
run_kselftest kselftest-page_metadata /tests/page_metadata -s 64 \
	-e "$(page_ext_entry_bytes)" -n 8 -g
# HugeTLB pages on every node, no memory block offlined (none movable)
oracle_step "the kselftest" "$(echo $(possible_nodes))"
kunit_module page_metadata_kunit kunit-after-kselftest
