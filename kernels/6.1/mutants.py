# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 6.1 series (scripts/mutants.py): each removes or
misplaces one accounting hook, or undoes one fix.
round-up-per-section fails shared-section (one node takes the shared
section) and boot@ppc64le (64 KB pages: a page for every 16 KB memmap);
hotadd-round-up only dimm-in-block@ppc64le (x86-64 maps each section's
memmap alone: rounding is exact there); keep-memmap-of-holes only
boot@armhf; leak-restore-pages-on-failure only hvo-sweeps@x86_64 (its
second oracle, which reads page_owner on the main kernel only)."""

# name: (file, text to replace, replacement, what it breaks)
MUTANTS = {
    'keep-sections-of-failed-add': (
        'mm/memory_hotplug.c',
        '\tif (err && pfn > start_pfn) {\n',
        '\tif (false) {\n',
        'a hot-add that fails in its third section keeps the first two, '
        'memmap and all (pristine 6.1.192; kmem-failures)'),
    'clamp-negative-counters': (
        'mm/vmstat.c',
        '\treturn atomic_long_read(memmap_counter(NODE_DATA(nid), item));\n',
        '\treturn max(0L, atomic_long_read(memmap_counter(NODE_DATA(nid), item)));\n',
        'a negative node counter reads as 0 (the series before v5; KUnit '
        'memmap_pages_read_as_held)'),
    'no-hotplug-memmap-charge': (
        'mm/sparse.c',
        '\tmemmap_account_mapped(&c, -1);\n'
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tc.present = true;\n'
        '\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n',
        'memmap hot-add not accounted'),
    'no-page_ext-uncharge': (
        'mm/page_ext.c',
        '\tfree_page_ext(base);\n\t/* The section\'s record',
        '\tfree_page_ext(base);\n\treturn;\n\t/* The section\'s record',
        'page_ext freed on offline but not taken out'),
    'no-hvo-restore-charge': (
        'mm/hugetlb_vmemmap.c',
        '\tmemmap_pages_add(section_memmap_nid(page_to_pfn((struct page *)start)),\n'
        '\t\t\t (end - start) >> PAGE_SHIFT);\n',
        '',
        'HVO restore allocates without accounting'),
    'charge-failed-populate': (
        'mm/sparse.c',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tc.present = true;\n',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tif (!page)\n\t\tmemmap_pages_add(nid, nr_pages * sizeof(struct page) /\n'
        '\t\t\t\t PAGE_SIZE);\n'
        '\tc.present = true;\n',
        'a failed populate is accounted for good (upstream bug 6)'),
    'uncharge-nominal-on-rollback': (
        'mm/sparse.c',
        '\tif (!memmap) {\n\t\tsection_deactivate(pfn, nr_pages, altmap);\n',
        '\tif (!memmap) {\n\t\tmemmap_pages_add(nid, -(long)(nr_pages *\n'
        '\t\t\t\t sizeof(struct page) >> PAGE_SHIFT));\n'
        '\t\tsection_deactivate(pfn, nr_pages, altmap);\n',
        'a failed activation takes back pages never accounted (upstream bug 9)'),
    'charge-full-devmap-memmap': (
        'mm/sparse-vmemmap.c',
        '\t\t\tbool boot, shared = page == prev;\n',
        '\t\t\tbool boot, shared = false;\n',
        'a page mapped at consecutive addresses counted at each: the '
        'deduplicated vmemmap of compound devmaps counted in full (upstream '
        'bug 10)'),
    'vmstat-names-misplaced': (
        'mm/vmstat.c',
        '\t"nr_dirty_threshold",\n\t"nr_dirty_background_threshold",\n'
        '\t"nr_memmap_pages",\n\t"nr_memmap_boot_pages",\n',
        '\t"nr_memmap_pages",\n\t"nr_memmap_boot_pages",\n'
        '\t"nr_dirty_threshold",\n\t"nr_dirty_background_threshold",\n',
        'the names printed before the dirty thresholds, values unchanged'),
    'global-is-node0': (
        'mm/vmstat.c',
        '\tfor_each_node(nid) {\n\t\tpg_data_t *pgdat = possible_pgdat(nid);\n',
        '\tfor (nid = 0; nid < 1; nid++) {\n\t\tpg_data_t *pgdat = possible_pgdat(nid);\n',
        'the global value is node 0 only, not the sum over nodes'),
    'hvo-free-local-node': (
        'mm/hugetlb_vmemmap.c',
        '\tnid = section_memmap_nid(pfn);\n',
        '\tnid = numa_node_id();\n',
        'HVO takes the freed pages from the CPU\'s node, not the page\'s'),
    'meminfo-without-boot-part': (
        'fs/proc/meminfo.c',
        '\t\t   (global_memmap_pages(NR_MEMMAP_PAGES) +\n'
        '\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES)) *\n',
        '\t\t   (global_memmap_pages(NR_MEMMAP_PAGES)) *\n',
        'PageMetadata shows nr_memmap_pages only'),
    'one-node-per-section': (
        'mm/sparse.c',
        '\tfor (i = subsection_map_index(pfn);\n'
        '\t     i <= subsection_map_index(pfn + nr_pages - 1); i++)\n',
        '\tfor (i = 0; i < SUBSECTIONS_PER_SECTION; i++)\n',
        'the last range populated in a section gives the node of all of it'),
    'boot-section-one-node': (
        'mm/sparse.c',
        '\tif (!IS_ENABLED(CONFIG_SPARSEMEM_VMEMMAP) ||\n',
        '\tif (true ||\n',
        'a boot section two nodes share is accounted to the first'),
    'register-shared-section-twice': (
        'mm/bootmem_info.c',
        '\t\tif (pfn < start_pfn &&\n',
        '\t\tif (false && pfn < start_pfn &&\n',
        'a boot section of two nodes registered by both (pristine 6.1)'),
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
    'restore-vmemmap-this-node-only': (
        'mm/hugetlb_vmemmap.c',
        '\t\t\t\t  GFP_KERNEL | __GFP_NORETRY);\n',
        '\t\t\t\t  GFP_KERNEL | __GFP_NORETRY | __GFP_THISNODE);\n',
        'HVO restore only from the page\'s node (pristine 6.1): a movable '
        'node cannot free its HugeTLB pages'),
    'early-section-all-boot': (
        'mm/sparse-vmemmap.c',
        '\t\t\tboot = memmap_page_from_memblock(page, c);\n',
        '\t\t\tboot = (c->present && c->usage) ||\n'
        '\t\t\t\tmemmap_page_from_memblock(page, c);\n',
        'removing an early section takes all its memmap out of the boot '
        'counter, restored HVO pages included (upstream 6.12)'),
    'remove-part-of-gb-page-as-table': (
        'arch/x86/mm/init_64.c',
        '\t\tif (pud_large(*pud) && !split_direct_pud(pud)) {\n',
        '\t\tif (false) {\n',
        'part of a 1 GB direct-map page removed as if it were a PMD table '
        '(pristine 6.1)'),
    'skip-unmapped-direct-ptes': (
        'arch/x86/mm/init_64.c',
        '\t\tif (direct ? pte_none(*pte) : !pte_present(*pte))\n',
        '\t\tif (!pte_present(*pte))\n',
        'hot-remove leaves the direct map debug_pagealloc unmapped '
        '(pristine 6.1)'),
    'keep-memmap-of-holes': (
        'mm/memblock.c',
        '\t\tmemmap_boot_pages_add(early_pfn_to_nid(start_pfn - 1),\n'
        '\t\t\t\t      -(long)((pgend - pg) >> PAGE_SHIFT));\n',
        '',
        'the memmap of a hole between memory banks that ARM gives back '
        'stays in the boot counter: boot@armhf'),
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
        'all for its first node (64 KB pages count a page for every 16 KB '
        'memmap: boot@ppc64le)'),
    'hotadd-round-up': (
        'mm/sparse.c',
        '\tmemmap_account_mapped(&c, -1);\n'
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tc.present = true;\n'
        '\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n'
        '\tmemmap_pages_add(nid, DIV_ROUND_UP(nr_pages * sizeof(struct page),\n'
        '\t\t\t\t\t   PAGE_SIZE));\n',
        'hot-add counts a section\'s memmap rounded up to pages (with 64 KB '
        'pages, a page per 16 KB section that an existing vmemmap block '
        'already maps; x86-64 cannot tell, dimm-in-block@ppc64le)'),
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
    # Only the second oracle (page_owner, guest/lib.sh oracle_step) sees
    # these: the KUnit ground truth shares the page-table reader and walks
    # valid sections only, so it agrees with the counters.
    'vmemmap-block-as-one-page': (
        'mm/sparse-vmemmap.c',
        '\t\t*nr_pages = PMD_SIZE >> PAGE_SHIFT;\n'
        '\t\treturn pmd_page(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);\n',
        '\t\treturn pmd_page(*pmd);\n',
        'the page-table reader takes a PMD block of the vmemmap for one '
        'page, for the accounting and the KUnit truth alike (hotplug: '
        'the second oracle; the layout checks)'),
    'leak-vmemmap-on-remove': (
        'mm/sparse.c',
        '\tvmemmap_free(start, end, altmap);\n\tc.present = false;\n',
        '\tc.present = false;\n',
        'removed memory keeps its vmemmap mapped and allocated while the '
        'counters let it go (hotplug: the second oracle and the page-table '
        'dump; KUnit walks valid sections)'),
    'hvo-boot-pages-as-buddy': (
        'mm/hugetlb_vmemmap.c',
        '\t\tif (PageReserved(page))\n\t\t\tnr_boot++;\n',
        '',
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
        '\t\t__free_pages(page, 0);\n\treturn -ENOMEM;\n',
        'out:\n\tif (false)\n'
        '\t\tlist_for_each_entry_safe(page, next, list, lru)\n'
        '\t\t\t__free_pages(page, 0);\n\treturn -ENOMEM;\n',
        'an HVO restore whose allocations failed part-way keeps the '
        'vmemmap pages it had allocated: counted nowhere, mapped nowhere '
        '(hvo-sweeps: the second oracle; KUnit reads page tables)'),
}
