#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The JSON side of the xvs shell selftests: one python3 process per test
# (started by lib.sh's helper_start as a coprocess: a python3 start costs
# seconds under emulation) answers requests on stdin. A request is a line
# of tab-separated words, a command and its arguments; the answer is what
# the command printed, then "__rc N", N being its verdict (0: true).
#
#   jq PATH EXPR           "ok VALUE" if the python expression EXPR is true
#                          with j bound to PATH's JSON (a file that is not one
#                          JSON document is read as JSON lines, a list) and o
#                          to the one object of a reply, or of a show that
#                          lists one
#   count PATH             the number of JSON lines in PATH
#   wait PATH N SECONDS    until PATH has N JSON lines (or SECONDS passed)
#   expect PATH START SW SPEC...
#                          wait for, then check, the events (xvsctl -j
#                          monitor) past the first START of PATH: they are
#                          exactly SPEC..., in order; each SPEC is 'EVENT'
#                          (switch event) or 'EVENT PORT OLD NEW [IFNAME|-]'
#   perport PATH START SW SPEC...
#                          as expect, but the events of different ports may
#                          interleave (each port's in order), the switch's
#                          come last
#   seq PATH               the events' sequence numbers are consecutive
#   last PATH SW EVENT     the last event is EVENT of switch SW
#   gone PATH SECONDS      until PATH does not exist (or SECONDS passed)
#   sleep SECONDS          sleep (bash has no builtin sleep: no process)
#   ports NETNS SW add|del COUNT
#                          create (delete) ports p1..pCOUNT of switch SW of
#                          network namespace NETNS, one netlink request
#                          each, over one socket

import contextlib
import ctypes
import io
import json
import os
import sys
import time

# Once the events a step waits for are there: how long to wait for any
# event the step should not have caused (a later step would see it too).
GRACE = 0.3


def load(path):
    with open(path) as f:
        text = f.read()
    try:
        return json.loads(text)
    except ValueError:
        return [json.loads(line) for line in text.splitlines()
                if line.strip()]


def events(path):
    """The monitor's events so far; a line it is still writing is not."""
    evs = []
    with open(path) as f:
        for line in f:
            if not line.endswith('\n'):
                break
            if line.strip():
                evs.append(json.loads(line))
    return evs


def cmd_jq(path, expr):
    j = load(path)
    o = j[0] if isinstance(j, list) and len(j) == 1 else \
        j if isinstance(j, dict) else None
    v = eval(expr, {'j': j, 'o': o})
    if v is False or v is None:
        print('fail: false')
        return 1
    print('ok %s' % (v,))
    return 0


def cmd_count(path):
    print(len(events(path)))
    return 0


def wait_for(path, n, seconds):
    end = time.monotonic() + float(seconds)
    while True:
        evs = events(path)
        if len(evs) >= n or time.monotonic() > end:
            return evs
        time.sleep(0.05)


def cmd_wait(path, n, seconds):
    evs = wait_for(path, int(n), seconds)
    print(len(evs))
    return 0 if len(evs) >= int(n) else 1


def fmt(e):
    s = '%-14s %-5s' % (e.get('event'), e.get('switch'))
    if 'port_name' in e or 'port_id' in e:
        s += ' port %s (%s) %s -> %s' % (e.get('port_id'), e.get('port_name'),
                                         e.get('old_state'),
                                         e.get('new_state'))
    if 'nic_ifname' in e or 'nic_index' in e:
        s += ' nic %s [%s]' % (e.get('nic_ifname'), e.get('nic_index'))
    return 'seq %s: %s' % (e.get('seq'), s)


def match(e, sw, spec):
    f = spec.split()
    if e.get('event') != f[0] or e.get('switch') != sw:
        return False
    if not isinstance(e.get('seq'), int) or \
       not isinstance(e.get('switch_id'), int):
        return False
    if len(f) == 1:
        return 'port_name' not in e and 'port_id' not in e
    if (e.get('port_name'), e.get('old_state'), e.get('new_state')) != \
       tuple(f[1:4]):
        return False
    if not isinstance(e.get('port_id'), int) or e['port_id'] < 1:
        return False
    # NIC events name the NIC (api.rst); port events may too, it is not
    # forbidden.
    if f[0].startswith('nic-'):
        if e.get('nic_index') != 0:
            return False
        if len(f) > 4 and f[4] != '-' and e.get('nic_ifname') != f[4]:
            return False
    return True


