# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 6.12 series (scripts/mutants.py): each undoes one
fix or misplaces one accounting hook.
make mutants KERNEL=6.12 MUTANT_SCENARIOS=global-counters."""

# name: (file, text to replace, replacement, what it breaks)
MUTANTS = {
    'no-tail-struct-page-reset': (
        'mm/hugetlb_vmemmap.c',
        '\tvmemmap_reset_tail_struct_pages(dst);\n',
        '',
        'restored tail vmemmap pages start with head struct pages '
        '(pristine 6.12.117: Bad page state on every HugeTLB free)'),
    'early-section-all-boot': (
        'mm/sparse-vmemmap.c',
        '\t\tmemmap_boot_pages_add(nid, -(long)backing.boot);\n'
        '\t\tmemmap_pages_add(nid, -(long)backing.buddy);\n',
        '\t\tmemmap_boot_pages_add(nid, -(long)(backing.boot + '
        'backing.buddy));\n',
        'an early section\'s removal takes all of its memmap out of the '
        'boot counter (pristine 6.12.117)'),
    'hvo-first-node': (
        'mm/hugetlb_vmemmap.c',
        '\tint nid = page_to_nid((struct page *)start);\n'
        '\tstruct vmemmap_remap_walk walk = {\n',
        '\tint nid = first_online_node;\n'
        '\tstruct vmemmap_remap_walk walk = {\n',
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
        '\tfor_each_node(nid) {\n\t\t/* NULL for a possible node',
        '\tfor (nid = 0; nid < 1; nid++) {\n\t\t/* NULL for a possible node',
        'the global values count node 0 only'),
}
