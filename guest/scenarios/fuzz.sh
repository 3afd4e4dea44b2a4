#@config x86_64-debug
#@mem 6G,slots=4,maxmem=12G
#@numa 3G,3G
#@append page_owner=on early_page_ext memhp_default_state=online_movable memmap=256M!512M memmap=256M!6G hugepagesz=1G hugepages=1 hugetlb_free_vmemmap=on series.seed=1 series.events=40
#@timeout 240
#@allow alloc-failure-report
# Random event sequences, seeded: HugeTLB pages of 2 MB and 1 GB per node
# allocated and freed with HVO switched on and off, demotion, surplus pages
# mapped and unmapped, DIMMs hot-added and removed per node through the
# host, memory blocks offlined and onlined, device-dax bound and unbound
# with 4 KB and 2 MB alignment, and allocation failures injected into one
# event.  A step is one event, or two at once (the first one in the
# background).  After every step: the console holds no report, the global
# values equal the sums over the nodes, PageMetadata is the sum of the two
# counters, the KUnit ground truth holds (every TRUTH_EVERY steps and at
# the end), and so does the second oracle (guest/lib.sh oracle_step, in
# the document "oracle"), over both nodes as one (two events can run at
# once): nr_memmap_pages moves by the metadata pages page_owner shows
# allocated and freed, and by what was allocated before page_owner
# started and is freed unseen: boot memory's page_ext, when a boot block
# goes offline for the first time; MemTotal by the blocks onlined and
# offlined (128 MB each) and the memblock pages given back.  early_page_ext
# starts page_owner before the boot-time 1 GB page is optimized: with
# struct pages initialized late (DEFERRED_STRUCT_PAGE_INIT, the debug
# config), page_ext_init() runs after HugeTLB's HVO of boot pages, whose
# new head vmemmap page (6.12) page_owner then never sees allocated; it is
# freed when the first 2 MB page of that range is optimized, after a
# demotion or much later.  On 6.1's debug kernel the
# page_owner part is skipped (lib.sh: oracle_reads_owner).  At the end
# everything is released and PageMetadata is back at its baseline on
# every node.
#
# series.seed=N and series.events=N on the command line (make fuzz SEED=
# EVENTS=) choose the sequence; the sequence depends on the seed alone, so
# the same seed replays the same events.  What an event does depends on the
# state it finds (a DIMM slot that is taken is emptied); whatever it does,
# and even when the kernel refuses it, the checks must hold.
#
# Layout: 6 GB, node 0 [0, 3G), node 1 [4G, 7G); two legacy pmem ranges,
# 256 MB each, at 512 MB (node 0) and 6 GB (node 1).  One 1 GB HugeTLB
# page comes from memblock (on node 0: boot-time pages go to the nodes in
# turn, from node 0) and is optimized at boot (hugetlb_free_vmemmap=on):
# once it is freed, its node has 4095 pages (16380 kB) more metadata than
# at boot.  At run time, 1 GB
# pages fit into node 1 only (node 0's kernel allocations are spread over
# its only zone), and node 0's attempts fail.
seed=1
events=40
truth_every=1
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	series.seed=*) seed=${arg#*=} ;;
	series.events=*) events=${arg#*=} ;;
	series.truth_every=*) truth_every=${arg#*=} ;;
	esac
done

NODE=/sys/devices/system/node
HP2M=hugepages/hugepages-2048kB
HP1G=hugepages/hugepages-1048576kB
# Console reports: any of them fails the step it appeared in.
SPLATS='WARNING:|BUG:|Kernel panic|Oops|general protection|KASAN|UBSAN'
SPLATS="$SPLATS|possible (circular|recursive) locking|inconsistent lock state"
SPLATS="$SPLATS|suspicious RCU usage|[Bb]ad page|INFO: task|cut here"

# rnd N: set r to a number in [0, N) from the seeded generator: POSIX's
# example rand() in the shell's 64-bit arithmetic, the same everywhere
state=$seed
rnd() {
	state=$(((state * 1103515245 + 12345) % 2147483648))
	r=$((state / 65536 % $1))
}

# pick_event bg|fg: set ev to a random event; bg picks only events that
# need neither the host nor the holder process and touch only boot memory
# blocks, so that they can run next to any other one
pick_event() {
	local w n s sp tm
	if [ "$1" = bg ]; then
		rnd 50
	else
		rnd 100
	fi
	w=$r
	if [ $w -lt 20 ]; then
		rnd 2; n=$r; rnd 17
		ev="hp2m $n $r"
	elif [ $w -lt 26 ]; then
		rnd 2; n=$r; rnd 2
		ev="hp1g $n $r"
	elif [ $w -lt 31 ]; then
		rnd 2
		ev="demote $r"
	elif [ $w -lt 36 ]; then
		rnd 2
		ev="hvo $r"
	elif [ $w -lt 50 ]; then
		rnd 1000
		if [ "$1" = bg ]; then
			ev="bootblock $r"
		else
			ev="block $r"
		fi
	elif [ $w -lt 60 ]; then
		rnd 2; n=$r; rnd 8
		ev="map $n $((r + 1))"
	elif [ $w -lt 78 ]; then
		rnd 3; s=$((r + 1)); rnd 2; n=$r; rnd 3
		ev="dimm $s $n $((256 << r))"
	elif [ $w -lt 88 ]; then
		rnd 2; n=$r; rnd 2
		if [ $r = 0 ]; then
			ev="dax $n 4096"
		else
			ev="dax $n 2097152"
		fi
	else
		# one of the events that allocate in this shell's task, with
		# its allocations failing after a few pages or after many,
		# once or every time
		rnd 2
		if [ $r = 0 ]; then rnd 16; sp=$r; else rnd 2048; sp=$r; fi
		rnd 2
		if [ $r = 0 ]; then tm=-1; else tm=1; fi
		rnd 4
		case $r in
		0) rnd 2; n=$r; rnd 17; ev="hp2m $n $r" ;;
		1) rnd 2; n=$r; rnd 2; ev="hp1g $n $r" ;;
		2) rnd 2; ev="demote $r" ;;
		3) rnd 1000; ev="block $r" ;;
		esac
		ev="fail $sp $tm $ev"
	fi
}

