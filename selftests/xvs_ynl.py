#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The YNL spec drives the whole lifecycle: the kernel's own YNL client
# (tools/net/ynl/cli.py of the kernel source) and
# Documentation/netlink/specs/xvs.yaml create a switch, a port, a NIC from a
# veth, connect, disconnect and delete the NIC, delete the port and the
# switch, and every reply says the state it should. In between, the kernel's
# YNL library with the same spec reads the state back and checks what each
# state refuses (errno and extack). A YNL listener on the "events" group
# checks that each transition was announced once, in order, with
# consecutive sequence numbers. (make check validates the spec against the
# kernel's genetlink-legacy.yaml on the host: jsonschema takes half a minute
# under emulation.)
#
# Under emulation a python3 start (and YNL's imports) costs seconds: cli.py's
# main() runs in this process, which has imported YNL already.

import contextlib
import errno
import glob
import io
import json
import os
import runpy
import subprocess
import sys
import time

sys.dont_write_bytecode = True    # the tree may be read-only or shared
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvs_badinput import Ksft, fast_yaml, skip_all, xvs_load  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get('XVS_TOP') or os.path.dirname(HERE)
SPEC = os.path.join(TOP, 'Documentation', 'netlink', 'specs', 'xvs.yaml')
SW = 'xvsy0'
VETH, VPEER = 'xvsy-v0', 'xvsy-v1'
OPS = ('switch-new switch-del switch-get switch-set port-new port-del '
       'port-get port-set nic-new nic-connect nic-disconnect nic-del '
       'nic-get fdb-add fdb-del fdb-get fdb-flush ext-get ext-enable '
       'ext-disable ext-order prop-add prop-set prop-del prop-get acl-add '
       'acl-del acl-get status-get').split()


def find_ksrc():
    cands = [os.environ['KSRC']] if os.environ.get('KSRC') else []
    # The VM runs with HOME=/tmp: look in root's cache too.
    for c in (os.environ.get('XDG_CACHE_HOME') or
              os.path.join(os.path.expanduser('~'), '.cache'),
              '/root/.cache'):
        cands += sorted(glob.glob(os.path.join(c, 'xvs', 'src', '*',
                                               'linux-source-6.12')),
                        reverse=True)
    for c in cands:
        if os.path.exists(os.path.join(c, 'tools', 'net', 'ynl', 'cli.py')):
            return c
    return None


KSRC = find_ksrc()
if not KSRC:
    skip_all('no kernel source with tools/net/ynl/cli.py (run '
             'scripts/test-kernel.sh once, or set KSRC)')
try:
    import yaml  # noqa: F401
except ImportError:
    skip_all('python3-yaml is not installed (YNL needs it)')
# cli.py parses the spec at each step, YNL at each family it opens.
fast_yaml()
CLI = os.path.join(KSRC, 'tools', 'net', 'ynl', 'cli.py')
sys.path.insert(0, os.path.join(KSRC, 'tools', 'net', 'ynl'))
from lib import NlError, YnlFamily  # noqa: E402


def cli(*args):
    """cli.py with the xvs spec and JSON output: (exit code, output). Its
    main() runs in this process (which has imported YNL already), with its
    own argv; its exit code is that of its exit()."""
    argv = [CLI, '--spec', SPEC, '--no-schema', '--output-json'] + list(args)
    out = io.StringIO()
    saved = sys.argv
    sys.argv = argv
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            runpy.run_path(CLI, run_name='__main__')
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except Exception as e:              # reported with the output
        out.write('%s: %s\n' % (type(e).__name__, e))
        code = 1
    finally:
        sys.argv = saved
    return code, out.getvalue()


def cli_do(t, name, op, req, reply_attrs=True):
    """A do operation through cli.py; its reply (a dict, {} when the
    operation has no reply: reply_attrs False)."""
    rc, out = cli('--do', op, '--json', json.dumps(req))
    reply = None
    try:
        reply = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        pass
    good = rc == 0 and (isinstance(reply, dict) if reply_attrs
                        else reply is None)
    t.ok(name, good, 'exit %d:\n%s' % (rc, out))
    return reply or {}


