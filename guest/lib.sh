# Helpers for guest scenarios (busybox sh); sourced by /init.  Their
# variables are local: a scenario's own names stay its own.
#
# Results go to the second serial port (/dev/ttyS1) as TAP/KTAP documents,
# each introduced by a line "@@doc NAME" (the same NAME again continues a
# document); the host splits the stream and
# parses each document with kunit.py.  The third port (/dev/ttyS2) carries
# requests to the host ("@@host VERB ARGS...") and its one-line answers.

for tty in /dev/ttyS1 /dev/ttyS2; do
	stty -F "$tty" raw -echo 2>/dev/null
done
# Keep the host channel open: an answer that arrives while no one has the
# port open would be thrown away.
exec 4<>/dev/ttyS2
# Keep the results port open too, so that each write does not start the
# UART up and each close does not shut it down (and wait for it to drain)
# again: a run under load once lost a whole KUnit document written right
# after boot.
exec 5>/dev/ttyS1

# doc NAME: start a new result document
doc() {
	cur_doc=$1
	echo "@@doc $1" >/dev/ttyS1
}

# tap LINE...: write lines to the current result document
tap() {
	printf '%s\n' "$@" >/dev/ttyS1
}

# host VERB ARGS...: ask the host to do something (hot-add a DIMM, ...);
# prints the host's answer and fails unless it starts with "ok".
host() {
	local answer
	echo "@@host $*" >&4
	read -r answer <&4
	echo "$answer"
	case "$answer" in ok*) return 0 ;; esac
	return 1
}

# kunit_module NAME DOC: load a KUnit test module, put the KTAP it printed
# into the result document DOC, and unload it again.
kunit_module() {
	dmesg -c >/dev/null
	if ! modprobe "$1"; then
		doc "$2"
		tap "TAP version 13" "1..1" "not ok 1 - $1 # could not load the module"
		return 1
	fi
	doc "$2"
	dmesg -c >/dev/ttyS1
	modprobe -r "$1"
}

# run_kselftest DOC PROG ARGS...: run a kselftest program, its TAP output
# into the result document DOC
run_kselftest() {
	local d
	d=$1
	shift
	doc "$d"
	"$@" >/dev/ttyS1 2>&1
}

# meta_kb [NODE]: PageMetadata in kB, global or of NODE, read as it is
# (the counters need no vm.stat_refresh)
meta_kb() {
	if [ $# = 0 ]; then
		meminfo_kb PageMetadata
	else
		sed -n 's/^Node [0-9]* PageMetadata: *\(-*[0-9]*\) kB/\1/p' \
			"/sys/devices/system/node/node$1/meminfo"
	fi
}

# vmstat_get NAME [NODE]: a value of /proc/vmstat, or of NODE's vmstat
vmstat_get() {
	local f
	f=/proc/vmstat
	[ $# = 1 ] || f=/sys/devices/system/node/node$2/vmstat
	sed -n "s/^$1 //p" "$f"
}

# vmstat_sum NAME: NAME summed over the vmstat files of the online nodes
vmstat_sum() {
	local s f
	s=0
	for f in /sys/devices/system/node/node[0-9]*/vmstat; do
		s=$((s + $(sed -n "s/^$1 //p" "$f")))
	done
	echo "$s"
}

# TAP numbering for checks written by the scenario itself
tap_n=0
# check NAME EXPECTED OBSERVED: one TAP result comparing two numbers
check() {
	tap_n=$((tap_n + 1))
	if [ "$2" = "$3" ]; then
		tap "ok $tap_n - $1: $3"
	else
		tap "not ok $tap_n - $1: expected $2, got $3"
		return 1
	fi
}

# skip NAME REASON: a check this kernel cannot make, as a TAP skip
skip() {
	tap_n=$((tap_n + 1))
	tap "ok $tap_n - $1 # SKIP $2"
}

# node_meta_kb NODE: like meta_kb NODE, 0 for a node that is not online
node_meta_kb() {
	if [ -d "/sys/devices/system/node/node$1" ]; then
		meta_kb "$1"
	else
		echo 0
	fi
}

# wait_until VALUE COMMAND...: wait up to 60 s (of the guest's clock, not
# a count of rounds: a debug kernel under TCG forks slowly), times the
# kernel config's timeout scale (series.scale), until COMMAND prints
# VALUE; fails if it never does
wait_until() {
	local v now end scale
	v=$1
	shift
	scale=$(sed -n 's/.*series\.scale=\([0-9]*\).*/\1/p' /proc/cmdline)
	read -r now _ </proc/uptime
	end=$((${now%.*} + 60 * ${scale:-1}))
	while [ "$("$@")" != "$v" ]; do
		read -r now _ </proc/uptime
		[ "${now%.*}" -lt "$end" ] || break
		sleep 0.1
	done
	[ "$("$@")" = "$v" ]
}

# wait_settled VALUE COMMAND...: like wait_until, but COMMAND must print
# VALUE ten times in a row, 0.1 s apart, so that a value passed through on
# the way does not end the wait; every value seen on the way goes into
# the current document as a TAP comment, with the guest's clock.  (A wait
# on virtio-mem's removals once ended with node 1's metadata seen at its
# final value and read one section's memmap above it right after, on
# 6.1's debug kernel, not reproduced since.)
wait_settled() {
	local v now end scale seen last n
	v=$1
	shift
	scale=$(sed -n 's/.*series\.scale=\([0-9]*\).*/\1/p' /proc/cmdline)
	read -r now _ </proc/uptime
	end=$((${now%.*} + 60 * ${scale:-1}))
	last=
	n=0
	while [ $n -lt 10 ]; do
		seen=$("$@")
		read -r now _ </proc/uptime
		if [ "$seen" != "$last" ]; then
			tap "# $now s: $* = $seen"
			last=$seen
		fi
		if [ "$seen" = "$v" ]; then
			n=$((n + 1))
		else
			n=0
			[ "${now%.*}" -lt "$end" ] || return 1
		fi
		sleep 0.1
	done
}

# wait_memtotal KB: wait until MemTotal is KB; ACPI hot-add and the
# onlining of each memory block finish after the host's request
wait_memtotal() {
	wait_until "$1" memtotal_kb
}

memtotal_kb() {
	meminfo_kb MemTotal
}

# meminfo_kb KEY: the value of KEY in /proc/meminfo, in kB
meminfo_kb() {
	sed -n "s/^$1: *\(-*[0-9]*\) kB/\1/p" /proc/meminfo
}

# direct_map: the direct map's size by page size ("4k:KB 2M:KB 1G:KB",
# x86's DirectMap lines of /proc/meminfo)
direct_map() {
	echo $(sed -n 's/^DirectMap\([0-9a-zA-Z]*\): *\([0-9]*\) kB/\1:\2/p' \
		/proc/meminfo)
}

# hvo_new_head: the vmemmap pages HVO allocates per HugeTLB page.  6.1
# keeps the head vmemmap page and frees the 7 others of a 2 MB page; 6.12
# and later copy it into a newly allocated page and free all 8.  The net
# change is the same; what boot memory gives back to MemTotal is not.
hvo_new_head() {
	case "$(uname -r)" in
	6.1.*) echo 0 ;;
	*) echo 1 ;;
	esac
}

