# SPDX-License-Identifier: GPL-2.0
"""The mutants of the 6.12 series (scripts/mutants.py): each undoes one
fix.  make mutants KERNEL=6.12 MUTANT_SCENARIOS=global-counters."""

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
        '\tmemmap_boot_pages_add(-(long)backing.boot);\n'
        '\tmemmap_pages_add(-(long)backing.buddy);\n',
        '\tmemmap_boot_pages_add(-(long)(backing.boot + backing.buddy));\n',
        'an early section\'s removal takes all of its memmap out of the '
        'boot counter (pristine 6.12.117)'),
}
