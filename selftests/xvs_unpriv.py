#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Who may do what on the xvs family:
#  - an unprivileged user (uid 65534, no capabilities) gets EPERM for every
#    change command, while the GETs (do and dump) still work;
#  - from another network namespace the switches of the first one are
#    invisible in dumps and cannot be addressed by name or ifindex, and its
#    netdevs cannot become NICs;
#  - an unprivileged user in its own user and network namespaces has
#    CAP_NET_ADMIN there (GENL_UNS_ADMIN_PERM), so it can manage switches of
#    that namespace, but still not those of the first one;
#  - for every command of the YNL spec (so that a new one is covered
#    without a change here): an unprivileged user, and one with
#    CAP_NET_ADMIN in a user namespace of its own but in the first
#    network namespace, get EPERM for every command the spec flags
#    admin-perm or uns-admin-perm and not for the others; in its own user
#    and network namespaces, EPERM for the admin-perm ones (extensions and
#    custom properties: the initial user namespace's, api.rst says why)
#    even on its own switch, and not for the uns-admin-perm ones;
#  - the host's administrator can enable an extension on a container's
#    switch (from its netns); the container sees it and can neither
#    disable it nor change its properties; the extension goes with the
#    container's netns;
#  - events reach listeners of the switch's netns only (an unprivileged
#    one there too, as GETs do), never those of another netns.
#
# Each case runs in a forked child that drops its privileges or changes its
# namespaces, opens its own socket and sends its results back over a pipe.

import ctypes
import errno
import json
import os
import sys
import time

sys.dont_write_bytecode = True    # the tree may be read-only or shared
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'fuzz'))
from xvs_badinput import (C, CMD, Genl, Ksft, a_order, attrs,  # noqa: E402
                          del_links, ip_batch, xvs_load)
import ynlspec  # noqa: E402
import xvs_sys  # noqa: E402

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
NOBODY = 65534

SW = 'xvsu0'
NS = 'xvsu-ns'
VETH, VPEER = 'xvsu-v0', 'xvsu-v1'      # VPEER lives in NS
NIC, NICPEER = 'xvsu-a0', 'xvsu-a1'     # pu1's NIC, in the first netns
PR_SET_DUMPABLE = 4

libc = ctypes.CDLL(None, use_errno=True)
HERE_DIR = os.path.dirname(os.path.abspath(__file__))
g_first = None


def drop_privileges():
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)      # clears every capability
    # Changing uid made the process non-dumpable, which would leave its
    # /proc/self files (uid_map) to root.
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)


def enter_netns(name):
    fd = os.open('/var/run/netns/' + name, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'setns')
    os.close(fd)


def own_namespaces():
    """As nobody: a new user namespace (uid 0 inside) and netns."""
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), 'unshare')
    with open('/proc/self/setgroups', 'w') as f:
        f.write('deny')
    with open('/proc/self/uid_map', 'w') as f:
        f.write('0 %d 1' % NOBODY)
    with open('/proc/self/gid_map', 'w') as f:
        f.write('0 %d 1' % NOBODY)


