# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 6.1 series (scripts/mutants.py): each removes or
misplaces one accounting hook, or undoes one fix."""

# name: (file, text to replace, replacement, what it breaks)
MUTANTS = {
    'no-hotplug-memmap-charge': (
        'mm/sparse.c',
        '\tmemmap_account(ms->usage, pfn, nr_pages, nid, nr_memmap_pages, false);\n',
        '',
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
        'mm/sparse-vmemmap.c',
        '\tif (r < 0)\n\t\treturn NULL;\n\n'
        '\t*nr_memmap_pages = vmemmap_backing_pages - backing;\n',
        '\t*nr_memmap_pages = vmemmap_backing_pages - backing;\n'
        '\tif (r < 0) {\n\t\tmemmap_pages_add(nid, *nr_memmap_pages);\n'
        '\t\treturn NULL;\n\t}\n',
        'what a failed populate allocated is accounted (upstream bug 6)'),
    'uncharge-nominal-on-rollback': (
        'mm/sparse.c',
        '\tif (!memmap) {\n\t\tsection_deactivate(pfn, nr_pages, altmap);\n',
        '\tif (!memmap) {\n\t\tmemmap_pages_add(nid, -(long)(nr_pages *\n'
        '\t\t\t\t sizeof(struct page) >> PAGE_SHIFT));\n'
        '\t\tsection_deactivate(pfn, nr_pages, altmap);\n',
        'a failed activation takes back pages never accounted (upstream bug 9)'),
    'charge-full-devmap-memmap': (
        'mm/sparse-vmemmap.c',
        '\t*nr_memmap_pages = vmemmap_backing_pages - backing;\n',
        '\t*nr_memmap_pages = nr_pages * sizeof(struct page) / PAGE_SIZE;\n',
        'nominal memmap size accounted instead of what was allocated'),
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
        '\t\t    global_memmap_pages(NR_MEMMAP_PAGES) +\n'
        '\t\t    global_memmap_pages(NR_MEMMAP_BOOT_PAGES));\n',
        '\t\t    global_memmap_pages(NR_MEMMAP_PAGES));\n',
        'PageMetadata shows nr_memmap_pages only'),
    'one-node-per-section': (
        'mm/sparse.c',
        '\tfor (i = subsection_index(pfn);\n'
        '\t     i <= subsection_index(pfn + nr_pfns - 1); i++)\n',
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
        'mm/sparse.c',
        '\t\t\t\t atomic_xchg(&ms->usage->memmap_boot_pages, 0));\n',
        '\t\t\t\t (atomic_xchg(&ms->usage->memmap_boot_pages, 0),\n'
        '\t\t\t\t  PAGES_PER_SECTION * sizeof(struct page) / PAGE_SIZE));\n',
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
}
