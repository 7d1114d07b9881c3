#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Allocation failures in the control path, systematically (the per-task
# fail-nth interface of Documentation/fault-injection/fault-injection.rst,
# with FAILSLAB and FAIL_PAGE_ALLOC). For each operation (switch create,
# by genetlink and by rtnetlink, internal and external; type change; port
# create; NIC create, connect, disconnect, delete; ip link set master and
# nomaster; extension enable, reorder and disable; custom property add
# and update; static FDB entry add; ACL rule add and delete; port and
# switch delete) the 1st
# allocation is made to fail, then the 2nd, the 3rd..., until the
# operation goes through without reaching the failure. Only allocations
# made on behalf of xvs count: the failure filter requires a caller in
# the module's code (require-start/require-end), so the netlink core's own
# allocations before xvs is reached are not among them.
#
# After every attempt:
#  - failed: it says so with an errno, and everything is as before: the
#    dumps of switches, ports, NICs, FDB, extensions and properties, the
#    netdevs and their masters, the module reference counts compare equal
#    to those taken before the attempt; the lifecycle events it sent (the
#    events group) cancel out (a switch, port or NIC created is deleted,
#    an extension enabled is disabled), unless one was lost to the
#    failure (a gap in their sequence numbers);
#  - succeeded (a failure an operation may absorb: an event lost): the
#    state is that of a clean run, and the events add up to the same.
# Leaks show up as kmemleak reports at the end of the VM run, references
# left behind as module reference counts, ids that were not given back as
# a different switch id the next time.
#
# make check fails every one of the first 12 allocations of an
# operation, then every 32nd, then, the last one found by bisection, every
# one of the last 8 (XVS_FI_HEAD, XVS_FI_STRIDE, XVS_FI_TAIL);
# XVS_FI_STRIDE=1 fails every one (make stress). XVS_FI_MAX (default 400) bounds the attempts per
# operation; XVS_FI_OPS selects operations by name (a comma-separated list
# of prefixes); XVS_FI_VERBOSE=2 has the kernel log each failure with its
# call trace.

import errno
import os
import socket
import struct
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'fuzz'))
from xvs_badinput import Ksft, skip_all, xvs_load  # noqa: E402
import nlfuzz  # noqa: E402
import xvs_sys  # noqa: E402

DBG = '/sys/kernel/debug'
FAULTS = ('failslab', 'fail_page_alloc')
SW = 'fi0'
KO_DIR = os.environ.get('XVS_KO_DIR') or os.path.join(os.path.dirname(HERE),
                                                      'kmod')
EXTS = [('xvs_null', 'count=2'), ('xvs_macfilter', ''), ('xvs_capture', '')]
MAC_A = bytes.fromhex('020000000a01')
# Port attributes a snapshot leaves out: they change without a change.
VOLATILE = ('stats', 'switch-ifindex', 'nic-ifindex')
# ACL rules: out, deny, remote 10.0.0.0/8; both, meter, local MAC_A.
ACL_A = {'acl_dir': 2, 'acl_action': 1, 'acl_ipv4': bytes([10, 0, 0, 0]),
         'acl_prefix_len': 8}
ACL_B = {'acl_dir': 3, 'acl_action': 2, 'acl_local': True, 'acl_mac': MAC_A}
MACS3 = bytes.fromhex('020000000b01020000000b02020000000b03')


def module_text(mod):
    """[start, end) of the module's memory (its code among it), from
    /proc/modules: the address is that of its text, the size that of all
    its parts; more than its code, never less."""
    with open('/proc/modules') as f:
        for line in f:
            fields = line.split()
            if fields[0] == mod:
                base = int(fields[5], 16)
                if base:
                    return base, base + int(fields[1])
    return None