# hvo_tail_pages: the pages HVO allocates once per zone and HugeTLB size,
# for the tail struct pages that every optimized page of the zone and size
# maps read-only, and keeps: 1 on 7.x with the series, which counts it in
# nr_memmap_pages on the node it lies on (the first page optimized in a zone
# lowers the counters by one page less, and freeing it leaves that page);
# 0 on 6.x, which maps the tails onto the head copy, and on a 7.x kernel
# without the series' per-node counters, which does not count it.
hvo_tail_pages() {
	case "$(uname -r)" in
	6.*) echo 0 ;;
	*) if [ -n "$(vmstat_get nr_memmap_pages 0)" ]; then echo 1; else echo 0; fi ;;
	esac
}

# hvo_preinit: whether a gigantic page allocated at boot with HVO on is
# optimized before the memmap is allocated (7.x on x86-64,
# SPARSEMEM_VMEMMAP_PREINIT): its sections' memmap is then never allocated,
# and its vmemmap is a head page and the zone's shared tail page, both from
# memblock; nothing comes from the page allocator until it is freed.
hvo_preinit() {
	case "$(uname -r)" in
	6.*) return 1 ;;
	esac
	[ "$(uname -m)" = x86_64 ]
}

# meta_by_location: whether a node's counters are the metadata its memory
# holds (the 7.x series, as for PageTables and Slab), not the metadata of
# its memory wherever that lies (the 6.x series): the two differ where
# memblock or the page allocator put a node's metadata on another node
# (movable_node, a node hot-added without memory of its own, a section
# that two nodes share).
meta_by_location() {
	case "$(uname -r)" in
	6.*) return 1 ;;
	*) return 0 ;;
	esac
}

# hvo_retries: whether HVO tries a HugeTLB page again after its vmemmap
# walk failed: 6.12 and later free the pages collected so far and retry
# once (hugetlb_vmemmap_optimize_folios()); 6.1 leaves the page as it is.
hvo_retries() {
	case "$(uname -r)" in
	6.1.*) echo 0 ;;
	*) echo 1 ;;
	esac
}

# The page metadata of a 128 MB section on x86-64 (4 kB pages, 64-byte
# struct page), in pages: its memmap, 32768 struct pages, 512 pages; with
# page_owner on, the page_ext user the scenarios turn on, its page_ext
# table of 32768 entries, struct page_ext (8 bytes) and struct page_owner.
# struct page_owner is 56 bytes in 6.1 and 64 in 6.12 and later, which
# keep the pid and tgid of the task that freed the page too: a table of
# 512 or 576 pages.
section_memmap_pages=512
section_page_ext_pages() {
	case "$(uname -r)" in
	6.1.*) echo 512 ;;
	*) echo 576 ;;
	esac
}

