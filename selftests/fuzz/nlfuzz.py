# SPDX-License-Identifier: GPL-2.0
#
# The xvs generic netlink fuzzer: messages for every command of the YNL
# spec (Documentation/netlink/specs/xvs.yaml), generated from it, so that a
# command or attribute added to the spec is fuzzed without a change here.
#
# Each message is a request of the spec (do or dump) with its request
# attributes, each present or not, of values at and past the bounds of
# their checks, names of objects that exist and of objects that do not,
# mixed with mutations: random attribute types and flags (NLA_F_NESTED,
# NLA_F_NET_BYTEORDER), wrong payload sizes, missing NUL terminators,
# overlong strings, duplicate attributes, random nests and deep nesting,
# truncated and corrupted attribute streams, trailing bytes, random
# command numbers, genetlink versions and netlink flags, a short genetlink
# header, and several messages in one send(). Dumps are cut short midway:
# the socket is closed, another request or dump is sent, or the objects
# change under them.
#
# What must hold (a violation is a failure, with the seed and the message
# to reproduce it):
#  - every request gets one ack or one NLMSG_DONE (no hang, no loss);
#  - errors are negative errnos of the documented set, and every error
#    of an xvs handler carries an extended ack (a message, the offset of
#    the bad attribute or the missing attribute's type);
#  - replies are shaped as the spec says: the request's command, only the
#    attributes of the operation's reply, each of its type's size (strings
#    NUL-terminated, nests made of their set's attributes);
#  - a dump of switches, ports, NICs or properties that saw the objects
#    change between its parts says so (NLM_F_DUMP_INTR);
#  - between rounds the state is consistent: each switch's port count is
#    its number of ports, NICs exist and have the switch as master, no
#    netdev has a switch as master without being a NIC of it, extension
#    counts add up; the kernel is not tainted.
#
# The objects the messages name live in a few pools (switch, port, device,
# extension names, port ids, ifindexes, MACs) so that many requests reach
# the code behind the checks; every ROUND messages the switches are
# deleted and the baseline is built again, which bounds what random ids
# and properties can pile up.

import errno
import os
import random
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import ynlspec  # noqa: E402
import xvs_sys  # noqa: E402

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP_INTR = 0x10
NLM_F_DUMP = 0x300
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLA_F_NESTED = 0x8000
NLA_F_NET_BYTEORDER = 0x4000
NLA_TYPE_MASK = 0x3fff
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
NETLINK_ADD_MEMBERSHIP = 1

# The errnos a request may fail with (Documentation/api.rst, the netlink
# core's, and the sample extensions' vetoes).
ALLOWED_ERRNOS = {
    errno.EPERM, errno.ENOENT, errno.ENOMEM, errno.EBUSY, errno.EEXIST,
    errno.ENODEV, errno.EINVAL, errno.ENOSPC, errno.ERANGE, errno.EMSGSIZE,
    errno.EOPNOTSUPP, errno.EALREADY, errno.ENOTCONN, errno.ESHUTDOWN,
    errno.E2BIG, errno.ELOOP, errno.ENOBUFS,
}
# Dumps that promise NLM_F_DUMP_INTR when the objects change under them
# (api.rst: not FDB dumps, nor EXT_GET without a switch).
CONSISTENT_DUMPS = {'switch-get', 'port-get', 'nic-get', 'prop-get'}

# Extra netlink flags a request may carry.
EXTRA_FLAGS = [0x8, 0x10, 0x20, 0x100, 0x200, 0x400, 0x800, 0x1000, 0x2000]

EXT_MODULES = [('xvs_null', 'count=2'), ('xvs_macfilter', ''),
               ('xvs_capture', ''), ('xvs_l2fwd', '')]
EXT_NAMES = ['xvs_null', 'xvs_null1', 'xvs_macfilter', 'xvs_capture',
             'xvs_l2fwd']

SWITCHES = ['xf0', 'xf1', 'xf2']
VETHS = ['xfv%d' % i for i in range(6)]         # peers xfw0..xfw5
PORTS = ['p0', 'p1', 'p2', 'p3', 'p4', 'd0', 'd1', 'dcx']
DUMP_PORTS = 30                                  # d0..d29 on xf0
MACS = [bytes.fromhex(m) for m in (
    '020000000001', '020000000002', '02000000ff01', '000000000000',
    'ffffffffffff', '010000000001', '01005e000001', '333300000001',
    '0180c2000000', '0e0000000001')]


def nla(atype, payload):
    pad = b'\0' * ((4 - len(payload) % 4) % 4)
    return struct.pack('HH', 4 + len(payload), atype) + payload + pad


def name_str(b):
    """A name from a reply (bytes up to the NUL): a str that gives the
    same bytes back (a switch may be named with any bytes but / : and
    whitespace)."""
    return b.split(b'\0', 1)[0].decode(errors='surrogateescape')


def name_bytes(s):
    return s.encode(errors='surrogateescape')


class NoReply(Exception):
    pass


class Conn:
    """A NETLINK_GENERIC socket: batches of requests out, replies in."""

    def __init__(self, family_id=GENL_ID_CTRL, recv_size=65536):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.bind((0, 0))
        self.sock.settimeout(15)
        self.family_id = family_id
        self.recv_size = recv_size
        self.buf = bytearray(65536)

    def close(self):
        self.sock.close()

    def recv(self):
        try:
            n = self.sock.recv_into(self.buf, self.recv_size)
        except socket.timeout:
            raise NoReply('no reply within 15 s')
        return bytes(memoryview(self.buf)[:n])