def report(evs, specs):
    print('      expected:')
    for s in specs:
        print('        ' + s)
    print('      got:')
    for e in evs:
        print('        ' + fmt(e))


def step_events(path, start, specs):
    start = int(start)
    wait_for(path, start + len(specs), 20)
    time.sleep(GRACE)
    return events(path)[start:]


def cmd_expect(path, start, sw, *specs):
    evs = step_events(path, start, specs)
    ok = len(evs) == len(specs) and \
        all(match(e, sw, s) for e, s in zip(evs, specs))
    # All events of one port name carry the same port id.
    ids = {}
    for e in evs:
        if 'port_name' in e:
            ok = ok and ids.setdefault(e['port_name'],
                                       e.get('port_id')) == e.get('port_id')
    if not ok:
        report(evs, specs)
    return 0 if ok else 1


def cmd_perport(path, start, sw, *specs):
    evs = step_events(path, start, specs)
    ok = len(evs) == len(specs)
    port_specs, sw_specs = {}, []
    for s in specs:
        f = s.split()
        if len(f) == 1:
            sw_specs.append(s)
        else:
            port_specs.setdefault(f[1], []).append(s)
    n_port = sum(len(v) for v in port_specs.values())
    if ok:
        ok = all(match(e, sw, s) for e, s in zip(evs[n_port:], sw_specs))
        for port, ps in port_specs.items():
            mine = [e for e in evs[:n_port] if e.get('port_name') == port]
            ok = ok and len(mine) == len(ps) and \
                all(match(e, sw, s) for e, s in zip(mine, ps))
    if not ok:
        report(evs, specs)
    return 0 if ok else 1


def cmd_seq(path):
    seqs = [e.get('seq') for e in events(path)]
    bad = [(a, b) for a, b in zip(seqs, seqs[1:])
           if not isinstance(a, int) or b != a + 1]
    if bad or not seqs:
        print('      %d events, gaps: %s' % (len(seqs), bad[:10]))
        return 1
    print('      seq %d..%d' % (seqs[0], seqs[-1]))
    return 0


def cmd_last(path, sw, event):
    evs = events(path)
    return 0 if evs and evs[-1].get('event') == event and \
        evs[-1].get('switch') == sw else 1


def cmd_gone(path, seconds):
    end = time.monotonic() + float(seconds)
    while os.path.exists(path):
        if time.monotonic() > end:
            return 1
        time.sleep(0.1)
    return 0


def cmd_sleep(seconds):
    time.sleep(float(seconds))
    return 0


def cmd_ports(netns, sw, op, count):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from xvs_badinput import CMD, Genl, attrs
    CLONE_NEWNET = 0x40000000
    libc = ctypes.CDLL(None, use_errno=True)
    home = os.open('/proc/self/ns/net', os.O_RDONLY)
    target = os.open('/var/run/netns/' + netns, os.O_RDONLY)
    try:
        # The socket belongs to the namespace it is made in.
        if libc.setns(target, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), 'setns ' + netns)
        g = Genl('xvs')
    finally:
        libc.setns(home, CLONE_NEWNET)
        os.close(home)
        os.close(target)
    cmd = CMD['port-new' if op == 'add' else 'port-del']
    t0 = time.monotonic()
    try:
        for i in range(1, int(count) + 1):
            r = g.request(cmd, attrs(switch_name=sw, port_name='p%d' % i))
            if r.error:
                print('port %s p%d: %s' % (op, i, r))
                return 1
    finally:
        g.close()
    print('%s ports %s in %.2f s' % (count, 'added' if op == 'add'
                                     else 'deleted', time.monotonic() - t0))
    return 0


def main():
    for line in sys.stdin:
        args = line.rstrip('\n').split('\t')
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                rc = globals()['cmd_' + args[0]](*args[1:])
        except Exception as e:
            buf.write('fail: %s: %s\n' % (type(e).__name__, e))
            rc = 1
        sys.stdout.write(buf.getvalue())
        print('__rc %d' % rc, flush=True)


if __name__ == '__main__':
    main()
