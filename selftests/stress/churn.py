# SPDX-License-Identifier: GPL-2.0
#
# Churn under traffic, from one python3 process: while pktgen (a kernel
# thread, rate-limited) floods the stable switch cs0 and iperf3 runs
# between two containers on it, random operations create and delete
# switches (genetlink and rtnetlink, private, internal, external), ports,
# NICs (veths, taps, veths whose peer is in a network namespace of their
# own), connect and disconnect them, attach and detach devices with ip
# link set master/nomaster, delete devices under their NICs (veths
# deleted, taps closed, network namespaces let go), change MTUs and link
# states, set port policies (the request attributes of port-set in the
# YNL spec, generated as the fuzzer's tame messages do), enable, reorder
# and disable extensions and unload and load their modules, add and
# delete custom properties, FDB entries, change ageing and learning
# limits, write frames into the taps and dump ports.
#
# Every request is judged as the fuzzer judges it (documented errnos, an
# extended ack on every error, replies shaped as the spec says); an
# extension module must refuse to unload while enabled; at the end the
# state is consistent (see nlfuzz.Fuzzer.invariants), every counter
# identity holds on every switch and port, the port pktgen sends from
# counted every frame it sent, iperf3 finished without error.

import errno
import os
import random
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'fuzz'))
sys.path.insert(0, os.path.dirname(HERE))
import nlfuzz  # noqa: E402
import xvs_sys  # noqa: E402

PG = '/proc/net/pktgen'
SWITCHES = ['cs1', 'cs2', 'cs3']
VETHS = ['cv%d' % i for i in range(8)]          # peers cw0..cw7
TAPS = ['ct%d' % i for i in range(4)]
NETNS_DEVS = ['cn%d' % i for i in range(3)]     # peer eth0 in a netns
PORTS = ['p%d' % i for i in range(6)]
EXTS = [('xvs_null', 'count=2'), ('xvs_macfilter', ''), ('xvs_capture', ''),
        ('xvs_l2fwd', '')]
EXT_NAMES = ['xvs_null', 'xvs_null1', 'xvs_macfilter', 'xvs_capture',
             'xvs_l2fwd']
C1, C2 = 'xvs-churn-c1', 'xvs-churn-c2'


def pg_write(path, cmd):
    xvs_sys.write(path, cmd + '\n')


def ipv6_off(dev):
    try:
        xvs_sys.write('/proc/sys/net/ipv6/conf/%s/disable_ipv6' % dev, '1')
    except OSError:
        pass


