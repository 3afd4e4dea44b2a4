#@config x86_64
#@mem 64G
#@numa 8G,8G,8G,8G,8G,8G,8G,8G
#@append page_owner=on
#@timeout 1200
#@check no
#@qemu -icount shift=0,sleep=off -smp 1
# The scale point of the benchmark (scripts/bench.py boots this on the
# base and on the patched kernel): 64 GB over 8 nodes.  QEMU backs guest
# memory lazily; only the memmap and page_ext are touched.  Lines
# "bench KEY VALUE"; on the patched kernel also the KUnit ground truth
# and the values the layout gives:
# 64 GB is 512 sections of 128 MB, each with 512 pages of memmap (32768
# struct pages of 64 bytes) and, with page_owner, a page_ext table
# (section_meta_kb in guest/lib.sh); 64 sections per 8 GB node.
out boot_ns "$(bench-time boot)"
out nodes "$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
out MemTotal_kB "$(memtotal_kb)"
[ -n "$(meta_kb)" ] || exit 0
out PageMetadata_kB "$(meta_kb)"
section_kb=$(section_meta_kb)
out PageMetadata_layout_kB $((512 * section_kb))
doc scale
tap "TAP version 13" "1..3"
check "64 GB, 8 nodes: PageMetadata (kB)" $((512 * section_kb)) "$(meta_kb)"
bad=
for n in 0 1 2 3 4 5 6 7; do
	[ "$(meta_kb $n)" = $((64 * section_kb)) ] ||
		bad="$bad node$n=$(meta_kb $n)"
done
check "nodes whose PageMetadata is not $((64 * section_kb)) kB" none \
	"${bad:-none}"
check "nr_memmap_pages + nr_memmap_boot_pages (pages)" \
	$((512 * section_kb / 4)) \
	$(($(vmstat_get nr_memmap_pages) + $(vmstat_get nr_memmap_boot_pages)))
kunit_module page_metadata_kunit kunit-scale
