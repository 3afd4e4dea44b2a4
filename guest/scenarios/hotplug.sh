#@config x86_64 x86_64-sparse x86_64-debug
#@mem 2G,slots=4,maxmem=8G
#@numa 1G,1G,0
#@append page_owner=on memhp_default_state=online_movable memblock=debug
#@timeout 300
# Memory hot-add and hot-remove of a 1 GB DIMM on node 1 and on the
# memoryless node 2, driven from the host over QMP, with the memmap
# poisoned on removal (CONFIG_DEBUG_VM).
#
# Expected, from the layout: a 1 GB DIMM is 8 sections, each with 512
# pages of memmap (one PMD of vmemmap) and with page_owner a page_ext
# table (section_meta_kb in guest/lib.sh: 4096 kB on 6.1, 4352 kB later).
#
# Three witnesses: the layout (the values above), the KUnit ground truth
# (the vmemmap of every valid section through the page tables, and the
# page_ext tables) and, after every step, the second oracle of
# guest/lib.sh (oracle_step), from evidence the accounting has no part
# in: page_owner's record of the pages allocated for metadata, which
# nr_memmap_pages of the node acted on must follow (a DIMM's vmemmap and
# page_ext; HVO's pages in the kselftest's HugeTLB steps, on both nodes),
# and MemTotal for nr_memmap_boot_pages (boot memory's vmemmap that HVO
# gives back).  Only page_owner sees a vmemmap left allocated outside
# valid sections, or a reader shared by the accounting and the ground
# truth that miscounts a block (the mutants leak-vmemmap-on-remove,
# vmemmap-block-as-one-page).  And the kernel's page-table dump
# (vmemmap_mapped_pages), over the whole vmemmap region: 8 x 512 pages
# more mapped after a hot-add, as before once the DIMM is removed.
# At boot, before anything gives boot memory back, nr_memmap_boot_pages
# against memblock's own log of the memmap it handed out (memblock=debug,
# guest/lib.sh memblock_memmap_pages): each node's, and the global value
# (node 2, memoryless, is not online at boot).
#
# 7.x counts metadata where it lies (guest/lib.sh meta_by_location): node
# 2 has no memory of its own when its DIMM's vmemmap is allocated, nor
# any the kernel can allocate from (online_movable) when its page_ext is:
# both come from nodes 0 and 1, and node 2 holds none of it.  The
# kselftest's HugeTLB pages leave the shared HVO tail pages of the zones
# they came from (hvo_tail_pages): the removal is checked against the
# values after it, what it left no more than those pages.
dimm_kb=$((8 * $(section_meta_kb)))
kunit_module page_metadata_kunit kunit-boot
oracle_mark
vbase=$(vmemmap_mapped_pages)
# vmemmap_check NAME EXPECTED: the vmemmap pages mapped, from the dump
vmemmap_check() {
	if [ -z "$vbase" ]; then
		skip "$1" "no kernel page-table dump (PTDUMP_DEBUGFS)"
	elif [ "$vbase" = 0 ]; then
		skip "$1" "no vmemmap (classic SPARSEMEM)"
	else
		check "$1" "$2" "$(vmemmap_mapped_pages)"
	fi
}

doc hotplug
tap "TAP version 13" "1..24"
for node in "" 0 1; do
	memblock_check "boot: nr_memmap_boot_pages${node:+ of node $node} = the memmap memblock handed out${node:+ for node $node} (memblock=debug)" \
		"$(memblock_memmap_pages $node)" $node
done
for node in 1 2; do
	base=$(meta_kb)
	base_node=$(node_meta_kb $node)
	mem=$(memtotal_kb)
	# where the DIMM's metadata lies, and how much of it
	nodes=$node
	node_kb=$dimm_kb
	if [ $node = 2 ] && meta_by_location; then
		nodes="0 1 2"
		node_kb=0
	fi
	if host hotadd dimm$node $node 1G; then
		wait_memtotal $((mem + 1048576))
		check "hot-add 1 GB on node $node: PageMetadata change (kB)" \
			"$dimm_kb" $(($(meta_kb) - base))
		check "hot-add 1 GB on node $node: node $node change (kB)" \
			"$node_kb" $(($(node_meta_kb $node) - base_node))
		oracle_step "hot-add 1 GB on node $node" "$nodes" 1048576
		vmemmap_check "hot-add 1 GB on node $node: vmemmap pages mapped, the kernel's page-table dump" \
			$((vbase + 4096))
	else
		check "hot-add 1 GB on node $node" ok failed
		check "hot-add 1 GB on node $node" ok failed
		check "hot-add 1 GB on node $node" ok failed
	fi
	kunit_module page_metadata_kunit kunit-after-hotadd-node$node
	if [ $node = 1 ]; then
		# page_ext freed on offline, allocated again on online
		run_kselftest kselftest-page_metadata /tests/page_metadata \
			-s 64 -e "$(page_ext_entry_bytes)" -n 4 -g
		oracle_step "KUnit, then the kselftest (HugeTLB pages on both nodes, offline and online on node 1)" "0 1"
	fi
	doc hotplug
	if [ $node = 1 ]; then
		left=$(($(meta_kb) - base - dimm_kb))
		check "the kselftest left only shared HVO tail pages (kB, at most $(hvo_tails_max_kb))" \
			yes "$([ $left -ge 0 ] && [ $left -le "$(hvo_tails_max_kb)" ] && echo yes || echo "no: $left")"
		base=$((base + left))
		base_node=$(($(node_meta_kb $node) - dimm_kb))
	else
		skip "the kselftest left only shared HVO tail pages" "no kselftest on node $node"
	fi
	mem=$(memtotal_kb)
	if host hotremove dimm$node; then
		check "hot-remove node $node: PageMetadata back to baseline (kB)" \
			"$base" "$(meta_kb)"
		check "hot-remove node $node: node $node back to baseline (kB)" \
			"$base_node" "$(node_meta_kb $node)"
		check "hot-remove node $node: MemTotal back (kB)" \
			"$(($(memtotal_kb) + 1048576))" "$mem"
		oracle_step "hot-remove node $node" "$nodes" -1048576
		vmemmap_check "hot-remove node $node: vmemmap pages mapped back to baseline, the kernel's page-table dump" \
			"$vbase"
	else
		check "hot-remove node $node" ok failed
		check "hot-remove node $node" ok failed
		check "hot-remove node $node" ok failed
		check "hot-remove node $node" ok failed
	fi
	# Read as they are: the values add up at any time.
	for item in nr_memmap_pages nr_memmap_boot_pages; do
		check "after hot-remove on node $node: $item, global = sum over nodes" \
			"$(vmstat_get $item)" "$(vmstat_sum $item)"
	done
	if [ $node = 2 ]; then
		# Its only memory is gone: the node is offline, its pgdat stays.
		check "node 2 offline once its memory was removed" offline \
			"$([ -d /sys/devices/system/node/node2 ] && echo online || echo offline)"
	fi
	kunit_module page_metadata_kunit kunit-after-hotremove-node$node
	doc hotplug
done