def in_child(prepare, requests):
    """Run requests [(label, cmd, payload, dump)] in a child after
    prepare(); returns {label: {'error', 'ext', 'names'}} or raises."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        res = {}
        try:
            prepare()
            g = Genl('xvs')
            for label, cmd, payload, dump in requests:
                r = g.request(CMD[cmd], payload, dump=dump)
                res[label] = {
                    'error': r.error, 'ext': r.extack.get('msg', ''),
                    'names': [m.get('switch-name') or m.get('port-name')
                              for m in r.msgs],
                    'ifindexes': [m.get('switch-ifindex') for m in r.msgs],
                }
        except Exception as e:             # reported to the parent
            res = {'_exception': '%s: %s' % (type(e).__name__, e)}
        os.write(wfd, json.dumps(res).encode())
        os._exit(0)
    os.close(wfd)
    data = b''
    while True:
        chunk = os.read(rfd, 65536)
        if not chunk:
            break
        data += chunk
    os.close(rfd)
    os.waitpid(pid, 0)
    res = json.loads(data or b'{}')
    if '_exception' in res:
        raise RuntimeError(res['_exception'])
    return res


def errname(e):
    return errno.errorcode.get(-e, str(e)) if e else 'success'


def test_unprivileged(t, g, sw_ifindex, pid):
    sw = attrs(switch_name=SW)
    port = sw + attrs(port_id=pid)
    changes = [
        ('switch-new', attrs(switch_name='xvsu1')),
        ('switch-del', sw),
        ('switch-set', sw + attrs(switch_type=0)),
        ('port-new', sw + attrs(port_name='pu2')),
        ('port-del', port),
        ('port-set', port + attrs(port_friendly_name='x')),
        ('nic-new', sw + attrs(port_name='pu0', nic_ifname=NICPEER)),
        ('nic-connect', port),
        ('nic-disconnect', port),
        ('nic-del', port),
        ('ext-enable', sw + attrs(ext_name='xvs_null')),
        ('ext-disable', sw + attrs(ext_name='xvs_null')),
        ('ext-order', sw + a_order('xvs_null')),
        ('prop-add', port + attrs(ext_name='xvs_null', prop_id=1)),
        ('prop-set', port + attrs(ext_name='xvs_null', prop_id=1,
                                  prop_version=1)),
        ('prop-del', port + attrs(ext_name='xvs_null', prop_id=1,
                                  prop_version=1)),
    ]
    reqs = [(c, c, p, False) for c, p in changes]
    # A change that would fail anyway (unknown switch) must still be EPERM:
    # the permission check comes first and reveals nothing.
    reqs.append(('port-new-unknown', 'port-new',
                 attrs(switch_name='xvsu-nosuch', port_name='p'), False))
    gets = [
        ('switch-get do', 'switch-get', sw, False),
        ('switch-get do by ifindex', 'switch-get',
         attrs(switch_ifindex=sw_ifindex), False),
        ('switch-get dump', 'switch-get', b'', True),
        ('port-get do', 'port-get', port, False),
        ('port-get dump', 'port-get', sw, True),
        ('nic-get do', 'nic-get', port, False),
        ('nic-get dump', 'nic-get', sw, True),
        # These may well list nothing: only no error is asked of them.
        ('ext-get dump of the switch', 'ext-get', sw, True),
        ('prop-get dump of the port', 'prop-get', port, True),
        ('status-get dump of the switch', 'status-get', sw, True),
        ('status-get dump of the port', 'status-get', port, True),
    ]
    may_be_empty = ('ext-get dump of the switch', 'prop-get dump of the port',
                    'status-get dump of the switch',
                    'status-get dump of the port')
    try:
        res = in_child(drop_privileges, reqs + gets)
    except Exception as e:
        t.ok('unprivileged: child ran', False, e)
        return
    for label, _, _, _ in reqs:
        r = res[label]
        t.ok('unprivileged: %s gets EPERM' % label,
             r['error'] == -errno.EPERM, errname(r['error']))
    for label, _, _, dump in gets:
        r = res[label]
        good = r['error'] == 0 and (r['names'] or label in may_be_empty)
        if label.startswith('switch-get dump'):
            good = good and SW in r['names']
        t.ok('unprivileged: %s works' % label, good, r)
    # Nothing changed.
    r = g.request(CMD['port-get'], sw, dump=True)
    t.ok('unprivileged: nothing changed on the switch',
         r.error == 0 and sorted((m.get('port-name'), m.get('port-state'),
                                  m.get('port-friendly-name'))
                                 for m in r.msgs) ==
         [('pu0', C['XVS_STATE_PORT_CREATED'], ''),
          ('pu1', C['XVS_STATE_NIC_CONNECTED'], '')], r)
    r = g.request(CMD['switch-get'], attrs(switch_name='xvsu1'))
    t.ok('unprivileged: no switch was created', r.error == -errno.ENOENT, r)


def test_other_netns(t, g, sw_ifindex, pid):
    sw = attrs(switch_name=SW)
    port = sw + attrs(port_id=pid)
    # The other netns has its own device with the switch's ifindex number?
    # It has only lo (1) and the veth peer moved there.
    reqs = [
        ('switch-get dump', 'switch-get', b'', True),
        ('switch-get by name', 'switch-get', sw, False),
        ('switch-get by ifindex', 'switch-get',
         attrs(switch_ifindex=sw_ifindex), False),
        ('switch-del by name', 'switch-del', sw, False),
        ('switch-set by name', 'switch-set', sw + attrs(switch_type=0), False),
        ('port-get', 'port-get', port, False),
        ('port-get dump', 'port-get', sw, True),
        ('nic-get dump', 'nic-get', sw, True),
        ('port-new', 'port-new', sw + attrs(port_name='pu3'), False),
        ('port-del', 'port-del', port, False),
        ('nic-new', 'nic-new', port + attrs(nic_ifname=VETH), False),
        # A switch of its own, to try a NIC across namespaces.
        ('own switch-new', 'switch-new', attrs(switch_name='xvsu2'), False),
        ('own port-new', 'port-new',
         attrs(switch_name='xvsu2', port_name='pu4'), False),
        ('own nic-new with a netdev of the first netns', 'nic-new',
         attrs(switch_name='xvsu2', port_name='pu4', nic_ifname=VETH), False),
        ('own nic-new with the local veth peer', 'nic-new',
         attrs(switch_name='xvsu2', port_name='pu4', nic_ifname=VPEER), False),
        ('own dump', 'switch-get', b'', True),
    ]
    try:
        res = in_child(lambda: enter_netns(NS), reqs)
    except Exception as e:
        t.ok('other netns: child ran', False, e)
        return
    r = res['switch-get dump']
    t.ok('other netns: dump works and does not show the switch',
         r['error'] == 0 and SW not in r['names'] and
         sw_ifindex not in r['ifindexes'], r)
    for label in ('switch-get by name', 'switch-get by ifindex',
                  'switch-del by name', 'switch-set by name', 'port-get',
                  'port-get dump', 'nic-get dump', 'port-new', 'port-del',
                  'nic-new'):
        r = res[label]
        t.ok('other netns: %s fails (ENOENT/ENODEV)' % label,
             r['error'] in (-errno.ENOENT, -errno.ENODEV) and r['ext'], r)
    t.ok('other netns: a switch of its own can be created',
         res['own switch-new']['error'] == 0 and
         res['own port-new']['error'] == 0,
         '%s %s' % (res['own switch-new'], res['own port-new']))
    r = res['own nic-new with a netdev of the first netns']
    t.ok('other netns: a netdev of the first netns is no NIC (ENOENT)',
         r['error'] == -errno.ENOENT and r['ext'], r)
    r = res['own nic-new with the local veth peer']
    t.ok('other netns: a local netdev becomes a NIC', r['error'] == 0, r)
    r = res['own dump']
    t.ok('other netns: its dump shows only its own switch',
         r['error'] == 0 and r['names'] == ['xvsu2'], r)
    # And the first netns does not see that one, and still has its own.
    r = g.request(CMD['switch-get'], dump=True)
    names = [m.get('switch-name') for m in r.msgs]
    t.ok('first netns: does not see the other netns\' switch',
         r.error == 0 and 'xvsu2' not in names and SW in names, r)
    r = g.request(CMD['port-get'], attrs(switch_name=SW, port_id=pid))
    t.ok('first netns: its switch and port survived',
         r.error == 0 and r.msgs and r.msgs[0].get('port-name') == 'pu1', r)


def test_own_userns(t):
    if not os.path.exists('/proc/self/ns/user'):
        t.skip('user namespace: switch in an unprivileged userns+netns',
               'no user namespaces')
        return

    def prepare():
        drop_privileges()
        own_namespaces()
    reqs = [
        ('switch-new', 'switch-new', attrs(switch_name='xvsu3'), False),
        ('port-new', 'port-new',
         attrs(switch_name='xvsu3', port_name='pu5'), False),
        ('port-del', 'port-del',
         attrs(switch_name='xvsu3', port_name='pu5'), False),
        ('dump', 'switch-get', b'', True),
        ('switch-del', 'switch-del', attrs(switch_name='xvsu3'), False),
        ('first netns switch', 'switch-get', attrs(switch_name=SW), False),
    ]
    try:
        res = in_child(prepare, reqs)
    except Exception as e:
        if 'unshare' in str(e) or 'uid_map' in str(e) or 'Permission' in str(e):
            t.skip('user namespace: switch in an unprivileged userns+netns',
                   'cannot create a user namespace: %s' % e)
            return
        t.ok('user namespace: child ran', False, e)
        return
    ok = all(res[k]['error'] == 0 for k in ('switch-new', 'port-new',
                                            'port-del', 'switch-del'))
    t.ok('user namespace: CAP_NET_ADMIN over its own netns manages switches',
         ok, res)
    t.ok('user namespace: sees only its own switch',
         res['dump']['error'] == 0 and res['dump']['names'] == ['xvsu3'],
         res['dump'])
    t.ok('user namespace: the first netns\' switch is invisible',
         res['first netns switch']['error'] == -errno.ENOENT,
         res['first netns switch'])


def spec_requests(sw, pid):
    """One request for every do and dump of the spec, labelled
    'OP do' / 'OP dump', and what the spec asks of its caller."""
    spec = ynlspec.Spec()
    payload = attrs(switch_name=sw, port_id=pid, ext_name='xvs_null',
                    prop_id=1)
    reqs, perms = [], {}
    for op, dump in spec.requests():
        label = '%s %s' % (op.name, 'dump' if dump else 'do')
        reqs.append((label, op.name, payload, dump))
        # A dump is never a change (genetlink checks the flags of the
        # operation for both; the spec's flags are the do's).
        perms[label] = op.admin
    return reqs, perms


def check_perms(t, who, res, perms, expect):
    """expect(flag) -> True when EPERM is wanted for an op so flagged."""
    bad = []
    for label, flag in sorted(perms.items()):
        r = res[label]
        eperm = r['error'] == -errno.EPERM
        if eperm != expect(flag):
            bad.append('%s (%s): %s' % (label, flag or 'no flag',
                                        errname(r['error'])))
    t.ok('%s: EPERM exactly for the %s of the spec\'s %d requests' %
         (who, sum(1 for f in perms.values() if expect(f)), len(perms)),
         not bad, '\n'.join(bad))


def test_spec_unprivileged(t, sw_ifindex, pid):
    reqs, perms = spec_requests(SW, pid)
    try:
        res = in_child(drop_privileges, reqs)
    except Exception as e:
        t.ok('unprivileged: child ran (spec)', False, e)
        return
    check_perms(t, 'unprivileged, every command', res, perms,
                lambda f: f is not None)


def test_spec_userns_only(t, pid):
    """CAP_NET_ADMIN in a user namespace of its own, in the first netns:
    no power over that netns (owned by the initial user namespace)."""
    def prepare():
        drop_privileges()
        if libc.unshare(CLONE_NEWUSER) != 0:
            raise OSError(ctypes.get_errno(), 'unshare')
        with open('/proc/self/setgroups', 'w') as f:
            f.write('deny')
        with open('/proc/self/uid_map', 'w') as f:
            f.write('0 %d 1' % NOBODY)
        with open('/proc/self/gid_map', 'w') as f:
            f.write('0 %d 1' % NOBODY)
    reqs, perms = spec_requests(SW, pid)
    try:
        res = in_child(prepare, reqs)
    except Exception as e:
        t.skip('user namespace only: every command',
               'cannot create a user namespace: %s' % e)
        return
    check_perms(t, 'CAP_NET_ADMIN in a userns only, every command', res,
                perms, lambda f: f is not None)
    r = g_first.request(CMD['port-get'], attrs(switch_name=SW, port_id=pid))
    t.ok('userns only: the first netns\' switch and port are still there',
         r.error == 0 and r.msgs, r)


def test_spec_own_userns(t):
    """In its own user and network namespaces: its switches are its own,
    extensions and properties are not."""
    def prepare():
        drop_privileges()
        own_namespaces()
        g = Genl('xvs')
        r = g.request(CMD['switch-new'], attrs(switch_name='xvsu5'))
        if r.error:
            raise RuntimeError('switch-new in own netns: %s' % r)
        r = g.request(CMD['port-new'], attrs(switch_name='xvsu5',
                                             port_name='pu6'))
        if r.error:
            raise RuntimeError('port-new in own netns: %s' % r)
        g.close()
    spec = ynlspec.Spec()
    own = [
        ('ext-enable own', 'ext-enable',
         attrs(switch_name='xvsu5', ext_name='xvs_null'), False),
        ('prop-add own', 'prop-add',
         attrs(switch_name='xvsu5', port_name='pu6', ext_name='xvs_null',
               prop_id=1), False),
        ('ext-get own', 'ext-get', attrs(switch_name='xvsu5'), True),
    ]
    reqs, perms = spec_requests('xvsu5', 1)
    try:
        res = in_child(prepare, own + reqs)
    except Exception as e:
        t.skip('own user namespace: every command',
               'cannot create a user and network namespace: %s' % e)
        return
    t.ok('own userns: ext-enable on its own switch is EPERM',
         res['ext-enable own']['error'] == -errno.EPERM, res['ext-enable own'])
    t.ok('own userns: prop-add on its own port is EPERM',
         res['prop-add own']['error'] == -errno.EPERM, res['prop-add own'])
    t.ok('own userns: ext-get on its own switch works',
         res['ext-get own']['error'] == 0, res['ext-get own'])
    check_perms(t, 'own userns+netns, every command', res, perms,
                lambda f: f == 'admin-perm')
    t.ok('the spec flags the extension and property changes admin-perm',
         all(spec.ops[o].admin == 'admin-perm' for o in
             ('ext-enable', 'ext-disable', 'ext-order', 'prop-add',
              'prop-set', 'prop-del')),
         [(o.name, o.admin) for o in spec.ops.values()])


def fork_child(child):
    """child(rd, wr) runs in a forked process with a pipe each way;
    returns (pid, rd, wr) of the parent's ends."""
    p2c_r, p2c_w = os.pipe()
    c2p_r, c2p_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(p2c_w)
        os.close(c2p_r)
        try:
            child(os.fdopen(p2c_r), os.fdopen(c2p_w, 'w', buffering=1))
        except Exception as e:
            try:
                os.write(c2p_w, ('error %s: %s\n' % (type(e).__name__, e))
                         .encode())
            except OSError:
                pass
        os._exit(0)
    os.close(p2c_r)
    os.close(c2p_w)
    return pid, os.fdopen(c2p_r), os.fdopen(p2c_w, 'w', buffering=1)