# write VALUE FILE: an event's write; under "fail" ($inj is "SPACE
# TIMES") from a task whose page allocations fail
inj=
write() {
	if [ -n "$inj" ]; then
		# shellcheck disable=SC2086
		inject $inj "$1" "$2"
	else
		echo "$1" >"$2" 2>/dev/null
	fi
}

# blocks: every memory block, by number; boot_blocks: those present at
# boot (/tmp/boot.blocks, written before the first event: a DIMM's blocks
# are never taken for boot blocks, even while it is being added)
blocks() {
	ls $MEMORY | sed -n 's/^memory\([0-9]*\)$/\1/p' | sort -n
}
boot_blocks() {
	cat /tmp/boot.blocks
}

# boot_ext_freed BLOCK: BLOCK went offline; if its page_ext table is the
# one allocated at boot, before page_owner started (/tmp/bootext/BLOCK),
# count its pages in /tmp/unseen (the second oracle's UNSEEN, negative)
boot_ext_freed() {
	rm "/tmp/bootext/$1" 2>/dev/null || return 0
	echo "-$(section_page_ext_pages)" >>/tmp/unseen
}

ev_hp() {	# FILE-SUFFIX NODE COUNT
	local f
	f=$NODE/node$2/$1/nr_hugepages
	if write "$3" "$f"; then
		echo "$(cat "$f") now"
	else
		echo "refused, $(cat "$f") now"
	fi
}

ev_demote() {	# NODE
	local d
	d=$NODE/node$1/$HP1G
	if [ "$(cat $d/free_hugepages)" = 0 ]; then
		echo "no free 1 GB page"
	elif write 1 $d/demote; then
		echo "ok, 2 MB pages now $(cat $NODE/node$1/$HP2M/nr_hugepages)"
	else
		echo refused
	fi
}

