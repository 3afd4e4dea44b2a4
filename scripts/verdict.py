#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the logs of guest runs into per-suite results and one summary line.

For each run directory: the runner's own verdict (boot, splats, timeout)
counts as one test; the output of built-in KUnit suites (console, from
"KTAP version 1" to "Run /init", if any suite ran) and every "@@doc NAME" document of the results
port are parsed with the kernel's tools/testing/kunit/kunit.py parse, and
their test cases are counted.  Prints "N passed, N failed[, N skipped]".
"""

import argparse
import json
import os
import re
import subprocess
import sys


def split_docs(rundir):
    """Yield (name, lines) for the KTAP/TAP documents of a run."""
    console = os.path.join(rundir, 'console.log')
    if os.path.exists(console):
        lines, inside = [], False
        for line in open(console, errors='replace'):
            if 'KTAP version 1' in line and not inside:
                inside = True
            if 'Run /init as init process' in line:
                break
            if inside:
                lines.append(line)
        # A kernel without built-in suites prints an empty plan, "1..0".
        if any(re.search(r'\bok \d', l) for l in lines):
            yield 'kunit-builtin', lines
    # A document may be continued: "@@doc NAME" again appends to it.
    results = os.path.join(rundir, 'results.log')
    if os.path.exists(results):
        docs, name = {}, None
        for line in open(results, errors='replace'):
            line = line.replace('\r', '')
            if line.startswith('@@doc '):
                name = line.split(None, 1)[1].strip()
                docs.setdefault(name, [])
            elif name:
                docs[name].append(line)
        yield from docs.items()


# kselftest.h reports a skip as "ok N # SKIP reason", without a test name,
# which kunit.py's parser does not accept; give such lines the reason as
# their name.
KSFT_SKIP = re.compile(r'^(\s*(?:not )?ok \d+) # (SKIP|skip)\s*(.*)$')


def normalize(line):
    return KSFT_SKIP.sub(r'\1 - \3 # SKIP \3', line)


def count(group, counts):
    for case in group.get('test_cases', []):
        status = case['status']
        key = {'PASS': 'passed', 'SKIP': 'skipped'}.get(status, 'failed')
        counts[key] += 1
    for sub in group.get('sub_groups', []):
        count(sub, counts)


def details(lines, last):
    """What to show of a failure where the summary is read (CI prints the
    end of make check's output): the last LAST lines, each led by "    > "."""
    return ''.join('    > %s\n' % l.rstrip('\n') for l in lines[-last:])


def hang_details(rundir):
    """What to show of a failed guest run: the console's last lines before
    the guest watchdog's task dump (or its end), then, from the dump, the
    tasks that were running, in D state, or in a system call of user
    space (a kernel thread's reads "0 0x0 0x0 ..."), with their stacks."""
    path = os.path.join(rundir, 'console.log')
    if not os.path.exists(path):
        return ''
    lines = open(path, errors='replace').readlines()
    dump = [i for i, l in enumerate(lines) if 'guest: watchdog:' in l]
    out = details(lines[:dump[0]] if dump else lines, 15)
    tasks = os.path.join(rundir, 'tasks.log')
    if dump and os.path.exists(tasks):
        keep, shown = False, []
        for line in open(tasks, errors='replace'):
            m = re.search(r'guest: task \d+ \S+ State: (\S)\S* .*syscall: (.*)',
                          line)
            if m:
                keep = m.group(1) in 'DR' or not (
                    m.group(2).startswith('0 0x0 0x0') or
                    m.group(2).startswith('running'))
            if keep and ('guest: task' in line or 'guest:   ' in line):
                shown.append(line)
        out += details(shown, 40)
    return out


def failed_cases(path):
    """The "not ok" lines of a document, each with the lines printed since
    the result before it (KUnit's and the scenarios' diagnostics, which
    say what was expected and what was seen)."""
    out, before = [], []
    for line in open(path, errors='replace'):
        result = re.search(r'(^|\s)(not )?ok \d', line)
        if result and result.group(2):
            out += before[-6:] + [line]
        before = [] if result else before + [line]
    return out


def parse_doc(kunit, rundir, name, lines):
    path = os.path.join(rundir, 'doc-%s.log' % name)
    with open(path, 'w') as f:
        f.writelines(normalize(line.rstrip('\n')) + '\n' for line in lines)
    out_json = os.path.abspath(os.path.join(rundir, 'doc-%s.json' % name))
    parsed = os.path.join(rundir, 'doc-%s.parsed' % name)
    with open(parsed, 'w') as f:
        rc = subprocess.call([sys.executable, kunit, 'parse',
                              '--json=' + out_json, os.path.abspath(path)],
                             stdout=f, stderr=subprocess.STDOUT)
    counts = {'passed': 0, 'failed': 0, 'skipped': 0}
    try:
        count(json.load(open(out_json)), counts)
    except (OSError, ValueError):
        counts['failed'] += 1
    if rc != 0 and counts['failed'] == 0:
        counts['failed'] += 1         # a crash or a malformed document
    if counts == {'passed': 0, 'failed': 0, 'skipped': 0}:
        counts['failed'] += 1         # a document without a single result
    return counts, parsed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--kunit', required=True, help='path to kunit.py')
    p.add_argument('--summary', help='append the counts to this file')
    p.add_argument('--prefix', default='',
                   help='put before every run name (the kernel: "6.12:")')
    p.add_argument('rundirs', nargs='+')
    a = p.parse_args()
    total = {'passed': 0, 'failed': 0, 'skipped': 0}
    for rundir in a.rundirs:
        run = a.prefix + os.path.basename(rundir.rstrip('/'))
        verdict = open(os.path.join(rundir, 'verdict')).read().split('\n')
        ok = verdict[0].startswith('pass')
        total['passed' if ok else 'failed'] += 1
        print('%-6s %s: guest run (%s s)%s' % ('PASS' if ok else 'FAIL', run,
              verdict[0].split()[1],
              '' if ok else ': ' + '; '.join(v for v in verdict[1:] if v)))
        if not ok:
            sys.stdout.write(hang_details(rundir))
        documents = 0
        for name, lines in split_docs(rundir):
            if name != 'kunit-builtin':
                documents += 1
            counts, parsed = parse_doc(a.kunit, rundir, name, lines)
            for k in total:
                total[k] += counts[k]
            status = 'FAIL' if counts['failed'] else 'PASS'
            print('%-6s %s/%s: %d passed, %d failed, %d skipped%s' % (
                status, run, name, counts['passed'], counts['failed'],
                counts['skipped'], '' if status == 'PASS' else
                ' (see %s)' % parsed))
            if status == 'FAIL':
                shown = failed_cases(os.path.join(rundir,
                                                  'doc-%s.log' % name))
                # No "not ok" line: an empty, cut or malformed document;
                # show how it ends and what kunit.py said of it.
                if not shown:
                    shown = (['(document, last lines)\n'] + lines[-8:] +
                             ['(kunit.py parse)\n'] +
                             open(parsed, errors='replace').readlines()[-6:])
                sys.stdout.write(details(shown, 20))
        if not documents:
            total['failed'] += 1
            print('FAIL   %s: the guest wrote no result document (%s)' % (
                run, os.path.join(rundir, 'results.log')))
    if a.summary:
        with open(a.summary, 'a') as f:
            f.write('%d %d %d\n' % (total['passed'], total['failed'],
                                    total['skipped']))
    return 1 if total['failed'] else 0


if __name__ == '__main__':
    sys.exit(main())
