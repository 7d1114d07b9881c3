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
#    that namespace, but still not those of the first one.
#
# Each case runs in a forked child that drops its privileges or changes its
# namespaces, opens its own socket and sends its results back over a pipe.

import ctypes
import errno
import json
import os
import sys

sys.dont_write_bytecode = True    # the tree may be read-only or shared
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvs_badinput import (C, CMD, Genl, Ksft, a_order, attrs,  # noqa: E402
                          del_links, ip_batch, xvs_load)

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
        ('prop-del', port + attrs(ext_name='xvs_null', prop_id=1)),
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
    ]
    may_be_empty = ('ext-get dump of the switch', 'prop-get dump of the port')
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


def cleanup():
    del_links(SW, VETH, NIC)
    if os.path.exists('/var/run/netns/' + NS):
        ip_batch('netns del ' + NS, check=False)


def main():
    g = xvs_load()
    t = Ksft()
    cleanup()
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
        r = g.request(CMD['switch-del'], attrs(switch_name=SW))
        t.ok('switch deletes', r.error == 0, r)
        # The other netns' switch goes with its netns.
        ip_batch('netns del ' + NS)
    finally:
        cleanup()
        g.close()
    t.exit()


if __name__ == '__main__':
    main()