ev_block() {	# SEL boot|any
	local list sel b st boot off o how
	if [ "$2" = boot ]; then
		list=$(boot_blocks)
	else
		list=$(blocks)
	fi
	set -- "$1" $list
	sel=$(($1 % ($# - 1) + 2))
	eval "b=\${$sel}"
	st=$(cat $MEMORY/memory$b/state)
	boot=no
	boot_blocks | grep -qx "$b" && boot=yes
	if [ "$st" = online ]; then
		off=0
		for o in $(boot_blocks); do
			[ "$(cat $MEMORY/memory$o/state)" = online ] ||
				off=$((off + 1))
		done
		if [ $boot = yes ] && [ $off -ge 4 ]; then
			echo "block $b: 4 boot blocks offline already"
		elif write offline $MEMORY/memory$b/state; then
			boot_ext_freed "$b"
			echo "block $b offlined"
		else
			echo "block $b busy"
		fi
	else
		how=online
		[ $boot = yes ] || how=online_movable
		if write $how $MEMORY/memory$b/state; then
			echo "block $b onlined"
		else
			echo "block $b refused to online"
		fi
	fi
}

ev_map() {	# NODE COUNT
	local pid i
	if [ -f /tmp/holder.pid ]; then
		pid=$(cat /tmp/holder.pid)
		kill "$pid"
		wait "$pid" 2>/dev/null
		rm /tmp/holder.pid
		echo "unmapped"
		return
	fi
	: >/tmp/holder.out
	hugehold "$1" "$2" >/tmp/holder.out 2>&1 &
	pid=$!
	i=0
	while [ ! -s /tmp/holder.out ] && kill -0 $pid 2>/dev/null &&
	      [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if grep -q '^held' /tmp/holder.out; then
		echo $pid >/tmp/holder.pid
		echo "holding $2 pages"
	else
		kill $pid 2>/dev/null
		wait $pid 2>/dev/null
		echo "refused: $(head -1 /tmp/holder.out)"
	fi
}

# ev_dimm SLOT NODE MB: hot-add a DIMM of MB to NODE into SLOT, or, if the
# slot is taken, offline its blocks and remove it.  Fails (return 1) only
# when the host or the kernel does not do what it must.
ev_dimm() {
	local f b o a want i
	f=/tmp/dimm$1.blocks
	if [ -f $f ]; then
		for b in $(cat $f); do
			[ "$(cat $MEMORY/memory$b/state)" = offline ] &&
				continue
			offline_block "$b" && continue
			for o in $(cat $f); do
				echo online_movable >$MEMORY/memory$o/state \
					2>/dev/null
			done
			echo "slot $1: block $b stays online, not removed"
			return 0
		done
		if ! a=$(host hotremove "fz$1"); then
			echo "slot $1: hot-remove: $a"
			return 1
		fi
		for b in $(cat $f); do
			if [ -e $MEMORY/memory$b ]; then
				echo "slot $1: block $b still there"
				return 1
			fi
		done
		rm $f
		echo "slot $1 removed"
		return 0
	fi
	blocks >/tmp/before
	want=$(($(wc -l </tmp/before) + $3 / 128))
	if ! a=$(host hotadd "fz$1" "$2" "$3M"); then
		echo "slot $1: hot-add: $a"
		return 1
	fi
	i=0
	while [ "$(blocks | wc -l)" != $want ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	blocks | grep -vxF -f /tmp/before >$f
	for b in $(cat $f); do
		i=0
		while [ "$(cat $MEMORY/memory$b/state)" != online ] &&
		      [ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
	echo "slot $1: $3 MB on node $2, blocks $(echo $(cat $f))"
	[ "$(wc -l <$f)" = $(($3 / 128)) ]
}

ev_dax() {	# REGION ALIGN
	local nd
	if [ -f /tmp/dax$1.bound ]; then
		nd=$(cat /tmp/dax$1.bound)
		echo "$nd" >/sys/bus/nd/drivers/dax_pmem/unbind &&
			rm /tmp/dax$1.bound && echo "$nd unbound"
		return
	fi
	# The info block written at creation keeps the alignment: binding
	# again with another one is refused ("settings mismatch"), so a
	# region keeps the alignment of its first dax event.
	if [ -f /tmp/dax$1.nd ]; then
		nd=$(cat /tmp/dax$1.nd)
		echo "$nd" >/sys/bus/nd/drivers/dax_pmem/bind
	else
		nd=$(devdax_create "region$1" "$2") && echo "$nd" >/tmp/dax$1.nd
	fi
	if [ -n "$nd" ] && [ -e /sys/bus/nd/devices/$nd/driver ]; then
		echo "$nd" >/tmp/dax$1.bound
		echo "$nd bound, align $(cat /sys/bus/nd/devices/$nd/align)"
	else
		echo "region$1: not bound"
	fi
}

# run_event WORDS...: carry out one event, print what happened
run_event() {
	inj=
	if [ "$1" = fail ]; then
		inj="$2 $3"
		shift 3
	fi
	case "$1" in
	hp2m) ev_hp $HP2M "$2" "$3" ;;
	hp1g) ev_hp $HP1G "$2" "$3" ;;
	demote) ev_demote "$2" ;;
	hvo) echo "$2" >/proc/sys/vm/hugetlb_optimize_vmemmap && echo ok ;;
	bootblock) ev_block "$2" boot ;;
	block) ev_block "$2" any ;;
	map) ev_map "$2" "$3" ;;
	dimm) ev_dimm "$2" "$3" "$4" ;;
	dax) ev_dax "$2" "$3" ;;
	*) echo "unknown event $1"; return 1 ;;
	esac
}