def test_host_enables_for_container(t):
    """The host's root enables xvs_null on a switch of a container's own
    user and network namespaces; the container cannot undo it."""
    def child(rd, wr):
        drop_privileges()
        own_namespaces()
        g = Genl('xvs')
        r = g.request(CMD['switch-new'], attrs(switch_name='xvsu4'))
        if r.error:
            raise RuntimeError('switch-new: %s' % r)
        r = g.request(CMD['port-new'], attrs(switch_name='xvsu4',
                                             port_name='pu7'))
        wr.write('ready\n')
        if rd.readline().strip() != 'go':
            return
        out = {}
        r = g.request(CMD['ext-get'], attrs(switch_name='xvsu4'), dump=True)
        out['enabled'] = [m.get('ext-name') for m in r.msgs
                          if m.get('ext-enabled')]
        for label, cmd, p in (
                ('disable', 'ext-disable',
                 attrs(switch_name='xvsu4', ext_name='xvs_null')),
                ('order', 'ext-order',
                 attrs(switch_name='xvsu4') + a_order('xvs_null')),
                ('prop-add', 'prop-add',
                 attrs(switch_name='xvsu4', port_name='pu7',
                       ext_name='xvs_null', prop_id=2))):
            out[label] = g.request(CMD[cmd], p).error
        r = g.request(CMD['ext-get'], attrs(switch_name='xvsu4'), dump=True)
        out['after'] = [m.get('ext-name') for m in r.msgs
                        if m.get('ext-enabled')]
        wr.write(json.dumps(out) + '\n')
        rd.readline()           # until the parent is done: the netns lives

    name = 'host enables an extension on a container\'s switch'
    pid, rd, wr = fork_child(child)
    try:
        line = rd.readline().strip()
        if line != 'ready':
            t.skip(name, 'child: %s' % line)
            return
        fd = os.open('/proc/%d/ns/net' % pid, os.O_RDONLY)
        try:
            with xvs_sys.in_netns(fd):
                g = Genl('xvs')
            r = g.request(CMD['ext-enable'], attrs(switch_name='xvsu4',
                                                   ext_name='xvs_null'))
            t.ok(name + ' (from its netns)', r.error == 0, r)
            r2 = g.request(CMD['prop-add'],
                           attrs(switch_name='xvsu4', port_name='pu7',
                                 ext_name='xvs_null', prop_id=1))
            t.ok('host adds a property on a container\'s port', r2.error == 0,
                 r2)
            wr.write('go\n')
            res = json.loads(rd.readline() or '{}')
            t.ok('container sees the extension enabled',
                 res.get('enabled') == ['xvs_null'], res)
            t.ok('container cannot disable, reorder it or add a property '
                 '(EPERM)', all(res.get(k) == -errno.EPERM
                                for k in ('disable', 'order', 'prop-add')),
                 res)
            t.ok('container: still enabled afterwards',
                 res.get('after') == ['xvs_null'], res)
            g.close()
        finally:
            os.close(fd)
    finally:
        try:
            wr.write('done\n')
            wr.close()
        except OSError:
            pass
        os.waitpid(pid, 0)
        rd.close()
    # Its netns gone, the switch goes, and the extension with it.
    g = Genl('xvs')
    deadline = time.monotonic() + 20
    n = None
    while time.monotonic() < deadline:
        r = g.request(CMD['ext-get'], b'', dump=True)
        n = [m.get('ext-switches') for m in r.msgs
             if m.get('ext-name') == 'xvs_null']
        if n == [0]:
            break
        time.sleep(0.2)
    g.close()
    t.ok('the container\'s netns gone, xvs_null is enabled nowhere', n == [0],
         n)