# page_ext_entry_bytes: the size of a page_ext entry with page_owner on
page_ext_entry_bytes() {
	echo $(($(section_page_ext_pages) * 4096 / 32768))
}

# section_meta_kb: a section's memmap and page_ext with page_owner (kB)
section_meta_kb() {
	echo $(((section_memmap_pages + $(section_page_ext_pages)) * 4))
}

# hugetlb_head_pfns START END [free|mapped]: the pfns of the 2 MB HugeTLB
# pages (KPF_HUGE and KPF_COMPOUND_HEAD at a 2 MB boundary) in the physical
# range [START, END) (2 MB aligned), or only of those mapped by a process
# (KPF_MMAP) or not.  One read of /proc/kpageflags for the whole range.
hugetlb_head_pfns() {
	local pfn end
	pfn=$(($1 >> 12))
	end=$(($2 >> 12))
	dd if=/proc/kpageflags bs=4096 skip=$((pfn / 512)) \
		count=$(((end - pfn) / 512)) 2>/dev/null |
		od -An -v -tu8 -w8 |
		awk -v pfn=$pfn -v want="${3:-any}" '
		NR % 512 == 1 {
			f = $1
			huge = int(f / 131072) % 2	# bit 17, KPF_HUGE
			head = int(f / 32768) % 2	# bit 15, KPF_COMPOUND_HEAD
			mmap = int(f / 2048) % 2	# bit 11, KPF_MMAP
			if (huge && head && (want == "any" ||
			    (want == "mapped" && mmap) || (want == "free" && !mmap)))
				print pfn + NR - 1
		}'
}

# hugetlb_heads START END: how many 2 MB HugeTLB pages [START, END) has
hugetlb_heads() {
	hugetlb_head_pfns "$1" "$2" | wc -l
}

# out KEY VALUE: one measurement of a benchmark scenario, for
# scripts/bench.py; error WHAT: something that went wrong in one
out() {
	echo "bench $1 $2" >/dev/ttyS1
}
error() {
	echo "bench-error $*" >/dev/ttyS1
}

# Memory blocks: /sys/devices/system/memory/memoryN
MEMORY=/sys/devices/system/memory

# node_blocks NODE: how many memory blocks NODE has
node_blocks() {
	ls -d /sys/devices/system/node/node$1/memory[0-9]* 2>/dev/null | wc -l
}

# node_zones NODE: the zones of NODE's online memory blocks, each once
node_zones() {
	echo $(cat /sys/devices/system/node/node$1/memory[0-9]*/valid_zones \
		2>/dev/null | sort -u)
}

# populated_zones: how many zones have memory, on all nodes
# (/proc/zoneinfo's present pages)
populated_zones() {
	awk '$1 == "present" && $2 > 0 { n++ } END { print n + 0 }' /proc/zoneinfo
}

# hvo_tails_max_kb: the most shared HVO tail pages that HugeTLB allocation
# can leave behind (kB): one per populated zone and HugeTLB size on 7.x
# with the series (hvo_tail_pages), none elsewhere
hvo_tails_max_kb() {
	echo $((4 * $(hvo_tail_pages) * $(populated_zones) *
		$(ls -d /sys/kernel/mm/hugepages/hugepages-* | wc -l)))
}

# check_back NAME BASE NOW: a PageMetadata value back at its baseline (kB)
# after HugeTLB pages came and went: exactly, but for the shared HVO tail
# pages they may have left (hvo_tails_max_kb; 7.x), which only the KUnit
# ground truth and page_owner count one by one
check_back() {
	local max
	max=$(hvo_tails_max_kb)
	if [ "$max" = 0 ]; then
		check "$1" "$2" "$3"
	else
		check "$1, or up to $max kB of shared HVO tail pages more" yes \
			"$([ $(($3 - $2)) -ge 0 ] && [ $(($3 - $2)) -le "$max" ] && echo yes || echo "no: $3, baseline $2")"
	fi
}

# online_blocks: how many memory blocks are online.  MemTotal moves with
# HVO (freed vmemmap pages of boot memory join it), so hotplug steps that
# run next to HugeTLB activity wait for memory blocks instead.
online_blocks() {
	cat $MEMORY/memory*/state | grep -c '^online'
}

# wait_blocks N: wait until N memory blocks are online
wait_blocks() {
	wait_until "$1" online_blocks
}

# memory_blocks: how many memory blocks there are, online or not; a block
# is gone only once its memory was removed, metadata included
memory_blocks() {
	ls -d $MEMORY/memory[0-9]* | wc -l
}

# offline_block BLOCK: offline a memory block, retrying for 10 s while it
# is busy (a hugepage being allocated or freed in it makes offlining fail
# with EBUSY, as it would for an operator, who tries again)
offline_block() {
	local i
	i=0
	until echo offline >"$MEMORY/memory$1/state" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || return 1
		sleep 0.2
	done
}