# kunit_truth: run the KUnit ground truth quietly, its log in /tmp/kunit.log
kunit_truth() {
	truths=$((truths + 1))
	modprobe page_metadata_kunit 2>/dev/null
	dmesg -c >/tmp/kunit.log
	modprobe -r page_metadata_kunit 2>/dev/null
	grep -q '# Totals: pass:[0-9]* fail:0 skip:0' /tmp/kunit.log
}

# check_step N WHAT TRUTH [FAILED]: one TAP line for step N: console,
# sums, PageMetadata, and the ground truth if TRUTH is yes; FAILED says
# that an event failed (the host or the kernel did not do what it must)
check_step() {
	local why item g s kb n
	why=${4:+; $4}
	dmesg -c >/tmp/step.dmesg
	if grep -Eq "$SPLATS" /tmp/step.dmesg; then
		why="$why; console report"
	fi
	for item in nr_memmap_pages nr_memmap_boot_pages; do
		g=$(vmstat_get $item)
		s=$(vmstat_sum $item)
		[ "$g" = "$s" ] || why="$why; $item: global $g, sum over nodes $s"
	done
	kb=$((($(vmstat_get nr_memmap_pages) + \
	       $(vmstat_get nr_memmap_boot_pages)) * 4))
	[ "$kb" = "$(meta_kb)" ] ||
		why="$why; PageMetadata: expected $kb kB, got $(meta_kb) kB"
	for n in 0 1; do
		kb=$((($(vmstat_get nr_memmap_pages $n) + \
		       $(vmstat_get nr_memmap_boot_pages $n)) * 4))
		[ "$kb" = "$(meta_kb $n)" ] || why="$why; Node $n PageMetadata: expected $kb kB, got $(meta_kb $n) kB"
	done
	if [ "$3" = yes ] && ! kunit_truth; then
		why="$why; ground truth"
	fi
	if grep -Eq "$SPLATS" /tmp/kunit.log 2>/dev/null; then
		why="$why; console report"
	fi
	tap_n=$((tap_n + 1))
	checked=$((checked + 1))
	if [ -z "$why" ]; then
		tap "ok $tap_n - step $1 (seed $seed): $2"
		return 0
	fi
	tap "not ok $tap_n - step $1 (seed $seed): $2: ${why#; }"
	grep -E "$SPLATS" /tmp/step.dmesg | head -5 | sed 's/^/# /' >/dev/ttyS1
	if [ "$3" = yes ]; then
		grep -E 'EXPECTATION|ASSERTION|Expected|node|not ok' \
			/tmp/kunit.log | head -20 | sed 's/^/# /' >/dev/ttyS1
	fi
	return 1
}

# fuzz_oracle WHAT: the second oracle over both nodes since the last
# mark: the memory added is what the blocks onlined or offlined since
# then hold (online_before), UNSEEN what /tmp/unseen collected
fuzz_oracle() {
	local on unseen
	on=$(online_blocks)
	unseen=$(awk '{ s += $1 } END { print s + 0 }' /tmp/unseen)
	: >/tmp/unseen
	oracle_step "$1" "0 1" $(((on - online_before) * 131072)) "$unseen"
	online_before=$on
}

# The sequence, from the seed alone.
: >/tmp/plan
planned=0
while [ $planned -lt "$events" ]; do
	bg=
	rnd 4
	if [ $r = 0 ] && [ $((planned + 2)) -le "$events" ]; then
		pick_event bg
		bg=$ev
		planned=$((planned + 1))
	fi
	pick_event fg
	planned=$((planned + 1))
	echo "$bg|$ev" >>/tmp/plan
done
steps=$(wc -l </tmp/plan)

blocks >/tmp/boot.blocks
mkdir -p /tmp/bootext
for b in $(boot_blocks); do
	: >"/tmp/bootext/$b"
done
: >/tmp/unseen
fail_page_alloc_setup
pmem_drivers
echo 32 >/proc/sys/vm/nr_overcommit_hugepages
echo 1 >/proc/sys/vm/hugetlb_optimize_vmemmap
tap_n=0
checked=0
truths=0
fails=0
doc fuzz
tap "TAP version 13" "1..$((steps + 7))"
tap "# seed $seed, $events events in $steps steps"
sed 's/^|//; s/|/ \& /; s/^/# plan: /' /tmp/plan >/dev/ttyS1
check_step 0 "at boot" yes || fails=$((fails + 1))
oracle_mark
online_before=$(online_blocks)
# The end's baseline: no HugeTLB page left, so the boot-time 1 GB pages'
# vmemmap is back (restored from the buddy allocator).
gig0=$(cat $NODE/node0/$HP1G/nr_hugepages)
gig1=$(cat $NODE/node1/$HP1G/nr_hugepages)
tap "# 1 GB pages from boot, optimized: node 0: $gig0, node 1: $gig1"
# 1 GB of 64-byte struct pages is 4096 vmemmap pages; 6.1's HVO keeps 1.
gig_kb=$(((1073741824 / 4096 * 64 / 4096 - 1) * 4))
base0=$(($(meta_kb 0) + gig0 * gig_kb))
base1=$(($(meta_kb 1) + gig1 * gig_kb))
base=$(($(meta_kb) + (gig0 + gig1) * gig_kb))
bootp=$(vmstat_get nr_memmap_boot_pages)
bootp0=$(vmstat_get nr_memmap_boot_pages 0)
bootp1=$(vmstat_get nr_memmap_boot_pages 1)
t0=$(date +%s)

