#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Odd frames into a switch, from one python3 process (packet sockets on
# the far ends of veths, a tap, the switch netdev itself): runts (14 to 59
# bytes, and 1 to 13 bytes into a tap, which refuses them), jumbo frames
# up to the largest MTU (65535) forwarded, and flooded to ports whose MTU
# is smaller (dropped there: reason mtu), stacked VLAN tags (802.1ad over
# 802.1Q, three tags, priority tags, truncated tags), ethertypes that are
# lengths or reserved, link-local destinations, invalid source addresses,
# frames from a NIC that is created but not connected or disconnected,
# from a device whose NIC was deleted, frames to a disconnected port and
# to a port whose link is down, runts and full-size frames from the host
# through the internal port.
#
# Every case checks the exact change of every counter of every port and of
# the switch (what a case does not name must not move), the frames the
# far ends received, and that the counters add up; at the end xvsctl -s
# port show names the drops with their reasons.
#
#   fa1 ==veth== fa0: port a --+
#   fb1 ==veth== fb0: port b --+-- xfr0 (internal: port xfr0 is the host)
#   tap ftap:         port c --+
#   fd1 ==veth== fd0: port d --+   NIC created, not connected
#   fe1 ==veth== fe0: port e --+   NIC disconnected
#   ff1 ==veth== ff0: port f --+   NIC deleted

import errno
import fcntl
import os
import select
import shutil
import socket
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'fuzz'))
from xvs_badinput import Ksft, xvs_load  # noqa: E402
import nlfuzz  # noqa: E402
import xvs_sys  # noqa: E402

SW = 'xfr0'
ETH_P_ALL = 0x0003
ETH_P_TEST = 0x88b5
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23
MAGIC = b'xvsframes'
MARKED = 14 + len(MAGIC)       # frames this long carry the marker
BIG_MTU = 65535
IFF_TUN = 0x0001
SHORT = {'rx': 'rx-packets', 'rxb': 'rx-bytes', 'tx': 'tx-packets',
         'txb': 'tx-bytes', 'fwd': 'forwarded', 'fl': 'flooded',
         'rxd': 'rx-dropped', 'txd': 'tx-dropped', 'cs': 'consumed'}


def mac_of(dev):
    with open('/sys/class/net/%s/address' % dev) as f:
        return bytes.fromhex(f.read().strip().replace(':', ''))