def expect(t, name, reply, **want):
    """reply has all of want (dashes for underscores in the keys)."""
    bad = ['%s: expected %r, got %r' % (k, v, reply.get(k))
           for k, v in ((k.replace('_', '-'), v) for k, v in want.items())
           if reply.get(k) != v]
    t.ok(name, not bad, '\n'.join(bad + ['reply: %s' % reply]))


class Lib:
    """The same spec through the YNL library, in this process."""

    def __init__(self, t):
        self.t = t
        self.ynl = YnlFamily(SPEC, '')

    def do(self, name, op, req):
        try:
            reply = self.ynl.do(op, req)
        except NlError as e:
            self.t.ok(name, False, e)
            return {}
        self.t.ok(name, isinstance(reply, dict), reply)
        return reply or {}

    def get(self, op, req):
        """A do operation whose failure is the caller's to judge."""
        try:
            return self.ynl.do(op, req), None
        except NlError as e:
            return None, e

    def err(self, name, want, op, req):
        """op must fail with errno want (any errno if None) and an extack
        message."""
        reply, e = self.get(op, req)
        good = e is not None and e.nl_msg.extack and \
            'msg' in e.nl_msg.extack and \
            (want is None or e.nl_msg.error == -want)
        self.t.ok(name, good, 'wanted %s with an extack message, got %s' %
                  (errno.errorcode[want] if want else 'an error',
                   e if e is not None else 'success: %s' % reply))

    def wait_state(self, port, state):
        """Until the port is in state (a transition that waits for
        references may lag its reply); its last port-get reply."""
        for _ in range(20):
            reply, _ = self.get('port-get', {'switch-name': SW,
                                             'port-name': port})
            if reply and reply.get('port-state') == state:
                break
            time.sleep(0.5)
        return reply or {}


def master(dev):
    """The master of dev ('' if none), from sysfs."""
    try:
        return os.path.basename(os.readlink('/sys/class/net/%s/master' % dev))
    except OSError:
        return ''


def ifindex(dev):
    try:
        with open('/sys/class/net/%s/ifindex' % dev) as f:
            return int(f.read())
    except OSError:
        return None


def cleanup():
    for dev in (SW, VETH):
        if os.path.exists('/sys/class/net/' + dev):
            subprocess.run(['ip', 'link', 'del', dev])


def main():
    xvs_load().close()
    t = Ksft()
    cleanup()
    try:
        run(t)
    finally:
        cleanup()
    t.exit()


def run(t):
    try:
        lib = Lib(t)
    except Exception as e:
        t.ok('YNL opens the xvs family', False, e)
        return
    rc, out = cli('--list-ops')
    listed = [line.split()[0] for line in out.splitlines() if line.strip()]
    missing = [op for op in OPS if op not in listed]
    t.ok('cli.py lists the %d operations of the spec' % len(OPS),
         rc == 0 and not missing,
         'exit %d, missing: %s\n%s' % (rc, missing, out))
    run_lifecycle(t, lib)


