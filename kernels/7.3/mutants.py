# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 7.3 series (scripts/mutants.py): each undoes one
fix or misplaces one accounting hook.  Those of the 6.12 series whose
code 7.3 keeps, and the 7.3 series' own: the shared HVO tail page
uncounted, the boot shared tail page not zeroed, a device's
altmap without its node.
make mutants KERNEL=7.3 MUTANT_SCENARIOS="accounting boot-dimm failures
global-counters hotplug shared-section hvo-boot devdax-altmap"."""

# name: (file, text to replace, replacement, what it breaks)
MUTANTS = {
    'keep-sections-of-failed-add': (
        'mm/memory_hotplug.c',
        '\tif (err && pfn > start_pfn)\n',
        '\tif (false)\n',
        'a hot-add that fails in its third section keeps the first two, memmap and all (pristine 6.12.118; kmem-failures)'),
    'clamp-negative-counters': (
        'mm/vmstat.c',
        '\treturn atomic_long_read(memmap_counter(NODE_DATA(nid), item));\n',
        '\treturn max(0L, atomic_long_read(memmap_counter(NODE_DATA(nid), item)));\n',
        'a negative node counter reads as 0 (the series before v5; KUnit memmap_pages_read_as_held)'),
    'keep-direct-map-of-failed-add': (
        'arch/x86/mm/init_64.c',
        '\tif (ret)\n\t\tkernel_physical_mapping_remove(start, start + size);\n',
        '',
        'a hot-add that failed in add_pages() leaves its range mapped'),
    'remove-part-of-gb-page-as-table': (
        'arch/x86/mm/init_64.c',
        '\t\tif (pud_leaf(*pud) && !split_direct_pud(pud)) {\n',
        '\t\tif (false) {\n',
        'part of a 1 GB direct-map page removed as if it were a PMD table (pristine 6.12.117)'),
    'skip-unmapped-direct-ptes': (
        'arch/x86/mm/init_64.c',
        '\t\tif (direct ? pte_none(*pte) : !pte_present(*pte))\n',
        '\t\tif (!pte_present(*pte))\n',
        'hot-remove leaves the direct map debug_pagealloc unmapped (pristine 6.12.117)'),
    'round-up-per-section': (
        'mm/sparse-vmemmap.c',
        '\tmemmap_account_mapped(&c, -1);\n\tpage = __populate_section_memmap(pfn, PAGES_PER_SECTION, nid, NULL,\n\t\t\t\t\t NULL);\n\tc.present = true;\n\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, PAGES_PER_SECTION, nid, NULL,\n\t\t\t\t\t NULL);\n\tmemmap_boot_pages_add(nid, DIV_ROUND_UP(PAGES_PER_SECTION *\n\t\t\tsizeof(struct page), PAGE_SIZE));\n',
        "a boot section's vmemmap counted as its size rounded up to pages, all for its first node (pristine 6.12.117: 64 KB pages count every 16 KB memmap as a page, boot@ppc64le)"),
    'hotadd-round-up': (
        'mm/sparse-vmemmap.c',
        '\tmemmap_account_mapped(&c, -1);\n\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n\tc.present = true;\n\tmemmap_account_mapped(&c, 1);\n',
        '\tpage = __populate_section_memmap(pfn, nr_pages, nid, altmap, pgmap);\n\tmemmap_pages_add(nid, DIV_ROUND_UP(nr_pages * sizeof(struct page),\n\t\t\t\t\t   PAGE_SIZE));\n',
        "hot-add counts a section's memmap rounded up to pages (pristine 6.12.117: with 64 KB pages, a page per 16 KB section that an existing vmemmap block already maps; x86-64 cannot tell, dimm-in-block@ppc64le)"),
    'global-is-node0': (
        'mm/vmstat.c',
        '\tfor_each_node(nid) {\n\t\t/*\n\t\t * NULL for a possible node',
        '\tfor (nid = 0; nid < 1; nid++) {\n\t\t/*\n\t\t * NULL for a possible node',
        'the global values count node 0 only'),
    'pagemetadata-before-sectables': (
        'fs/proc/meminfo.c',
        '\tshow_val_kb(m, "SecPageTables:  ",\n\t\t    global_node_page_state(NR_SECONDARY_PAGETABLE));\n\t/* signed: an accounting bug must not read as a plausible value */\n\tseq_printf(m, "PageMetadata:   %8ld kB\\n",\n\t\t   (global_memmap_pages(NR_MEMMAP_PAGES) +\n\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES)) *\n\t\t   (long)(PAGE_SIZE / SZ_1K));\n',
        '\t/* signed: an accounting bug must not read as a plausible value */\n\tseq_printf(m, "PageMetadata:   %8ld kB\\n",\n\t\t   (global_memmap_pages(NR_MEMMAP_PAGES) +\n\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES)) *\n\t\t   (long)(PAGE_SIZE / SZ_1K));\n\tshow_val_kb(m, "SecPageTables:  ",\n\t\t    global_node_page_state(NR_SECONDARY_PAGETABLE));\n',
        'PageMetadata printed before SecPageTables in /proc/meminfo, not after it (the kselftest: accounting)'),
    'altmap-as-memblock': (
        'mm/sparse-vmemmap.c',
        '\tif (c->altmap && pfn >= c->altmap->base_pfn &&\n',
        '\tif (false && c->altmap && pfn >= c->altmap->base_pfn &&\n',
        "the vmemmap that the altmap of a device starting in a boot section gives is counted as memblock's, reading its poisoned struct pages (devdax-altmap; a BUG on the debug kernel)"),
    'vmemmap-block-as-one-page': (
        'mm/sparse-vmemmap.c',
        '\t\t*nr_pages = PMD_SIZE >> PAGE_SHIFT;\n\t\treturn pmd_page(pmdp_get(pmd)) +\n\t\t       ((addr & ~PMD_MASK) >> PAGE_SHIFT);\n',
        '\t\treturn pmd_page(pmdp_get(pmd));\n',
        'the page-table reader takes a PMD block of the vmemmap for one page, for the accounting and the KUnit truth alike (hotplug: the second oracle; the layout checks)'),
    'leak-vmemmap-on-remove': (
        'mm/sparse-vmemmap.c',
        '\tvmemmap_free(start, end, altmap);\n\tc.present = false;\n',
        '\tc.present = false;\n',
        'removed memory keeps its vmemmap mapped and allocated while the counters let it go (hotplug: the second oracle and the page-table dump; KUnit walks valid sections)'),
    'count-failed-page-ext': (
        'mm/page_ext.c',
        '\t\tpr_err("page ext allocation failure\\n");\n',
        '\t\tpr_err("page ext allocation failure\\n");\n\t\tmemmap_pages_add(section_memmap_nid(pfn),\n\t\t\t\t DIV_ROUND_UP(table_size, PAGE_SIZE));\n',
        'a page_ext table that could not be allocated on online is counted all the same (failures: the online sweep)'),
    'leak-restore-pages-on-failure': (
        'mm/hugetlb_vmemmap.c',
        'out:\n\tlist_for_each_entry_safe(page, next, list, lru)\n\t\t__free_page(page);\n\treturn -ENOMEM;\n',
        'out:\n\tif (false)\n\t\tlist_for_each_entry_safe(page, next, list, lru)\n\t\t\t__free_page(page);\n\treturn -ENOMEM;\n',
        'an HVO restore whose allocations failed part-way keeps the vmemmap pages it had allocated: counted nowhere, mapped nowhere (hvo-sweeps: the second oracle; KUnit reads page tables)'),
    'node-vmstat-lines-swapped': (
        'drivers/base/node.c',
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n\t\t\t     vm_stat_name(NR_MEMMAP_PAGES),\n\t\t\t     node_memmap_pages(nid, NR_MEMMAP_PAGES));\n\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n\t\t\t     vm_stat_name(NR_MEMMAP_BOOT_PAGES),\n\t\t\t     node_memmap_pages(nid, NR_MEMMAP_BOOT_PAGES));\n',
        '\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n\t\t\t     vm_stat_name(NR_MEMMAP_BOOT_PAGES),\n\t\t\t     node_memmap_pages(nid, NR_MEMMAP_BOOT_PAGES));\n\tlen += sysfs_emit_at(buf, len, "%s %ld\\n",\n\t\t\t     vm_stat_name(NR_MEMMAP_PAGES),\n\t\t\t     node_memmap_pages(nid, NR_MEMMAP_PAGES));\n',
        'nr_memmap_boot_pages before nr_memmap_pages in the node vmstat files, not last (the kselftest: accounting)'),
    'tail-page-uncounted': (
        'mm/hugetlb_vmemmap.c',
        '\t\t/* Kept for good, mapped by every folio of this zone and order. */\n\t\tmemmap_pages_add(page_to_nid(tail), 1);\n',
        '\t\t/* Kept for good, mapped by every folio of this zone and order. */\n',
        "the tail page HVO shares between a zone's optimized folios, allocated at run time, is counted nowhere (pristine 7.3.4; KUnit, failures)"),
    'boot-tail-page-not-zeroed': (
        'mm/hugetlb.c',
        '\t\t\tmemset(p, 0, PAGE_SIZE);\n',
        '',
        "the shared tail page of a boot gigantic page keeps what memmap_init() wrote in its struct pages, a refcount of 1 among others, and freeing the page reports a bad page for every restored tail (pristine 7.3.4; hvo-boot)"),
    'altmap-node-unset': (
        'mm/memremap.c',
        '\tif (params->altmap)\n\t\tparams->altmap->nid = nid;\n',
        '',
        "a device's altmap counts its memmap on node 0, wherever the device memory is (devdax-altmap)"),
}
