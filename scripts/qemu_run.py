#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a test kernel and initramfs under QEMU and report the guest's verdict.

The guest's console goes to console.log (first serial port), its results to
results.log (second port), and it asks the host for hotplug operations on the
third port; the runner carries them out over QMP.  The run fails on a
timeout, a QEMU exit that did not come from isa-debug-exit with status 0, a
missing final sentinel, or a kernel splat on the console.  An arm or arm64
guest (QEMU's virt machine) writes its results to a virtio console instead,
a ppc64le one (pseries) to its second hypervisor console; none has a host
channel, and all end by powering off.
"""

import argparse
import bisect
import json
import os
import re
import select
import socket
import subprocess
import sys
import time

# Guests that end by powering off, with no host channel (guest/mini-init.c)
POWER_OFF = ('arm', 'arm64', 'powerpc')
# guests with a host channel (ctl.sock) for hotplug requests
HOST_CHANNEL = ('x86_64', 'i386', 'powerpc')

SENTINEL = re.compile(r'GUEST-DONE scenario=\S* rc=(\d+)')

# Console lines that fail a run whatever the tests said.
SPLATS = re.compile(
    r'------------\[ cut here \]------------|'
    r'\bWARNING:|\bBUG:|Kernel panic|\bOops\b|general protection fault|'
    r'KASAN|UBSAN|possible circular locking|possible recursive locking|'
    r'inconsistent lock state|suspicious RCU usage|Bad page|bad page|'
    r'Call Trace:|INFO: task .* blocked')

# Errors of the guest's shell (busybox ash): a test whose own commands
# fail checks less than it says, even where every check passed.
SHELL_ERRORS = re.compile(
    r'^(-?sh|/\S+): (line \d+: )?(\S+: )?'
    r'(bad number|.*syntax error.*|not found|parameter not set|'
    r'out of range|missing \]|unexpected .*|Illegal number.*)$')


def symbolize(console, system_map):
    """The guest watchdog's task stacks ("[<0>] 0xADDR", printed raw by a
    kernel without kallsyms) with function+offset from System.map."""
    syms = []
    with open(system_map) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in 'tTwW':
                syms.append((int(addr, 16), name))
    syms.sort()
    keys = [a for a, _ in syms]

    def name(m):
        addr = int(m.group(1), 16)
        i = bisect.bisect_right(keys, addr) - 1
        if i < 0:
            return m.group(0)
        return '%s+0x%x' % (syms[i][1], addr - syms[i][0])
    return [re.sub(r'\[<0>\] 0x([0-9a-f]+)', lambda m: '[<0>] ' + name(m), l)
            for l in console if 'guest:' in l]


class Qmp:
    """A minimal QMP client: JSON lines over a unix socket."""

    def __init__(self, path, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.file = self.sock.makefile('rw')
        self.events = []
        self._read()                      # greeting
        self.command('qmp_capabilities')

    def _read(self):
        line = self.file.readline()
        if not line:
            raise EOFError('QMP connection closed')
        return json.loads(line)

    def command(self, name, **args):
        self.file.write(json.dumps({'execute': name, 'arguments': args}) + '\n')
        self.file.flush()
        while True:
            msg = self._read()
            if 'event' in msg:
                self.events.append(msg)
                continue
            if 'error' in msg:
                raise RuntimeError('%s: %s' % (name, msg['error'].get('desc')))
            return msg.get('return')

    def wait_event(self, name, timeout, **match):
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                data = ev.get('data', {})
                if ev['event'] == name and all(data.get(k) == v
                                               for k, v in match.items()):
                    del self.events[i]
                    return ev
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError('no %s event' % name)
            r, _, _ = select.select([self.sock], [], [], left)
            if r:
                self.events.append(self._read())


class HostActions:
    """What a guest may ask of the host: DIMM hot-add and hot-remove, a
    virtio-mem device's requested size."""

    def __init__(self, qmp, log):
        self.qmp = qmp
        self.log = log

    def do(self, words):
        verb, args = words[0], words[1:]
        try:
            if verb == 'hotadd':          # hotadd ID NODE SIZE
                dimm, node, size = args
                self.qmp.command('object-add', **{'qom-type':
                                 'memory-backend-ram', 'id': 'mem-' + dimm,
                                 'size': parse_size(size)})
                self.qmp.command('device_add', driver='pc-dimm', id=dimm,
                                 memdev='mem-' + dimm, node=int(node))
                return 'ok'
            if verb == 'hotremove':       # hotremove ID
                dimm, = args
                self.qmp.command('device_del', id=dimm)
                self.qmp.wait_event('DEVICE_DELETED', 120, device=dimm)
                self.qmp.command('object-del', id='mem-' + dimm)
                return 'ok'
            if verb == 'resize':          # resize ID SIZE: virtio-mem
                dev, size = args
                self.qmp.command('qom-set', path='/machine/peripheral/' + dev,
                                 property='requested-size',
                                 value=parse_size(size))
                return 'ok'
            if verb == 'unplug-request':  # unplug-request ID: no waiting
                dimm, = args
                self.qmp.command('device_del', id=dimm)
                return 'ok'
            return 'error unknown request ' + verb
        except (RuntimeError, TimeoutError, ValueError) as e:
            return 'error %s' % e


