# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 6.12 series (scripts/mutants.py): each undoes one
fix or misplaces one accounting hook.
make mutants KERNEL=6.12 MUTANT_SCENARIOS="accounting boot-dimm failures
global-counters hotplug shared-section": each mutant fails one of them,
but clear-reserved-of-poisoned-tail, which needs a boot-time 1 GB page
on the debug kernel (MUTANT_SCENARIOS=fuzz), and keep-memmap-of-holes,
which needs ARM's memory holes (MUTANT_SCENARIOS=boot@armhf).
round-up-per-section fails shared-section (one node takes the shared
section) and boot@ppc64le (64 KB pages: a page for every 16 KB memmap);
hotadd-round-up only dimm-in-block@ppc64le (x86-64 maps each section's
memmap alone: rounding is exact there); leak-restore-pages-on-failure
only hvo-sweeps (its second oracle: the restore sweeps)."""

# name: (file, text to replace, replacement, what it breaks)
MUTANTS = {
    'leak-head-copy-on-rollback': (
        'mm/hugetlb_vmemmap.c',
        '\tif (walk->nr_walked == 0 && walk->vmemmap_head) {\n'
        '\t\tVM_WARN_ON_ONCE(pte_page(ptep_get(pte)) != walk->vmemmap_head);\n',
        '\tif (false) {\n'
        '\t\tVM_WARN_ON_ONCE(pte_page(ptep_get(pte)) != walk->vmemmap_head);\n',
        'a failed HVO of a 1 GB page keeps its head copy allocated and '
        'counted (hvo-failures)'),
    'test-uninitialized-tails': (
        'mm/hugetlb_vmemmap.c',
        '\t\t * initialized only if optimizing it fails.\n'
        '\t\t */\n',
        '\t\t * initialized only if optimizing it fails.\n'
        '\t\t */\n'
        '\t\tVM_WARN_ON_ONCE(!PageTail((const struct page *)addr));\n',
        'HVO at boot tests the uninitialized tails of a boot-time 1 GB '
        'page (pristine 6.12.118: a warning at boot; hvo-boot)'),
    'keep-sections-of-failed-add': (
        'mm/memory_hotplug.c',
        '\tif (err && pfn > start_pfn)\n',
        '\tif (false)\n',
        'a hot-add that fails in its third section keeps the first two, '
        'memmap and all (pristine 6.12.118; kmem-failures)'),
    'clamp-negative-counters': (
        'mm/vmstat.c',
        '\treturn atomic_long_read(memmap_counter(NODE_DATA(nid), item));\n',
        '\treturn max(0L, atomic_long_read(memmap_counter(NODE_DATA(nid), item)));\n',
        'a negative node counter reads as 0 (the series before v5; KUnit '
        'memmap_pages_read_as_held)'),
    'register-shared-section-twice': (
        'mm/bootmem_info.c',
        '\t\tif (pfn < start_pfn &&\n',
        '\t\tif (false && pfn < start_pfn &&\n',
        'a boot section of two nodes registered by both (pristine 6.12.117)'),
    'keep-partial-direct-map': (
        'arch/x86/mm/init_64.c',
        '\tif (!init_memory_mapping(start, start + size, params->pgprot)) {\n'
        '\t\tkernel_physical_mapping_remove(start, start + size);\n',
        '\tif (!init_memory_mapping(start, start + size, params->pgprot)) {\n',
        'a hot-add whose direct map failed half-way leaves that half mapped'),
    'keep-direct-map-of-failed-add': (
        'arch/x86/mm/init_64.c',
        '\tif (ret)\n\t\tkernel_physical_mapping_remove(start, start + size);\n',
        '',
        'a hot-add that failed in add_pages() leaves its range mapped'),
    'remove-part-of-gb-page-as-table': (
        'arch/x86/mm/init_64.c',
        '\t\tif (pud_leaf(*pud) && !split_direct_pud(pud)) {\n',
        '\t\tif (false) {\n',
        'part of a 1 GB direct-map page removed as if it were a PMD table '
        '(pristine 6.12.117)'),
    'skip-unmapped-direct-ptes': (
        'arch/x86/mm/init_64.c',
        '\t\tif (direct ? pte_none(*pte) : !pte_present(*pte))\n',
        '\t\tif (!pte_present(*pte))\n',
        'hot-remove leaves the direct map debug_pagealloc unmapped '
        '(pristine 6.12.117)'),
    'page_ext-walk-past-section': (
        'mm/page_ext.c',
        '\tif (!(pfn & (PAGES_PER_SECTION - 1)))\n'
        '\t\treturn lookup_page_ext(pfn_to_page(pfn));\n',
        '',
        'page_owner walks the page_ext of a 1 GB folio past its first '
        'section\'s table (pristine 6.12.117: memory corruption)'),
    'clear-reserved-of-poisoned-tail': (
        'mm/hugetlb.c',
        '\t\t__init_single_page(page, pfn, zone, nid);\n'
        '\t\tprep_compound_tail((struct page *)folio, pfn - head_pfn);\n',
        '\t\t__ClearPageReserved(folio_page(folio, pfn - head_pfn));\n'
        '\t\t__init_single_page(page, pfn, zone, nid);\n'
        '\t\tprep_compound_tail((struct page *)folio, pfn - head_pfn);\n',
        'a boot-time 1 GB page\'s poisoned tail struct pages have their '
        'flags tested (pristine 6.12.117: BUG at boot with '
        'DEBUG_VM_PGFLAGS; fuzz, make check-full)'),
    'no-tail-struct-page-reset': (
        'mm/hugetlb_vmemmap.c',
        '\tvmemmap_reset_tail_struct_pages(dst);\n',
        '',
        'restored tail vmemmap pages start with head struct pages '
        '(pristine 6.12.117: Bad page state on every HugeTLB free)'),
    'early-section-all-boot': (
        'mm/sparse-vmemmap.c',
        '\t\t\tbool boot = memmap_page_from_memblock(page, c);\n',
        '\t\t\tbool boot = (c->present && c->usage) ||\n'
        '\t\t\t\tmemmap_page_from_memblock(page, c);\n',
        'an early section\'s removal takes all of its memmap out of the '
        'boot counter (pristine 6.12.117)'),
    'round-up-per-section': (
        'mm/sparse-vmemmap.c',
        '\tmemmap_account_mapped(&c, -1);\n'
        '\tpage = __populate_section_memmap(pfn, PAGES_PER_SECTION, nid, NULL,\n'
        '\t\t\t\t\t NULL);\n'
        '\tc.present = true;\n'
        '\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, PAGES_PER_SECTION, nid, NULL,\n'
        '\t\t\t\t\t NULL);\n'
        '\tmemmap_boot_pages_add(nid, DIV_ROUND_UP(PAGES_PER_SECTION *\n'
        '\t\t\tsizeof(struct page), PAGE_SIZE));\n',
        'a boot section\'s vmemmap counted as its size rounded up to pages, '
        'all for its first node (pristine 6.12.117: 64 KB pages count '
        'every 16 KB memmap as a page, boot@ppc64le)'),
    'hotadd-round-up': (
        'mm/sparse-vmemmap.c',
        '\tmemmap_account_mapped(&c, -1);\n'
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tc.present = true;\n'
        '\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tmemmap_pages_add(nid, DIV_ROUND_UP(nr_pages * sizeof(struct page),\n'
        '\t\t\t\t\t   PAGE_SIZE));\n',
        'hot-add counts a section\'s memmap rounded up to pages '
        '(pristine 6.12.117: with 64 KB pages, a page per 16 KB section '
        'that an existing vmemmap block already maps; x86-64 cannot tell, '
        'dimm-in-block@ppc64le)'),
    'hvo-first-node': (
        'mm/hugetlb_vmemmap.c',
        '\tint nid = page_to_nid((struct page *)start);\n'
        '\tLIST_HEAD(unmapped);\n',
        '\tint nid = first_online_node;\n'
        '\tLIST_HEAD(unmapped);\n',
        'HVO accounted to the first node, not the HugeTLB page\'s'),
    'boot-section-one-node': (
        'mm/sparse.c',
        '\tif (!IS_ENABLED(CONFIG_SPARSEMEM_VMEMMAP) ||\n'
        '\t    (group == nid && end >= pfn + PAGES_PER_SECTION)) {\n',
        '\tif (true) {\n',
        'a boot section two nodes share is all the first node\'s'),
    'page_ext-free-first-node': (
        'mm/page_ext.c',
        '\tmemmap_pages_add(section_memmap_nid(pfn & PAGE_SECTION_MASK),\n',
        '\tmemmap_pages_add(first_online_node,\n',
        'page_ext freed on offline taken out of the first node'),
    'global-is-node0': (
        'mm/vmstat.c',
        '\tfor_each_node(nid) {\n\t\t/*\n\t\t * NULL for a possible node',
        '\tfor (nid = 0; nid < 1; nid++) {\n\t\t/*\n\t\t * NULL for a possible node',
        'the global values count node 0 only'),
    'keep-memmap-of-holes': (
        'mm/memblock.c',
        '\t\tmemmap_boot_pages_add(early_pfn_to_nid(start_pfn - 1),\n'
        '\t\t\t\t      -(long)((pgend - pg) >> PAGE_SHIFT));\n',
        '',
        'the memmap of a hole between memory banks that ARM gives back '
        'stays in the boot counter (pristine 6.12.117): boot@armhf'),
    'pagemetadata-before-sectables': (
        'fs/proc/meminfo.c',
        '\tshow_val_kb(m, "SecPageTables:  ",\n'
        '\t\t    global_node_page_state(NR_SECONDARY_PAGETABLE));\n'
        '\t/* signed: an accounting bug must not read as a plausible value */\n'
        '\tseq_printf(m, "PageMetadata:   %8ld kB\\n",\n'
        '\t\t   (global_memmap_pages(NR_MEMMAP_PAGES) +\n'
        '\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES)) *\n'
        '\t\t   (long)(PAGE_SIZE / SZ_1K));\n',
        '\t/* signed: an accounting bug must not read as a plausible value */\n'
        '\tseq_printf(m, "PageMetadata:   %8ld kB\\n",\n'
        '\t\t   (global_memmap_pages(NR_MEMMAP_PAGES) +\n'
        '\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES)) *\n'
        '\t\t   (long)(PAGE_SIZE / SZ_1K));\n'
        '\tshow_val_kb(m, "SecPageTables:  ",\n'
        '\t\t    global_node_page_state(NR_SECONDARY_PAGETABLE));\n',
        'PageMetadata printed before SecPageTables in /proc/meminfo, not '
        'after it (the kselftest: accounting)'),
    'altmap-as-memblock': (
        'mm/sparse-vmemmap.c',
        '\tif (c->altmap && pfn >= c->altmap->base_pfn &&\n',
        '\tif (false && c->altmap && pfn >= c->altmap->base_pfn &&\n',
        'the vmemmap that the altmap of a device starting in a boot '
        'section gives is counted as memblock\'s, reading its poisoned '
        'struct pages (devdax-altmap; a BUG on the debug kernel)'),
    'devmap-tails-assumed-shared': (
        'mm/mm_init.c',
        '\t    !vmemmap_tails_shared(pfn))\n',
        '\t    (!vmemmap_tails_shared(pfn) && false))\n',
        'the struct pages of a compound devmap inside a vmemmap block are '
        'taken to be deduplicated and left uninitialized (pristine '
        '6.12.118; KUnit\'s devmap case on boot@ppc64le: an oops)'),
    # Only the second oracle (page_owner, guest/lib.sh oracle_step) sees
    # these: the KUnit ground truth shares the page-table reader and walks
    # valid sections only, so it agrees with the counters.
    'vmemmap-block-as-one-page': (
        'mm/sparse-vmemmap.c',
        '\t\t*nr_pages = PMD_SIZE >> PAGE_SHIFT;\n'
        '\t\treturn pmd_page(pmdp_get(pmd)) +\n'
        '\t\t       ((addr & ~PMD_MASK) >> PAGE_SHIFT);\n',
        '\t\treturn pmd_page(pmdp_get(pmd));\n',
        'the page-table reader takes a PMD block of the vmemmap for one '
        'page, for the accounting and the KUnit truth alike (hotplug: '
        'the second oracle; the layout checks)'),
    'leak-vmemmap-on-remove': (
        'mm/sparse-vmemmap.c',
        '\tvmemmap_free(start, end, altmap);\n\tc.present = false;\n',
        '\tc.present = false;\n',
        'removed memory keeps its vmemmap mapped and allocated while the '
        'counters let it go (hotplug: the second oracle and the page-table '
        'dump; KUnit walks valid sections)'),
    'hvo-boot-pages-as-buddy': (
        'mm/hugetlb_vmemmap.c',
        '\tif (PageReserved(page))\n\t\tmemmap_boot_pages_add(walk->nid, delta);\n',
        '\tif (false)\n\t\tmemmap_boot_pages_add(walk->nid, delta);\n',
        'the memblock vmemmap pages HVO frees are taken out of '
        'nr_memmap_pages, not nr_memmap_boot_pages: PageMetadata moves '
        'right (the kselftest\'s MemTotal check: accounting)'),
    'count-failed-page-ext': (
        'mm/page_ext.c',
        '\t\tpr_err("page ext allocation failure\\n");\n',
        '\t\tpr_err("page ext allocation failure\\n");\n'
        '\t\tmemmap_pages_add(section_memmap_nid(pfn),\n'
        '\t\t\t\t DIV_ROUND_UP(table_size, PAGE_SIZE));\n',
        'a page_ext table that could not be allocated on online is '
        'counted all the same (failures: the online sweep)'),
    'leak-restore-pages-on-failure': (
        'mm/hugetlb_vmemmap.c',
        'out:\n\tlist_for_each_entry_safe(page, next, list, lru)\n'
        '\t\t__free_page(page);\n\treturn -ENOMEM;\n',
        'out:\n\tif (false)\n'
        '\t\tlist_for_each_entry_safe(page, next, list, lru)\n'
        '\t\t\t__free_page(page);\n\treturn -ENOMEM;\n',
        'an HVO restore whose allocations failed part-way keeps the '
        'vmemmap pages it had allocated: counted nowhere, mapped nowhere '
        '(hvo-sweeps: the second oracle; KUnit reads page tables)'),
    # The kselftest's format checks (accounting): the names of the two
    # counters swapped in /proc/vmstat, the node vmstat lines in the
    # wrong order
    'vmstat-names-swapped': (
        'mm/vmstat.c',
        '\t"nr_memmap_pages",\n\t"nr_memmap_boot_pages",\n',
        '\t"nr_memmap_boot_pages",\n\t"nr_memmap_pages",\n',
        'each counter printed under the other\'s name in /proc/vmstat '
        '(the kselftest: accounting)'),
    'node-vmstat-lines-swapped': (
        'drivers/base/node.c',
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n'
        '\t\t\t     vm_stat_name(NR_MEMMAP_PAGES),\n'
        '\t\t\t     node_memmap_pages(nid, NR_MEMMAP_PAGES));\n'
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n'
        '\t\t\t     vm_stat_name(NR_MEMMAP_BOOT_PAGES),\n'
        '\t\t\t     node_memmap_pages(nid, NR_MEMMAP_BOOT_PAGES));\n',
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n'
        '\t\t\t     vm_stat_name(NR_MEMMAP_BOOT_PAGES),\n'
        '\t\t\t     node_memmap_pages(nid, NR_MEMMAP_BOOT_PAGES));\n'
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n'
        '\t\t\t     vm_stat_name(NR_MEMMAP_PAGES),\n'
        '\t\t\t     node_memmap_pages(nid, NR_MEMMAP_PAGES));\n',
        'nr_memmap_boot_pages before nr_memmap_pages in the node vmstat '
        'files, not last (the kselftest: accounting)'),
    'hvo-ignores-sysctl': (
        'mm/hugetlb_vmemmap.c',
        '\tif (!READ_ONCE(vmemmap_optimize_enabled))\n\t\treturn false;\n',
        '\tif (false && !READ_ONCE(vmemmap_optimize_enabled))\n\t\treturn false;\n',
        'HugeTLB pages optimized with vm.hugetlb_optimize_vmemmap off: '
        'the metadata moves where it must not (the kselftest\'s HVO-off '
        'check: accounting)'),
}