class Pending:
    """What came back for one request."""
    __slots__ = ('seq', 'op', 'cmd', 'dump', 'core', 'raw', 'error',
                 'extack', 'msgs', 'flags', 'done', 'chunks', 'intr_chunk',
                 'replies')

    def __init__(self, seq, op, cmd, dump, core, raw):
        self.seq, self.op, self.cmd, self.dump = seq, op, cmd, dump
        self.core = core        # an error needs no extack (not xvs's)
        self.raw = raw
        self.error = None
        self.extack = {}
        self.msgs = 0
        self.flags = 0
        self.done = False
        self.chunks = 0         # receive calls that brought some of it
        self.intr_chunk = None  # the first chunk flagged NLM_F_DUMP_INTR
        self.replies = []       # parsed do replies ({type: payload})


def parse_extack(body, off):
    ext = {}
    while off + 4 <= len(body):
        ln, ty = struct.unpack_from('HH', body, off)
        if ln < 4:
            break
        v = body[off + 4:off + ln]
        if ty == 1:
            ext['msg'] = v.split(b'\0', 1)[0].decode(errors='replace')
        elif ty == 2:
            ext['offs'] = v
        elif ty == 5:
            ext['miss-type'] = v
        elif ty == 6:
            ext['miss-nest'] = v
        off += (ln + 3) & ~3
    return ext


def flat_attrs(data):
    out = {}
    off = 0
    while off + 4 <= len(data):
        ln, ty = struct.unpack_from('HH', data, off)
        if ln < 4:
            break
        out.setdefault(ty & NLA_TYPE_MASK, data[off + 4:off + ln])
        off += (ln + 3) & ~3
    return out


class Client:
    """Requests of the spec's operations over NETLINK_GENERIC sockets,
    their replies collected (and judged, in a subclass)."""

    def __init__(self, spec=None):
        self.spec = spec or ynlspec.Spec()
        self.xset = self.spec.sets[self.spec.default_set]
        self.seq = 1000
        self.fid = None

    def open(self, recv_size=65536):
        if self.fid is None:
            self.fid = self.family()
        return Conn(self.fid, recv_size)

    def judge(self, p):
        pass

    def on_reply(self, p, data, off, ln, fl):
        p.msgs += 1
        p.replies.append(flat_attrs(data[off + 20:off + ln]))

    def fail(self, what, p=None):
        raise RuntimeError(what)

    def family(self):
        c = Conn()
        body = struct.pack('BBH', CTRL_CMD_GETFAMILY, 1, 0) + \
            nla(CTRL_ATTR_FAMILY_NAME, b'xvs\0')
        c.sock.send(struct.pack('IHHII', 16 + len(body), GENL_ID_CTRL,
                                NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body)
        fid = None
        while fid is None:
            data = c.recv()
            ln, ty = struct.unpack_from('IH', data, 0)
            if ty == NLMSG_ERROR:
                err = struct.unpack_from('i', data, 16)[0]
                if err:
                    raise LookupError('no xvs family: %s' %
                                      xvs_sys.errname(err))
                continue
            fam = flat_attrs(data[20:ln])
            fid = struct.unpack('H', fam[CTRL_ATTR_FAMILY_ID][:2])[0]
            self.mcgrps = {}
            grps = data[20:ln]
            off = 0             # CTRL_ATTR_MCAST_GROUPS: nest of nests
            while off + 4 <= len(grps):
                aln, aty = struct.unpack_from('HH', grps, off)
                if aln < 4:
                    break
                if aty & NLA_TYPE_MASK == CTRL_ATTR_MCAST_GROUPS:
                    inner = grps[off + 4:off + aln]
                    o = 0
                    while o + 4 <= len(inner):
                        gl = struct.unpack_from('H', inner, o)[0]
                        if gl < 4:
                            break
                        g = flat_attrs(inner[o + 4:o + gl])
                        self.mcgrps[name_str(g[1])] = \
                            struct.unpack('I', g[2])[0]
                        o += (gl + 3) & ~3
                off += (aln + 3) & ~3
        c.close()
        return fid

    # ---- plain requests (set up, checks) --------------------------------------

    def enc(self, aset, kw):
        out = b''
        for k, v in kw.items():
            a = aset[k.replace('_', '-')]
            if a.type == 'string':
                out += nla(a.value, name_bytes(v) + b'\0')
            elif a.type == 'flag':
                out += nla(a.value, b'') if v else b''
            elif a.type == 'binary' or isinstance(v, bytes):
                out += nla(a.value | (NLA_F_NESTED if a.type == 'nest'
                                      else 0), v)
            else:
                out += nla(a.value, v.to_bytes(a.size, 'little'))
        return out

    def subscribe(self, conn, group='events'):
        conn.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                             self.mcgrps[group])

    def send(self, conn, opname, dump=False, after_send=None, **kw):
        """Send one request; its Pending (collect() fills it in).
        after_send() runs right after the send() (the request has been
        handled by then, all but the rest of a dump)."""
        op = self.spec.ops[opname]
        self.seq += 1
        body = struct.pack('BBH', op.value, self.spec.version, 0) + \
            self.enc(op.set, kw)
        fl = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        msg = struct.pack('IHHII', 16 + len(body), self.fid, fl,
                          self.seq, 0) + body
        conn.sock.send(msg)
        if after_send:
            after_send()
        return Pending(self.seq, op, op.value, dump, False, msg)

    def ctl_req(self, opname, dump=False, conn=None, **kw):
        """One request on the control socket: (errno, extack, replies)."""
        conn = conn or self.ctl
        p = self.send(conn, opname, dump, **kw)
        self.collect(conn, {p.seq: p}, check=False)
        return p.error, p.extack, p.replies

    def switch_names(self):
        _, _, reps = self.ctl_req('switch-get', dump=True)
        a = self.xset['switch-name'].value
        return [name_str(r[a]) for r in reps if a in r]

    def collect(self, conn, pending, check=True, chunk_cb=None):
        """Read until every pending request has its ack or DONE."""
        left = sum(1 for p in pending.values() if not p.done)
        while left:
            data = conn.recv()
            seen = set()
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, seq, _ = struct.unpack_from('IHHII', data, off)
                if ln < 16 or off + ln > len(data):
                    self.fail('malformed netlink framing in a reply')
                    break
                p = pending.get(seq)
                if p is None or p.done:
                    self.fail('reply (type %d) to no pending request (seq %d)'
                              % (ty, seq))
                    off += (ln + 3) & ~3
                    continue
                if p not in seen:
                    seen.add(p)
                    p.chunks += 1
                p.flags |= fl
                if fl & NLM_F_DUMP_INTR and p.intr_chunk is None:
                    p.intr_chunk = p.chunks
                if ty == NLMSG_ERROR or ty == NLMSG_DONE:
                    p.error = struct.unpack_from('i', data, off + 16)[0] \
                        if ln >= 20 else 0
                    if fl & NLM_F_ACK_TLVS:
                        if ty == NLMSG_ERROR:
                            skip = 4 + 16 if fl & NLM_F_CAPPED else \
                                4 + struct.unpack_from('I', data, off + 20)[0]
                        else:
                            skip = 4
                        p.extack = parse_extack(data[off + 16:off + ln],
                                                (skip + 3) & ~3)
                    p.done = True
                    left -= 1
                    if check:
                        self.judge(p)
                elif ty == self.fid:
                    if check:
                        self.on_reply(p, data, off, ln, fl)
                    else:
                        Client.on_reply(self, p, data, off, ln, fl)
                else:
                    self.fail('reply of netlink type %d' % ty, p)
                off += (ln + 3) & ~3
            if chunk_cb:
                chunk_cb()

    def dump_request(self, opname, **kw):
        op = self.spec.ops[opname]
        self.seq += 1
        body = struct.pack('BBH', op.value, self.spec.version, 0) + \
            self.enc(op.set, kw)
        msg = struct.pack('IHHII', 16 + len(body), self.fid,
                          NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP,
                          self.seq, 0) + body
        return Pending(self.seq, op, op.value, True, False, msg), msg

    def stats_of(self, reply):
        """The counters of a switch or port reply: {name: value}."""
        nest = reply.get(self.xset['stats'].value)
        out = {}
        if nest is None:
            return out
        sset = self.spec.sets['stats']
        off = 0
        while off + 4 <= len(nest):
            ln, ty = struct.unpack_from('HH', nest, off)
            if ln < 4:
                break
            a = sset.by_value.get(ty & NLA_TYPE_MASK)
            if a and a.size == 8:
                out[a.name] = struct.unpack_from('Q', nest, off + 4)[0]
            off += (ln + 3) & ~3
        return out

    def attr_str(self, reply, name):
        v = reply.get(self.xset[name].value)
        return name_str(v) if v is not None else None

    def attr_int(self, reply, name):
        a = self.xset[name]
        v = reply.get(a.value)
        if v is None or len(v) != a.size:
            return None
        return int.from_bytes(v, 'little')


