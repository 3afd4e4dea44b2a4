#!/bin/sh
# make demo: build the patched kernel if needed, boot it with two NUMA nodes
# and page_owner on, and print PageMetadata as the guest kernel reports it
# at boot, with HugeTLB vmemmap optimization, and across a DIMM hot-add and
# hot-remove.
set -eu
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/build.sh" x86_64
"$TOP/scripts/kvm-probe.sh"
if ! "$TOP/scripts/run-scenario.sh" demo; then
	die "the demo guest failed: see $BUILD/runs/demo/console.log"
fi
echo
echo "PageMetadata (struct pages and page_ext), read in the guest:"
echo
sed -n '/^@@doc demo/,/^@@doc /p' "$BUILD/runs/demo/results.log" |
	grep -v '^@@' | tr -d '\r'
cat <<'TXT'

Expected from the layout (64-byte struct page, 4 KB pages, page_owner's
64-byte page_ext entries): HVO frees 7 of the 8 vmemmap pages of each 2 MB
page, 28 kB each, 1792 kB for 64 pages, memblock pages that MemTotal gains;
freeing the pages allocates them again (ordinary pages: the boot part stays
lower). A 1 GB DIMM is 8 sections of 512 memmap pages and 512 page_ext
pages: 32768 kB, all gone again after the removal.
TXT
