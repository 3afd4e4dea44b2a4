#@config ppc64le
#@mem 1G,slots=4,maxmem=4G
#@numa 512M,512M
#@append page_owner=on
#@timeout 300
# Memory hot-add and hot-remove where the vmemmap is already mapped, for
# kernels whose guests have no static busybox (ppc64le): guest/mini-init.c
# runs these steps without a shell.  With 64 KB pages a 16 MB section's
# memmap is 16 kB, and boot maps one 2 MB vmemmap block for sections
# 0-127 (2 GB) of which 0-63 (1 GB, two nodes of 512 MB) are present:
# node 0 has the block's pages 0-7 and 16-31 (those beyond the memory go
# with the block's first), node 1 pages 8-15, 24 and 8 memblock pages.
# The DIMM lands at 1 GB, in sections 64-79, whose struct pages lie in
# pages 16-19: hot-add allocates no vmemmap and moves those 4 pages to
# node 1, hot-remove frees none and moves them back.  pseries onlines
# the DIMM: page_owner gives each of its 16 sections a page_ext table of
# one 64 KB page, in nr_memmap_pages until the DIMM goes.  The KUnit
# suite, a module, is loaded at boot and again after each step.
# The steps, which guest/mini-init.c's dimm_in_block() runs (expected
# values in its result document, dimm-in-block):
#   boot:       nr_memmap_boot_pages 24 on node 0, 8 on node 1
#   hot-add of a 256 MB DIMM on node 1 (host request "hotadd d1 1 256M"):
#               20 and 12, nr_memmap_pages + 16; KUnit again
#               (kunit-after-hotadd)
#   hot-remove of the DIMM ("hotremove d1"): 24 and 8, nr_memmap_pages
#               back; KUnit again (kunit-after-hotremove)