def run_lifecycle(t, lib):
    # ---- the event listener: a second socket, subscribed ----
    try:
        mon = YnlFamily(SPEC, '')
        mon.ntf_subscribe('events')
        err = None
    except Exception as e:
        err = e
    if not t.ok('event listener subscribed to the events group', err is None,
                err):
        return

    # ---- switch (cli.py) ----
    sw = cli_do(t, 'switch-new %s (cli.py)' % SW, 'switch-new',
                {'switch-name': SW})
    expect(t, 'switch-new reply: name, type private, no ports', sw,
           switch_name=SW, switch_type='private', switch_ports=0)
    swid = sw.get('switch-id', 0)
    t.ok('switch-new reply: switch-id > 0', swid > 0, sw)
    t.ok("switch-new reply: switch-ifindex is the netdev's",
         sw.get('switch-ifindex') == ifindex(SW),
         '%s vs %s' % (sw.get('switch-ifindex'), ifindex(SW)))
    out = subprocess.run(['ip', '-d', '-j', 'link', 'show', SW],
                         stdout=subprocess.PIPE, text=True).stdout
    try:
        kind = json.loads(out)[0]['linkinfo']['info_kind']
    except (ValueError, LookupError):
        kind = None
    t.ok('switch netdev is of link kind xvs', kind == 'xvs', out)
    run_ext(t, lib)
    r = lib.do('switch-get by ifindex', 'switch-get',
               {'switch-ifindex': sw.get('switch-ifindex', 0)})
    expect(t, 'switch-get by ifindex: the same switch', r,
           switch_name=SW, switch_id=swid)
    r = lib.ynl.dump('switch-get', {})
    t.ok('switch-get dump lists %s' % SW,
         SW in [s.get('switch-name') for s in r], r)

    # ---- port (cli.py) ----
    port = cli_do(t, 'port-new p1 (cli.py)', 'port-new',
                  {'switch-name': SW, 'port-name': 'p1',
                   'port-type': 'container', 'port-friendly-name': 'web'})
    expect(t, 'port-new reply: port-created, name, type, friendly name',
           port, port_state='port-created', port_name='p1',
           port_type='container', port_friendly_name='web', switch_name=SW)
    pid = port.get('port-id')
    t.ok('port-new reply: port-id is the lowest free one (1)', pid == 1,
         port)
    pid = pid or 1
    p1 = {'switch-name': SW, 'port-id': pid}
    run_acl(t, lib, p1)

    # ---- NIC (cli.py for each step of its lifecycle) ----
    subprocess.run(['ip', 'link', 'add', VETH, 'type', 'veth', 'peer',
                    'name', VPEER], check=True)
    r = cli_do(t, 'nic-new %s on p1 (cli.py)' % VETH, 'nic-new',
               dict(p1, **{'nic-ifname': VETH}))
    expect(t, 'nic-new reply: nic-created, NIC 0 is %s' % VETH, r,
           port_state='nic-created', nic_ifname=VETH, nic_index=0,
           nic_ifindex=ifindex(VETH))
    t.ok("NIC netdev's master is the switch", master(VETH) == SW,
         master(VETH))
    # api.rst: NIC_NEW in NIC_CREATED leaves the state and sends no event
    # (the event check below sees that).
    lib.get('nic-new', dict(p1, **{'nic-ifname': VETH}))
    lib.err('nic-disconnect before connect fails', None, 'nic-disconnect',
            p1)

    r = cli_do(t, 'nic-connect (cli.py)', 'nic-connect', p1)
    expect(t, 'nic-connect reply: nic-connected', r,
           port_state='nic-connected')
    r = lib.do('port-get by name', 'port-get',
               {'switch-name': SW, 'port-name': 'p1'})
    expect(t, 'port-get shows nic-connected with its NIC', r,
           port_state='nic-connected', port_id=pid, nic_ifname=VETH,
           nic_index=0)
    r = lib.ynl.dump('nic-get', {'switch-name': SW})
    t.ok('nic-get dump lists p1', 'p1' in [p.get('port-name') for p in r],
         r)

    lib.err('nic-connect again: EBUSY', errno.EBUSY, 'nic-connect', p1)
    lib.err('port-del with a connected NIC: EBUSY', errno.EBUSY,
            'port-del', p1)
    lib.err('nic-del while connected: EBUSY', errno.EBUSY, 'nic-del', p1)
    r = lib.do('port-set friendly name', 'port-set',
               dict(p1, **{'port-friendly-name': 'web-1'}))
    expect(t, 'port-set reply: friendly name changed, state not', r,
           port_friendly_name='web-1', port_state='nic-connected')

    r = cli_do(t, 'nic-disconnect (cli.py)', 'nic-disconnect', p1)
    expect(t, 'nic-disconnect reply: nic-disconnected', r,
           port_state='nic-disconnected')
    lib.err('nic-connect after disconnect: EBUSY', errno.EBUSY,
            'nic-connect', p1)

    cli_do(t, 'nic-del (cli.py)', 'nic-del', p1)
    # NIC_DELETE waits for the NIC's references: the reply may still say
    # nic-disconnected.
    r = lib.wait_state('p1', 'nic-deleted')
    t.ok('port reaches nic-deleted', r.get('port-state') == 'nic-deleted', r)
    t.ok('NIC netdev has no master any more', master(VETH) == '',
         master(VETH))
    lib.err('nic-get after nic-del: ENODEV', errno.ENODEV, 'nic-get', p1)

    # The port takes a new NIC once the old one is deleted.
    r = lib.do('nic-new again after nic-del', 'nic-new',
               dict(p1, **{'nic-ifname': VETH}))
    expect(t, 'nic-new again: nic-created', r, port_state='nic-created')
    lib.do('nic-del of the new NIC', 'nic-del', p1)
    r = lib.wait_state('p1', 'nic-deleted')
    t.ok('port back in nic-deleted', r.get('port-state') == 'nic-deleted', r)

    # ---- port and switch teardown (cli.py) ----
    cli_do(t, 'port-del (cli.py)', 'port-del', p1, reply_attrs=False)
    # PORT_DELETE waits for the port's references (the port shows
    # teardown).
    for _ in range(20):
        r, e = lib.get('port-get', p1)
        if e:
            break
        time.sleep(0.5)
    t.ok('port-get after port-del: ENOENT with an extack',
         e is not None and e.nl_msg.error == -errno.ENOENT and
         'msg' in (e.nl_msg.extack or {}), e or r)
    r = lib.do('switch-get after port-del', 'switch-get', {'switch-name': SW})
    expect(t, 'switch-get: no ports left', r, switch_ports=0)
    cli_do(t, 'switch-del (cli.py)', 'switch-del', {'switch-name': SW},
           reply_attrs=False)
    lib.err('switch-get after switch-del: ENOENT', errno.ENOENT,
            'switch-get', {'switch-name': SW})
    t.ok('switch netdev is gone', not os.path.exists('/sys/class/net/' + SW))

    # ---- the events, as the listener saw them ----
    time.sleep(0.5)
    mon.check_ntf()
    evs = [dict(m['msg'], _name=m['name']) for m in mon.async_msg_queue]
    mine = [e for e in evs if e.get('switch-name') == SW]
    p1evs = [e for e in mine if e.get('port-name') == 'p1']
    seqs = [e.get('event-seq') for e in evs]

    def check_ev(name, got, want):
        t.ok(name, got == want, 'expected: %s\ngot:      %s\nevents:\n%s' %
             (want, got, '\n'.join(str(e) for e in evs[:40])))
    check_ev('events: p1 went through the lifecycle, each step once',
             ' '.join(e.get('event', '?') for e in p1evs),
             'port-create nic-create nic-connect port-update nic-disconnect '
             'nic-delete nic-create nic-delete port-teardown port-delete')
    check_ev('events: old-state>new-state of each transition',
             ' '.join('%s:%s>%s' % (e.get('event'), e.get('old-state'),
                                    e.get('new-state')) for e in p1evs),
             'port-create:none>port-created '
             'nic-create:port-created>nic-created '
             'nic-connect:nic-created>nic-connected '
             'port-update:nic-connected>nic-connected '
             'nic-disconnect:nic-connected>nic-disconnected '
             'nic-delete:nic-disconnected>nic-deleted '
             'nic-create:nic-deleted>nic-created '
             'nic-delete:nic-created>nic-deleted '
             'port-teardown:nic-deleted>port-teardown '
             'port-delete:port-teardown>none')
    check_ev('events: switch-create first, switch-delete last',
             ' '.join(e.get('event', '?') for e in mine
                      if 'port-name' not in e),
             'switch-create switch-delete')
    check_ev("events: every message is an 'event' notification",
             ' '.join(sorted({e['_name'] for e in evs})), 'event')
    check_ev('events: event-seq increments by one',
             all(b == a + 1 for a, b in zip(seqs, seqs[1:])) and
             len(seqs) > 0, True)