# Allocation failures injected with fail_page_alloc, limited to one task
# (task-filter and /proc/self/make-it-fail)
FAIL_PAGE_ALLOC=/sys/kernel/debug/fail_page_alloc

# fail_page_alloc_setup: fail sleeping allocations of any order too, only
# in tasks that ask for it, silently, from the first call on
fail_page_alloc_setup() {
	local text
	echo N >$FAIL_PAGE_ALLOC/ignore-gfp-wait
	echo 0 >$FAIL_PAGE_ALLOC/min-order
	echo Y >$FAIL_PAGE_ALLOC/task-filter
	echo 0 >$FAIL_PAGE_ALLOC/verbose
	echo 0 >$FAIL_PAGE_ALLOC/interval
	# never in page_owner's allocations for itself: a stack it could not
	# save, or (6.10 and later) not list in show_stacks, would hide what
	# the failing task allocated from the second oracle for the rest of
	# the boot (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER)
	text=$(page_owner_alloc_text)
	if [ -n "$text" ] && [ -w $FAIL_PAGE_ALLOC/reject-start ]; then
		echo "${text% *}" >$FAIL_PAGE_ALLOC/reject-start
		echo "${text#* }" >$FAIL_PAGE_ALLOC/reject-end
	fi
}

# page_owner_alloc_text: "START END", the text from page_owner's
# save_stack(), which saves a stack in the stack depot, to the end of
# __set_page_owner(), which on 6.10 and later also adds a new stack to
# show_stacks' list (inlined there): both allocate for page_owner itself.
# Nothing if page_owner is not built in or the names are not unique.
page_owner_alloc_text() {
	sort /proc/kallsyms | awk '
	NF == 3 && last { end = $1; last = 0 }
	NF == 3 && ($2 == "t" || $2 == "T") && $3 == "save_stack" {
		start = $1
		n++
	}
	NF == 3 && ($2 == "t" || $2 == "T") && $3 == "__set_page_owner" {
		last = 1
		m++
	}
	END { if (n == 1 && m == 1 && start < end) print "0x" start, "0x" end }'
}

# inject SPACE TIMES VALUE FILE: write VALUE to FILE from a shell whose
# page allocations fail once SPACE pages have been allocated, at most TIMES
# times; both are shell builtins, so nothing else runs in that task.
inject() {
	local rc
	echo "$1" >$FAIL_PAGE_ALLOC/space
	echo "$2" >$FAIL_PAGE_ALLOC/times
	echo 100 >$FAIL_PAGE_ALLOC/probability
	# the writer stops failing itself right after the write, through a
	# file it opened before: a page fault of its own in between would
	# get the injected failure too, and retry forever
	# (VM_FAULT_OOM, "Retrying PF")
	sh -c 'exec 4>/proc/self/make-it-fail; echo 1 >&4 &&
		{ echo "$1" >"$2"; r=$?; echo 0 >&4; exit $r; }' sh "$3" "$4" \
		2>/dev/null
	rc=$?
	echo 0 >$FAIL_PAGE_ALLOC/probability
	return $rc
}

# next_space SPACE FROM: the next point of a sweep of inject's SPACE that
# started at FROM: fail_page_alloc counts pages, so each of the first 16
# (page tables, one page each), then every 37th (the 512 base pages of
# the vmemmap fallback, vmalloc's pages of a page_ext table, cut at
# varying points)
next_space() {
	if [ "$1" -lt $(($2 + 16)) ]; then
		echo $(($1 + 1))
	else
		echo $(($1 + 37))
	fi
}

# inject_twice_start ID NTH SPACE VALUE FILE [TIMES]: start, in the
# background, a shell that opens FILE and waits for inject_twice_go ID; it
# then writes VALUE to FILE with its NTH page allocation failing
# (/proc/self/fail-nth) and, SPACE - 1 pages later, one more: a failure, a
# success, a second failure, as a retry after a partial failure meets
# them.  TIMES (default 2) counts the failures in all, the first
# included; -1 with SPACE 1: the NTH allocation and every one after it.
# After the write, the writer stops failing and reads its fail-nth back
# (0: the NTH failure was injected) for inject_twice_go, through files it
# opened before: with TIMES -1 every allocation after the NTH fails,
# opening a file included.
# Its process and its open files exist before the go, so the allocations
# counted are the write's own; started before the memory the write takes
# is freed, none of its pages can be in the way there.
inject_twice_start() {
	rm -f "/tmp/inject.$1"
	mkfifo "/tmp/inject.$1"
	echo "$3" >"/tmp/inject.$1.space"
	echo "${6:-2}" >"/tmp/inject.$1.times"
	sh -c 'exec 3>"$4" 4>/proc/self/fail-nth 5>/proc/self/make-it-fail \
	            6</proc/self/fail-nth &&
	       echo 1 >&5 && read -r _ <"$1" && echo "$2" >&4 || exit 1
	       echo "$3" >&3
	       rc=$?
	       echo 0 >&5
	       read -r left <&6
	       echo "$left" >"$1.left"
	       exit $rc' \
		sh "/tmp/inject.$1" "$2" "$4" "$5" 2>/dev/null &
	echo $! >"/tmp/inject.$1.pid"
}

