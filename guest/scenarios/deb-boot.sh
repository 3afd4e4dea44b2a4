#@config deb
#@mem 2G
#@numa 1G,1G
#@append page_owner=on
#@timeout 300
#@check no
# The kernel of the image package that make deb built (scripts/deb.sh
# boots it with the package's own modules): it carries the series' release
# suffix, shows PageMetadata, and agrees with the KUnit ground truth when
# the config has the test.
doc deb-boot
tap "TAP version 13" "1..4"
case "$(uname -r)" in
*-pagemeta*) check "kernel release carries the series' suffix" yes yes ;;
*) check "kernel release carries the series' suffix ($(uname -r))" yes no ;;
esac
meta=$(meta_kb)
check "PageMetadata line in /proc/meminfo" yes "$([ -n "$meta" ] && [ "$meta" -gt 0 ] && echo yes || echo no)"
vm=$(($(vmstat_get nr_memmap_pages) + $(vmstat_get nr_memmap_boot_pages)))
check "PageMetadata (kB) equals (nr_memmap_pages + nr_memmap_boot_pages) x 4" \
	"$meta" $((vm * 4))
check "PageMetadata (kB) equals the sum of the nodes" "$meta" \
	$(($(meta_kb 0) + $(meta_kb 1)))
tap "# PageMetadata: $meta kB (node 0: $(meta_kb 0) kB, node 1: $(meta_kb 1) kB)"
if modinfo page_metadata_kunit >/dev/null 2>&1; then
	kunit_module page_metadata_kunit kunit-deb
fi