def run_ext(t, lib):
    """Extension and custom property operations through the spec."""
    try:
        exts = lib.ynl.dump('ext-get', {})
        err = None
    except NlError as e:
        exts, err = [], e
    t.ok('ext-get dump (all installed extensions)', err is None and
         all('ext-name' in m and 'ext-type' in m for m in exts), err or exts)
    try:
        on = lib.ynl.dump('ext-get', {'switch-name': SW})
        err = None
    except NlError as e:
        on, err = [], e
    t.ok('ext-get dump of %s: one message per extension, none enabled' % SW,
         err is None and len(on) == len(exts) and
         all(m.get('switch-name') == SW and not m.get('ext-enabled')
             for m in on), err or on)
    try:
        props = lib.ynl.dump('prop-get', {'switch-name': SW})
        err = None
    except NlError as e:
        props, err = None, e
    t.ok('prop-get dump of %s: no properties' % SW,
         err is None and props == [], err or props)
    # ext-order's names are a multi-attr: two of them reach the kernel,
    # which refuses the second one being the first again.
    lib.err('ext-order: a name given twice (multi-attr encoding)',
            errno.EINVAL, 'ext-order',
            {'switch-name': SW, 'ext-order': {'ext-name': ['xvsy-a',
                                                           'xvsy-a']}})
    lib.err('ext-order: an extension not enabled', errno.ENOENT,
            'ext-order', {'switch-name': SW,
                          'ext-order': {'ext-name': ['xvsy-a']}})
    lib.err('ext-enable: no such extension', errno.ENOENT, 'ext-enable',
            {'switch-name': SW, 'ext-name': 'xvsy-nosuch'})
    lib.err('prop-add: no such extension', errno.ENOENT, 'prop-add',
            {'switch-name': SW, 'ext-name': 'xvsy-nosuch', 'prop-id': 1,
             'prop-version': 0x10000, 'prop-data': b'\x01\x02'})
    lib.err('prop-del: no version', errno.EINVAL, 'prop-del',
            {'switch-name': SW, 'ext-name': 'xvsy-nosuch', 'prop-id': 1})
    try:
        st = lib.ynl.dump('status-get', {'switch-name': SW})
        err = None
    except NlError as e:
        st, err = None, e
    t.ok('status-get dump of %s: no extension enabled, no status' % SW,
         err is None and st == [], err or st)