# inject_twice_go ID: let the writer of inject_twice_start ID write, with
# the injection armed; returns the write's status, and sets
# inject_injected to 1 if the NTH failure was injected, else 0.  Starts
# no process before the write is done.
inject_twice_go() {
	local rc space times pid
	read -r space <"/tmp/inject.$1.space"
	read -r times <"/tmp/inject.$1.times"
	read -r pid <"/tmp/inject.$1.pid"
	echo "$space" >$FAIL_PAGE_ALLOC/space
	# the failure fail-nth forces counts in times too
	echo "$times" >$FAIL_PAGE_ALLOC/times
	echo 100 >$FAIL_PAGE_ALLOC/probability
	echo go >"/tmp/inject.$1"
	wait "$pid"
	rc=$?
	echo 0 >$FAIL_PAGE_ALLOC/probability
	inject_injected=0
	[ "$(cat "/tmp/inject.$1.left" 2>/dev/null)" != 0 ] || inject_injected=1
	rm -f "/tmp/inject.$1" "/tmp/inject.$1.space" "/tmp/inject.$1.times" \
		"/tmp/inject.$1.pid" "/tmp/inject.$1.left"
	return $rc
}

# inject_twice NTH SPACE VALUE FILE [TIMES]: both at once
inject_twice() {
	inject_twice_start once "$@"
	inject_twice_go once
}

# inject_from NTH VALUE FILE: write VALUE to FILE with its NTH page
# allocation and every one after it failing
inject_from() {
	inject_twice "$1" 1 "$2" "$3" -1
}

# node_metas: "N:kB", PageMetadata of every possible node (0 for a node
# not online)
node_metas() {
	local n
	for n in $(possible_nodes); do
		printf '%s:%s ' "$n" "$(node_meta_kb "$n")"
	done
}

# hvo_alloc_sweep FILE LAST HEADS: with no HugeTLB page in FILE (a
# nr_hugepages), allocate one with HVO on, for N from 1 to LAST, the Nth
# page allocation of the write failing and the second one after it
# (inject_twice: a failure, a success, a second failure, as HVO's retry
# meets them), then free it.  After each attempt the pages FILE counts
# must be the HugeTLB heads HEADS (a command) counts (a failed
# optimization must leave the folio intact; a page not allocated at all
# is a correct outcome too), and after freeing every node's PageMetadata
# must be as before (as after one page allocated and freed without
# failures, first: 7.x keeps the zone's shared tail page then).  Prints
# how many attempts allocated the page, and
# writes what went wrong, one attempt after the other, to /tmp/sweep-bad,
# and in how many attempts the Nth failure was injected to
# /tmp/sweep-injected.
hvo_alloc_sweep() {
	local nth bad pages heads allocated before after injected
	nth=1
	bad=
	allocated=0
	injected=0
	# one page optimized and freed first, without failures: the zone's
	# shared tail page (7.x) is then there before, as after every attempt
	echo 1 >"$1"
	echo 0 >"$1"
	before=$(node_metas)
	while [ "$nth" -le "$2" ]; do
		inject_twice "$nth" 2 1 "$1"
		injected=$((injected + inject_injected))
		pages=$(cat "$1")
		heads=$($3)
		[ "$pages" = "$heads" ] ||
			bad="$bad nth=$nth: $pages pages, $heads heads;"
		[ "$pages" = 0 ] || allocated=$((allocated + 1))
		echo 0 >"$1"
		after=$(node_metas)
		[ "$after" = "$before" ] ||
			bad="$bad nth=$nth: freed, PageMetadata $after, not $before;"
		nth=$((nth + 1))
	done
	echo "$bad" >/tmp/sweep-bad
	echo "$injected" >/tmp/sweep-injected
	echo "$allocated"
}

# pmem_drivers: load the drivers of legacy pmem and device-dax where they
# are modules (no udev here to do it), and wait for the regions they find
pmem_drivers() {
	local m
	for m in nd_e820 dax_pmem device_dax; do
		modprobe -q "$m" 2>/dev/null
	done
	cat /sys/bus/nd/devices/ndbus*/wait_probe >/dev/null 2>&1
	return 0
}

