# The page-metadata accounting series for Debian's kernels.
#
#   make demo     build the patched kernel, boot it, show the numbers
#   make check    run every test of every kernel (what CI runs)
#
# KERNEL=6.1 (default 6.12) picks the kernel of every other target.
# Developer loop: make tree; edit and commit in build/KERNEL/linux;
# make export.

CONFIG ?= x86_64
KERNEL ?= 6.12
export KERNEL

.PHONY: all deps deps-full tree update-base export kernel demo check check-full bench fuzz deb mutants bisect-build clean help
all: help

help:
	@sed -n '3,9p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@scripts/deps.sh

# and the other architectures' compilers and QEMU (make check-full)
deps-full:
	@scripts/deps.sh full

tree: deps
	@scripts/tree.sh

export:
	@scripts/export.sh

# Move KERNEL's base to the newest version of its Debian package (or
# VERSION=...): apply, export, write kernels/KERNEL/BASE, run its checks.
update-base: deps
	@scripts/update-base.sh

kernel: tree
	@scripts/build.sh $(CONFIG)

demo: tree
	@scripts/demo.sh

# every kernel, each tree expanded by check.sh itself
check: deps
	@scripts/check.sh

# check, plus every patch of the series built with two configs (about 30
# more minutes cold): too long for CI's budget, run before a release.
check-full: deps-full
	@CHECK_FULL=1 scripts/check.sh

# A/B overhead benchmark, base vs patched: PAIRS interleaved pairs.
PAIRS ?= 10
bench: tree
	@scripts/bench.sh $(CONFIG) $(PAIRS)

# Seeded random event sequences on the debug kernel, one run per seed
# (make check-full runs seed 1 with 40 events).
SEED ?= 1 2 3 4 5
EVENTS ?= 200
fuzz: tree
	@scripts/fuzz.sh "$(SEED)" $(EVENTS)

# Debian packages of the patched kernel; DEB_CONFIG=/boot/config-... to
# build them from another config than the x86_64 test kernel's.
deb: tree
	@scripts/deb.sh $(DEB_CONFIG)

# Not part of check: each mutant costs a rebuild.  MUTANTS="a b" picks
# mutants, MUTANT_SCENARIOS="fuzz" the scenarios they run against.
mutants: tree
	@scripts/mutants.py $(if $(MUTANT_SCENARIOS),--scenarios "$(MUTANT_SCENARIOS)") $(MUTANTS)

bisect-build: tree
	@scripts/bisect-build.sh $(CONFIG)

clean:
	rm -rf build/*/obj build/*/runs build/*/state