def parse_size(s):
    units = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
    if s[-1].upper() in units:
        return int(s[:-1]) * units[s[-1].upper()]
    return int(s)


def qemu_command(a, rundir):
    arch = a.arch
    qemu = {'x86_64': 'qemu-system-x86_64', 'i386': 'qemu-system-i386',
            'arm': 'qemu-system-arm', 'arm64': 'qemu-system-aarch64',
            'powerpc': 'qemu-system-ppc64'}[arch]
    cmd = [qemu, '-nographic', '-no-reboot', '-nodefaults',
           '-kernel', a.kernel, '-initrd', a.initrd,
           '-smp', str(a.smp), '-m', a.mem,
           '-serial', 'file:' + os.path.join(rundir, 'console.log'),
           '-qmp', 'unix:%s,server=on,wait=off' % os.path.join(rundir, 'qmp.sock')]
    if arch in ('arm', 'arm64'):
        # One PL011 for the console; results on a virtio console (hvc0);
        # the guest powers off (PSCI) when done: no host channel, no
        # isa-debug-exit.  A 32-bit guest without LPAE cannot reach the
        # PCI window above 4 GB: highmem=off.
        if arch == 'arm64':
            cmd += ['-M', 'virt', '-cpu', 'cortex-a57']
        else:
            cmd += ['-M', 'virt,highmem=off', '-cpu', 'cortex-a15']
        cmd += ['-device', 'virtio-serial-device',
                '-chardev', 'file,id=res,path=%s'
                % os.path.join(rundir, 'results.log'),
                '-device', 'virtconsole,chardev=res',
                '-append', 'console=ttyAMA0 panic=-1 oops=panic ' + a.append]
    elif arch == 'powerpc':
        # pseries: each -serial is a spapr-vty, hvc0 the console, hvc1
        # the results, hvc2 the host channel (hotplug requests); POWER9
        # for the radix MMU.
        cmd += ['-M', 'pseries', '-cpu', 'power9',
                '-serial', 'file:' + os.path.join(rundir, 'results.log'),
                '-chardev', 'socket,id=ctl,path=%s,server=on,wait=off'
                % os.path.join(rundir, 'ctl.sock'),
                '-serial', 'chardev:ctl',
                '-append', 'console=hvc0 panic=-1 oops=panic ' + a.append]
    else:
        cmd += ['-serial', 'file:' + os.path.join(rundir, 'results.log'),
                '-chardev', 'socket,id=ctl,path=%s,server=on,wait=off'
                % os.path.join(rundir, 'ctl.sock'),
                '-serial', 'chardev:ctl',
                '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
                '-append', 'console=ttyS0 panic=-1 oops=panic ' + a.append]
    if a.kvm:
        cmd += ['-accel', 'kvm']
    else:
        cmd += ['-accel', 'tcg']
    if a.numa:
        sizes = a.numa.split(',')
        for i, size in enumerate(sizes):
            if size == '0':
                cmd += ['-numa', 'node,nodeid=%d' % i]
            else:
                cmd += ['-object', 'memory-backend-ram,id=ram%d,size=%s' % (i, size),
                        '-numa', 'node,nodeid=%d,memdev=ram%d' % (i, i)]
    cmd += a.extra
    return cmd


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--arch', default='x86_64')
    p.add_argument('--kernel', required=True)
    p.add_argument('--initrd', required=True)
    p.add_argument('--rundir', required=True, help='logs and sockets go here')
    p.add_argument('--mem', default='512M', help='QEMU -m value')
    p.add_argument('--numa', default='', help='node sizes, e.g. 1G,1G,0')
    p.add_argument('--smp', type=int, default=2)
    p.add_argument('--append', default='')
    p.add_argument('--timeout', type=int, default=300)
    p.add_argument('--kvm', action='store_true')
    p.add_argument('--system-map', help="the kernel's System.map, to name "
                   "the functions of a hung guest's task dump")
    p.add_argument('--allow-warn', default='',
                   help='a WARNING line (regex) the scenario provokes on purpose')
    p.add_argument('--allow', default='',
                   help='expected console reports: alloc-failure-report')
    p.add_argument('extra', nargs='*', help='more QEMU arguments')
    a = p.parse_args()

    os.makedirs(a.rundir, exist_ok=True)
    for f in ('console.log', 'results.log', 'ctl.sock', 'qmp.sock'):
        try:
            os.unlink(os.path.join(a.rundir, f))
        except FileNotFoundError:
            pass
    cmd = qemu_command(a, a.rundir)
    with open(os.path.join(a.rundir, 'qemu.cmd'), 'w') as f:
        f.write(' '.join(cmd) + '\n')
    hostlog = open(os.path.join(a.rundir, 'host.log'), 'w')
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=hostlog,
                            stderr=subprocess.STDOUT)
    failures = []
    try:
        qmp = Qmp(os.path.join(a.rundir, 'qmp.sock'))
        actions = HostActions(qmp, hostlog)
        if a.arch not in HOST_CHANNEL:
            proc.wait(timeout=a.timeout)
        else:
            ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            ctl.connect(os.path.join(a.rundir, 'ctl.sock'))
        buf = b''
        while a.arch in HOST_CHANNEL and proc.poll() is None:
            left = a.timeout - (time.monotonic() - start)
            if left <= 0:
                failures.append('timeout after %d s' % a.timeout)
                break
            r, _, _ = select.select([ctl], [], [], min(left, 1.0))
            if not r:
                continue
            data = ctl.recv(4096)
            if not data:
                proc.wait(timeout=max(1, left))
                break
            buf += data
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                words = line.decode(errors='replace').strip().split()
                if len(words) < 2 or words[0] != '@@host':
                    continue
                answer = actions.do(words[1:])
                hostlog.write('host: %s -> %s\n' % (' '.join(words[1:]), answer))
                hostlog.flush()
                ctl.sendall(answer.encode() + b'\n')
    except subprocess.TimeoutExpired:
        failures.append('timeout after %d s' % a.timeout)
    except (OSError, EOFError) as e:
        if proc.poll() is None:
            failures.append('runner: %s' % e)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    elapsed = time.monotonic() - start

    console = open(os.path.join(a.rundir, 'console.log'),
                   errors='replace').read()
    m = SENTINEL.search(console)
    if not failures:
        if not m:
            failures.append('no final sentinel (guest did not finish)')
        elif m.group(1) != '0':
            failures.append('guest scenario exited with status %s' % m.group(1))
        elif a.arch in POWER_OFF and proc.returncode != 0:
            failures.append('QEMU exit status %d, expected 0 (power off)'
                            % proc.returncode)
        elif a.arch not in POWER_OFF and proc.returncode != 1:
            failures.append('QEMU exit status %d, expected 1 (isa-debug-exit 0)'
                            % proc.returncode)
    lines = console.splitlines()
    allowed = set()     # lines of WARN reports the scenario expects
    if a.allow_warn:
        expect = re.compile(a.allow_warn)
        for i, line in enumerate(lines):
            if 'WARNING:' in line and expect.search(line) and i > 0 and \
                    'cut here' in lines[i - 1]:
                j = i - 1
                while j < len(lines) and 'end trace' not in lines[j]:
                    allowed.add(j)
                    j += 1
                allowed.add(j)
    for i, line in enumerate(lines):
        if i in allowed or not SPLATS.search(line):
            continue
        # A scenario that injects allocation failures expects the report
        # the kernel prints for them (warn_alloc()'s, vmalloc's through it,
        # and fault injection's own, verbose): a stack dump, nothing worse.
        if ('alloc-failure-report' in a.allow and 'Call Trace:' in line and
                any('alloc failure' in l or 'page allocation failure' in l or
                    'vmalloc error: ' in l or
                    'FAULT_INJECTION: forcing a failure' in l
                    for l in lines[max(0, i - 12):i])):
            continue
        failures.append('kernel splat: ' + line.strip())
        break
    for line in lines:
        if SHELL_ERRORS.match(line.strip()):
            failures.append('guest shell error: ' + line.strip())
            break
    if 'guest: watchdog:' in console:
        dump = os.path.join(a.rundir, 'tasks.log')
        with open(dump, 'w') as f:
            if a.system_map and os.path.exists(a.system_map):
                f.write('\n'.join(symbolize(lines, a.system_map)) + '\n')
            else:
                f.write('\n'.join(l for l in lines if 'guest:' in l) + '\n')
        if any('timeout' in msg for msg in failures):
            failures.append('guest tasks at the watchdog: %s' % dump)
    with open(os.path.join(a.rundir, 'verdict'), 'w') as f:
        f.write('%s %.1f\n' % ('fail' if failures else 'pass', elapsed))
        for msg in failures:
            f.write(msg + '\n')
    for msg in failures:
        print('%s: %s (console: %s)' % (os.path.basename(a.rundir), msg,
              os.path.join(a.rundir, 'console.log')), file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