class Frames(nlfuzz.Client):
    def __init__(self, t):
        nlfuzz.Client.__init__(self)
        self.t = t
        self.ctl = self.open()
        self.rt = xvs_sys.Rtnl()
        self.socks = {}
        self.tap = None
        self.base = None
        self.seqno = 0

    # ---- set up ----------------------------------------------------------------

    def req(self, opname, **kw):
        err, ext, reps = self.ctl_req(opname, **kw)
        if err:
            raise RuntimeError('%s %s: %s %s' % (opname, kw,
                                                 xvs_sys.errname(err), ext))
        return reps

    def setup(self):
        rt = self.rt
        self.req('switch-new', switch_name=SW, switch_type=1)
        xvs_sys.write('/proc/sys/net/ipv6/conf/%s/disable_ipv6' % SW, '1')
        rt.link_set(SW, up=True)
        for p in 'abdef':
            d0, d1 = 'f%s0' % p, 'f%s1' % p
            xvs_sys.check(rt.link_add(d0, 'veth', peer=d1), d0)
            for d in (d0, d1):
                xvs_sys.write('/proc/sys/net/ipv6/conf/%s/disable_ipv6' % d,
                              '1')
                if p in 'ab':
                    xvs_sys.check(rt.link_set(d, mtu=BIG_MTU), 'mtu ' + d)
                rt.link_set(d, up=True)
        self.tap = xvs_sys.tap_open('ftap')
        xvs_sys.write('/proc/sys/net/ipv6/conf/ftap/disable_ipv6', '1')
        rt.link_set('ftap', up=True)
        for p, dev in (('a', 'fa0'), ('b', 'fb0'), ('c', 'ftap'),
                       ('d', 'fd0'), ('e', 'fe0'), ('f', 'ff0')):
            self.req('port-new', switch_name=SW, port_name=p)
            self.req('nic-new', switch_name=SW, port_name=p, nic_ifname=dev)
            if p not in 'd':
                self.req('nic-connect', switch_name=SW, port_name=p)
        self.req('nic-disconnect', switch_name=SW, port_name='e')
        self.req('nic-disconnect', switch_name=SW, port_name='f')
        self.req('nic-del', switch_name=SW, port_name='f')
        for dev in ('fa1', 'fb1', 'fd1', 'fe1', 'ff1', SW):
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                              socket.htons(ETH_P_ALL))
            s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            s.bind((dev, 0))
            s.setblocking(False)
            self.socks[dev] = s
        self.mac = {d: mac_of(d) for d in ('fa1', 'fb1', 'fd1', 'fe1',
                                           'ff1', SW)}

    def redirects(self):
        """L3 packets shorter than an Ethernet header, redirected into
        the switch by tc mirred from a tun device: to the switch netdev
        (the host's xmit) and into NIC fa0's receive path."""
        t = self.t
        if not shutil.which('tc'):
            t.skip('L3 packets redirected into the switch', 'no tc')
            return
        fd = os.open('/dev/net/tun', os.O_RDWR)
        self.l3tun = fd
        fcntl.ioctl(fd, xvs_sys.TUNSETIFF,
                    struct.pack('16sH', b'frtun', IFF_TUN | xvs_sys.IFF_NO_PI))
        xvs_sys.write('/proc/sys/net/ipv6/conf/frtun/disable_ipv6', '1')
        self.rt.link_set('frtun', up=True)
        B = self.mac['fb1']
        # Enough of a frame to be forwarded to b, were it read past its end.
        pkts = [b'\x02', B[:5], B + bytes.fromhex('02000000dd01') + b'\0']
        s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                          socket.htons(0x0800))
        n, nb = len(pkts), sum(len(p) for p in pkts)
        for where, port, action in (
                ('the switch netdev (host xmit)', SW,
                 'egress redirect dev ' + SW),
                ('NIC fa0 (its receive path)', 'a',
                 'ingress redirect dev fa0')):
            r = subprocess.run(
                'tc qdisc replace dev frtun clsact && '
                'tc filter del dev frtun egress 2>/dev/null; '
                'tc filter add dev frtun egress matchall action mirred '
                + action, shell=True, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True)
            if r.returncode:
                t.skip('L3 packets redirected to ' + where, r.stdout)
                continue
            self.baseline()
            for p in pkts:
                s.sendto(p, ('frtun', 0x0800))
            self.check('1-13 byte L3 packets redirected to %s: dropped '
                       '(invalid-source), nothing read past their end'
                       % where, {
                           port: {'rx': n, 'rxb': nb, 'rxd': n,
                                  'drop-invalid-source': n},
                           '@' + SW: {'rx': n, 'rxb': nb, 'rxd': n,
                                      'drop-invalid-source': n}})
        s.close()

    def cleanup(self):
        if getattr(self, 'l3tun', None) is not None:
            os.close(self.l3tun)
        for s in self.socks.values():
            s.close()
        if self.tap is not None:
            os.close(self.tap)
        self.ctl_req('switch-del', switch_name=SW)
        for p in 'abdef':
            self.rt.link_del('f%s0' % p)

    # ---- frames -------------------------------------------------------------------

    def frame(self, dst, src, etype, length, tags=()):
        """A frame of exactly length bytes (at least the header), with
        the tags (TPID, TCI) after the addresses and a numbered marker
        in its payload when there is room."""
        head = dst + src
        for tpid, tci in tags:
            head += struct.pack('!HH', tpid, tci)
        head += struct.pack('!H', etype)
        self.seqno += 1
        body = MAGIC + struct.pack('!I', self.seqno)
        f = (head + body)[:max(length, 14)]
        return f + bytes(length - len(f))

    def xmit(self, dev, frames):
        s = self.socks[dev]
        for f in frames:
            s.send(f)

    def drain(self):
        for s in self.socks.values():
            while True:
                try:
                    s.recv(1 << 17)
                except OSError:         # EAGAIN, ENETDOWN
                    break
        if self.tap is not None:
            while True:
                try:
                    os.read(self.tap, 1 << 17)
                except OSError:
                    break

    def received(self, want=None, wait=2.0, grace=0.25):
        """{dev: [frames with the marker]} received since the last call:
        once want ({dev: count}) is there (or wait seconds passed), and
        grace seconds more for frames that should not come."""
        got = {d: [] for d in list(self.socks) + ['ftap']}
        fds = {s.fileno(): d for d, s in self.socks.items()}
        fds[self.tap] = 'ftap'
        want = want or {}
        end = time.monotonic() + wait
        settled = None
        while True:
            now = time.monotonic()
            if settled is None and all(len(got[d]) >= n
                                       for d, n in want.items()):
                settled = now + grace
            left = min(end, settled or end) - now
            if left <= 0:
                break
            r, _, _ = select.select(list(fds), [], [], left)
            for fd in r:
                d = fds[fd]
                while True:
                    try:
                        f = os.read(self.tap, 1 << 17) if d == 'ftap' \
                            else self.socks[d].recv(1 << 17)
                    except (BlockingIOError, OSError):
                        break
                    if MAGIC in f:
                        got[d].append(f)
        return got

    # ---- counters ------------------------------------------------------------------

    def counters(self):
        out = {}
        r = self.req('switch-get', switch_name=SW)
        out['@' + SW] = self.stats_of(r[0])
        _, _, ports = self.ctl_req('port-get', dump=True, switch_name=SW)
        for p in ports:
            out[self.attr_str(p, 'port-name')] = self.stats_of(p)
        return out

    def baseline(self):
        self.drain()
        self.base = self.counters()

    def check(self, name, spec, rx=None, exact_bytes=True):
        """The counters moved by exactly spec ({obj: {ctr: n}}, short
        names allowed; bytes not named are length times the packets when
        exact_bytes and the case gives lengths) and nothing else; the far
        ends received rx ({dev: count}, others nothing)."""
        got = self.received(rx)
        cur = self.counters()
        bad = []
        for obj, c in sorted(cur.items()):
            old = self.base.get(obj, {})
            want = {SHORT.get(k, k): v for k, v in spec.get(obj, {}).items()}
            for k, v in sorted(c.items()):
                d = v - old.get(k, 0)
                w = want.get(k, 0 if exact_bytes or 'bytes' not in k else d)
                if d != w:
                    bad.append('%s %s: moved by %d, wanted %d' % (obj, k, d,
                                                                  w))
            bad += self.identities(obj, c)
        rx = rx or {}
        for dev, frames in sorted(got.items()):
            if len(frames) != rx.get(dev, 0):
                bad.append('%s received %d frames, wanted %d' %
                           (dev, len(frames), rx.get(dev, 0)))
        self.base = cur
        self.t.ok(name, not bad, '\n'.join(bad[:12]))
        return got

    @staticmethod
    def identities(obj, c):
        bad = []
        drops = sum(v for k, v in c.items() if k.startswith('drop-'))
        if c['rx-packets'] != c['forwarded'] + c['flooded'] + \
                c.get('consumed', 0) + c['rx-dropped']:
            bad.append('%s: rx-packets != forwarded + flooded + consumed + '
                       'rx-dropped' % obj)
        if drops != c['rx-dropped'] + c['tx-dropped']:
            bad.append('%s: drops by reason != rx-dropped + tx-dropped' % obj)
        return bad

    # ---- the cases -------------------------------------------------------------------

    def run(self):
        t = self.t
        A, B = self.mac['fa1'], self.mac['fb1']
        BC = b'\xff' * 6
        # b's address is learned (a broadcast from b: to a, c, the host).
        self.baseline()
        self.xmit('fb1', [self.frame(BC, B, ETH_P_TEST, 60)])
        self.check('b learned: its broadcast flooded to a, c, the host', {
            'b': {'rx': 1, 'fl': 1, 'rxb': 60},
            'a': {'tx': 1, 'txb': 60}, 'c': {'tx': 1, 'txb': 60},
            SW: {'tx': 1, 'txb': 60},
            '@' + SW: {'rx': 1, 'rxb': 60, 'fl': 1, 'tx': 3, 'txb': 180}},
            {'fa1': 1, 'ftap': 1, SW: 1})
        self.xmit('fa1', [self.frame(BC, A, ETH_P_TEST, 60)])
        self.received({'fb1': 1, 'ftap': 1, SW: 1})
        self.baseline()

        # Runts: 14 (a bare header) to 59 bytes, a -> b.
        lens = list(range(14, 60))
        self.xmit('fa1', [self.frame(B, A, ETH_P_TEST, n) for n in lens])
        n, nb = len(lens), sum(lens)
        got = self.check('runts of 14-59 bytes forwarded a -> b, counted', {
            'a': {'rx': n, 'rxb': nb, 'fwd': n}, 'b': {'tx': n, 'txb': nb},
            '@' + SW: {'rx': n, 'rxb': nb, 'fwd': n, 'tx': n, 'txb': nb}},
            {'fb1': sum(1 for x in lens if x >= MARKED)})
        t.ok('runts arrive at their length, unpadded',
             sorted(len(f) for f in got['fb1']) ==
             [x for x in lens if x >= MARKED],
             sorted(len(f) for f in got['fb1']))

        # Into a tap: under 14 bytes refused (EINVAL), nothing counted.
        errs = []
        for n in range(1, 14):
            try:
                os.write(self.tap, b'\xff' * n)
                errs.append('%d bytes accepted' % n)
            except OSError as e:
                if e.errno != errno.EINVAL:
                    errs.append('%d bytes: %s' % (n, e))
        t.ok('tap: frames of 1-13 bytes refused with EINVAL', not errs, errs)
        self.check('tap: nothing counted for them', {})
        lens = list(range(14, 30))
        for n in lens:
            os.write(self.tap, self.frame(BC, bytes.fromhex('02000000cc01'),
                                          ETH_P_TEST, n))
        n, nb = len(lens), sum(lens)
        self.check('tap: 14-29 byte broadcasts flooded to a, b, the host', {
            'c': {'rx': n, 'rxb': nb, 'fl': n},
            'a': {'tx': n, 'txb': nb}, 'b': {'tx': n, 'txb': nb},
            SW: {'tx': n, 'txb': nb},
            '@' + SW: {'rx': n, 'rxb': nb, 'fl': n, 'tx': 3 * n,
                       'txb': 3 * nb}},
            {d: sum(1 for x in lens if x >= MARKED)
             for d in ('fa1', 'fb1', SW)})

        # Jumbo frames up to the largest MTU (a and b: 65535).
        lens = [1515, 9014, 16000, BIG_MTU + 14]
        self.xmit('fa1', [self.frame(B, A, ETH_P_TEST, n) for n in lens])
        n, nb = len(lens), sum(lens)
        got = self.check('jumbo frames up to %d bytes forwarded a -> b'
                         % (BIG_MTU + 14), {
                             'a': {'rx': n, 'rxb': nb, 'fwd': n},
                             'b': {'tx': n, 'txb': nb},
                             '@' + SW: {'rx': n, 'rxb': nb, 'fwd': n,
                                        'tx': n, 'txb': nb}},
                         {'fb1': n})
        t.ok('jumbo frames arrive whole', sorted(len(f) for f in got['fb1'])
             == sorted(lens), [len(f) for f in got['fb1']])
        try:
            self.socks['fa1'].send(self.frame(B, A, ETH_P_TEST,
                                              BIG_MTU + 15))
            over = 'sent'
        except OSError as e:
            over = e.errno
        t.ok('a frame over the MTU is refused by the sender (EMSGSIZE)',
             over == errno.EMSGSIZE, over)
        # Flooded: b takes it, c (tap, 1500) and the host (1500) drop it.
        self.xmit('fa1', [self.frame(BC, A, ETH_P_TEST, 9014)])
        self.check('a jumbo broadcast: to b, dropped at c and the host '
                   '(mtu)', {
                       'a': {'rx': 1, 'rxb': 9014, 'fl': 1},
                       'b': {'tx': 1, 'txb': 9014},
                       'c': {'txd': 1, 'drop-mtu': 1},
                       SW: {'txd': 1, 'drop-mtu': 1},
                       '@' + SW: {'rx': 1, 'rxb': 9014, 'fl': 1, 'tx': 1,
                                  'txb': 9014, 'txd': 2, 'drop-mtu': 2}},
                   {'fb1': 1})

        # Stacked VLAN tags: every frame counted once, each either sent
        # on or dropped with a reason (bytes: the outer tag may travel out
        # of band).
        tagged = [
            [(0x88a8, 100), (0x8100, 200)],             # QinQ
            [(0x8100, 0)],                              # priority tag
            [(0x8100, 4095)],                           # reserved VLAN
            [(0x88a8, 1), (0x8100, 2), (0x8100, 3)],    # three tags
            [(0x9100, 5), (0x8100, 6)],                 # old QinQ TPID
        ]
        frames = [self.frame(B, A, ETH_P_TEST, 80, tg) for tg in tagged]
        self.xmit('fa1', frames)
        got = self.received({'fb1': len(frames)})
        cur = self.counters()
        a0, a1 = self.base['a'], cur['a']
        b0, b1 = self.base['b'], cur['b']

        def d(c0, c1, k):
            return c1[k] - c0[k]
        n = len(frames)
        bad = []
        if d(a0, a1, 'rx-packets') != n:
            bad.append('a rx %d, sent %d' % (d(a0, a1, 'rx-packets'), n))
        if d(a0, a1, 'forwarded') + d(a0, a1, 'flooded') + \
                d(a0, a1, 'rx-dropped') != n:
            bad.append('a: forwarded + flooded + dropped != %d' % n)
        if d(b0, b1, 'tx-packets') != len(got['fb1']):
            bad.append('b tx %d, fb1 received %d' %
                       (d(b0, b1, 'tx-packets'), len(got['fb1'])))
        for obj, c in cur.items():
            bad += self.identities(obj, c)
        self.base = cur
        t.ok('stacked VLAN tags (802.1ad+802.1Q, 3 tags, VID 0, 4095): '
             'each counted once (%d of %d arrived)' % (len(got['fb1']), n),
             not bad, '\n'.join(bad))
        # Truncated tags: the stack drops them before the switch.
        self.xmit('fa1', [B + A + b'\x81\x00', B + A + b'\x81\x00\x00',
                          B + A + b'\x88\xa8\x00\x05'])
        self.check('truncated VLAN tags: dropped before the switch, '
                   'nothing counted', {})

        # Ethertypes that are lengths, reserved, link-local destinations.
        etypes = [0x0000, 0x0001, 0x05dc, 0x05ff, 0x0600, 0x8870, 0xffff]
        uni = [self.frame(B, A, e, 64) for e in etypes]
        ll = [self.frame(bytes.fromhex('0180c200000e'), A, 0x88cc, 64),
              self.frame(bytes.fromhex('0180c2000001'), A, 0x8808, 64),
              self.frame(bytes.fromhex('0180c2000000'), A, 0x0026, 64)]
        self.xmit('fa1', uni + ll)
        n1, n2 = len(uni), len(ll)
        self.check('ethertypes 0, 1, 1500, 1535, 1536, 0x8870, 0xffff '
                   'forwarded; LLDP, pause, STP addresses flooded', {
                       'a': {'rx': n1 + n2, 'rxb': 64 * (n1 + n2),
                             'fwd': n1, 'fl': n2},
                       'b': {'tx': n1 + n2, 'txb': 64 * (n1 + n2)},
                       'c': {'tx': n2, 'txb': 64 * n2},
                       SW: {'tx': n2, 'txb': 64 * n2},
                       '@' + SW: {'rx': n1 + n2, 'rxb': 64 * (n1 + n2),
                                  'fwd': n1, 'fl': n2,
                                  'tx': n1 + 3 * n2,
                                  'txb': 64 * (n1 + 3 * n2)}},
                   {'fb1': n1 + n2, 'ftap': n2, SW: n2})

        # Invalid source addresses.
        srcs = [bytes(6), BC, bytes.fromhex('01005e000001'),
                bytes.fromhex('333300000001')]
        self.xmit('fa1', [self.frame(B, s, ETH_P_TEST, 60) for s in srcs])
        n = len(srcs)
        self.check('multicast, broadcast, zero source: dropped '
                   '(invalid-source)', {
                       'a': {'rx': n, 'rxb': 60 * n, 'rxd': n,
                             'drop-invalid-source': n},
                       '@' + SW: {'rx': n, 'rxb': 60 * n, 'rxd': n,
                                  'drop-invalid-source': n}})

        # NICs that may not send: created (d), disconnected (e).
        for dev, port in (('fd1', 'd'), ('fe1', 'e')):
            m = self.mac[dev]
            self.xmit(dev, [self.frame(B, m, ETH_P_TEST, 60),
                            self.frame(BC, m, ETH_P_TEST, 100)])
            self.check('%s (NIC %s) sends: dropped (nic-not-connected)' % (
                port, 'created' if port == 'd' else 'disconnected'), {
                    port: {'rx': 2, 'rxb': 160, 'rxd': 2,
                           'drop-nic-not-connected': 2},
                    '@' + SW: {'rx': 2, 'rxb': 160, 'rxd': 2,
                               'drop-nic-not-connected': 2}})
        # f's NIC was deleted: its device is no NIC any more.
        self.xmit('ff1', [self.frame(BC, self.mac['ff1'], ETH_P_TEST, 60)])
        self.check('f (NIC deleted): its old device\'s frames never reach '
                   'the switch', {})

        # Destinations that may not receive: e (disconnected), b down.
        X = bytes.fromhex('02000000ee01')
        self.req('fdb-add', switch_name=SW, port_name='e', fdb_mac=X)
        self.xmit('fa1', [self.frame(X, A, ETH_P_TEST, 60)] * 3)
        self.check('to a disconnected port (static entry): dropped there '
                   '(nic-not-connected)', {
                       'a': {'rx': 3, 'rxb': 180, 'fwd': 3},
                       'e': {'txd': 3, 'drop-nic-not-connected': 3},
                       '@' + SW: {'rx': 3, 'rxb': 180, 'fwd': 3, 'txd': 3,
                                  'drop-nic-not-connected': 3}})
        self.rt.link_set('fb1', up=False)        # fb0 loses its carrier
        time.sleep(0.2)
        self.baseline()
        self.xmit('fa1', [self.frame(B, A, ETH_P_TEST, 60)] * 2)
        self.check('to a port whose link is down: dropped there '
                   '(link-down)', {
                       'a': {'rx': 2, 'rxb': 120, 'fwd': 2},
                       'b': {'txd': 2, 'drop-link-down': 2},
                       '@' + SW: {'rx': 2, 'rxb': 120, 'fwd': 2, 'txd': 2,
                                  'drop-link-down': 2}})
        self.rt.link_set('fb1', up=True)
        time.sleep(0.2)
        self.baseline()

        # From the host, through the internal port (MTU 1500).
        H = self.mac[SW]
        lens = [14, 15, 60, 1514]
        self.xmit(SW, [self.frame(B, H, ETH_P_TEST, n) for n in lens])
        n, nb = len(lens), sum(lens)
        self.check('host runts and full-size frames: internal port -> b', {
            SW: {'rx': n, 'rxb': nb, 'fwd': n}, 'b': {'tx': n, 'txb': nb},
            '@' + SW: {'rx': n, 'rxb': nb, 'fwd': n, 'tx': n, 'txb': nb}},
            {'fb1': 2})
        self.xmit(SW, [self.frame(B, bytes(6), ETH_P_TEST, 60)])
        self.check('host frame with a zero source: dropped '
                   '(invalid-source)', {
                       SW: {'rx': 1, 'rxb': 60, 'rxd': 1,
                            'drop-invalid-source': 1},
                       '@' + SW: {'rx': 1, 'rxb': 60, 'rxd': 1,
                                  'drop-invalid-source': 1}})

        self.redirects()

        # What xvsctl -s shows.
        out = subprocess.run(['xvsctl', '-s', 'port', 'show', SW],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
        blocks = {}
        cur = None
        for line in out.splitlines():
            if line.startswith('port '):
                cur = line
                blocks[cur] = ''
            elif cur:
                blocks[cur] += line + '\n'

        def shows(port, reason, n):
            for head, body in blocks.items():
                if (' name %s ' % port) in head + ' ':
                    for line in body.splitlines():
                        f = line.split()
                        if f[:1] == ['drops'] and reason in f:
                            return f[f.index(reason) + 1] == str(n)
            return False
        want = [(port, k[len('drop-'):], v)
                 for port, c in self.counters().items()
                 if not port.startswith('@')
                 for k, v in c.items() if k.startswith('drop-')]
        missing = [w for w in want if not shows(*w)]
        t.ok('xvsctl -s port show names every drop with its reason (%d '
             'drops on %d ports)' % (sum(w[2] for w in want),
                                     len({w[0] for w in want})),
             not missing and any(w[2] for w in want),
             'not shown: %s\n%s' % (missing, out))


def main():
    xvs_load().close()
    t = Ksft()
    taint0 = xvs_sys.taint()
    fr = Frames(t)
    try:
        fr.setup()
    except Exception as e:
        t.ok('set up: switch %s, veths, a tap, packet sockets' % SW, False,
             '%s: %s' % (type(e).__name__, e))
        fr.cleanup()
        t.exit()
    try:
        fr.run()
    except Exception as e:
        t.ok('the cases ran', False, '%s: %s' % (type(e).__name__, e))
    finally:
        fr.cleanup()
    t.ok('no kernel warning (taint %d -> %d)' % (taint0, xvs_sys.taint()),
         xvs_sys.taint() == taint0)
    t.exit()


if __name__ == '__main__':
    main()