step=0
while IFS='|' read -r bg fg; do
	step=$((step + 1))
	what=
	failed=
	if [ -n "$bg" ]; then
		# shellcheck disable=SC2086
		run_event $bg >/tmp/bg.out 2>&1 &
		bgpid=$!
	fi
	# shellcheck disable=SC2086
	run_event $fg >/tmp/fg.out 2>&1 || failed="$fg did not do what it must"
	if [ -n "$bg" ]; then
		wait $bgpid || failed="$bg did not do what it must"
		what="$bg [$(cat /tmp/bg.out)] & "
	fi
	what="$what$fg [$(cat /tmp/fg.out)]"
	truth=no
	[ $((step % truth_every)) != 0 ] || truth=yes
	check_step $step "$what" $truth "$failed" || fails=$((fails + 1))
	fuzz_oracle "step $step (seed $seed)"
done </tmp/plan
t1=$(date +%s)

# Release everything, then the baseline.
[ ! -f /tmp/holder.pid ] || run_event map 0 0 >/dev/null
for d in 0 1; do
	[ ! -f /tmp/dax$d.bound ] || run_event dax $d 0 >/dev/null
done
for n in 0 1; do
	echo 0 >$NODE/node$n/$HP1G/nr_hugepages
	echo 0 >$NODE/node$n/$HP2M/nr_hugepages
done
echo 0 >/proc/sys/vm/nr_overcommit_hugepages
for b in $(boot_blocks); do
	[ "$(cat $MEMORY/memory$b/state)" = online ] ||
		echo online >$MEMORY/memory$b/state
done
left=
for s in 1 2 3; do
	[ ! -f /tmp/dimm$s.blocks ] || ev_dimm $s 0 0 >/dev/null ||
		left="$left dimm$s"
	[ ! -f /tmp/dimm$s.blocks ] || left="$left dimm$s"
done
[ "$(cat /proc/sys/vm/nr_hugepages)" = 0 ] || left="$left hugepages"
for d in 0 1; do
	[ ! -f /tmp/dax$d.bound ] || left="$left dax$d"
done
[ "$(online_blocks)" = "$(blocks | wc -l)" ] || left="$left offline-blocks"
check_step end "everything released" yes || fails=$((fails + 1))
fuzz_oracle "everything released"
check "end: nothing left (HugeTLB pages, DIMMs, device-dax, offline blocks)" "" "$left"
check_back "end: PageMetadata back at its baseline (kB)" "$base" "$(meta_kb)"
check_back "end: node 0 PageMetadata back at its baseline (kB)" "$base0" "$(meta_kb 0)"
check_back "end: node 1 PageMetadata back at its baseline (kB)" "$base1" "$(meta_kb 1)"
# HVO frees memblock vmemmap pages for good and restores from the buddy
# allocator: the boot part can only have fallen.
low=yes
for v in "$bootp $(vmstat_get nr_memmap_boot_pages)" \
	 "$bootp0 $(vmstat_get nr_memmap_boot_pages 0)" \
	 "$bootp1 $(vmstat_get nr_memmap_boot_pages 1)"; do
	set -- $v
	[ "$2" -le "$1" ] || low="no: $2 > $1"
done
check "end: nr_memmap_boot_pages not above its baseline, global and per node" \
	yes "$low"

mix=$(sed 's/|/\n/' /tmp/plan | sed '/^$/d; s/^fail [-0-9]* [-0-9]* /fail+/' |
	cut -d' ' -f1 | sort | uniq -c | awk '{ printf "%s%s %d", s, $2, $1; s = ", " }')
secs=$((t1 - t0))
tap "# fuzz: seed $seed, $events events, $steps steps, $checked steps checked, $truths ground truths, $fails failed, ${secs} s"
tap "# fuzz mix: $mix"