class Faults:
    """The debugfs knobs, set for fail-nth on xvs's behalf, and put back."""

    def __init__(self, text):
        self.saved = {}
        knobs = {'ignore-gfp-wait': 'N',
                 'verbose': os.environ.get('XVS_FI_VERBOSE') or '0',
                 'require-start': str(text[0]), 'require-end': str(text[1]),
                 'stacktrace-depth': '32'}
        for d in FAULTS:
            k = dict(knobs)
            if d == 'fail_page_alloc':
                k.update({'min-order': '0', 'ignore-gfp-highmem': 'N'})
            for name, val in k.items():
                path = '%s/%s/%s' % (DBG, d, name)
                with open(path) as f:
                    self.saved[path] = f.read().strip()
                xvs_sys.write(path, val)
        self.fd = os.open('/proc/thread-self/fail-nth', os.O_RDWR)

    def arm(self, n):
        os.pwrite(self.fd, str(n).encode(), 0)

    def disarm(self):
        """True when the armed failure happened."""
        v = int(os.pread(self.fd, 32, 0) or b'0')
        os.pwrite(self.fd, b'0', 0)
        return v == 0

    def restore(self):
        os.close(self.fd)
        for path, val in self.saved.items():
            try:
                xvs_sys.write(path, val)
            except OSError:
                pass


class Kmsg:
    """The kernel log from now on: the warnings of xvs and its switches."""

    def __init__(self, names):
        self.fd = os.open('/dev/kmsg', os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)
        self.names = tuple(n + ': ' for n in names)

    def warnings(self):
        out = []
        while True:
            try:
                rec = os.read(self.fd, 8192).decode(errors='replace')
            except BlockingIOError:
                break
            except OSError as e:
                if e.errno == errno.EPIPE:      # overwritten: go on
                    continue
                raise
            head, _, text = rec.partition(';')
            try:
                prio = int(head.split(',')[0]) & 7
            except ValueError:
                continue
            text = text.split('\n')[0]
            if prio <= 4 and ('xvs' in text or text.startswith(self.names)):
                out.append(text)
        return out


