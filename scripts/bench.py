#!/usr/bin/env python3
"""A/B overhead benchmark of the series: base kernel vs patched kernel.

Boots the guest scenario "bench" (guest/scenarios/bench.sh) on both
kernels in turn, A, B, A, B, ..., with the same QEMU settings, and compares
what the guest measured: for each time, the ratio patched/base of every
pair, and its spread.  Then, side by side, what each kernel costs in
memory: per memory cgroup (guest/scenarios/memcost.sh), the structures
kept per node, per CPU and per section and the kernel image
(scripts/type-sizes.sh), and a scale point, 64 GB over 8 nodes
(guest/scenarios/scale.sh), booted once on each kernel.  Prints the
tables and writes them as JSON and CSV.

  bench.py [--pairs N] [--out DIR] BASE_KERNEL PATCHED_KERNEL
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(TOP, 'build', os.environ.get('KERNEL', '6.12'))

TIMES = [
    ('boot_ns', 'boot to /init'),
    ('hugetlb_alloc_ns', '2048 x 2 MB HugeTLB alloc, HVO on'),
    ('hugetlb_free_ns', '2048 x 2 MB HugeTLB free, HVO on'),
    ('hotadd_ns', '1 GB DIMM ACPI hot-add (+QEMU)'),
    ('online_ns', '1 GB online, 8 blocks'),
    ('offline_ns', '1 GB offline, 8 blocks'),
    ('hotremove_ns', '1 GB DIMM ACPI hot-remove (+QEMU)'),
    ('devdax_bind_ns', 'device-dax 256 MB bind, 4 times'),
    ('devdax_unbind_ns', 'device-dax 256 MB unbind, 4 times'),
    ('faults_ns', 'page faults, 4 x 256 MB (no hook)'),
]
MEMORY = ['MemTotal_kB', 'Percpu_kB', 'SUnreclaim_kB', 'cpus']
# (key, what, unit): per memcg, from guest/scenarios/memcost.sh (the
# median of 5 rounds; KEY_min and KEY_max give the range)
MEMCG = [
    ('memcg_Percpu_bytes', 'per memcg: Percpu', 'bytes'),
    ('memcg_SUnreclaim_bytes', 'per memcg: unreclaimable slab', 'bytes'),
    ('boot_Percpu_kB', 'Percpu after boot', 'kB'),
]
# (key, what, unit): from scripts/type-sizes.sh
SIZES = [
    ('node_stat_items_count', 'node stat items (per CPU+node, per memcg)',
     'items'),
    ('memcg_stat_items_count', 'memcg stat items', 'items'),
    ('mem_cgroup_bytes', 'per memcg: struct mem_cgroup', 'bytes'),
    ('mem_cgroup_per_node_bytes', 'per memcg and node: mem_cgroup_per_node',
     'bytes'),
    ('lruvec_stats_percpu_bytes',
     'per memcg, node and CPU: lruvec_stats_percpu', 'bytes'),
    ('pg_data_t_bytes', 'per node: pg_data_t', 'bytes'),
    ('per_cpu_nodestat_bytes', 'per CPU and node: per_cpu_nodestat',
     'bytes'),
    ('mem_section_usage_bytes', 'per section: mem_section_usage', 'bytes'),
    ('vmlinux_text', 'kernel image: text', 'bytes'),
    ('vmlinux_data', 'kernel image: data', 'bytes'),
    ('vmlinux_bss', 'kernel image: bss', 'bytes'),
]


def run_once(kernel, scenario='bench', lean=True):
    """Boot SCENARIO on KERNEL; return its measurements."""
    run = scenario + '@' + kernel
    env = dict(os.environ)
    if lean:
        env['INITRAMFS_LEAN'] = '1'
    rc = subprocess.call([os.path.join(TOP, 'scripts/run-scenario.sh'), run],
                         stdout=subprocess.DEVNULL, env=env)
    results = os.path.join(BUILD, 'runs', run, 'results.log')
    values, errors = {}, []
    with open(results, errors='replace') as f:
        for line in f:
            w = line.split()
            if len(w) == 3 and w[0] == 'bench':
                values[w[1]] = int(w[2])
            elif w and w[0] == 'bench-error':
                errors.append(' '.join(w[1:]))
    if rc:
        errors.append('the guest failed (exit %d): %s' % (
            rc, os.path.join(BUILD, 'runs', run)))
    want = {'bench': [k for k, _ in TIMES],
            'memcost': [k for k, _, _ in MEMCG],
            'scale': ['boot_ns']}[scenario]
    missing = [k for k in want if k not in values]
    if missing:
        errors.append('no value for ' + ', '.join(missing))
    return values, errors


def spread(xs):
    return statistics.stdev(xs) if len(xs) > 1 else 0.0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--pairs', type=int, default=5)
    p.add_argument('--out', default=os.path.join(BUILD, 'bench'))
    p.add_argument('base')
    p.add_argument('patched')
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)

    runs = {'base': [], 'patched': []}
    for i in range(a.pairs):
        for label, kernel in (('base', a.base), ('patched', a.patched)):
            values, errors = run_once(kernel)
            if errors:
                for e in errors:
                    print('bench: pair %d, %s: %s' % (i + 1, label, e),
                          file=sys.stderr)
                return 1
            runs[label].append(values)
            print('bench: pair %d/%d %s done' % (i + 1, a.pairs, label),
                  file=sys.stderr, flush=True)

    # The memory each kernel costs: one boot of memcost and of scale each.
    extra = {}
    for label, kernel in (('base', a.base), ('patched', a.patched)):
        extra[label] = {'sizes': type_sizes(kernel)}
        for scenario, lean in (('memcost', True), ('scale', False)):
            values, errors = run_once(kernel, scenario, lean)
            for e in errors:
                print('bench: %s, %s: %s' % (scenario, label, e),
                      file=sys.stderr)
            if errors:
                return 1
            extra[label][scenario] = values
            print('bench: %s %s done' % (scenario, label), file=sys.stderr,
                  flush=True)

    rows = []
    for key, what in TIMES:
        base = [r[key] for r in runs['base']]
        patched = [r[key] for r in runs['patched']]
        ratios = [b / a_ for a_, b in zip(base, patched)]
        rows.append({
            'measure': key, 'what': what,
            'base_ms': statistics.median(base) / 1e6,
            'patched_ms': statistics.median(patched) / 1e6,
            'ratio': statistics.median(ratios),
            'ratio_min': min(ratios), 'ratio_max': max(ratios),
            'ratio_stdev': spread(ratios),
            'base_ns': base, 'patched_ns': patched,
        })
    memory = {}
    for key in MEMORY:
        b = statistics.median_low(r.get(key, 0) for r in runs['base'])
        q = statistics.median_low(r.get(key, 0) for r in runs['patched'])
        memory[key] = {'base': b, 'patched': q, 'change': q - b}

    print('A/B overhead, %d pairs, interleaved; times taken in the guest '
          'under %s' % (a.pairs, 'QEMU TCG, icount (emulated: instructions, '
                        'not hardware times; only the ratio counts)'
                        if not kvm() else 'QEMU KVM'))
    print('%-36s %11s %11s %7s %15s %7s' % ('measure', 'base ms',
          'patched ms', 'ratio', 'ratio min-max', 'stdev'))
    for r in rows:
        print('%-36s %11.1f %11.1f %7.3f %7.3f-%-7.3f %7.3f' % (
            r['what'], r['base_ms'], r['patched_ms'], r['ratio'],
            r['ratio_min'], r['ratio_max'], r['ratio_stdev']))
    print('memory the kernel uses (median over the boots, guest of %s CPUs, '
          '2 nodes):' % memory['cpus']['base'])
    for key in ('MemTotal_kB', 'Percpu_kB', 'SUnreclaim_kB'):
        m = memory[key]
        print('  %-14s base %8s  patched %8s  change %+d kB' % (
            key[:-3], m['base'], m['patched'], m['change']))

    mc = extra['base']['memcost']
    print('memory cost, base vs patched (5 rounds of %d memcgs, guest of '
          '%d CPUs and %d nodes; structure sizes from the builds):' % (
              mc.get('memcgs', 0), mc['cpus'], mc['nodes']))
    cost = []
    for key, what, unit in MEMCG:
        cost.append((what, unit, extra['base']['memcost'][key],
                     extra['patched']['memcost'][key]))
    for key, what, unit in SIZES:
        b = extra['base']['sizes'].get(key)
        q = extra['patched']['sizes'].get(key)
        if b is not None and q is not None:
            cost.append((what, unit, b, q))
    print('  %-46s %10s %10s %8s' % ('', 'base', 'patched', 'change'))
    for what, unit, b, q in cost:
        print('  %-46s %10d %10d %+8d %s' % (what, b, q, q - b, unit))
    for label in ('base', 'patched'):
        m = extra[label]['memcost']
        print('  %s: per memcg over the 5 rounds: Percpu %d-%d bytes, '
              'slab %d-%d bytes' % (
                  label, m.get('memcg_Percpu_bytes_min', -1),
                  m.get('memcg_Percpu_bytes_max', -1),
                  m.get('memcg_SUnreclaim_bytes_min', -1),
                  m.get('memcg_SUnreclaim_bytes_max', -1)))

    sb, sp = extra['base']['scale'], extra['patched']['scale']
    print('scale point: 64 GB over %d nodes, one boot each: boot to /init '
          'base %.1f ms, patched %.1f ms, ratio %.3f; PageMetadata %s kB '
          '(the layout gives %s kB; KUnit ground truth in %s)' % (
              sp.get('nodes', 0), sb['boot_ns'] / 1e6, sp['boot_ns'] / 1e6,
              sp['boot_ns'] / sb['boot_ns'], sp.get('PageMetadata_kB', '?'),
              sp.get('PageMetadata_layout_kB', '?'),
              os.path.join(BUILD, 'runs', 'scale@' + a.patched)))

    report = {'pairs': a.pairs, 'accel': 'kvm' if kvm() else 'tcg',
              'times': rows, 'memory': memory,
              'cost': [{'what': w, 'unit': u, 'base': b, 'patched': q}
                       for w, u, b, q in cost],
              'scale': {'base': sb, 'patched': sp}}
    with open(os.path.join(a.out, 'bench.json'), 'w') as f:
        json.dump(report, f, indent=1)
    with open(os.path.join(a.out, 'bench.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['measure', 'pair', 'base_ns', 'patched_ns', 'ratio'])
        for r in rows:
            for i, (b, q) in enumerate(zip(r['base_ns'], r['patched_ns'])):
                w.writerow([r['measure'], i + 1, b, q, '%.4f' % (q / b)])
    print('written: %s, %s' % (os.path.join(a.out, 'bench.json'),
                               os.path.join(a.out, 'bench.csv')))
    return 0


def type_sizes(kernel):
    """The structure and image sizes of KERNEL (scripts/type-sizes.sh)."""
    out = subprocess.run([os.path.join(TOP, 'scripts/type-sizes.sh'), kernel],
                         stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    return {k: int(v) for k, v in (line.split() for line in out.splitlines())}


def kvm():
    try:
        with open(os.path.join(TOP, 'build', 'kvm-probe')) as f:
            return f.read().strip() == 'ok'
    except OSError:
        return False


if __name__ == '__main__':
    sys.exit(main())