# devdax_create REGION ALIGN [MODE]: configure the dax seed of a legacy
# pmem region (memmap=nn!ss) on its namespace, as "ndctl create-namespace
# -m devdax --map=mem" does (MODE ram, the default) or --map=dev (MODE
# pmem: the memmap on the device, an altmap), and bind it; prints the nd
# device's name
devdax_create() {
	local r seed d
	r=/sys/bus/nd/devices/$1
	seed=$(cat "$r/dax_seed")
	d=/sys/bus/nd/devices/$seed
	cat /proc/sys/kernel/random/uuid >"$d/uuid" &&
		echo "$2" >"$d/align" &&
		echo "${3:-ram}" >"$d/mode" &&
		echo "namespace${1#region}.0" >"$d/namespace" &&
		echo "$seed" >/sys/bus/nd/drivers/dax_pmem/bind &&
		echo "$seed"
}

# The second oracle: page_owner's record of who allocated each page, which
# shares nothing with the accounting (not its hooks, its page-table reader
# or its rules).  owner_meta_pages: how many pages page_owner shows held
# for page metadata, over every node: the vmemmap's pages that the
# populate paths allocated (vmemmap_alloc_block(), not for the page tables
# that map them: vmemmap_alloc_block_zero() and vmemmap_p?d_populate()),
# HugeTLB vmemmap optimization's head copy and the pages it restores,
# classic SPARSEMEM's memmap and page_ext's tables (alloc_pages_exact_nid()
# or vmalloc's pages, not vmalloc's page tables nor its array of pages).
# An allocation is named by its first frame outside the page allocator
# (7.x allocates through __alloc_frozen_pages_noprof()).
# 6.10 and later keep a count per stack
# (page_owner_stacks/show_stacks): one read of a few kB instead of a
# record for every page (about 40 s on the debug kernel under TCG, the
# kernel's time; 0.6 s on the main kernel, where taking every record
# apart took 3.5 s).
# What page_owner cannot see: memblock's pages, pages the buddy allocator
# handed out before page_owner started (boot memory's page_ext tables),
# and, on 6.1, pages allocated with failures injected at the moment the
# stack depot needed a page and could not have it (fail_page_alloc_setup
# keeps failures out of page_owner's own allocations on 6.12); the KUnit
# ground truth covers those.
owner_meta_pages() {
	local f
	f=/sys/kernel/debug/page_owner_stacks/show_stacks
	[ -r $f ] || f=/sys/kernel/debug/page_owner
	cat $f | awk '
	BEGIN { RS = "" }
	# one record (a page, or a stack with its count) a paragraph; most
	# are no metadata, so one match of every name that could make one
	# before the record is taken apart.  Regular expressions written
	# out: busybox awk compiles one held in a variable again at every
	# match.
	!/vmemmap_|page_ext|memmap|section_activate|sparse_add_section/ { next }
	{
		pages = 1
		nf = 0
		split("", fr)
		n = split($0, line, "\n")
		for (j = 1; j <= n; j++) {
			split(line[j], w, " ")
			if (line[j] ~ /^Page allocated via order/) {
				o = w[5]
				sub(",", "", o)
				for (pages = 1; o > 0; o--)
					pages *= 2
			} else if (w[1] == "nr_base_pages:")
				pages = w[2]
			else if (w[1] != "PFN" && w[1] != "") {
				sub(/[+.].*/, "", w[1])
				fr[++nf] = w[1]
			}
		}
		for (i = 1; i <= nf; i++)
			if (fr[i] !~ /^(prep_new_page|post_alloc_hook|get_page_from_freelist|__alloc_pages.*|alloc_pages.*|__alloc_frozen_pages.*|alloc_frozen_pages.*|__folio_alloc.*|folio_alloc.*)$/)
				break
		c = fr[i]
		meta = 0
		if ((c == "vmemmap_alloc_block" || c == "vmemmap_alloc_block_buf") &&
		    fr[i + 1] !~ /^vmemmap_(alloc_block_zero|pgd_populate|p4d_populate|pud_populate|pmd_populate)$/)
			meta = 1
		if (c ~ /^(__hugetlb_vmemmap_optimize_folio|hugetlb_vmemmap_optimize|vmemmap_remap_free|__hugetlb_vmemmap_restore_folio|hugetlb_vmemmap_restore|alloc_vmemmap_page_list|vmemmap_remap_alloc)$/)
			meta = 1
		if (c ~ /^(init_section_page_ext|alloc_page_ext|__populate_section_memmap|populate_section_memmap|section_activate|sparse_add_section)$/)
			meta = 1
		# a table vmalloc() maps: its pages, allocated in
		# vm_area_alloc_pages() (6.12 inlines it and
		# __vmalloc_area_node() into __vmalloc_node_range_noprof()),
		# with one vmalloc between them and page_ext or sparse; two
		# for the array of those pages, which vmalloc() keeps
		if (c ~ /^(vm_area_alloc_pages|__vmalloc_area_node|__vmalloc_node_range|__vmalloc_node_range_noprof)$/) {
			nv = 0
			for (; i <= nf && fr[i] ~ /vmalloc|vzalloc|vm_area_alloc_pages/; i++)
				if (fr[i] ~ /^__vmalloc_node_range/)
					nv++
			if (nv == 1 && fr[i] ~ /^(init_section_page_ext|alloc_page_ext|__populate_section_memmap|populate_section_memmap|section_activate|sparse_add_section)$/)
				meta = 1
		}
		if (meta)
			total += pages
	}
	END { print total + 0 }'
}