def test_events_isolation(t, g):
    """A listener in another netns gets none of this netns' events; an
    unprivileged one in this netns gets them."""
    def listener(prepare):
        def child(rd, wr):
            prepare()
            lg = Genl('xvs')
            lg.subscribe('events')
            lg.recv_events(0.1)
            wr.write('ready\n')
            rd.readline()
            evs = lg.recv_events(1.0)
            wr.write(json.dumps([(e.get('switch-name'), e.get('port-name'))
                                 for e in evs]) + '\n')
        return fork_child(child)
    kids = {'other netns': listener(lambda: enter_netns(NS)),
            'unprivileged': listener(drop_privileges)}
    try:
        for who, (pid, rd, wr) in kids.items():
            line = rd.readline().strip()
            if line != 'ready':
                raise RuntimeError('%s listener: %s' % (who, line))
        r = g.request(CMD['port-new'], attrs(switch_name=SW, port_name='pev'))
        r2 = g.request(CMD['port-del'], attrs(switch_name=SW, port_name='pev'))
        t.ok('events: a port created and deleted', not r.error and
             not r2.error, '%s %s' % (r, r2))
        got = {}
        for who, (pid, rd, wr) in kids.items():
            wr.write('go\n')
            got[who] = json.loads(rd.readline() or 'null')
        t.ok('events: a listener in another netns gets none',
             got['other netns'] == [], got)
        t.ok('events: an unprivileged listener in the netns gets them',
             got['unprivileged'] and
             all(e == [SW, 'pev'] for e in got['unprivileged']), got)
    except Exception as e:
        t.ok('events: listeners ran', False, e)
    finally:
        for pid, rd, wr in kids.values():
            try:
                wr.close()
            except OSError:
                pass
            os.waitpid(pid, 0)
            rd.close()