def run_acl(t, lib, p1):
    """ACL operations through the spec: enums by name, addresses as
    display hints say."""
    rule = dict(p1, **{'acl-dir': 'out', 'acl-action': 'deny',
                       'acl-ipv4': '0a000000', 'acl-prefix-len': 8})
    cli_do(t, 'acl-add out deny 10.0.0.0/8 (cli.py)', 'acl-add', rule,
           reply_attrs=False)
    try:
        r = lib.ynl.dump('acl-get', p1)
        err = None
    except NlError as e:
        r, err = [], e
    t.ok('acl-get dump: the rule, its direction, action, prefix, counters',
         err is None and len(r) == 1 and
         {k: r[0].get(k) for k in ('acl-dir', 'acl-action', 'acl-ipv4',
                                   'acl-prefix-len', 'acl-packets',
                                   'acl-local')} ==
         {'acl-dir': 'out', 'acl-action': 'deny', 'acl-ipv4': '10.0.0.0',
          'acl-prefix-len': 8, 'acl-packets': 0, 'acl-local': None},
         err or r)
    lib.err('acl-add the same rule again: EEXIST', errno.EEXIST, 'acl-add',
            rule)
    cli_do(t, 'acl-del the rule (cli.py)', 'acl-del', rule,
           reply_attrs=False)
    lib.err('acl-del it again: ENOENT', errno.ENOENT, 'acl-del', rule)


if __name__ == '__main__':
    if os.geteuid() != 0:
        skip_all('needs root')
    main()