# memblock_memmap_pages [NODE]: the memory memblock handed out for the
# memmap at boot, in 4 kB pages, from memblock=debug's log of every request
# with its caller: memmap_alloc()'s (a node's sparse buffer with the node
# exact, or FLATMEM's map); the requests for NODE (nid=NODE), or all of
# them.  memblock's own record, not the page tables nor the accounting's
# rules: a node's buffer holds the memmap of the sections that start on
# that node, whichever node's memory that memmap describes.  A vmemmap
# block not taken from the buffer is not seen (vmemmap_alloc_block()
# tail-calls memblock, which logs the populate function as the caller):
# a counter that holds one reads more than this.  7.x has no sparse
# buffer: every early vmemmap allocation goes through memmap_alloc(), the
# page tables that map the vmemmap and HVO's boot head and tail pages
# (4 kB) too, so there only the 2 MB blocks of the sections' memmap count.
# Read from the log as guest/init found it (/tmp/boot-dmesg).  Nothing
# where it holds no such request (no memblock=debug, a log that lost its
# start, no symbols).
memblock_memmap_pages() {
	local blocks
	case "$(uname -r)" in
	6.*) blocks=0 ;;
	*) blocks=2097152 ;;
	esac
	awk -v node="${1:--}" -v blocks="$blocks" '
	/Linux version/ { seen = 1 }
	/Command line:.*memblock=debug/ { on = 1 }
	/memblock_alloc/ && $NF ~ /^memmap_alloc\+/ {
		found = 1
		nid = "-"
		for (i = 2; i <= NF; i++) {
			if ($i == "bytes")
				b = $(i - 1)
			if ($i ~ /^nid=/)
				nid = substr($i, 5)
		}
		if ((node == "-" || nid == node) && (!blocks || b == blocks))
			bytes += b
	}
	END {
		if (seen && on && found)
			print int((bytes + 4095) / 4096)
	}' /tmp/boot-dmesg 2>/dev/null
}