class Churn(nlfuzz.Fuzzer):
    def __init__(self, seed, log=print):
        nlfuzz.Fuzzer.__init__(self, seed, log=log)
        self.taps = {}          # name -> fd
        self.netns = {}         # dev -> netns fd
        self.counts = {}
        self.pg_thread = None
        self.pg_error = None
        self.procs = {}
        self.ko_loaded = []
        self.pg_dev = 'cpg0'

    # ---- set up ---------------------------------------------------------------

    def setup(self):
        for name, params in EXTS:
            if not xvs_sys.kmod_loaded(name):
                err = xvs_sys.kmod_load(os.path.join(self.ko_dir, 'ext',
                                                     name + '.ko'), params)
                if err:
                    raise RuntimeError('%s: %s' % (name, os.strerror(err)))
                self.ko_loaded.append(name)
        self.params = dict(EXTS)
        self.fid = self.family()
        self.ctl = nlfuzz.Conn(self.fid)
        self.rt = xvs_sys.Rtnl()
        self.preexisting = set(self.switch_names())
        # cs0: containers c1, c2 (iperf3) and the pktgen port.
        r = subprocess.run(['ip', '-batch', '-'], input='''
            netns add %(c1)s
            netns add %(c2)s
            link add cs0 type xvs
            link set cs0 up
            link add q1 type veth peer name eth0 netns %(c1)s
            link add q2 type veth peer name eth0 netns %(c2)s
            link add cpg0 type veth peer name cpg1
            link set q1 master cs0
            link set q2 master cs0
            link set cpg0 master cs0
            netns exec %(c1)s ip addr add 10.0.7.1/24 dev eth0
            netns exec %(c1)s ip link set eth0 up
            netns exec %(c2)s ip addr add 10.0.7.2/24 dev eth0
            netns exec %(c2)s ip link set eth0 up
            ''' % {'c1': C1, 'c2': C2}, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        if r.returncode:
            raise RuntimeError('setup: ' + r.stdout)
        # No IPv6 on this side: only pktgen's frames enter from cpg0.
        for d in ('cs0', 'cpg0', 'cpg1', 'q1', 'q2'):
            ipv6_off(d)
            self.rt.link_set(d, up=True)
        self.taint0 = xvs_sys.taint()

    def start_traffic(self, seconds, rate):
        """pktgen from cpg0 into cs0 (broadcast, rate frames/s), iperf3
        c1 -> c2 (10 Mbit/s) for about seconds."""
        kdir = os.environ.get('XVS_KMODS') or xvs_sys.kernel_modules_dir()
        if not os.path.isdir(PG):
            cmd = ['modprobe'] + (['-d', kdir] if kdir else []) + ['pktgen']
            subprocess.run(cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if os.path.isdir(PG):
            t = '%s/kpktgend_0' % PG
            # pktgen takes the last byte written for a newline.
            pg_write(t, 'rem_device_all')
            pg_write(t, 'add_device cpg0')
            for c in ('xmit_mode netif_receive', 'count 0', 'clone_skb 0',
                      'pkt_size 60', 'ratep %d' % rate,
                      'dst_mac ff:ff:ff:ff:ff:ff', 'dst 10.0.8.2',
                      'src_min 10.0.8.1', 'src_max 10.0.8.1'):
                pg_write('%s/cpg0' % PG, c)

            def run():
                try:
                    pg_write('%s/pgctrl' % PG, 'start')
                except OSError as e:
                    self.pg_error = e
            self.pg_thread = threading.Thread(target=run, daemon=True)
            self.pg_thread.start()
        else:
            self.log('# no pktgen (modprobe pktgen failed; XVS_KMODS names '
                     'the kernel\'s module dir): no pktgen traffic')
        self.procs['server'] = subprocess.Popen(
            ['ip', 'netns', 'exec', C2, 'iperf3', '-s', '-1'],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # Until the server listens on 5201 (0x1451).
        fd = xvs_sys.netns_open(C2)
        try:
            for _ in range(80):
                with xvs_sys.in_netns(fd):
                    text = ''
                    for p in ('/proc/self/net/tcp', '/proc/self/net/tcp6'):
                        try:
                            with open(p) as f:
                                text += f.read()
                        except OSError:
                            pass
                if ':1451 ' in text:
                    break
                time.sleep(0.25)
        finally:
            os.close(fd)
        self.procs['client'] = subprocess.Popen(
            ['ip', 'netns', 'exec', C1, 'iperf3', '-c', '10.0.7.2', '-t',
             str(int(seconds)), '-b', '10M', '--connect-timeout', '10000'],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def pg_port_rx(self):
        """Frames the pktgen port of cs0 received so far."""
        _, _, r = self.ctl_req('port-get', switch_name='cs0',
                               port_name='cpg0')
        return self.stats_of(r[0]).get('rx-packets') if r else None

    def stop_traffic(self):
        """Stop pktgen; wait for iperf3. Returns (frames pktgen sent,
        iperf3's exit code, its output)."""
        sent = None
        if self.pg_thread:
            pg_write('%s/pgctrl' % PG, 'stop')
            self.pg_thread.join(30)
            with open('%s/cpg0' % PG) as f:
                for line in f:
                    line = line.strip()
                    if line.startswith('pkts-sofar:'):
                        sent = int(line.split()[1])
            pg_write('%s/kpktgend_0' % PG, 'rem_device_all')
        c = self.procs.pop('client')
        try:
            out = c.communicate(timeout=120)[0].decode(errors='replace')
        except subprocess.TimeoutExpired:
            c.kill()
            out = c.communicate()[0].decode(errors='replace')
        s = self.procs.pop('server')
        s.kill()
        s.wait()
        return sent, c.returncode, out

    # ---- the model (refreshed from the kernel now and then) --------------------

    def refresh(self):
        self.sws = {}
        self.ports = {}
        for sw in self.switch_names():
            if sw in self.preexisting:
                continue
            _, _, ports = self.ctl_req('port-get', dump=True, switch_name=sw)
            self.ports[sw] = [self.attr_str(p, 'port-name') for p in ports
                              if self.attr_str(p, 'port-name') in PORTS]
            if sw != 'cs0':
                self.sws[sw] = self.ports[sw]

    def free_devs(self):
        devs = [d for d in VETHS + NETNS_DEVS + list(self.taps)
                if xvs_sys.master(d) == '']
        return devs

    # ---- operations ---------------------------------------------------------------

    def req(self, opname, dump=False, **kw):
        p = self.send(self.ctl, opname, dump=dump, **kw)
        self.collect(self.ctl, {p.seq: p})
        return p

    def op_switch_add(self, rng):
        name = rng.choice(SWITCHES)
        t = rng.choice((0, 0, 1, 2))
        if rng.random() < 0.3 and t == 0:
            err, msg = self.rt.link_add(name, 'xvs')
            if err not in (0, errno.EEXIST):
                self.fail('ip link add %s type xvs: %s %s' %
                          (name, xvs_sys.errname(err), msg))
            return
        kw = {'switch_name': name, 'switch_type': t}
        if t == 2:
            devs = self.free_devs()
            if not devs:
                return
            kw['switch_uplink'] = rng.choice(devs)
        self.req('switch-new', **kw)

    def op_switch_del(self, rng):
        if not self.sws:
            return
        name = rng.choice(list(self.sws))
        if rng.random() < 0.3:
            self.rt.link_del(name)
        else:
            self.req('switch-del', switch_name=name)

    def any_switch(self, rng):
        return rng.choice(list(self.sws) + ['cs0'])

    def any_port(self, rng, sw):
        """Mostly a port that exists (as of the last refresh)."""
        ports = self.ports.get(sw)
        if ports and rng.random() < 0.8:
            return rng.choice(ports)
        return rng.choice(PORTS)

    def op_port_add(self, rng):
        self.req('port-new', switch_name=self.any_switch(rng),
                 port_name=rng.choice(PORTS), port_type=rng.randint(0, 1))

    def op_port_del(self, rng):
        sw = self.any_switch(rng)
        self.req('port-del', switch_name=sw, port_name=self.any_port(rng, sw))

    def op_nic(self, rng):
        sw = self.any_switch(rng)
        port = self.any_port(rng, sw)
        what = rng.choice(('nic-new', 'nic-connect', 'nic-connect',
                           'nic-disconnect', 'nic-del'))
        kw = {'switch_name': sw, 'port_name': port}
        if what == 'nic-new':
            devs = self.free_devs()
            if not devs:
                return
            kw['nic_ifname'] = rng.choice(devs)
        self.req(what, **kw)

    def op_master(self, rng):
        devs = VETHS + NETNS_DEVS + list(self.taps)
        dev = rng.choice(devs)
        if xvs_sys.ifindex(dev) is None:
            return
        if xvs_sys.master(dev):
            err, msg = self.rt.link_set(dev, master=0)
        else:
            sw = self.any_switch(rng)
            idx = xvs_sys.ifindex(sw)
            if idx is None:
                return
            err, msg = self.rt.link_set(dev, master=idx)
        # Names taken, a gone switch, a port name in use: all fine.
        if err and err not in (errno.EEXIST, errno.ENODEV, errno.EBUSY,
                               errno.EINVAL, errno.ENOENT, errno.ESHUTDOWN):
            self.fail('ip link set %s master/nomaster: %s %s' %
                      (dev, xvs_sys.errname(err), msg))

    def op_dev_add(self, rng):
        r = rng.random()
        if r < 0.5:
            v = rng.choice(VETHS)
            if xvs_sys.ifindex(v) is None:
                peer = 'cw' + v[2:]
                xvs_sys.check(self.rt.link_add(v, 'veth', peer=peer), v)
                for d in (v, peer):
                    ipv6_off(d)
                    self.rt.link_set(d, up=True)
        elif r < 0.8:
            t = rng.choice(TAPS)
            if t not in self.taps:
                self.taps[t] = xvs_sys.tap_open(t)
                ipv6_off(t)
                self.rt.link_set(t, up=True)
        else:
            d = rng.choice(NETNS_DEVS)
            if d not in self.netns:
                fd = xvs_sys.netns_new()
                xvs_sys.check(self.rt.link_add(d, 'veth', peer='eth0',
                                               peer_ns_fd=fd), d)
                ipv6_off(d)
                self.rt.link_set(d, up=True)
                self.netns[d] = fd

    def op_dev_del(self, rng):
        """The NIC on it, if any, goes by itself."""
        r = rng.random()
        if r < 0.5:
            v = rng.choice(VETHS)
            if xvs_sys.ifindex(v) is not None:
                self.rt.link_del(v)
        elif r < 0.8:
            if self.taps:
                t = rng.choice(list(self.taps))
                os.close(self.taps.pop(t))
        elif self.netns:
            d = rng.choice(list(self.netns))
            os.close(self.netns.pop(d))     # the netns, its veth pair go

    def op_dev_change(self, rng):
        devs = [d for d in VETHS + NETNS_DEVS + list(self.taps)
                if xvs_sys.ifindex(d) is not None]
        if not devs:
            return
        d = rng.choice(devs)
        if rng.random() < 0.5:
            self.rt.link_set(d, mtu=rng.choice((1280, 1500, 1500, 9000)))
        else:
            self.rt.link_set(d, up=rng.random() < 0.7)

    def op_ext(self, rng):
        sw = self.any_switch(rng)
        r = rng.random()
        if r < 0.45:
            # Not xvs_l2fwd on cs0: it drops unicast it has no entry
            # for, iperf3's among them.
            names = EXT_NAMES if sw != 'cs0' else EXT_NAMES[:-1]
            self.req('ext-enable', switch_name=sw,
                     ext_name=rng.choice(names))
        elif r < 0.85:
            self.req('ext-disable', switch_name=sw,
                     ext_name=rng.choice(EXT_NAMES))
        else:
            names = rng.sample(EXT_NAMES, rng.randint(1, 3))
            a = self.spec.sets['ext-order']['ext-name']
            self.req('ext-order', switch_name=sw, ext_order=b''.join(
                nlfuzz.nla(a.value, n.encode() + b'\0') for n in names))

    def op_ext_reload(self, rng):
        name = rng.choice([m for m, _ in EXTS])
        if not xvs_sys.kmod_loaded(name):
            err = xvs_sys.kmod_load(os.path.join(
                self.ko_dir, 'ext', name + '.ko'), self.params[name])
            if err:
                self.fail('insmod %s: %s' % (name, xvs_sys.errname(err)))
            return
        refs = xvs_sys.kmod_refcnt(name)
        err = xvs_sys.kmod_unload(name)
        if refs and not err:
            self.fail('rmmod %s succeeded while enabled (refcnt %d)' %
                      (name, refs))
        elif not refs and err:
            self.fail('rmmod %s failed though enabled nowhere: %s' %
                      (name, xvs_sys.errname(err)))
        elif not err:
            self.count('ext unloaded')

    def op_prop(self, rng):
        sw = self.any_switch(rng)
        kw = {'switch_name': sw, 'ext_name': rng.choice(
            ('xvs_null', 'xvs_macfilter', 'xvs_capture')), 'prop_id': 1}
        if rng.random() < 0.7:
            kw['port_name'] = self.any_port(rng, sw)
        if rng.random() < 0.6:
            data = {'xvs_macfilter': bytes.fromhex('020000000701'),
                    'xvs_capture': b'\3'}.get(kw['ext_name'], b'v')
            self.req('prop-add', prop_data=data, **kw)
        else:
            # Properties are added at version 1.0 (the default).
            self.req('prop-del', prop_version=0x10000, **kw)

    def op_fdb(self, rng):
        sw = self.any_switch(rng)
        mac = bytes.fromhex('0200000008%02x' % rng.randint(0, 15))
        r = rng.random()
        if r < 0.5:
            self.req('fdb-add', switch_name=sw,
                     port_name=self.any_port(rng, sw), fdb_mac=mac)
        elif r < 0.8:
            self.req('fdb-del', switch_name=sw, fdb_mac=mac)
        else:
            self.req('fdb-flush', switch_name=sw,
                     fdb_static=rng.random() < 0.5)

    def op_switch_set(self, rng):
        kw = {'switch_name': self.any_switch(rng)}
        if rng.random() < 0.5:
            kw['switch_ageing'] = rng.choice((0, 1, 10, 300))
        else:
            # cs0 learns 3 addresses (c1, c2, pktgen's): not fewer.
            kw['switch_learn_limit'] = rng.choice(
                (0, 100, 8192) if kw['switch_name'] == 'cs0' else
                (0, 2, 100, 8192))
        self.req('switch-set', **kw)

    def op_policy(self, rng):
        """port-set with the spec's other request attributes (friendly
        name today; the port policies as the spec grows them)."""
        op = self.spec.ops.get('port-set')
        if not op:
            return
        sel = {'switch-name', 'switch-ifindex', 'port-id', 'port-name'}
        names = [n for n in op.do_req if n not in sel]
        self.tame = True
        payload = self.gen_attrs(op.set, names)
        self.seq += 1
        sw = self.any_switch(rng)
        body = struct.pack('BBH', op.value, self.spec.version, 0) + \
            self.enc(op.set, {'switch_name': sw,
                              'port_name': self.any_port(rng, sw)}) + payload
        msg = struct.pack('IHHII', 16 + len(body), self.fid,
                          nlfuzz.NLM_F_REQUEST | nlfuzz.NLM_F_ACK,
                          self.seq, 0) + body
        self.ctl.sock.send(msg)
        p = nlfuzz.Pending(self.seq, op, op.value, False, False, msg)
        self.collect(self.ctl, {p.seq: p})

    def op_frames(self, rng):
        """Frames into a tap (into its switch, when it is a NIC), and the
        tap's queue read out."""
        if not self.taps:
            return
        fd = self.taps[rng.choice(list(self.taps))]
        src = bytes.fromhex('0200000009%02x' % rng.randint(0, 15))
        for _ in range(rng.randint(1, 30)):
            dst = rng.choice((b'\xff' * 6, bytes.fromhex('020000000801'),
                              bytes.fromhex('0200000009%02x' %
                                            rng.randint(0, 15))))
            frame = dst + src + b'\x88\xb5' + bytes(rng.randint(46, 1500))
            try:
                os.write(fd, frame)
            except OSError:
                break       # the tap is down, its queue full...
        for t in self.taps.values():
            for _ in range(64):
                try:
                    os.read(t, 65536)
                except OSError:
                    break

    def op_dump(self, rng):
        self.req(rng.choice(('port-get', 'nic-get', 'fdb-get', 'ext-get')),
                 dump=True, switch_name=self.any_switch(rng))

    OPS = [('switch_add', 3), ('switch_del', 2), ('port_add', 8),
           ('port_del', 5), ('nic', 14), ('master', 6), ('dev_add', 6),
           ('dev_del', 4), ('dev_change', 3), ('ext', 8), ('ext_reload', 2),
           ('prop', 4), ('fdb', 4), ('switch_set', 2), ('policy', 3),
           ('frames', 6), ('dump', 4)]

    def count(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1

    def run(self, seconds):
        rng = self.rng
        names = [n for n, w in self.OPS for _ in range(w)]
        t0 = time.monotonic()
        n = 0
        self.refresh()
        while time.monotonic() - t0 < seconds:
            if n % 16 == 0:
                self.refresh()
            name = rng.choice(names)
            try:
                getattr(self, 'op_' + name)(rng)
            except nlfuzz.NoReply as e:
                self.fail('%s: %s' % (name, e))
                return n
            except OSError as e:
                self.fail('%s: %s' % (name, e))
            self.count(name)
            n += 1
            if len(self.failures) > 30:
                break
        return n

    # ---- the end -------------------------------------------------------------------

    @staticmethod
    def identities(name, c):
        bad = []
        drops = sum(v for k, v in c.items() if k.startswith('drop-'))
        if c.get('rx-packets', 0) != c.get('forwarded', 0) + \
                c.get('flooded', 0) + c.get('consumed', 0) + \
                c.get('rx-dropped', 0):
            bad.append('%s: rx-packets %s != forwarded + flooded + consumed '
                       '+ rx-dropped (%s)' % (name, c.get('rx-packets'), c))
        if drops != c.get('rx-dropped', 0) + c.get('tx-dropped', 0):
            bad.append('%s: drops by reason %d != rx-dropped + tx-dropped '
                       '(%s)' % (name, drops, c))
        return bad

    def counters(self):
        """{'SW' or 'SW/PORT': counters} of every switch and port."""
        out = {}
        _, _, sws = self.ctl_req('switch-get', dump=True)
        for r in sws:
            sw = self.attr_str(r, 'switch-name')
            out[sw] = self.stats_of(r)
            _, _, ports = self.ctl_req('port-get', dump=True, switch_name=sw)
            for p in ports:
                out['%s/%s' % (sw, self.attr_str(p, 'port-name'))] = \
                    self.stats_of(p)
        return out

    def quiet_counters(self):
        """Counters read twice alike (nothing in flight), or the last."""
        prev = None
        for _ in range(10):
            cur = self.counters()
            if cur == prev:
                return cur
            prev = cur
            time.sleep(0.3)
        return prev

    def cleanup(self):
        for name in self.switch_names():
            if name not in self.preexisting or name == 'cs0':
                self.ctl_req('switch-del', switch_name=name)
        for v in VETHS + ['cpg0']:
            if xvs_sys.ifindex(v) is not None:
                self.rt.link_del(v)
        for fd in self.taps.values():
            os.close(fd)
        self.taps = {}
        for fd in self.netns.values():
            os.close(fd)
        self.netns = {}
        subprocess.run(['ip', '-force', '-batch', '-'],
                       input='netns del %s\nnetns del %s\n' % (C1, C2),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       text=True)
        for p in self.procs.values():
            p.kill()
            p.wait()
        self.procs = {}

    def unload(self):
        """The extension modules this run loaded (and reloaded)."""
        bad = []
        for name, _ in reversed(EXTS):
            if xvs_sys.kmod_loaded(name) and (name in self.ko_loaded or
                                              self.counts.get('ext unloaded')):
                deadline = time.monotonic() + 10
                while True:
                    err = xvs_sys.kmod_unload(name)
                    if not err or time.monotonic() > deadline:
                        break
                    time.sleep(0.2)      # a netns still going away
                if err:
                    bad.append('%s: %s' % (name, xvs_sys.errname(err)))
        return bad


def main():
    """Run alone: python3 churn.py SECONDS [SEED]."""
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else \
        random.SystemRandom().randrange(1 << 31)
    print('# seed %d' % seed)
    c = Churn(seed)
    c.setup()
    c.start_traffic(secs + 5, 2000)
    try:
        n = c.run(secs)
    finally:
        sent, rc, out = c.stop_traffic()
        c.cleanup()
    print('# %d operations, pktgen sent %s, iperf3 exit %s' % (n, sent, rc))
    print('# failures: %s' % c.failures)
    return 1 if c.failures else 0


if __name__ == '__main__':
    sys.exit(main())