class FI(nlfuzz.Client):
    def __init__(self, t):
        nlfuzz.Client.__init__(self)
        self.t = t
        self.ctl = self.open()
        self.ev = self.open()
        self.subscribe(self.ev)
        self.rt = xvs_sys.Rtnl()
        self.last_seq = None
        self.ev_next = []
        self.problems = []
        self.loaded = []
        self.attempts = 0
        self.injected = 0
        self.absorbed = 0
        self.lost_events = 0
        self.kmsg = Kmsg([SW, 'fi1'])
        self.errnos = {}
        self.odd = []
        self.head = int(os.environ.get('XVS_FI_HEAD') or 12)
        self.stride = int(os.environ.get('XVS_FI_STRIDE') or 32)
        self.tail = int(os.environ.get('XVS_FI_TAIL') or 8)

    # ---- state -----------------------------------------------------------------

    def req(self, opname, **kw):
        err, ext, _ = self.ctl_req(opname, **kw)
        if err:
            raise RuntimeError('%s %s: %s %s' % (opname, kw,
                                                 xvs_sys.errname(err), ext))

    def dump(self, opname, **kw):
        err, ext, reps = self.ctl_req(opname, dump=True, **kw)
        if err:
            return ('error', opname, kw, err)
        return reps

    def snapshot(self):
        s, u = self.attr_str, self.attr_int
        state = []
        sws = self.dump('switch-get')
        for r in sorted(sws, key=lambda r: s(r, 'switch-name')):
            sw = s(r, 'switch-name')
            state.append(('switch', sw, u(r, 'switch-id'),
                          u(r, 'switch-type'), u(r, 'switch-ports'),
                          s(r, 'switch-uplink')))
            ports = self.dump('port-get', switch_name=sw)
            for p in sorted(ports, key=lambda p: u(p, 'port-id')):
                # Every attribute of the port (its policies too, as the
                # spec grows them) but its counters and ifindexes.
                state.append(('port', sw, u(p, 'port-id'), sorted(
                    (self.xset.by_value[k].name, v) for k, v in p.items()
                    if k in self.xset.by_value and
                    self.xset.by_value[k].name not in VOLATILE)))
                state.append(('props', sw, s(p, 'port-name'),
                              self.props(sw, s(p, 'port-name'))))
                state.append(('acl', sw, s(p, 'port-name'),
                              self.acl(sw, s(p, 'port-name'))))
            state.append(('props', sw, None, self.props(sw, None)))
            # Static entries: learned ones come and go with traffic.
            state.append(('fdb', sw, sorted(
                (r.get(self.xset['fdb-mac'].value), u(r, 'fdb-vlan'),
                 u(r, 'port-id'))
                for r in self.dump('fdb-get', switch_name=sw)
                if self.xset['fdb-static'].value in r)))
            state.append(('exts', sw, sorted(
                (s(r, 'ext-name'), self.xset['ext-enabled'].value in r,
                 u(r, 'ext-position'))
                for r in self.dump('ext-get', switch_name=sw))))
        state.append(('exts', None, sorted(
            (s(r, 'ext-name'), u(r, 'ext-switches'))
            for r in self.dump('ext-get'))))
        state.append(('netdevs', sorted(self.rt.links().items())))
        state.append(('modules', [(m, xvs_sys.kmod_refcnt(m))
                                  for m in ['xvs'] + self.loaded]))
        return state

    def props(self, sw, port):
        kw = {'switch_name': sw}
        if port:
            kw['port_name'] = port
        reps = self.dump('prop-get', **kw)
        if isinstance(reps, tuple):
            return reps
        return [(self.attr_str(r, 'ext-name'), self.attr_int(r, 'prop-id'),
                 self.attr_int(r, 'prop-instance'),
                 self.attr_int(r, 'prop-version'),
                 r.get(self.xset['prop-data'].value)) for r in reps]

    def acl(self, sw, port):
        """A port's ACL rules, in order, with their counters."""
        reps = self.dump('acl-get', switch_name=sw, port_name=port)
        if isinstance(reps, tuple):
            return reps
        return [tuple(r.get(self.xset[n].value) for n in
                      ('acl-dir', 'acl-action', 'acl-local', 'acl-mac',
                       'acl-ipv4', 'acl-ipv6', 'acl-prefix-len',
                       'acl-packets', 'acl-bytes')) for r in reps]

    @staticmethod
    def diff(a, b):
        """The first differences of two snapshots, for the report."""
        out = []
        for x, y in zip(a, b):
            if x != y:
                out.append('  before: %s\n  after:  %s' % (x, y))
        if len(a) != len(b):
            sa, sb = set(map(repr, a)), set(map(repr, b))
            out += ['  only before: ' + x for x in sorted(sa - sb)]
            out += ['  only after:  ' + x for x in sorted(sb - sa)]
        return '\n'.join(out[:8])

    # ---- events -------------------------------------------------------------------

    def events(self):
        """The events sent since the last call: ([(event, key)], gap).
        A probe (a friendly name set on port a of fi0: PORT_UPDATE) marks
        the end: events that came before it are all there, and a gap in
        the sequence numbers up to it shows one was lost.

        Operations update port a too (port-set, prop-set...), with the
        same event: the probe is the last PORT_UPDATE of a once the
        queue is empty, not the first. The kernel multicasts an event
        before it answers the request that caused it, so when the probe's
        answer is in, the probe's event is queued, behind every earlier
        one; stopping at the first PORT_UPDATE of a would leave the probe
        queued, and every later call would return the events of the one
        before it. Events queued after the probe (from a work item) are
        kept for the next call."""
        evs = self.ev_next
        self.ev_next = []
        gap = False
        E = self.spec.enums['event']
        err, ext, _ = self.ctl_req('port-set', switch_name=SW,
                                   port_name='a', port_friendly_name='probe')
        if err:
            raise RuntimeError('probe: %s %s' % (xvs_sys.errname(err), ext))
        probe = None            # index in evs of the last PORT_UPDATE of a
        deadline = time.monotonic() + 10
        while True:
            # Up to an empty queue; until then blocking, for at most
            # 10 s, while neither the probe nor a loss (ENOBUFS: the
            # probe may be among the events lost) was seen.
            wait = 0.0
            if probe is None and not gap:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    raise RuntimeError('the probe event did not come')
            self.ev.sock.settimeout(wait)
            try:
                data = self.ev.sock.recv(65536)
            except (socket.timeout, BlockingIOError):
                if probe is None and not gap:
                    continue
                break
            except OSError as e:
                if e.errno == errno.ENOBUFS:
                    gap = True
                    continue
                raise
            off = 0
            while off + 20 <= len(data):
                ln = struct.unpack_from('I', data, off)[0]
                if ln < 20:
                    break
                r = nlfuzz.flat_attrs(data[off + 20:off + ln])
                off += (ln + 3) & ~3
                seq = r.get(self.xset['event-seq'].value)
                seq = struct.unpack('Q', seq)[0] if seq else None
                if self.last_seq is not None and seq != self.last_seq + 1:
                    gap = True
                self.last_seq = seq
                ev = self.attr_int(r, 'event')
                name = E[ev] if ev is not None and ev < len(E) else ev
                if name == 'port-update' and \
                        self.attr_str(r, 'switch-name') == SW and \
                        self.attr_str(r, 'port-name') == 'a':
                    probe = len(evs)
                evs.append((name, self.attr_str(r, 'switch-name'),
                            self.attr_str(r, 'port-name'),
                            self.attr_str(r, 'ext-name')))
        self.ev.sock.settimeout(10)
        if probe is None:
            return evs, gap
        self.ev_next = evs[probe + 1:]
        return evs[:probe], gap

    @staticmethod
    def net(evs):
        """What the events did, in sum: {object: +1 created / -1 gone}."""
        pairs = {'switch-create': ('switch', 1), 'switch-delete': ('switch', -1),
                 'port-create': ('port', 1), 'port-delete': ('port', -1),
                 'nic-create': ('nic', 1), 'nic-delete': ('nic', -1),
                 'nic-connect': ('conn', 1), 'nic-disconnect': ('conn', -1),
                 'ext-enable': ('ext', 1), 'ext-disable': ('ext', -1)}
        out = {}
        for ev, sw, port, ext in evs:
            if ev not in pairs:
                continue
            kind, d = pairs[ev]
            key = (kind, sw, port if kind in ('port', 'nic', 'conn') else
                   ext if kind == 'ext' else None)
            out[key] = out.get(key, 0) + d
        return {k: v for k, v in out.items() if v}

    # ---- one operation ------------------------------------------------------------

    def attempt(self, op, faults, n):
        """Run op['do'] with the n-th allocation (0: none) failing.
        Returns (injected, errno)."""
        fired = [False]

        def after():
            fired[0] = faults.disarm()
        if n:
            faults.arm(n)
        err = op['do'](after)
        if not n:
            fired[0] = False
        return fired[0], err

    def genl(self, opname, **kw):
        def do(after):
            p = self.send(self.ctl, opname, after_send=after, **kw)
            self.collect(self.ctl, {p.seq: p}, check=False)
            return -p.error
        return do

    def rtnl(self, method, *args, **kw):
        def do(after):
            self.rt.after_send = after
            try:
                err, _ = getattr(self.rt, method)(*args, **kw)
            finally:
                self.rt.after_send = None
            return err
        return do

    def problem(self, op, n, what):
        self.problems.append('%s, allocation %d: %s' % (op['name'], n, what))

    def run_op(self, op, faults, limit):
        """Fail the 1st, 2nd... allocation of op until it succeeds
        without a failure reaching it."""
        name = op['name']
        if op.get('setup'):
            op['setup']()
        self.events()
        s0 = self.snapshot()
        # The clean run: what success looks like.
        _, err = self.attempt(op, faults, 0)
        if err:
            self.problem(op, 0, 'fails without fault injection: %s' %
                         xvs_sys.errname(err))
            return 0
        s1 = self.snapshot()
        ev1, _ = self.events()
        net1 = self.net(ev1)
        op['undo']()
        self.events()
        after = self.snapshot()
        if after != s0:
            self.problem(op, 0, 'undoing it does not restore the state:\n'
                         + self.diff(s0, after))
            return 0
        self.s0, self.s1, self.net1 = s0, s1, net1
        # Every allocation in turn (XVS_FI_STRIDE=1), or the first HEAD,
        # then every STRIDE-th until the operation gets through; then the
        # last one is found by bisection and the TAIL before it are
        # failed each: the first ones are xvs's own (and the lookups
        # before the object is made), the last ones those after the
        # object is made (events, replies, the ports of a type change);
        # those in between, mostly the netdev core's (sysfs, kobjects) in
        # a switch's registration, all end in the same unwinding of xvs.
        prev = points = 0
        while True:
            n = prev + 1 if prev < self.head else prev + self.stride
            if n > limit:
                self.problem(op, n, 'still reaching allocation failures '
                             'after %d attempts (raise XVS_FI_MAX)' % limit)
                break
            if self.try_n(op, faults, n):
                points = prev = n
                if len(self.problems) > 30:
                    break
                continue
            lo, hi = prev, n
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if self.try_n(op, faults, mid):
                    lo = mid
                else:
                    hi = mid
            points = lo
            for m in range(max(prev + 1, lo - self.tail + 1), lo):
                self.try_n(op, faults, m)
            break
        if op.get('cleanup'):
            op['cleanup']()
        return points

    def try_n(self, op, faults, n):
        """One attempt with the n-th allocation failing; True when the
        failure was reached (False: the operation went through without)."""
        s0, s1, net1 = self.s0, self.s1, self.net1
        self.attempts += 1
        fired, err = self.attempt(op, faults, n)
        evs, gap = self.events()
        after = self.snapshot()
        warn = self.kmsg.warnings()
        if warn:
            self.problem(op, n, '%s, and the kernel log says: %s' %
                         (xvs_sys.errname(err) if err else 'succeeded',
                          ' | '.join(warn[:3])))
        if not fired:
            if err:
                self.problem(op, n, 'failed (%s) though no allocation '
                             'was made to fail' % xvs_sys.errname(err))
            elif after != s1:
                self.problem(op, n, 'state after success differs from '
                             'a clean run:\n' + self.diff(s1, after))
            if not err:
                op['undo']()
                self.events()
            return False
        self.injected += 1
        if gap:
            self.lost_events += 1
        if err:
            self.errnos[err] = self.errnos.get(err, 0) + 1
            if err != errno.ENOMEM:
                self.odd.append('%s: allocation %d: %s' %
                                (op['name'], n, xvs_sys.errname(err)))
            if after != s0:
                self.problem(op, n, 'failed (%s) but left a change '
                             'behind:\n%s' % (xvs_sys.errname(err),
                                              self.diff(s0, after)))
                self.repair(op, s0)
            elif not gap and self.net(evs):
                self.problem(op, n, 'failed (%s) but its events do not '
                             'cancel out: %s' % (xvs_sys.errname(err), evs))
        else:
            self.absorbed += 1
            if after != s1:
                self.problem(op, n, 'succeeded despite the failure, but '
                             'the state differs from a clean run:\n' +
                             self.diff(s1, after))
            elif not gap and self.net(evs) != net1:
                self.problem(op, n, 'succeeded despite the failure, but '
                             'its events differ from a clean run: %s' % evs)
            op['undo']()
            self.events()
        return True

    def repair(self, op, s0):
        """After a half-built object: try the undo so that the next
        attempts start from the same state."""
        try:
            op['undo']()
        except Exception:
            pass
        self.events()

    # ---- the operations ---------------------------------------------------------------

    def base(self):
        """fi0 (private) with ports a (NIC fia0, connected; a custom
        property and an ACL rule), b (no NIC), c (NIC fic0, created),
        xvs_null enabled; veths fin0 and fiu0 free for NICs and
        uplinks."""
        rt = self.rt
        for v in ('fia0', 'fic0', 'fin0', 'fiu0', 'fim0'):
            if xvs_sys.ifindex(v) is None:
                xvs_sys.check(rt.link_add(v, 'veth', peer=v[:3] + '1'),
                              'veth ' + v)
            for d in (v, v[:3] + '1'):
                # No IPv6: no traffic of their own, nothing learned.
                xvs_sys.write('/proc/sys/net/ipv6/conf/%s/disable_ipv6' % d,
                              '1')
                rt.link_set(d, up=True)
        self.req('switch-new', switch_name=SW)
        self.req('port-new', switch_name=SW, port_name='a')
        self.req('nic-new', switch_name=SW, port_name='a', nic_ifname='fia0')
        self.req('nic-connect', switch_name=SW, port_name='a')
        # b: a port whose NIC came and went (NIC_DELETED).
        self.req('port-new', switch_name=SW, port_name='b')
        self.req('nic-new', switch_name=SW, port_name='b', nic_ifname='fin0')
        self.req('nic-del', switch_name=SW, port_name='b')
        self.req('port-new', switch_name=SW, port_name='c')
        self.req('nic-new', switch_name=SW, port_name='c', nic_ifname='fic0')
        self.req('ext-enable', switch_name=SW, ext_name='xvs_null')
        self.req('prop-add', switch_name=SW, port_name='a',
                 ext_name='xvs_macfilter', prop_id=1, prop_data=MAC_A)
        self.req('acl-add', switch_name=SW, port_name='a', **ACL_A)

    def ops(self):
        g, r, req = self.genl, self.rtnl, self.req
        swi = xvs_sys.ifindex
        sw = {'switch_name': SW}

        def del_fi1():
            req('switch-del', switch_name='fi1')

        def full_fi1():
            req('switch-new', switch_name='fi1', switch_type=1)
            req('port-new', switch_name='fi1', port_name='x')
            req('nic-new', switch_name='fi1', port_name='x',
                nic_ifname='fin0')
            req('nic-connect', switch_name='fi1', port_name='x')
            req('ext-enable', switch_name='fi1', ext_name='xvs_macfilter')
            req('prop-add', switch_name='fi1', port_name='x',
                ext_name='xvs_null', prop_id=3, prop_data=b'abc')
            req('fdb-add', switch_name='fi1', port_name='x', fdb_mac=MAC_A)
            req('acl-add', switch_name='fi1', port_name='x', **ACL_A)

        return [
            {'name': 'switch-new private', 'do': g('switch-new',
                                                   switch_name='fi1'),
             'undo': del_fi1},
            {'name': 'switch-new internal',
             'do': g('switch-new', switch_name='fi1', switch_type=1),
             'undo': del_fi1},
            {'name': 'switch-new external',
             'do': g('switch-new', switch_name='fi1', switch_type=2,
                     switch_uplink='fiu0'),
             'undo': del_fi1},
            {'name': 'ip link add type xvs',
             'do': r('link_add', 'fi1', 'xvs'), 'undo': del_fi1},
            {'name': 'switch-set type internal',
             'do': g('switch-set', switch_type=1, **sw),
             'undo': lambda: req('switch-set', switch_type=0, **sw)},
            {'name': 'switch-set type external',
             'do': g('switch-set', switch_type=2, switch_uplink='fiu0',
                     **sw),
             'undo': lambda: req('switch-set', switch_type=0, **sw)},
            {'name': 'port-new',
             'do': g('port-new', port_name='x', port_friendly_name='X',
                     **sw),
             'undo': lambda: req('port-del', port_name='x', **sw)},
            {'name': 'nic-new',
             'do': g('nic-new', port_name='b', nic_ifname='fin0', **sw),
             'undo': lambda: req('nic-del', port_name='b', **sw)},
            {'name': 'nic-connect',
             'do': g('nic-connect', port_name='c', **sw),
             'undo': lambda: (req('nic-disconnect', port_name='c', **sw),
                              req('nic-del', port_name='c', **sw),
                              req('nic-new', port_name='c',
                                  nic_ifname='fic0', **sw))},
            {'name': 'nic-disconnect',
             'do': g('nic-disconnect', port_name='a', **sw),
             'undo': lambda: (req('nic-del', port_name='a', **sw),
                              req('nic-new', port_name='a',
                                  nic_ifname='fia0', **sw),
                              req('nic-connect', port_name='a', **sw))},
            {'name': 'nic-del',
             'do': g('nic-del', port_name='c', **sw),
             'undo': lambda: req('nic-new', port_name='c',
                                 nic_ifname='fic0', **sw)},
            {'name': 'ip link set master',
             'do': r('link_set', 'fin0', master=swi(SW)),
             'undo': lambda: xvs_sys.check(self.rt.link_set('fin0',
                                                            master=0),
                                           'nomaster')},
            {'name': 'ip link set nomaster',
             'setup': lambda: xvs_sys.check(self.rt.link_set(
                 'fin0', master=swi(SW)), 'master'),
             'do': r('link_set', 'fin0', master=0),
             'undo': lambda: xvs_sys.check(self.rt.link_set(
                 'fin0', master=swi(SW)), 'master'),
             'cleanup': lambda: self.rt.link_set('fin0', master=0)},
            {'name': 'ext-enable (replays the ports)',
             'do': g('ext-enable', ext_name='xvs_macfilter', **sw),
             'undo': lambda: req('ext-disable', ext_name='xvs_macfilter',
                                 **sw)},
            {'name': 'ext-enable xvs_capture',
             'do': g('ext-enable', ext_name='xvs_capture', **sw),
             'undo': lambda: req('ext-disable', ext_name='xvs_capture',
                                 **sw)},
            {'name': 'ext-order',
             'setup': lambda: req('ext-enable', ext_name='xvs_null1', **sw),
             'do': g('ext-order', ext_order=self.order('xvs_null1',
                                                       'xvs_null'), **sw),
             'undo': lambda: req('ext-order', ext_order=self.order(
                 'xvs_null', 'xvs_null1'), **sw),
             'cleanup': lambda: req('ext-disable', ext_name='xvs_null1',
                                    **sw)},
            {'name': 'ext-disable',
             'do': g('ext-disable', ext_name='xvs_null', **sw),
             'undo': lambda: req('ext-enable', ext_name='xvs_null', **sw)},
            {'name': 'prop-add (owner not enabled)',
             'do': g('prop-add', port_name='b', ext_name='xvs_macfilter',
                     prop_id=1, prop_data=MACS3, **sw),
             'undo': lambda: req('prop-del', port_name='b',
                                 ext_name='xvs_macfilter', prop_id=1,
                                 prop_version=0x10000, **sw)},
            {'name': 'prop-add (owner enabled, it parses the value)',
             'setup': lambda: req('ext-enable', ext_name='xvs_macfilter',
                                  **sw),
             'do': g('prop-add', port_name='b', ext_name='xvs_macfilter',
                     prop_id=1, prop_data=MACS3, **sw),
             'undo': lambda: req('prop-del', port_name='b',
                                 ext_name='xvs_macfilter', prop_id=1,
                                 prop_version=0x10000, **sw),
             'cleanup': lambda: req('ext-disable', ext_name='xvs_macfilter',
                                    **sw)},
            {'name': 'prop-set',
             'do': g('prop-set', port_name='a', ext_name='xvs_macfilter',
                     prop_id=1, prop_version=0x10001, **sw),
             # A minor cannot go down: delete 1.1 and add 1.0 again.
             'undo': lambda: (req('prop-del', port_name='a',
                                  ext_name='xvs_macfilter', prop_id=1,
                                  prop_version=0x10001, **sw),
                              req('prop-add', port_name='a',
                                  ext_name='xvs_macfilter', prop_id=1,
                                  prop_data=MAC_A, **sw))},
            {'name': 'port-set policies (VLAN, MAC, guards, rate, storm)',
             'do': g('port-set', port_name='a', **self.policies(True), **sw),
             'undo': lambda: req('port-set', port_name='a',
                                 **self.policies(False), **sw)},
            {'name': 'fdb-add',
             'do': g('fdb-add', port_name='a', fdb_mac=MAC_A, **sw),
             'undo': lambda: req('fdb-del', fdb_mac=MAC_A, **sw)},
            {'name': 'acl-add (a port without rules)',
             'do': g('acl-add', port_name='b', **ACL_B, **sw),
             'undo': lambda: req('acl-del', port_name='b', **ACL_B, **sw)},
            {'name': 'acl-add (a table rebuilt)',
             'do': g('acl-add', port_name='a', **ACL_B, **sw),
             'undo': lambda: req('acl-del', port_name='a', **ACL_B, **sw)},
            # acl-del acl-all allocates nothing: not one of them.
            {'name': 'acl-del (a table rebuilt)',
             'setup': lambda: req('acl-add', port_name='a', **ACL_B, **sw),
             'do': g('acl-del', port_name='a', **ACL_B, **sw),
             'undo': lambda: req('acl-add', port_name='a', **ACL_B, **sw),
             'cleanup': lambda: req('acl-del', port_name='a', **ACL_B,
                                    **sw)},
            {'name': 'port-del',
             'setup': lambda: req('port-new', port_name='x', **sw),
             'do': g('port-del', port_name='x', **sw),
             'undo': lambda: req('port-new', port_name='x', **sw),
             'cleanup': lambda: req('port-del', port_name='x', **sw)},
            {'name': 'switch-del (ports, NIC, extension, property, FDB, ACL)',
             'setup': full_fi1,
             'do': g('switch-del', switch_name='fi1'),
             'undo': full_fi1,
             'cleanup': del_fi1},
        ]

    def policies(self, on):
        """port-set attributes of the spec: a few policies, or their
        defaults (only those the spec has)."""
        want = {
            'port_vlan_mode': 1 if on else 0,       # access / none
            'port_vlan_id': 10,
            'port_mac': MAC_A if on else bytes(6),
            'port_spoof_guard': int(on), 'port_dhcp_guard': int(on),
            'port_rate': 10 ** 6 if on else 0,
            'port_storm_bcast': 100 if on else 0,
        }
        have = self.spec.ops['port-set'].do_req
        out = {k: v for k, v in want.items() if k.replace('_', '-') in have}
        if not on:
            out.pop('port_vlan_id', None)
        return out

    def order(self, *names):
        a = self.spec.sets['ext-order']['ext-name']
        return b''.join(nlfuzz.nla(a.value, n.encode() + b'\0')
                        for n in names)

    def teardown(self):
        try:
            self.ctl_req('switch-del', switch_name=SW)
            self.ctl_req('switch-del', switch_name='fi1')
        except Exception:
            pass
        for v in ('fia0', 'fic0', 'fin0', 'fiu0', 'fim0'):
            self.rt.link_del(v)
        bad = []
        for name in reversed(self.loaded):
            err = xvs_sys.kmod_unload(name)
            if err:
                bad.append('%s: %s' % (name, xvs_sys.errname(err)))
        return bad


