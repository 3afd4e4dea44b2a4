#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Show that the tests catch broken accounting: for each mutant (one hook
removed or misplaced), patch the kernel tree, rebuild the kernels the
scenarios boot, run the scenarios, and report which results fail.  The tree
is restored (and the kernels rebuilt) after the last mutant.

    scripts/mutants.py [--scenarios "S..."] [MUTANT...]      (make mutants)
    scripts/mutants.py --dry-run      (make check: every mutant still applies)
"""

import argparse
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.environ.get('KERNEL', '6.12')
BUILD = os.path.join(TOP, 'build', KERNEL)
KSRC = os.path.join(BUILD, 'linux')


def load_mutants():
    """The kernel's mutants: MUTANTS in kernels/KERNEL/mutants.py,
    name: (file, text to replace, replacement, what it breaks)."""
    path = os.path.join(TOP, 'kernels', KERNEL, 'mutants.py')
    if not os.path.exists(path):
        return {}
    scope = {}
    exec(compile(open(path).read(), path, 'exec'), scope)
    return scope['MUTANTS']


MUTANTS = load_mutants()


def sh(*cmd, **kw):
    return subprocess.call(cmd, cwd=TOP, **kw)


def config_of(scenario):
    """The kernel of SCENARIO@CONFIG, or the first one the scenario's
    "#@config" header names."""
    if '@' in scenario:
        return scenario.split('@', 1)[1]
    path = os.path.join(TOP, 'guest', 'scenarios', scenario + '.sh')
    for line in open(path):
        if line.startswith('#@config'):
            return line.split()[1]
    raise SystemExit('%s: no #@config line' % path)


def build(configs):
    return any(sh('scripts/build.sh', c) for c in configs)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--scenarios',
                   default='accounting hotplug failures memmap-on-memory devdax',
                   help='the scenarios to run on each mutant')
    p.add_argument('--dry-run', action='store_true',
                   help='only check that each mutant applies to the tree')
    p.add_argument('mutants', nargs='*', help='default: every mutant')
    a = p.parse_args()
    names = a.mutants or list(MUTANTS)
    if a.dry_run:
        stale = [n for n in names if open(os.path.join(
            KSRC, MUTANTS[n][0])).read().count(MUTANTS[n][1]) != 1]
        for n in stale:
            print('%s: pattern not found once in %s' % (n, MUTANTS[n][0]))
        return 1 if stale else 0
    scenarios = a.scenarios
    configs = sorted({config_of(s) for s in scenarios.split()})
    for c in configs:
        sh('scripts/kselftests.sh', c)
    for name in names:
        path, old, new, what = MUTANTS[name]
        full = os.path.join(KSRC, path)
        text = open(full).read()
        if text.count(old) != 1:
            print('%s: pattern not found in %s' % (name, path))
            return 1
        open(full, 'w').write(text.replace(old, new))
        try:
            print('== mutant %s: %s' % (name, what), flush=True)
            if build(configs):
                print('   does not build')
                continue
            for s in scenarios.split():
                sh('scripts/run-scenario.sh', s, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
            out = subprocess.run(
                [sys.executable, 'scripts/verdict.py', '--kunit',
                 os.path.join(KSRC, 'tools/testing/kunit/kunit.py')] +
                [os.path.join(BUILD, 'runs', s) for s in scenarios.split()],
                cwd=TOP, capture_output=True, text=True).stdout
            fails = [l for l in out.splitlines() if l.startswith('FAIL')]
            print('   caught by %d result group(s):' % len(fails) if fails
                  else '   NOT CAUGHT')
            for l in fails:
                print('   ' + l.split(' (see')[0])
        finally:
            subprocess.call(['git', '-C', KSRC, 'checkout', '-q', '--', path])
    build(configs)
    return 0


if __name__ == '__main__':
    sys.exit(main())
