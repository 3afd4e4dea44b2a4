#!/bin/sh
# Expand a kernel's series into its tree: unpack the Debian base that
# kernels/KERNEL/BASE names (scripts/base-fetch.sh: that version, that
# sha256) into build/KERNEL/linux, keep it as the commit tagged `base`,
# and apply patches/KERNEL/series on top with `git am`.  A tree on
# another base (BASE changed: make update-base, or a pull) is unpacked
# again.
#
# Refuses to throw away work: if the tree has uncommitted edits, or commits
# that differ from the kernel's patches/, export them first (or set
# FORCE=1).
set -eu
. "$(dirname "$0")/lib.sh"

tarball=$("$TOP/scripts/base-fetch.sh")
want=$(base_get sha256)

unpack() {
	note "unpacking $(base_get package) $(base_get version)"
	# the reference kernels' worktrees (ref_worktree) belong to the old tree
	rm -rf "$BUILD/base/linux" "$BUILD/fixes/linux"
	rm -rf "$KSRC.tmp"
	mkdir -p "$KSRC.tmp"
	tar -xJf "$tarball" -C "$KSRC.tmp" --strip-components=1
	(
		cd "$KSRC.tmp"
		git init -q -b series
		git config user.name "Series Base"
		git config user.email "base@localhost"
		git config core.abbrev 12
		git config gc.auto 0
		git add -A -f .
		git commit -q -m "Debian $(base_get package) $(base_get version) $want" \
			--date="2000-01-01T00:00:00Z"
		git tag base
	)
	rm -rf "$KSRC"
	mv "$KSRC.tmp" "$KSRC"
}

applied=$BUILD/state/applied
chk=$(mktemp -d)
trap 'rm -rf "$chk"' EXIT
same() { diff -rq -x series -x '*.txt' "$1" "$2" >/dev/null 2>&1; }
if ! git -C "$KSRC" rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	unpack
elif ! git -C "$KSRC" log -1 --format=%s base | grep -q "$want"; then
	# BASE names another base: the tree may go if it holds nothing
	# that patches/ (or what was applied last) does not
	git -C "$KSRC" am --abort >/dev/null 2>&1 || true
	[ -z "$(git -C "$KSRC" status --porcelain --untracked-files=no)" ] ||
		[ "${FORCE:-0}" = 1 ] ||
		die "$KSRC is on another base than kernels/$KERNEL/BASE and has uncommitted edits: commit and 'make export' them, or FORCE=1"
	"$TOP/scripts/export.sh" "$chk"
	same "$chk" "$PATCHES" || { [ -d "$applied" ] && same "$chk" "$applied"; } ||
		[ "${FORCE:-0}" = 1 ] ||
		die "$KSRC is on another base than kernels/$KERNEL/BASE and has commits that differ from ${PATCHES#"$TOP"/}: 'make export' them, or FORCE=1"
	rm -rf "$chk"/*
	unpack
fi

cd "$KSRC"
git am --abort >/dev/null 2>&1 || true
"$TOP/scripts/export.sh" "$chk"
if [ -z "$(git status --porcelain --untracked-files=no)" ]; then
	if same "$chk" "$PATCHES"; then
		note "tree up to date: $KSRC"
		exit 0
	fi
	# The tree holds what we applied last time: nothing of its own.
	[ -d "$applied" ] && same "$chk" "$applied" && FORCE=1
	# A tree at the bare base has nothing to lose either.
	[ "$(git rev-parse HEAD)" = "$(git rev-parse base)" ] && FORCE=1
fi
if [ "${FORCE:-0}" != 1 ]; then
	[ -z "$(git status --porcelain --untracked-files=no)" ] ||
		die "$KSRC has uncommitted edits: commit and 'make export' them, or FORCE=1"
	die "$KSRC has commits that differ from ${PATCHES#"$TOP"/}: 'make export' them, or FORCE=1"
fi

git checkout -q -f -B series base
git clean -q -fd >/dev/null 2>&1 || true
n=0
for p in $(series_patches); do
	f=$PATCHES/$p
	[ -f "$f" ] || die "${PATCHES#"$TOP"/}/series names $p, which does not exist"
	if ! git am -q --reject "$f" >"$BUILD/am.log" 2>&1; then
		echo "FAILED to apply patch: $p" >&2
		sed 's/^/  /' "$BUILD/am.log" >&2
		# Debian's .gitignore hides the .rej files: list them with -i.
		rej=$(git ls-files -o -i --exclude-standard | grep '\.rej$' || true)
		for r in $rej; do
			echo "--- rejected hunks in $r:" >&2
			cat "$r" >&2
		done
		git am --abort >/dev/null 2>&1 || true
		rm -f $rej
		git clean -q -fd >/dev/null 2>&1 || true
		git checkout -q -f -B series base
		exit 1
	fi
	n=$((n + 1))
done
rm -rf "$applied"
mkdir -p "$applied"
cp "$PATCHES"/*.patch "$applied/" 2>/dev/null || true
note "tree ready: $KSRC, base + $n patches"
