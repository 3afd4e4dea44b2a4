#!/bin/sh
# The sizes of the kernel structures whose cost the series can change, as
# the built kernel NAME (build/obj/NAME) lays them out, and its image:
# compiles a probe file against that build (kbuild's external-module
# build) and reads each size from nm.  One "KEY VALUE" line each, in bytes
# (*_bytes, vmlinux_*) or items (*_count).
#
#   scripts/type-sizes.sh NAME
set -eu
. "$(dirname "$0")/lib.sh"

name=${1:?usage: type-sizes.sh NAME}
obj=$BUILD/obj/$name
arch=$(cat "$BUILD/state/$name/arch")
probe=$BUILD/state/$name/type-sizes
[ -f "$obj/vmlinux" ] || die "$name is not built"
rm -rf "$probe"
mkdir -p "$probe"
echo 'obj-m := probe.o' >"$probe/Kbuild"
# struct lruvec_stats_percpu is private to mm/memcontrol.c in 6.12: probe
# it only where include/linux/memcontrol.h still defines it (6.1).
src=$KSRC
[ ! -f "$BUILD/state/$name/src" ] || src=$(cat "$BUILD/state/$name/src")
if grep -q '^struct lruvec_stats_percpu {' "$src/include/linux/memcontrol.h"; then
	echo 'ccflags-y := -DPROBE_LRUVEC_STATS_PERCPU' >>"$probe/Kbuild"
fi
cat >"$probe/probe.c" <<'PROBE'
// The size of each type is the size of an array.
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/memcontrol.h>

char pg_data_t_bytes[sizeof(pg_data_t)];
char per_cpu_nodestat_bytes[sizeof(struct per_cpu_nodestat)];
#ifdef CONFIG_SPARSEMEM
char mem_section_usage_bytes[sizeof(struct mem_section_usage)];
#endif
#ifdef CONFIG_MEMCG
/* The per-cpu and per-node statistics of a memcg grow with these. */
char memcg_stat_items_count[MEMCG_NR_STAT];
char node_stat_items_count[NR_VM_NODE_STAT_ITEMS];
char mem_cgroup_bytes[sizeof(struct mem_cgroup)];
#ifdef PROBE_LRUVEC_STATS_PERCPU
char lruvec_stats_percpu_bytes[sizeof(struct lruvec_stats_percpu)];
#endif
char mem_cgroup_per_node_bytes[sizeof(struct mem_cgroup_per_node)];
#endif
PROBE
make -s -C "$obj" ARCH="$arch" M="$probe" probe.o >"$probe/build.log" 2>&1 ||
	{ cat "$probe/build.log" >&2; die "probe build failed"; }
nm -S "$probe/probe.o" | while read -r _ size _ sym; do
	case "$sym" in *_bytes|*_count) echo "$sym $((0x$size))" ;; esac
done
size "$obj/vmlinux" | awk 'NR == 2 { printf "vmlinux_text %d\nvmlinux_data %d\nvmlinux_bss %d\n", $1, $2, $3 }'