def cleanup():
    del_links(SW, VETH, NIC)
    if os.path.exists('/var/run/netns/' + NS):
        ip_batch('netns del ' + NS, check=False)


def main():
    global g_first
    g = g_first = xvs_load()
    t = Ksft()
    cleanup()
    null_loaded = False
    if not os.path.isdir('/sys/module/xvs_null'):
        ko = os.path.join(os.environ.get('XVS_KO_DIR') or
                          os.path.join(os.path.dirname(HERE_DIR), 'kmod'),
                          'ext', 'xvs_null.ko')
        null_loaded = xvs_sys.kmod_load(ko) == 0
    try:
        ip_batch('netns add ' + NS,
                 'link add %s type veth peer name %s netns %s' %
                 (VETH, VPEER, NS),
                 'link add %s type veth peer name %s' % (NIC, NICPEER))
        r = g.request(CMD['switch-new'], attrs(switch_name=SW))
        if not t.ok('setup: switch created', r.error == 0 and r.msgs, r):
            t.exit()
        sw_ifindex = r.msgs[0]['switch-ifindex']
        r = g.request(CMD['port-new'], attrs(switch_name=SW, port_name='pu1'))
        if not t.ok('setup: port created', r.error == 0 and r.msgs, r):
            t.exit()
        pid = r.msgs[0]['port-id']
        r = g.request(CMD['nic-new'], attrs(switch_name=SW, port_id=pid,
                                            nic_ifname=NIC))
        r2 = g.request(CMD['nic-connect'], attrs(switch_name=SW, port_id=pid))
        if not t.ok('setup: NIC created and connected',
                    r.error == 0 and r2.error == 0, '%s\n%s' % (r, r2)):
            t.exit()
        r = g.request(CMD['port-new'], attrs(switch_name=SW, port_name='pu0'))
        if not t.ok('setup: second port created', r.error == 0, r):
            t.exit()
        test_unprivileged(t, g, sw_ifindex, pid)
        test_other_netns(t, g, sw_ifindex, pid)
        test_own_userns(t)
        test_spec_unprivileged(t, sw_ifindex, pid)
        test_spec_userns_only(t, pid)
        test_spec_own_userns(t)
        test_events_isolation(t, g)
        test_host_enables_for_container(t)
        r = g.request(CMD['switch-del'], attrs(switch_name=SW))
        t.ok('switch deletes', r.error == 0, r)
        # The other netns' switch goes with its netns.
        ip_batch('netns del ' + NS)
    finally:
        cleanup()
        g.close()
        if null_loaded:
            xvs_sys.kmod_unload('xvs_null')
    t.exit()


if __name__ == '__main__':
    main()