# memblock_check NAME EXPECTED [NODE]: check that nr_memmap_boot_pages (of
# NODE, or global) is EXPECTED, a value derived from memblock's log
# (memblock_memmap_pages); a skip where the log does not hold it
memblock_check() {
	if [ -z "$(memblock_memmap_pages)" ]; then
		skip "$1" "the boot log holds no memblock=debug record of the memmap (not on the command line, its start dropped, or no symbols)"
	elif [ $# -ge 3 ]; then
		check "$1" "$2" "$(vmstat_get nr_memmap_boot_pages "$3")"
	else
		check "$1" "$2" "$(vmstat_get nr_memmap_boot_pages)"
	fi
}

# vmemmap_mapped_pages: the pages mapped writable in the vmemmap region of
# the kernel page tables, from the kernel's own page-table dump
# (CONFIG_PTDUMP_DEBUGFS; x86), which shares nothing with the accounting's
# reader and walks the whole region, not only valid sections: a mapping
# left behind shows.  Each writable mapping is a page of its own: HugeTLB
# vmemmap optimization maps the tails it frees read-only onto the head's
# page (not counted).  Not a count of pages where device-dax maps its
# deduplicated vmemmap: its shared tail pages are writable.  Nothing if
# there is no dump.
vmemmap_mapped_pages() {
	[ -r /sys/kernel/debug/page_tables/kernel ] || return 0
	awk '
	/^---\[ / { v = ($0 ~ /Vmemmap/); next }
	v && / RW / {
		n = $2
		u = substr(n, length(n))
		n = substr(n, 1, length(n) - 1)
		if (u == "K")
			kb += n
		else if (u == "M")
			kb += n * 1024
		else if (u == "G")
			kb += n * 1048576
	}
	END { printf "%d\n", kb / 4 }' /sys/kernel/debug/page_tables/kernel
}

# node_memmap NODE: nr_memmap_pages of NODE, 0 for a node not online
node_memmap() {
	if [ -d "/sys/devices/system/node/node$1" ]; then
		vmstat_get nr_memmap_pages "$1"
	else
		echo 0
	fi
}

# possible_nodes: the node ids the kernel could bring online
possible_nodes() {
	tr ',' '\n' </sys/devices/system/node/possible |
		awk -F- '{ for (n = $1; n <= ($2 == "" ? $1 : $2); n++) print n }'
}

# node_memmaps: "N:nr_memmap_pages" of every possible node
node_memmaps() {
	local n
	for n in $(possible_nodes); do
		printf '%s:%s ' "$n" "$(node_memmap "$n")"
	done
}

# oracle_reads_owner: whether oracle_step reads page_owner.  Not where
# page_owner is off, nor where the kernel keeps no count per stack (6.1) and runs slowly (its debug kernel,
# series.scale > 1): the whole dump, with every stack named, takes about a
# minute there under TCG, read at every step.  The accounting is the
# same code on 6.1's main kernel, where page_owner is read.
oracle_reads_owner() {
	[ -r /sys/kernel/debug/page_owner ] || return 1
	[ -r /sys/kernel/debug/page_owner_stacks/show_stacks ] ||
		grep -qE 'series\.scale=1( |$)' /proc/cmdline
}

# oracle_mark: take the values oracle_step compares with; the first call
# starts the result document "oracle"
oracle_mark() {
	if [ -z "${oracle_n:-}" ]; then
		oracle_n=0
		oracle_doc "TAP version 13"
	fi
	! oracle_reads_owner || oracle_owner=$(owner_meta_pages)
	oracle_remark
}

# oracle_remark: oracle_mark, page_owner's value kept as it was taken last
oracle_remark() {
	oracle_memmaps=$(node_memmaps)
	oracle_boot=$(vmstat_get nr_memmap_boot_pages)
	oracle_mem=$(memtotal_kb)
}

# oracle_doc LINE...: write to the document "oracle", then go back to the
# document the scenario was writing
oracle_doc() {
	echo "@@doc oracle" >/dev/ttyS1
	tap "$@"
	[ -z "${cur_doc:-}" ] || echo "@@doc $cur_doc" >/dev/ttyS1
}

# oracle_skip NAME REASON: a skip, numbered in "oracle"
oracle_skip() {
	oracle_n=$((oracle_n + 1))
	oracle_doc "ok $oracle_n - $1 # SKIP $2"
}

# oracle_check NAME EXPECTED OBSERVED: check, numbered in "oracle"
oracle_check() {
	oracle_n=$((oracle_n + 1))
	if [ "$2" = "$3" ]; then
		oracle_doc "ok $oracle_n - $1: $3"
	else
		oracle_doc "not ok $oracle_n - $1: expected $2, got $3"
		return 1
	fi
}

# oracle_step WHAT NODES [KB [UNSEEN]]: after a step that changed the page
# metadata of the memory of NODES only (a list: a hot-add or removal
# there, HugeTLB pages of those nodes) and added KB of memory (negative:
# removed; default 0), compare the counters' change since oracle_mark
# with what the witnesses saw, and mark again:
# - page_owner (owner_meta_pages): nr_memmap_pages of NODES (their sum)
#   moved by the pages page_owner shows allocated or freed for metadata,
#   and UNSEEN, signed, for what page_owner cannot see (from the layout;
#   default 0): a memmap the memory holds itself (an altmap: added +,
#   removed -), boot memory's page_ext, allocated before page_owner
#   started, freed (-); every other node's not at all;
# - MemTotal: moved by KB and by the memblock pages given back, which
#   nr_memmap_boot_pages no longer counts (4 kB pages).
oracle_step() {
	local mem boot
	if oracle_reads_owner; then
		oracle_owner_check "$1" "$2" "${4:-0}"
	else
		oracle_skip "$1: nr_memmap_pages against page_owner" \
			"page_owner off, or no page_owner_stacks and a dump of every page takes a minute here"
	fi
	mem=$(memtotal_kb)
	boot=$(vmstat_get nr_memmap_boot_pages)
	oracle_check "$1: MemTotal change less the memory added (${3:-0} kB) = memblock's memmap given back (kB)" \
		$((4 * (oracle_boot - boot))) $((mem - oracle_mem - ${3:-0}))
	oracle_remark
}

# oracle_owner_check WHAT NODES UNSEEN: since oracle_mark, the counters
# have moved as page_owner's count and UNSEEN: the nodes NODES by as much
# in sum, the others not at all
oracle_owner_check() {
	local owner v expected observed sum unseen
	unseen=
	[ "$3" = 0 ] || unseen=", and $3 it cannot see"
	owner=$(owner_meta_pages)
	sum=$((owner - oracle_owner + $3))
	expected=
	for v in $oracle_memmaps; do
		if node_in "${v%%:*}" $2; then
			sum=$((sum + ${v#*:}))
		else
			expected="$expected$v "
		fi
	done
	expected="${expected}nodes $2: $sum"
	sum=0
	observed=
	for v in $(node_memmaps); do
		if node_in "${v%%:*}" $2; then
			sum=$((sum + ${v#*:}))
		else
			observed="$observed$v "
		fi
	done
	observed="${observed}nodes $2: $sum"
	oracle_check "$1: nr_memmap_pages by node, nodes $2 moved by the metadata pages page_owner saw allocated and freed ($((owner - oracle_owner))$unseen)" \
		"$expected" "$observed"
	oracle_owner=$owner
}

# node_in N LIST...: whether N is in LIST
node_in() {
	local n m
	n=$1
	shift
	for m in "$@"; do
		[ "$m" != "$n" ] || return 0
	done
	return 1
}