def main():
    xvs_load().close()
    if not os.path.exists('/proc/thread-self/fail-nth') or \
            not os.path.isdir(DBG + '/failslab'):
        skip_all('no fail-nth or failslab (CONFIG_FAULT_INJECTION_DEBUG_FS, '
                 'CONFIG_FAILSLAB)')
    t = Ksft()
    fi = FI(t)
    for name, params in EXTS:
        if not xvs_sys.kmod_loaded(name):
            err = xvs_sys.kmod_load(os.path.join(KO_DIR, 'ext', name + '.ko'),
                                    params)
            if err:
                skip_all('%s: %s' % (name, xvs_sys.errname(err)))
            fi.loaded.append(name)
    text = module_text('xvs')
    if not t.ok('the xvs module\'s code in /proc/kallsyms', text, text):
        t.exit()
    limit = int(os.environ.get('XVS_FI_MAX') or 400)
    only = [x for x in (os.environ.get('XVS_FI_OPS') or '').split(',') if x]
    taint0 = xvs_sys.taint()
    faults = Faults(text)
    t0 = time.monotonic()
    try:
        fi.base()
        for op in fi.ops():
            if only and not any(op['name'].startswith(o) for o in only):
                continue
            before = len(fi.problems)
            o0 = time.monotonic()
            try:
                points = fi.run_op(op, faults, limit)
            except Exception as e:
                fi.problem(op, -1, '%s: %s' % (type(e).__name__, e))
                points = -1
            new = fi.problems[before:]
            t.ok('%s: %d allocations failed in turn, each cleanly (%.1f s)'
                 % (op['name'], points, time.monotonic() - o0),
                 not new and points > 0,
                 '\n'.join(new) or 'no allocation was made to fail')
    finally:
        faults.restore()
    t.note('%d attempts, %d failures injected, %d absorbed (the operation '
           'went on), %d with events lost, %.1f s; errors: %s' %
           (fi.attempts, fi.injected, fi.absorbed, fi.lost_events,
            time.monotonic() - t0,
            ', '.join('%s %d' % (xvs_sys.errname(k), v)
                      for k, v in sorted(fi.errnos.items()))))
    for line in fi.odd:
        t.note('an error other than ENOMEM: ' + line)
    bad = fi.teardown()
    t.ok('extension modules unload afterwards', not bad, '\n'.join(bad))
    t.ok('no kernel warning (taint %d -> %d)' % (taint0, xvs_sys.taint()),
         xvs_sys.taint() == taint0)
    t.exit()


if __name__ == '__main__':
    main()