class Fuzzer(Client):
    def __init__(self, seed, spec_path=ynlspec.SPEC, log=print,
                 round_size=5000, ko_dir=None):
        Client.__init__(self, ynlspec.Spec(spec_path))
        self.seed = seed
        self.rng = random.Random(seed)
        self.log = log
        self.round_size = round_size
        self.ko_dir = ko_dir or os.environ.get('XVS_KO_DIR') or \
            os.path.join(ynlspec.TOP, 'kmod')
        self.failures = []
        self.stats = {'messages': 0, 'sends': 0, 'ok': 0, 'errors': {},
                      'ops': {}, 'dumps': 0, 'dump-cut': {}, 'dump-intr': 0,
                      'rounds': 0, 'corrupt': 0}
        self.requests = self.spec.requests()
        self.id_pool = [1, 2, 3, 4, 5, 0xffffffff]
        self.ifindex_pool = [1]
        self.preexisting = set()
        self.loaded_exts = []
        self.checked_consistency = 0
        self.tame = False

    # ---- reporting ----------------------------------------------------------

    def fail(self, what, p=None):
        if p is not None:
            what += ' [%s%s, seq %d, message %s]' % (
                p.op.name if p.op else 'cmd %d' % p.cmd,
                ' dump' if p.dump else '', p.seq, p.raw[:256].hex())
        self.failures.append(what)
        if len(self.failures) <= 20:
            self.log('# FAIL: ' + what)

    # ---- set up -------------------------------------------------------------

    def setup(self):
        """Extensions loaded, the veths made, the sockets open; the
        uapi header and the spec agree on the numbers."""
        self.check_uapi()
        for name, params in EXT_MODULES:
            path = os.path.join(self.ko_dir, 'ext', name + '.ko')
            if xvs_sys.kmod_loaded(name):
                continue
            err = xvs_sys.kmod_load(path, params)
            if err:
                self.log('# %s not loaded: %s' % (name, os.strerror(err)))
            else:
                self.loaded_exts.append(name)
        self.rtnl = xvs_sys.Rtnl()
        for i, v in enumerate(VETHS):
            if xvs_sys.ifindex(v) is None:
                xvs_sys.check(self.rtnl.link_add(v, 'veth', peer='xfw%d' % i),
                              'veth ' + v)
            self.rtnl.link_set(v, up=True)
            self.rtnl.link_set('xfw%d' % i, up=True)
        self.fid = self.family()
        self.main = Conn(self.fid)
        self.ctl = Conn(self.fid)
        self.small = Conn(self.fid, recv_size=4096)
        self.preexisting = set(self.switch_names())
        self.taint0 = xvs_sys.taint()
        self.ifindex_pool = [1] + [xvs_sys.ifindex(v) for v in VETHS]

    def check_uapi(self):
        """The spec's numbers are the uapi header's (xvs_badinput parses
        it), or nothing this fuzzer sends means what it thinks."""
        try:
            import xvs_badinput as bi
        except Exception as e:
            self.fail('cannot read uapi/linux/xvs.h: %s' % e)
            return
        for op in self.spec.ops.values():
            if bi.CMD.get(op.name) != op.value:
                self.fail('spec and uapi disagree on command %s: %s vs %s'
                          % (op.name, op.value, bi.CMD.get(op.name)))
        for a in self.xset.attrs.values():
            if a.type == 'unused':
                continue
            if bi.A.get(a.name) != a.value:
                self.fail('spec and uapi disagree on attribute %s: %s vs %s'
                          % (a.name, a.value, bi.A.get(a.name)))

    def teardown(self):
        for name in self.switch_names():
            if name not in self.preexisting:
                self.ctl_req('switch-del', switch_name=name)
        for v in VETHS:
            self.rtnl.link_del(v)
        for c in (self.main, self.ctl, self.small):
            c.close()
        self.rtnl.close()

    def unload_exts(self):
        bad = []
        for name in reversed(self.loaded_exts):
            err = xvs_sys.kmod_unload(name)
            if err:
                bad.append('%s: %s' % (name, os.strerror(err)))
        self.loaded_exts = []
        return bad

    def baseline(self):
        """xf0 (internal) with ports, two NICs, extensions, a property and
        a static FDB entry; xf1 external on xfv2."""
        steps = [
            ('switch-new', dict(switch_name='xf0', switch_type=1)),
            ('port-new', dict(switch_name='xf0', port_name='p0')),
            ('port-new', dict(switch_name='xf0', port_name='p1',
                              port_type=1)),
            ('nic-new', dict(switch_name='xf0', port_name='p0',
                             nic_ifname='xfv0')),
            ('nic-connect', dict(switch_name='xf0', port_name='p0')),
            ('nic-new', dict(switch_name='xf0', port_name='p1',
                             nic_ifname='xfv1')),
            ('ext-enable', dict(switch_name='xf0', ext_name='xvs_null')),
            ('ext-enable', dict(switch_name='xf0', ext_name='xvs_capture')),
            ('prop-add', dict(switch_name='xf0', port_name='p0',
                              ext_name='xvs_null', prop_id=1,
                              prop_data=b'x' * 40)),
            ('fdb-add', dict(switch_name='xf0', port_name='p0',
                             fdb_mac=MACS[0])),
            ('switch-new', dict(switch_name='xf1', switch_type=2,
                                switch_uplink='xfv2')),
        ]
        steps += [('port-new', dict(switch_name='xf0', port_name='d%d' % i,
                                    port_friendly_name='f' * 100))
                  for i in range(DUMP_PORTS)]
        steps += [('prop-add', dict(switch_name='xf0', ext_name='xvs_null1',
                                    prop_id=i, prop_data=b'y' * 200))
                  for i in range(8)]
        for opname, kw in steps:
            if opname not in self.spec.ops:
                continue
            err, ext, reps = self.ctl_req(opname, **kw)
            if err and not (opname == 'ext-enable' and err == -errno.ENOENT):
                self.fail('baseline: %s %s: %s %s' %
                          (opname, kw, xvs_sys.errname(err), ext))
            for r in reps:
                self.learn(r)

    def learn(self, reply):
        """Remember the port ids and ifindexes a reply names."""
        pid = reply.get(self.xset['port-id'].value)
        if pid is not None and len(pid) == 4:
            v = struct.unpack('I', pid)[0]
            if v not in self.id_pool:
                self.id_pool.append(v)
                if len(self.id_pool) > 24:
                    self.id_pool.pop(6)
        for n in ('switch-ifindex', 'nic-ifindex'):
            a = self.xset.attrs.get(n)
            v = reply.get(a.value) if a else None
            if v is not None and len(v) == 4:
                v = struct.unpack('I', v)[0]
                if v not in self.ifindex_pool:
                    self.ifindex_pool.append(v)
                    if len(self.ifindex_pool) > 24:
                        self.ifindex_pool.pop(7)

    # ---- value generators -------------------------------------------------------

    def str_pool(self, name):
        if 'ext' in name or 'owner' in name:
            return EXT_NAMES + ['nosuch', 'XVS_NULL']
        if name == 'port-name':
            return PORTS + ['p0', 'p1']
        if name == 'switch-name':
            return ['xf0', 'xf0', 'xf0', 'xf1', 'xf2', 'xfv0', 'nosuch0']
        if 'ifname' in name or 'uplink' in name or 'dev' in name:
            return VETHS + ['xfw0', 'lo', 'xvscap0', 'xf0', 'nosuch0']
        return ['', 'a', 'web', 'x' * 20]

    def int_pool(self, name):
        if name.endswith('ifindex'):
            return self.ifindex_pool
        if name == 'port-id' or name.endswith('-id'):
            return self.id_pool
        return None

    def gen_int(self, a):
        rng = self.rng
        lo, hi = a.bounds()
        bits = a.size * 8
        tlo, thi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) \
            if a.type.startswith('s') else (0, (1 << bits) - 1)
        r = rng.random()
        pool = self.int_pool(a.name)
        if self.tame:
            r = r * 0.4 if pool else 0.75 + r * 0.15
        if pool and r < 0.4:
            v = rng.choice(pool)
        elif r < 0.75:
            v = rng.choice((lo, hi, lo - 1, hi + 1, 0, 1, thi, tlo,
                            1 << (bits - 1), hi // 2 + 1))
        elif r < 0.9:
            v = rng.randint(lo, hi)
        else:
            v = rng.randint(tlo, thi)
        v = min(max(v, tlo), thi)
        return v.to_bytes(a.size, 'little', signed=a.type.startswith('s'))

    def gen_str(self, a):
        rng = self.rng
        maxlen = a.checks.get('max-len', 64)
        r = rng.random()
        if self.tame or r < 0.6:
            return rng.choice(self.str_pool(a.name)).encode() + b'\0'
        if r < 0.7:
            n = rng.randint(1, max(1, maxlen))
            return bytes(rng.randint(0x21, 0x7e) for _ in range(n)) + b'\0'
        if r < 0.75:
            return b'z' * maxlen + b'\0'
        if r < 0.8:
            return b'z' * (maxlen + 1) + b'\0'
        if r < 0.85:            # no NUL terminator
            return rng.choice(self.str_pool(a.name)).encode() or b'q'
        if r < 0.9:
            return rng.choice((b'', b'\0', b'\0\0\0\0'))
        if r < 0.95:            # embedded NUL, bytes that are no text
            return bytes(rng.randint(0, 255)
                         for _ in range(rng.randint(1, 40))) + b'\0'
        return b'w' * rng.randint(maxlen, 2000) + b'\0'

    def gen_bin(self, a):
        rng = self.rng
        exact = a.checks.get('exact-len')
        maxlen = a.checks.get('max-len', exact or 64)
        r = rng.random()
        if self.tame:
            r *= 0.75
        if exact == 6 and r < 0.6:
            return rng.choice(MACS)
        if exact and r < 0.75:
            return bytes(rng.randint(0, 255) for _ in range(exact))
        if r < 0.85:
            n = rng.choice((0, 1, maxlen, maxlen + 1, maxlen - 1,
                            (exact or 0) + 1))
        else:
            n = rng.randint(0, maxlen + 8)
        n = max(0, n)
        return os.urandom(n) if n > 64 else \
            bytes(rng.randint(0, 255) for _ in range(n))

    def gen_payload(self, a, depth):
        rng = self.rng
        t = a.type
        if a.size:
            if not self.tame and rng.random() < 0.04:   # wrong size
                n = rng.choice([x for x in (0, 1, 2, 3, 4, 5, 8, 12, 16)
                                if x != a.size])
                return bytes(rng.randint(0, 255) for _ in range(n))
            return self.gen_int(a)
        if t == 'string':
            return self.gen_str(a)
        if t == 'flag':
            return b'' if self.tame or rng.random() < 0.95 else b'\1\0\0\0'
        if t == 'binary':
            return self.gen_bin(a)
        if t == 'nest' and a.nested:
            nset = self.spec.sets[a.nested]
            if depth > 3 or not self.tame and rng.random() < 0.05:
                return b'' if rng.random() < 0.5 else os.urandom(
                    rng.randint(1, 12))
            return self.gen_attrs(nset, list(nset.attrs), depth + 1)
        return os.urandom(rng.randint(0, 12))

    def gen_attr(self, a, depth):
        rng = self.rng
        ty = a.value
        if self.tame:
            if a.type == 'nest':
                ty |= NLA_F_NESTED
        elif a.type == 'nest':
            if rng.random() < 0.9:
                ty |= NLA_F_NESTED
        elif rng.random() < 0.02:
            ty |= NLA_F_NESTED
        if not self.tame and rng.random() < 0.01:
            ty |= NLA_F_NET_BYTEORDER
        return nla(ty, self.gen_payload(a, depth))

    def gen_attrs(self, aset, names, depth=0):
        rng = self.rng
        attrs = aset.attrs
        keep = 0.8 if self.tame else 0.65
        chosen = [attrs[n] for n in names if n in attrs and
                  rng.random() < keep]
        if self.tame:
            return b''.join(self.gen_attr(a, depth) for a in chosen)
        r = rng.random()
        if r < 0.15:                # attributes of no request
            pool = [x for x in attrs.values() if x.type != 'unused']
            chosen += rng.sample(pool, min(len(pool), rng.randint(1, 3)))
        out = [self.gen_attr(a, depth) for a in chosen]
        if chosen and rng.random() < 0.08:      # a duplicate
            out.append(self.gen_attr(rng.choice(chosen), depth))
        if rng.random() < 0.04:                 # unknown types
            ty = rng.choice((0, aset.max + 1, aset.max + rng.randint(2, 40),
                             NLA_TYPE_MASK))
            out.append(nla(ty, os.urandom(rng.randint(0, 8))))
        if depth and rng.random() < 0.02:       # deep nesting
            inner = b''
            for _ in range(rng.randint(2, 40)):
                inner = nla(rng.randint(1, aset.max) | NLA_F_NESTED, inner)
            out.append(inner)
        if len(out) > 1 and rng.random() < 0.3:
            rng.shuffle(out)
        return b''.join(out)

    def corrupt(self, payload):
        """Break the attribute stream (nlmsg_len stays right)."""
        rng = self.rng
        b = bytearray(payload)
        r = rng.random()
        if r < 0.3 and len(b) > 1:
            del b[rng.randint(1, len(b) - 1):]          # truncated
        elif r < 0.55 and len(b) >= 4:
            offs = [0]
            off = 0
            while off + 4 <= len(b):            # an nla_len field
                ln = struct.unpack_from('H', b, off)[0]
                if ln < 4:
                    break
                off += (ln + 3) & ~3
                if off + 4 <= len(b):
                    offs.append(off)
            o = rng.choice(offs)
            struct.pack_into('H', b, o, rng.choice(
                (0, 1, 3, 4, 5, 0xffff, rng.randint(0, 0xffff),
                 len(b) - o + 4)))
        elif r < 0.75:
            b += os.urandom(rng.randint(1, 7))          # trailing bytes
        else:
            for _ in range(rng.randint(1, 4)):
                if b:
                    b[rng.randrange(len(b))] = rng.randint(0, 255)
        return bytes(b)

    # ---- one message --------------------------------------------------------------

    def make(self):
        """(Pending, bytes) of one random request."""
        rng = self.rng
        # Tame messages: the request's own attributes, values of the pools
        # and in range, no mutation: they get past the policy and reach
        # the state machine. The others are anything goes.
        self.tame = rng.random() < 0.45
        r = rng.random()
        core = False
        if r < 0.03 and not self.tame:
            cmd = rng.choice((0, rng.randint(0, 255),
                              max(self.spec.ops_by_value) + 1))
            op = self.spec.ops_by_value.get(cmd)
            dump = rng.random() < 0.3
            names = list(self.xset.attrs)
            names = rng.sample(names, rng.randint(0, 5))
        else:
            op, dump = rng.choice(self.requests)
            if not self.tame and rng.random() < 0.05:
                dump = not dump
            cmd = op.value
            names = (op.dump_req if dump else op.do_req) or []
            if dump and not op.has_dump or not dump and not op.has_do:
                names = op.do_req or op.dump_req or []
        aset = op.set if op else self.xset
        payload = self.gen_attrs(aset, names)
        if not self.tame and rng.random() < 0.1:
            payload = self.corrupt(payload)
            self.stats['corrupt'] += 1
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        if not self.tame and rng.random() < 0.1:
            flags |= rng.choice(EXTRA_FLAGS)
        dump = flags & NLM_F_DUMP == NLM_F_DUMP
        version = self.spec.version
        reserved = 0
        if not self.tame and rng.random() < 0.05:
            version = rng.randint(0, 255)
        if not self.tame and rng.random() < 0.05:
            reserved = rng.randint(0, 0xffff)
        genl = struct.pack('BBH', cmd, version, reserved)
        if not self.tame and rng.random() < 0.02:   # short genl header
            genl = genl[:rng.randint(0, 3)]
            payload = b''
            core = True
        if op is None or (dump and not op.has_dump) or \
                (not dump and not op.has_do):
            core = True                         # the genetlink core's
        self.seq += 1
        body = genl + payload
        msg = struct.pack('IHHII', 16 + len(body), self.fid, flags,
                          self.seq, 0) + body
        # The next message of a batch starts at NLMSG_ALIGN(nlmsg_len).
        msg += b'\0' * ((4 - len(msg) % 4) % 4)
        return Pending(self.seq, op, cmd, dump, core, msg), msg

    # ---- replies ------------------------------------------------------------------

    def check_attrs(self, data, off, end, aset, allowed):
        """None, or what is wrong with the attributes in data[off:end]."""
        while off < end:
            if off + 4 > end:
                return 'truncated attribute header at %d' % off
            ln, ty = struct.unpack_from('HH', data, off)
            if ln < 4 or off + ln > end:
                return 'attribute length %d at %d' % (ln, off)
            a = aset.by_value.get(ty & NLA_TYPE_MASK)
            if a is None:
                return 'attribute type %d not in set %s' % (ty, aset.name)
            if allowed is not None and a.name not in allowed and \
                    a.type != 'pad':
                return 'attribute %s not in the spec\'s reply' % a.name
            plen = ln - 4
            t = a.type
            if a.size:
                if plen != a.size:
                    return '%s: %d bytes for a %s' % (a.name, plen, t)
            elif t == 'string':
                if not plen or data[off + ln - 1] != 0:
                    return '%s: string without NUL' % a.name
                mx = a.checks.get('max-len')
                if mx is not None and plen - 1 > mx:
                    return '%s: %d bytes, max-len %d' % (a.name, plen - 1, mx)
            elif t == 'flag':
                if plen:
                    return '%s: flag with %d bytes' % (a.name, plen)
            elif t == 'binary':
                ex = a.checks.get('exact-len')
                mx = a.checks.get('max-len')
                if ex is not None and plen != ex or \
                        mx is not None and plen > mx:
                    return '%s: %d bytes' % (a.name, plen)
            elif t == 'nest' and a.nested:
                err = self.check_attrs(data, off + 4, off + ln,
                                       self.spec.sets[a.nested], None)
                if err:
                    return '%s: %s' % (a.name, err)
            elif t in ('uint', 'sint'):
                if plen not in (4, 8):
                    return '%s: %d bytes' % (a.name, plen)
            off += (ln + 3) & ~3
        return None

    def on_reply(self, p, data, off, ln, fl):
        body_off = off + 16
        if ln < 20:
            self.fail('reply shorter than a genetlink header', p)
            return
        gcmd = data[body_off]
        p.msgs += 1
        if p.op is None:
            self.fail('a reply to an unknown command', p)
            return
        if gcmd != p.cmd:
            self.fail('reply command %d to command %d' % (gcmd, p.cmd), p)
        allowed = p.op.dump_rep if p.dump else p.op.do_rep
        err = self.check_attrs(data, body_off + 4, off + ln, p.op.set,
                               set(allowed or ()))
        if err:
            self.fail('malformed reply: ' + err, p)
        if not p.dump or len(p.replies) < 64:
            p.replies.append(flat_attrs(data[body_off + 4:off + ln]))

    def judge(self, p):
        """The verdict on one finished request."""
        st = self.stats
        name = p.op.name if p.op else 'cmd-%d' % p.cmd
        st['ops'][name] = st['ops'].get(name, 0) + 1
        e = p.error
        if e > 0:
            self.fail('positive error %d' % e, p)
            return
        if e == 0:
            st['ok'] += 1
            if p.core and p.op is None:
                self.fail('an unknown command succeeded', p)
            if not p.dump and p.op and p.op.has_do:
                want = 1 if p.op.do_rep else 0
                if p.msgs != want:
                    self.fail('%d reply messages to a do, the spec says %d'
                              % (p.msgs, want), p)
                for r in p.replies:
                    self.learn(r)
            return
        en = -e
        st['errors'][en] = st['errors'].get(en, 0) + 1
        if en not in ALLOWED_ERRNOS:
            self.fail('error %s (%d) is none of the documented ones' %
                      (xvs_sys.errname(e), e), p)
        if p.core or en in (errno.EPERM, errno.ENOMEM, errno.ENOBUFS,
                            errno.EMSGSIZE):
            return
        if p.dump and en == errno.EBUSY:
            return                      # another dump is running
        if not (p.extack.get('msg') or 'offs' in p.extack or
                'miss-type' in p.extack):
            self.fail('%s without an extended ack' % xvs_sys.errname(e), p)

    # ---- dumps cut short -------------------------------------------------------------

    def toggle_port(self):
        """Change the objects (a port comes or goes): True if it did."""
        err, _, _ = self.ctl_req('port-new', switch_name='xf0',
                                 port_name='dcx')
        if err == -errno.EEXIST:
            err, _, _ = self.ctl_req('port-del', switch_name='xf0',
                                     port_name='dcx')
        return err == 0

    def cut_dump(self):
        rng = self.rng
        choices = [('switch-get', {}), ('port-get', {'switch_name': 'xf0'}),
                   ('nic-get', {'switch_name': 'xf0'}),
                   ('fdb-get', {'switch_name': 'xf0'}),
                   ('ext-get', {}), ('ext-get', {'switch_name': 'xf0'}),
                   ('prop-get', {'switch_name': 'xf0'})]
        opname, kw = rng.choice([c for c in choices
                                 if c[0] in self.spec.ops])
        how = rng.choice(('close', 'change', 'request', 'dump'))
        st = self.stats
        st['dump-cut'][how] = st['dump-cut'].get(how, 0) + 1
        p, msg = self.dump_request(opname, **kw)
        self.small.sock.send(msg)
        self.stats['messages'] += 1
        pending = {p.seq: p}
        data = self.small.recv()            # the first part
        if how == 'close':
            self.small.close()
            self.small = Conn(self.fid, recv_size=4096)
            st['ops'][opname] = st['ops'].get(opname, 0) + 1
            return
        # Put the first part back through the parser: a fake socket.
        self._replay(pending, data)
        change_at = q = None
        if how == 'change' and not p.done:
            if self.toggle_port():
                change_at = p.chunks
        elif how in ('request', 'dump') and not p.done:
            if how == 'request':
                q, m = self.dump_request('switch-get', switch_name='xf0')
                q.dump = False
                m = bytearray(m)
                struct.pack_into('H', m, 6, NLM_F_REQUEST | NLM_F_ACK)
                q.raw = bytes(m)
            else:
                q, m = self.dump_request(opname, **kw)
            self.small.sock.send(bytes(m))
            self.stats['messages'] += 1
            pending[q.seq] = q
            if how == 'dump':
                q.core = True
        self.collect(self.small, pending)
        if q is not None and how == 'dump' and \
                q.error not in (0, -errno.EBUSY):
            self.fail('a second dump while one runs: %s' %
                      xvs_sys.errname(q.error), q)
        if change_at is not None and opname in CONSISTENT_DUMPS and \
                p.error == 0 and p.chunks >= change_at + 2:
            if p.intr_chunk is None or p.intr_chunk < change_at + 2:
                self.fail('dump of %d parts saw a change after part %d '
                          'and did not say so (NLM_F_DUMP_INTR)' %
                          (p.chunks, change_at), p)
            else:
                st['dump-intr'] += 1

    def _replay(self, pending, data):
        class One:
            def __init__(self, d):
                self.d = d

            def recv(self):
                d, self.d = self.d, None
                if d is None:
                    raise NoReply('replay')
                return d
        try:
            self.collect(One(data), pending)
        except NoReply:
            pass

    def consistency_dump(self):
        """The deterministic half of the dump checks: a port dump of xf0
        in parts (a 4 KB reader), the objects unchanged: no
        NLM_F_DUMP_INTR; a port added after its first part: the flag."""
        for change in (False, True):
            c = Conn(self.fid, recv_size=4096)
            p, msg = self.dump_request('port-get', switch_name='xf0')
            c.sock.send(msg)
            pending = {p.seq: p}
            self._replay(pending, c.recv())
            if change and not self.toggle_port():
                self.fail('consistency check: port dcx neither added nor '
                          'deleted')
            self.collect(c, pending)
            c.close()
            if p.error:
                self.fail('consistency check: port dump failed: %s' %
                          xvs_sys.errname(p.error), p)
            elif p.chunks < 3:
                self.fail('consistency check: the port dump came in %d '
                          'parts, not 3 or more' % p.chunks, p)
            elif not change and p.flags & NLM_F_DUMP_INTR:
                self.fail('consistency check: a dump of unchanged ports '
                          'says NLM_F_DUMP_INTR', p)
            elif change and p.intr_chunk is None:
                self.fail('consistency check: ports changed during the '
                          'dump and it did not say NLM_F_DUMP_INTR', p)
        self.checked_consistency += 1

    # ---- invariants ---------------------------------------------------------------------

    def invariants(self, where):
        x = self.xset
        A = {n: x[n].value for n in x.attrs}

        def s(r, n):
            v = r.get(A[n])
            return name_str(v) if v is not None else None

        def u(r, n):
            v = r.get(A.get(n))
            return struct.unpack('I', v)[0] if v is not None and \
                len(v) == 4 else None
        states = self.spec.enums.get('conn-state', [])
        with_nic = {states.index(n) for n in
                    ('nic-created', 'nic-connected', 'nic-disconnected')
                    if n in states}
        err, _, sws = self.ctl_req('switch-get', dump=True)
        if err:
            self.fail('%s: switch dump: %s' % (where, xvs_sys.errname(err)))
            return
        names = set()
        nics = {}
        for r in sws:
            sw = s(r, 'switch-name')
            names.add(sw)
            err, ext, ports = self.ctl_req('port-get', dump=True,
                                           switch_name=sw)
            if err:
                self.fail('%s: port dump of %s: %s %s' %
                          (where, sw, xvs_sys.errname(err), ext))
                continue
            if u(r, 'switch-ports') != len(ports):
                self.fail('%s: switch %s says %s ports, its dump lists %d'
                          % (where, sw, u(r, 'switch-ports'), len(ports)))
            for pr in ports:
                st = u(pr, 'port-state')
                nic = s(pr, 'nic-ifname')
                pn = s(pr, 'port-name')
                if st is None or st >= len(states) or st == 0:
                    self.fail('%s: %s/%s in state %s' % (where, sw, pn, st))
                if (nic is not None) != (st in with_nic):
                    self.fail('%s: %s/%s in state %s, NIC %s' %
                              (where, sw, pn, states[st] if st is not None
                               and st < len(states) else st, nic))
                if nic is not None and nic != sw:
                    nics[nic] = sw
                    m = xvs_sys.master(nic)
                    if m is not None and m != sw:
                        self.fail('%s: NIC %s of %s/%s has master %r' %
                                  (where, nic, sw, pn, m))
        for dev in xvs_sys.netdevs():
            m = xvs_sys.master(dev)
            if m and m in names and nics.get(dev) != m:
                self.fail('%s: %s has switch %s as master but is no NIC '
                          'of it' % (where, dev, m))
        if 'ext-get' in self.spec.ops:
            err, _, exts = self.ctl_req('ext-get', dump=True)
            count = {}
            for sw in names:
                _, _, per = self.ctl_req('ext-get', dump=True,
                                         switch_name=sw)
                for r in per:
                    if A['ext-enabled'] in r:
                        n = s(r, 'ext-name')
                        count[n] = count.get(n, 0) + 1
            # Switches of other namespaces count too: none here.
            for r in exts:
                n = s(r, 'ext-name')
                if u(r, 'ext-switches') != count.get(n, 0):
                    self.fail('%s: extension %s says %s switches, %d '
                              'have it enabled' % (where, n,
                                                   u(r, 'ext-switches'),
                                                   count.get(n, 0)))
        t = xvs_sys.taint()
        if t != self.taint0:
            self.fail('%s: the kernel is tainted now (%d -> %d): see the '
                      'kernel log' % (where, self.taint0, t))
            self.taint0 = t

    def new_round(self):
        self.invariants('round %d' % self.stats['rounds'])
        for name in self.switch_names():
            if name not in self.preexisting:
                err, ext, _ = self.ctl_req('switch-del', switch_name=name)
                if err:
                    self.fail('switch-del %s: %s %s' %
                              (name, xvs_sys.errname(err), ext))
        for v in VETHS:
            if xvs_sys.ifindex(v) is None:
                self.fail('veth %s is gone' % v)
        self.baseline()
        self.consistency_dump()
        self.stats['rounds'] += 1

    # ---- the run ------------------------------------------------------------------------

    def run(self, count, seconds, progress=0):
        t0 = time.monotonic()
        try:
            self._run(count, seconds, progress, t0)
        finally:
            self.stats['seconds'] = time.monotonic() - t0

    def _run(self, count, seconds, progress, t0):
        rng = self.rng
        st = self.stats
        next_round = 0
        next_progress = progress
        while st['messages'] < count and time.monotonic() - t0 < seconds:
            if st['messages'] >= next_round:
                r0 = time.monotonic()
                self.new_round()
                st['round-seconds'] = st.get('round-seconds', 0) + \
                    time.monotonic() - r0
                next_round = st['messages'] + self.round_size
            if progress and st['messages'] >= next_progress:
                self.log('# %d messages, %.0f s' %
                         (st['messages'], time.monotonic() - t0))
                next_progress += progress
            if rng.random() < 0.02:
                st['dumps'] += 1
                try:
                    self.cut_dump()
                except NoReply as e:
                    self.fail('cut dump: %s' % e)
                    return
                continue
            n = 1 if rng.random() < 0.6 else rng.randint(2, 16)
            pending = {}
            msgs = []
            for _ in range(n):
                p, m = self.make()
                pending[p.seq] = p
                msgs.append(m)
            try:
                self.main.sock.send(b''.join(msgs))
            except OSError as e:
                self.fail('send() of %d messages: %s' % (n, e))
                continue
            st['messages'] += n
            st['sends'] += 1
            try:
                self.collect(self.main, pending)
            except NoReply as e:
                lost = [p for p in pending.values() if not p.done]
                self.fail('%s: %d requests unanswered' % (e, len(lost)),
                          lost[0])
                return
            if len(self.failures) > 50:
                self.log('# too many failures, stopping')
                return
        self.invariants('the end')

    def summary(self):
        st = self.stats
        errs = ', '.join('%s %d' % (errno.errorcode.get(k, k), v)
                         for k, v in sorted(st['errors'].items(),
                                            key=lambda kv: -kv[1]))
        return [
            'seed %d: %d messages in %d sends, %.1f s (%.0f/s), %d rounds '
            '(set up and checked in %.1f s)'
            % (self.seed, st['messages'], st['sends'], st.get('seconds', 0),
               st['messages'] / max(st.get('seconds', 1), 0.001),
               st['rounds'], st.get('round-seconds', 0)),
            'succeeded %d; errors: %s' % (st['ok'], errs),
            'dumps cut short %d (%s), NLM_F_DUMP_INTR seen after a change '
            '%d; corrupted streams %d'
            % (st['dumps'], ', '.join('%s %d' % kv for kv in
                                      sorted(st['dump-cut'].items())),
               st['dump-intr'], st['corrupt']),
            'per command: ' + ', '.join('%s %d' % kv for kv in
                                        sorted(st['ops'].items())),
        ]


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--count', type=int, default=20000)
    ap.add_argument('--seconds', type=float, default=3600)
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--spec', default=ynlspec.SPEC)
    ap.add_argument("--round", type=int, default=5000)
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else \
        int(os.environ.get('XVS_FUZZ_SEED') or random.SystemRandom().randrange(1 << 31))
    print('# seed %d (XVS_FUZZ_SEED=%d reproduces this run)' % (seed, seed),
          flush=True)
    fz = Fuzzer(seed, args.spec, round_size=args.round)
    fz.setup()
    try:
        fz.run(args.count, args.seconds, progress=50000)
    finally:
        fz.teardown()
        fz.unload_exts()
    for line in fz.summary():
        print('# ' + line)
    print('# %d failures' % len(fz.failures))
    return 1 if fz.failures else 0


if __name__ == '__main__':
    sys.exit(main())
