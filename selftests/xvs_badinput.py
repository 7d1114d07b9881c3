#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Bad input on the xvs generic netlink family, over a raw NETLINK_GENERIC
# socket (no pyroute2, no YNL): missing and duplicate attributes, oversized
# strings, integers of the wrong size, unknown attribute types, malformed
# attributes and headers, unknown switches, ports and commands, port id 0,
# reserved NIC indexes; the extension and custom property commands (unknown
# extensions, overlong names, oversized values, malformed order nests).
# Every error must come back as a negative errno with
# an extended ack (a message, or the offset of the bad attribute, or the
# missing attribute type), and nothing may change on the switch.
#
# The attribute and command numbers are read from uapi/linux/xvs.h. The
# module also serves as the raw netlink helper of xvs_unpriv.py.

import errno
import os
import re
import socket
import struct
import subprocess
import sys

KSFT_PASS, KSFT_FAIL, KSFT_SKIP = 0, 1, 4

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP_INTR = 0x10
NLM_F_REPLACE = 0x100
NLM_F_DUMP = 0x300
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLA_F_NESTED = 0x8000
NLA_TYPE_MASK = 0x3fff

NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_POLICY = 4
NLMSGERR_ATTR_MISS_TYPE = 5
NLMSGERR_ATTR_MISS_NEST = 6

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_VERSION = 3
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get('XVS_TOP') or os.path.dirname(HERE)
UAPI = os.path.join(TOP, 'uapi', 'linux', 'xvs.h')


# ---- uapi/linux/xvs.h ------------------------------------------------------

def parse_uapi(path=UAPI):
    """The enumerators and integer/string defines of a uapi header."""
    text = open(path).read()
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    consts = {}
    for m in re.finditer(r'^#define[ \t]+(\w+)[ \t]+(.+?)[ \t]*$', text, re.M):
        v = m.group(2)
        if v.startswith('"'):
            consts[m.group(1)] = v.strip('"')
        elif re.fullmatch(r'\d+', v):
            consts[m.group(1)] = int(v)
    enums = {}
    for m in re.finditer(r'enum\s+(\w+)\s*\{(.*?)\}\s*;', text, re.S):
        val = -1
        entries = []
        for item in m.group(2).split(','):
            item = item.strip()
            if not item:
                continue
            if '=' in item:
                k, expr = (x.strip() for x in item.split('=', 1))
                expr = re.sub(r'[A-Za-z_]\w*',
                              lambda t: str(consts[t.group(0)]), expr)
                val = int(eval(expr, {'__builtins__': {}}))
            else:
                k = item
                val += 1
            consts[k] = val
            entries.append((k, val))
        enums[m.group(1)] = entries
    return consts, enums


C, ENUMS = parse_uapi()
A = {k[len('XVS_A_'):].lower().replace('_', '-'): v
     for k, v in ENUMS['xvs_attr'] if not k.endswith('MAX')}
CMD = {k[len('XVS_CMD_'):].lower().replace('_', '-'): v
       for k, v in ENUMS['xvs_cmd'] if not k.endswith('MAX')}
CMD_NAME = {v: k for k, v in CMD.items()}
A_NAME = {v: k for k, v in A.items()}
STR_ATTRS = {'switch-name', 'switch-uplink', 'port-name',
             'port-friendly-name', 'nic-ifname', 'ext-name'}
FLAG_ATTRS = {'port-validation', 'ext-enabled'}
BIN_ATTRS = {'prop-data'}
U64_ATTRS = {'event-seq'}


# ---- attributes ------------------------------------------------------------

def nla(atype, payload=b'', nla_len=None):
    """One attribute; nla_len overrides the length field (malformed ones)."""
    if nla_len is None:
        nla_len = 4 + len(payload)
    pad = b'\0' * ((4 - len(payload) % 4) % 4)
    return struct.pack('HH', nla_len, atype) + payload + pad


def attr_of(name):
    return A[name] if isinstance(name, str) else name


def a_u32(name, v):
    return nla(attr_of(name), struct.pack('I', v))


def a_u64(name, v):
    return nla(attr_of(name), struct.pack('Q', v))


def a_str(name, s, nul=True):
    b = s.encode() if isinstance(s, str) else s
    return nla(attr_of(name), b + (b'\0' if nul else b''))


def a_flag(name):
    return nla(attr_of(name))


def attrs(**kw):
    """Attributes from keyword arguments (underscores for dashes)."""
    out = b''
    for k, v in kw.items():
        name = k.replace('_', '-')
        if name in STR_ATTRS:
            out += a_str(name, v)
        elif name in FLAG_ATTRS:
            out += a_flag(name) if v else b''
        elif name in BIN_ATTRS:
            out += nla(A[name], v)
        elif name in U64_ATTRS:
            out += a_u64(name, v)
        else:
            out += a_u32(name, v)
    return out


def parse_attrs(data):
    """{type: [payload, ...]} of a flat attribute stream."""
    out = {}
    off = 0
    while off + 4 <= len(data):
        ln, ty = struct.unpack_from('HH', data, off)
        if ln < 4:
            break
        out.setdefault(ty & NLA_TYPE_MASK, []).append(data[off + 4:off + ln])
        off += (ln + 3) & ~3
    return out


def decode_xvs(raw):
    """A reply's attributes as {name: value}, by the uapi attribute types."""
    res = {}
    for ty, vals in parse_attrs(raw).items():
        name = A_NAME.get(ty, 'attr-%d' % ty)
        v = vals[-1]
        if name in STR_ATTRS:
            res[name] = v.split(b'\0', 1)[0].decode(errors='replace')
        elif name in FLAG_ATTRS:
            res[name] = True
        elif name in BIN_ATTRS:
            res[name] = v
        elif len(v) == 8:
            res[name] = struct.unpack('Q', v)[0]
        elif len(v) == 4:
            res[name] = struct.unpack('I', v)[0]
        else:
            res[name] = v
    return res


# ---- generic netlink ---------------------------------------------------------

class Reply:
    """The outcome of one request: error (0 or a negative errno), the extack
    ({'msg', 'offs', 'miss-type', 'miss-nest', 'policy'}), the messages (one
    {name: value} dict each, '_cmd' holds the genl command) and flags seen."""

    def __init__(self):
        self.error = 0
        self.extack = {}
        self.msgs = []
        self.flags = 0

    @property
    def ext(self):
        """True when the extack says something useful."""
        return bool(self.extack.get('msg') or 'offs' in self.extack or
                    'miss-type' in self.extack)

    def errname(self):
        if not self.error:
            return 'success'
        return errno.errorcode.get(-self.error, str(self.error))

    def __repr__(self):
        return 'error=%s extack=%s msgs=%s' % (self.errname(), self.extack,
                                                self.msgs)


def parse_extack(data):
    ext = {}
    for ty, vals in parse_attrs(data).items():
        v = vals[-1]
        if ty == NLMSGERR_ATTR_MSG:
            ext['msg'] = v.split(b'\0', 1)[0].decode(errors='replace')
        elif ty == NLMSGERR_ATTR_OFFS and len(v) == 4:
            ext['offs'] = struct.unpack('I', v)[0]
        elif ty == NLMSGERR_ATTR_MISS_TYPE and len(v) == 4:
            ext['miss-type'] = struct.unpack('I', v)[0]
        elif ty == NLMSGERR_ATTR_MISS_NEST and len(v) == 4:
            ext['miss-nest'] = struct.unpack('I', v)[0]
        elif ty == NLMSGERR_ATTR_POLICY:
            ext['policy'] = v
    return ext


class Genl:
    """A NETLINK_GENERIC socket talking to one family, with extended acks."""

    def __init__(self, family='xvs'):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1000
        # One receive buffer for all replies: a fresh 1 MB one per recv()
        # cost page faults that add up under emulation. 64 KB holds any
        # message the kernel sends (dump messages are 32 KB at most).
        self.buf = bytearray(1 << 16)
        self.family_id = GENL_ID_CTRL
        self.version = 1
        self.mcgrps = {}
        if family is None:
            return
        r = self.request(CTRL_CMD_GETFAMILY,
                         a_str(CTRL_ATTR_FAMILY_NAME, family))
        if r.error:
            raise LookupError('generic netlink family %s: %s' %
                              (family, r.errname()))
        fam = parse_attrs(r.raw[0])
        self.family_id = struct.unpack('H', fam[CTRL_ATTR_FAMILY_ID][0][:2])[0]
        self.family_version = struct.unpack(
            'I', fam[CTRL_ATTR_VERSION][0])[0]
        for grp in parse_attrs(fam.get(CTRL_ATTR_MCAST_GROUPS, [b''])[0]).values():
            g = parse_attrs(grp[0])
            name = g[CTRL_ATTR_MCAST_GRP_NAME][0].split(b'\0')[0].decode()
            self.mcgrps[name] = struct.unpack(
                'I', g[CTRL_ATTR_MCAST_GRP_ID][0])[0]

    def close(self):
        self.sock.close()

    def recv(self):
        n = self.sock.recv_into(self.buf)
        return bytes(memoryview(self.buf)[:n])

    def subscribe(self, group):
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                             self.mcgrps[group])

    def send_raw(self, payload, cmd, flags=NLM_F_ACK, version=None,
                 reserved=0, nlmsg_len=None):
        self.seq += 1
        if version is None:
            version = self.version
        body = struct.pack('BBH', cmd, version, reserved) + payload
        ln = 16 + len(body) if nlmsg_len is None else nlmsg_len
        msg = struct.pack('IHHII', ln, self.family_id,
                          NLM_F_REQUEST | flags, self.seq, 0) + body
        self.sock.send(msg)
        return self.seq

    def request(self, cmd, payload=b'', dump=False, flags=0, **kw):
        """Send one request, collect the replies until its ack or DONE."""
        fl = NLM_F_ACK | flags | (NLM_F_DUMP if dump else 0)
        seq = self.send_raw(payload, cmd, fl, **kw)
        r = Reply()
        r.raw = []
        while True:
            data = self.recv()
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, mseq, _ = struct.unpack_from('IHHII', data, off)
                if ln < 16:
                    raise RuntimeError('bad netlink message length %d' % ln)
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if mseq != seq:
                    continue        # a multicast event or a stale reply
                r.flags |= fl
                if ty == NLMSG_ERROR:
                    r.error = struct.unpack_from('i', body)[0]
                    if fl & NLM_F_ACK_TLVS:
                        if fl & NLM_F_CAPPED:
                            skip = 4 + 16
                        else:
                            skip = 4 + struct.unpack_from('I', body, 4)[0]
                        r.extack = parse_extack(body[(skip + 3) & ~3:])
                    return r
                if ty == NLMSG_DONE:
                    r.error = struct.unpack_from('i', body)[0] if body else 0
                    if fl & NLM_F_ACK_TLVS:
                        r.extack = parse_extack(body[4:])
                    # A dump that started is not acked: DONE ends it.
                    return r
                if ty == self.family_id:
                    gcmd = body[0]
                    r.raw.append(body[4:])
                    d = decode_xvs(body[4:])
                    d['_cmd'] = gcmd
                    r.msgs.append(d)

    def recv_events(self, timeout=0.5):
        """Multicast messages already queued (or arriving within timeout)."""
        evs = []
        self.sock.settimeout(timeout)
        try:
            while True:
                data = self.recv()
                off = 0
                while off + 16 <= len(data):
                    ln, ty, fl, mseq, pid = struct.unpack_from('IHHII', data, off)
                    body = data[off + 16:off + ln]
                    off += (ln + 3) & ~3
                    if ty == self.family_id and pid == 0 and mseq == 0:
                        d = decode_xvs(body[4:])
                        d['_cmd'] = body[0]
                        evs.append(d)
        except (socket.timeout, BlockingIOError):
            pass
        finally:
            self.sock.settimeout(None)
        return evs


# ---- test plumbing -----------------------------------------------------------

def fast_yaml():
    """YNL loads specs with yaml.safe_load, PyYAML's pure-Python loader:
    seconds per spec under emulation. PyYAML's C loader (libyaml's parser,
    the same constructor) gives the same data; safe_load uses it from
    here on, when it is there."""
    import yaml
    if hasattr(yaml, 'CSafeLoader'):
        yaml.safe_load = lambda stream: yaml.load(stream,
                                                  Loader=yaml.CSafeLoader)


class Ksft:
    def __init__(self):
        self.npass = self.nfail = self.nskip = 0

    def ok(self, name, cond, detail=None):
        if cond:
            print('TEST: %-60s [ OK ]' % name)
            self.npass += 1
        else:
            print('TEST: %-60s [FAIL]' % name)
            if detail is not None:
                for line in str(detail).splitlines():
                    print('      ' + line)
            self.nfail += 1
        sys.stdout.flush()
        return cond

    def skip(self, name, why=''):
        print('TEST: %-60s [SKIP]' % name)
        if why:
            print('      ' + why)
        self.nskip += 1

    def note(self, text):
        print('# ' + text)

    def exit(self):
        print('# %d passed, %d failed, %d skipped' %
              (self.npass, self.nfail, self.nskip))
        if self.nfail:
            sys.exit(KSFT_FAIL)
        sys.exit(KSFT_PASS if self.npass else KSFT_SKIP)


def skip_all(why):
    print('SKIP: ' + why)
    sys.exit(KSFT_SKIP)


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True).stdout


def ip_batch(*cmds, check=True):
    """ip commands, one ip process (every process counts under emulation);
    check=False: best effort, all of them."""
    r = subprocess.run(['ip', '-batch', '-'] if check else
                       ['ip', '-force', '-batch', '-'],
                       input='\n'.join(cmds) + '\n', stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if check and r.returncode:
        raise RuntimeError('ip -batch: %s\n%s' % ('; '.join(cmds), r.stdout))


def del_links(*devs):
    """Delete those of these network devices that exist (best effort: one
    may be on its way out)."""
    devs = [d for d in devs if os.path.exists('/sys/class/net/' + d)]
    if devs:
        ip_batch(*('link del ' + d for d in devs), check=False)


def xvs_load():
    """Load xvs.ko (from XVS_KO_DIR) unless it is loaded; open the family."""
    if os.geteuid() != 0:
        skip_all('needs root')
    if not os.path.isdir('/sys/module/xvs'):
        ko = os.path.join(os.environ.get('XVS_KO_DIR') or
                          os.path.join(TOP, 'kmod'), 'xvs.ko')
        if not os.path.exists(ko):
            skip_all('xvs is not loaded and %s does not exist' % ko)
        out = subprocess.run(['insmod', ko], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        if out.returncode:
            print('FAIL: insmod %s: %s' % (ko, out.stdout.strip()))
            sys.exit(KSFT_FAIL)
    try:
        return Genl('xvs')
    except LookupError as e:
        print('FAIL: xvs is loaded but %s' % e)
        sys.exit(KSFT_FAIL)


# ---- the tests -----------------------------------------------------------------

SW = 'xvsb0'
VETH, VPEER = 'xvsb-v0', 'xvsb-v1'
POLICY_ERRNOS = (-errno.EINVAL, -errno.ERANGE)


def check_err(t, g, name, cmd, payload=b'', want=None, dump=False,
              need_ext=True, **kw):
    """cmd must fail; with errno in want (one or a tuple) when given; and
    with an extack when need_ext."""
    r = g.request(CMD[cmd] if isinstance(cmd, str) else cmd, payload,
                  dump=dump, **kw)
    if isinstance(want, int):
        want = (want,)
    good = r.error < 0 and (want is None or r.error in want)
    if need_ext:
        good = good and r.ext
    t.ok(name, good, r)
    return r


def setup(g, t):
    del_links(SW, VETH)
    sh('ip', 'link', 'add', VETH, 'type', 'veth', 'peer', 'name', VPEER)
    r = g.request(CMD['switch-new'], attrs(switch_name=SW))
    if not t.ok('setup: switch %s created' % SW, r.error == 0, r):
        return None
    r = g.request(CMD['port-new'], attrs(switch_name=SW, port_name='pb1'))
    if not t.ok('setup: port pb1 created', r.error == 0 and r.msgs, r):
        return None
    pid = r.msgs[0].get('port-id')
    r = g.request(CMD['port-new'], attrs(switch_name=SW, port_name='pbval',
                                         port_validation=True))
    t.ok('setup: validation port pbval created', r.error == 0, r)
    return pid


def snapshot(g):
    """What the tests may not change: the switches and the ports of SW."""
    sws = g.request(CMD['switch-get'], dump=True)
    ports = g.request(CMD['port-get'], attrs(switch_name=SW), dump=True)
    strip = ('port-refcnt', 'nic-refcnt', '_cmd')
    return (sorted((m.get('switch-name'), m.get('switch-ports'))
                   for m in sws.msgs),
            sorted(tuple(sorted((k, v) for k, v in m.items()
                                if k not in strip)) for m in ports.msgs))


def test_missing(t, g, pid):
    sw = attrs(switch_name=SW)
    port = sw + attrs(port_id=pid)
    E = -errno.EINVAL
    check_err(t, g, 'switch-new: no attributes', 'switch-new', b'', E)
    check_err(t, g, 'switch-new: type but no name', 'switch-new',
              attrs(switch_type=0), E)
    check_err(t, g, 'switch-del: no switch', 'switch-del', b'', E)
    check_err(t, g, 'switch-get: no switch', 'switch-get', b'', E)
    check_err(t, g, 'switch-set: no attributes', 'switch-set', b'', E)
    check_err(t, g, 'switch-set: no type', 'switch-set', sw, E)
    check_err(t, g, 'switch-set: type but no switch', 'switch-set',
              attrs(switch_type=0), E)
    check_err(t, g, 'port-new: no attributes', 'port-new', b'', E)
    check_err(t, g, 'port-new: no port name', 'port-new', sw, E)
    check_err(t, g, 'port-new: no switch', 'port-new',
              attrs(port_name='pbx'), E)
    check_err(t, g, 'port-del: no attributes', 'port-del', b'', E)
    check_err(t, g, 'port-del: no port', 'port-del', sw, E)
    check_err(t, g, 'port-get: no attributes', 'port-get', b'', E)
    check_err(t, g, 'port-get: no port', 'port-get', sw, E)
    check_err(t, g, 'port-get: port but no switch', 'port-get',
              attrs(port_id=pid), E)
    check_err(t, g, 'port-get dump: no switch', 'port-get', b'', E,
              dump=True)
    check_err(t, g, 'port-set: no attributes', 'port-set', b'', E)
    check_err(t, g, 'port-set: nothing to change', 'port-set', port, E)
    check_err(t, g, 'port-set: no port', 'port-set',
              sw + attrs(port_friendly_name='x'), E)
    check_err(t, g, 'nic-new: no attributes', 'nic-new', b'', E)
    check_err(t, g, 'nic-new: no netdev', 'nic-new', port, E)
    check_err(t, g, 'nic-new: no port', 'nic-new',
              sw + attrs(nic_ifname=VETH), E)
    for cmd in ('nic-connect', 'nic-disconnect', 'nic-del', 'nic-get'):
        check_err(t, g, '%s: no attributes' % cmd, cmd, b'', E)
        check_err(t, g, '%s: no port' % cmd, cmd, sw, E)
    check_err(t, g, 'nic-get dump: no switch', 'nic-get', b'', E, dump=True)
    r = g.request(CMD['port-new'], sw)
    t.ok('port-new: missing name is reported as miss-type port-name',
         r.extack.get('miss-type') == A['port-name'] or
         'name' in r.extack.get('msg', '').lower(), r)


def test_duplicates(t, g, pid):
    # nla_parse keeps the last of duplicate attributes: the result must be
    # what the last one says, and only that.
    r = g.request(CMD['port-new'], attrs(switch_name=SW) +
                  a_str('port-name', 'pbdupA') + a_str('port-name', 'pbdupB'))
    if r.error:
        t.ok('dup port-name: rejected with an extack', r.ext, r)
    else:
        t.ok('dup port-name: the last one names the port',
             r.msgs and r.msgs[0].get('port-name') == 'pbdupB', r)
        a = g.request(CMD['port-get'], attrs(switch_name=SW, port_name='pbdupA'))
        b = g.request(CMD['port-get'], attrs(switch_name=SW, port_name='pbdupB'))
        t.ok('dup port-name: only the last name exists',
             a.error == -errno.ENOENT and b.error == 0, '%s\n%s' % (a, b))
        d = g.request(CMD['port-del'], attrs(switch_name=SW, port_name='pbdupB'))
        t.ok('dup port-name: the port deletes', d.error == 0, d)
    r = g.request(CMD['switch-get'], a_str('switch-name', 'xvsb-nosuch') +
                  a_str('switch-name', SW))
    t.ok('dup switch-name: last wins (existing switch found)',
         r.error == 0 and r.msgs and r.msgs[0].get('switch-name') == SW, r)
    r = g.request(CMD['switch-get'], a_str('switch-name', SW) +
                  a_str('switch-name', 'xvsb-nosuch'))
    t.ok('dup switch-name: last wins (unknown switch: ENOENT)',
         r.error == -errno.ENOENT and r.ext, r)
    r = g.request(CMD['port-set'], attrs(switch_name=SW, port_id=pid) +
                  a_str('port-friendly-name', 'first') +
                  a_str('port-friendly-name', 'second'))
    g2 = g.request(CMD['port-get'], attrs(switch_name=SW, port_id=pid))
    t.ok('dup friendly-name: reply and port-get both say the last',
         r.error == 0 and r.msgs and
         r.msgs[0].get('port-friendly-name') == 'second' and
         g2.msgs and g2.msgs[0].get('port-friendly-name') == 'second',
         '%s\n%s' % (r, g2))
    r = g.request(CMD['port-get'], attrs(switch_name=SW) +
                  a_u32('port-id', 4242) + a_u32('port-id', pid))
    t.ok('dup port-id: last wins (existing port found)',
         r.error == 0 and r.msgs and r.msgs[0].get('port-id') == pid, r)


def test_strings(t, g, pid):
    sw = attrs(switch_name=SW)
    # Longest names that are valid, then one byte more.
    n15 = 'xvsb' + 'x' * 11
    r = g.request(CMD['switch-new'], attrs(switch_name=n15))
    t.ok('switch-new: 15-byte name accepted', r.error == 0, r)
    if r.error == 0:
        g.request(CMD['switch-del'], attrs(switch_name=n15))
    check_err(t, g, 'switch-new: 16-byte name rejected', 'switch-new',
              attrs(switch_name=n15 + 'y'), POLICY_ERRNOS)
    check_err(t, g, 'switch-new: 200-byte name rejected', 'switch-new',
              attrs(switch_name='s' * 200), POLICY_ERRNOS)
    check_err(t, g, 'switch-new: empty name rejected', 'switch-new',
              attrs(switch_name=''), -errno.EINVAL)
    check_err(t, g, 'switch-new: name without NUL rejected', 'switch-new',
              a_str('switch-name', 'xvsbnonul', nul=False), POLICY_ERRNOS)
    check_err(t, g, 'switch-get: name without NUL rejected', 'switch-get',
              a_str('switch-name', SW, nul=False), POLICY_ERRNOS)
    check_err(t, g, 'switch-new: 16-byte uplink rejected', 'switch-new',
              attrs(switch_name='xvsb1', switch_type=C['XVS_SWITCH_EXTERNAL'],
                    switch_uplink='u' * 16), POLICY_ERRNOS)
    n63 = 'p' * 63
    r = g.request(CMD['port-new'], sw + attrs(port_name=n63))
    t.ok('port-new: 63-byte name accepted', r.error == 0 and r.msgs and
         r.msgs[0].get('port-name') == n63, r)
    if r.error == 0:
        g.request(CMD['port-del'], sw + attrs(port_name=n63))
    check_err(t, g, 'port-new: 64-byte name rejected', 'port-new',
              sw + attrs(port_name=n63 + 'q'), POLICY_ERRNOS)
    check_err(t, g, 'port-new: empty name rejected', 'port-new',
              sw + attrs(port_name=''), -errno.EINVAL)
    check_err(t, g, 'port-get: 64-byte name rejected', 'port-get',
              sw + attrs(port_name=n63 + 'q'), POLICY_ERRNOS)
    f255 = 'f' * 255
    r = g.request(CMD['port-set'], sw + attrs(port_id=pid,
                                              port_friendly_name=f255))
    t.ok('port-set: 255-byte friendly name accepted', r.error == 0 and
         r.msgs and r.msgs[0].get('port-friendly-name') == f255, r)
    check_err(t, g, 'port-set: 256-byte friendly name rejected', 'port-set',
              sw + attrs(port_id=pid, port_friendly_name=f255 + 'g'),
              POLICY_ERRNOS)
    check_err(t, g, 'port-new: 256-byte friendly name rejected', 'port-new',
              sw + attrs(port_name='pbf', port_friendly_name=f255 + 'g'),
              POLICY_ERRNOS)
    check_err(t, g, 'nic-new: 16-byte ifname rejected', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname='n' * 16), POLICY_ERRNOS)
    r = g.request(CMD['port-set'], sw + attrs(port_id=pid,
                                              port_friendly_name=''))
    t.ok('port-set: empty friendly name accepted', r.error == 0, r)


def test_int_sizes(t, g, pid):
    sw = attrs(switch_name=SW)
    E = POLICY_ERRNOS
    for size in (1, 2, 8):
        pl = b'\x01' * size
        check_err(t, g, 'switch-get: %d-byte switch-ifindex' % size,
                  'switch-get', nla(A['switch-ifindex'], pl), E)
        check_err(t, g, 'port-get: %d-byte port-id' % size, 'port-get',
                  sw + nla(A['port-id'], pl), E)
    check_err(t, g, 'switch-new: 1-byte switch-type', 'switch-new',
              attrs(switch_name='xvsb1') + nla(A['switch-type'], b'\0'), E)
    check_err(t, g, 'port-new: 8-byte port-type', 'port-new',
              sw + attrs(port_name='pbt') + nla(A['port-type'], b'\0' * 8), E)
    check_err(t, g, 'nic-connect: 8-byte nic-index', 'nic-connect',
              sw + attrs(port_id=pid) + nla(A['nic-index'], b'\0' * 8), E)
    check_err(t, g, 'nic-new: 2-byte nic-ifindex', 'nic-new',
              sw + attrs(port_id=pid) + nla(A['nic-ifindex'], b'\1\0'), E)
    check_err(t, g, 'port-new: flag with a payload', 'port-new',
              sw + attrs(port_name='pbflag') +
              nla(A['port-validation'], b'\1\0\0\0'), E)
    check_err(t, g, 'switch-new: switch-type out of range', 'switch-new',
              attrs(switch_name='xvsb1', switch_type=99), E)
    check_err(t, g, 'port-new: port-type out of range', 'port-new',
              sw + attrs(port_name='pbt', port_type=99), E)
    check_err(t, g, 'switch-new: external without uplink', 'switch-new',
              attrs(switch_name='xvsb1',
                    switch_type=C['XVS_SWITCH_EXTERNAL']), -errno.EINVAL)


def test_unknown_attrs(t, g, pid):
    sw = attrs(switch_name=SW)
    E = -errno.EINVAL
    amax = C['XVS_A_MAX']
    for ty in (amax + 1, amax + 50, NLA_TYPE_MASK):
        check_err(t, g, 'switch-get: unknown attribute type %d' % ty,
                  'switch-get', sw + nla(ty, b'\0' * 4), E)
    check_err(t, g, 'port-new: unknown attribute type %d' % (amax + 1),
              'port-new', sw + attrs(port_name='pbu') + nla(amax + 1, b''), E)
    check_err(t, g, 'switch-get: attribute type 0 (unspec)', 'switch-get',
              sw + nla(0, b'\0' * 4), E)
    check_err(t, g, 'switch-get: pad attribute in a request', 'switch-get',
              sw + nla(A['pad'], b'\0' * 4), E)
    check_err(t, g, 'switch-get: NLA_F_NESTED on a u32', 'switch-get',
              nla(A['switch-ifindex'] | NLA_F_NESTED, struct.pack('I', 1)), E)
    check_err(t, g, 'switch-get dump: unknown attribute type', 'switch-get',
              nla(amax + 1, b'\0' * 4), E, dump=True)
    check_err(t, g, 'port-get dump: unknown attribute type', 'port-get',
              sw + nla(amax + 1, b'\0' * 4), E, dump=True)
    # Malformed attribute streams.
    check_err(t, g, 'switch-get: attribute shorter than its header',
              'switch-get', sw + struct.pack('HH', 3, A['switch-ifindex']), E)
    check_err(t, g, 'switch-get: attribute longer than the message',
              'switch-get', sw + nla(A['switch-ifindex'], b'\1\0\0\0',
                                     nla_len=64), E)
    check_err(t, g, 'switch-get: trailing garbage', 'switch-get',
              sw + b'\xff\xff', E)
    # The genetlink header: reserved bits and flags are validated for
    # families that validate their header (resv_start_op).
    check_err(t, g, 'switch-get: genlmsghdr.reserved != 0', 'switch-get',
              sw, E, reserved=1)
    check_err(t, g, 'switch-get: reserved nlmsg_flags bit', 'switch-get',
              sw, E, flags=NLM_F_REPLACE)


def test_unknown_objects(t, g, pid):
    sw = attrs(switch_name=SW)
    NOENT = -errno.ENOENT
    check_err(t, g, 'switch-get: unknown name', 'switch-get',
              attrs(switch_name='xvsb-nosuch'), NOENT)
    check_err(t, g, 'switch-get: unknown ifindex', 'switch-get',
              attrs(switch_ifindex=0x7ffffff0), NOENT)
    check_err(t, g, 'switch-get: ifindex of a netdev that is no switch',
              'switch-get', attrs(switch_ifindex=1), NOENT)
    check_err(t, g, 'switch-get: name of a netdev that is no switch',
              'switch-get', attrs(switch_name='lo'), NOENT)
    check_err(t, g, 'switch-get: ifindex 0', 'switch-get',
              attrs(switch_ifindex=0), POLICY_ERRNOS)
    check_err(t, g, 'switch-del: unknown switch', 'switch-del',
              attrs(switch_name='xvsb-nosuch'), NOENT)
    check_err(t, g, 'switch-set: unknown switch', 'switch-set',
              attrs(switch_name='xvsb-nosuch', switch_type=0), NOENT)
    check_err(t, g, 'port-new: unknown switch', 'port-new',
              attrs(switch_name='xvsb-nosuch', port_name='pbx'), NOENT)
    check_err(t, g, 'port-get dump: unknown switch', 'port-get',
              attrs(switch_name='xvsb-nosuch'), NOENT, dump=True)
    check_err(t, g, 'nic-get dump: unknown switch', 'nic-get',
              attrs(switch_name='xvsb-nosuch'), NOENT, dump=True)
    for cmd in ('port-get', 'port-del', 'nic-connect', 'nic-disconnect',
                'nic-del', 'nic-get'):
        check_err(t, g, '%s: unknown port id' % cmd, cmd,
                  sw + attrs(port_id=4242), NOENT)
    check_err(t, g, 'port-get: unknown port name', 'port-get',
              sw + attrs(port_name='pb-nosuch'), NOENT)
    check_err(t, g, 'port-set: unknown port id', 'port-set',
              sw + attrs(port_id=4242, port_friendly_name='x'), NOENT)
    check_err(t, g, 'nic-new: unknown port id', 'nic-new',
              sw + attrs(port_id=4242, nic_ifname=VETH), NOENT)
    check_err(t, g, 'port-get: port id and name of different ports',
              'port-get', sw + attrs(port_id=pid, port_name='pbval'))
    # Port id 0 is the reserved default port id.
    for cmd in ('port-get', 'port-del', 'nic-connect'):
        check_err(t, g, '%s: port id 0' % cmd, cmd, sw + attrs(port_id=0),
                  POLICY_ERRNOS)
    check_err(t, g, 'port-new: port id 0', 'port-new',
              sw + attrs(port_name='pbzero', port_id=0), POLICY_ERRNOS)
    check_err(t, g, 'port-set: port id 0', 'port-set',
              sw + attrs(port_id=0, port_friendly_name='x'), POLICY_ERRNOS)
    # NIC indexes 1..32 are reserved (teamed uplink members).
    NOTSUP = -errno.EOPNOTSUPP
    for cmd in ('nic-connect', 'nic-disconnect', 'nic-del'):
        check_err(t, g, '%s: NIC index 5' % cmd, cmd,
                  sw + attrs(port_id=pid, nic_index=5), NOTSUP)
    check_err(t, g, 'nic-new: NIC index 5', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname=VETH, nic_index=5), NOTSUP)
    check_err(t, g, 'nic-new: NIC index 32', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname=VETH, nic_index=32), NOTSUP)
    check_err(t, g, 'nic-new: NIC index 33', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname=VETH, nic_index=33))
    # NIC commands on a port without a NIC, and bad netdevs.
    ENODEV = -errno.ENODEV
    for cmd in ('nic-connect', 'nic-disconnect', 'nic-del', 'nic-get'):
        check_err(t, g, '%s: port has no NIC' % cmd, cmd,
                  sw + attrs(port_id=pid), ENODEV)
    check_err(t, g, 'nic-new: unknown netdev name', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname='xvsb-nosuch'), NOENT)
    check_err(t, g, 'nic-new: unknown netdev ifindex', 'nic-new',
              sw + attrs(port_id=pid, nic_ifindex=0x7ffffff0), NOENT)
    check_err(t, g, 'nic-new: the switch itself', 'nic-new',
              sw + attrs(port_id=pid, nic_ifname=SW))
    check_err(t, g, 'nic-new: on a validation port', 'nic-new',
              sw + attrs(port_name='pbval', nic_ifname=VETH),
              -errno.EOPNOTSUPP)
    check_err(t, g, 'port-new: port name already used', 'port-new',
              sw + attrs(port_name='pb1'), -errno.EEXIST)
    check_err(t, g, 'port-new: port id already used', 'port-new',
              sw + attrs(port_name='pbnew', port_id=pid), -errno.EEXIST)
    check_err(t, g, 'switch-new: name already used', 'switch-new',
              attrs(switch_name=SW), -errno.EEXIST)


def test_commands(t, g):
    sw = attrs(switch_name=SW)
    # Unknown commands are refused by the genetlink core (EOPNOTSUPP),
    # before the family sees them: the core sets no extack for them.
    cmax = C['XVS_CMD_MAX']
    for cmd, what in ((0, 'unspec'), (CMD['event'], 'event'),
                      (cmax + 1, 'max+1'), (200, '200')):
        r = g.request(cmd, sw)
        t.ok('command %d (%s): EOPNOTSUPP' % (cmd, what),
             r.error == -errno.EOPNOTSUPP, r)
        if r.error and not r.ext:
            t.note('command %d: no extack (the genetlink core sets none '
                   'for unknown commands)' % cmd)
    for cmd in ('switch-new', 'switch-del', 'switch-set', 'port-new',
                'port-del', 'port-set', 'nic-new', 'nic-connect',
                'nic-disconnect', 'nic-del', 'ext-enable', 'ext-disable',
                'ext-order', 'prop-add', 'prop-set', 'prop-del'):
        r = g.request(CMD[cmd], sw, dump=True)
        t.ok('%s: dump not supported (EOPNOTSUPP)' % cmd,
             r.error == -errno.EOPNOTSUPP, r)
    for cmd in ('ext-get', 'prop-get'):
        r = g.request(CMD[cmd], sw)
        t.ok('%s: only a dump (do: EOPNOTSUPP)' % cmd,
             r.error == -errno.EOPNOTSUPP, r)
    r = g.request(CMD['switch-get'], b'', nlmsg_len=18)
    t.ok('truncated genetlink header: EINVAL', r.error == -errno.EINVAL, r)

# ---- extensions and custom properties ------------------------------------------

def a_order(*names, flag=NLA_F_NESTED, raw=b''):
    """An ext-order nest of ext-name attributes (raw: more inside)."""
    return nla(A['ext-order'] | flag,
               b''.join(a_str('ext-name', n) for n in names) + raw)


def test_ext(t, g, pid):
    sw = attrs(switch_name=SW)
    E, NOENT = -errno.EINVAL, -errno.ENOENT
    # Missing attributes: each named in the extack.
    for cmd in ('ext-enable', 'ext-disable'):
        r = check_err(t, g, '%s: no attributes' % cmd, cmd, b'', E)
        t.ok('%s: missing ext-name is reported as miss-type' % cmd,
             r.extack.get('miss-type') == A['ext-name'], r)
        check_err(t, g, '%s: no extension name' % cmd, cmd, sw, E)
        check_err(t, g, '%s: no switch' % cmd, cmd,
                  attrs(ext_name='xvsb-nosuch'), E)
        check_err(t, g, '%s: unknown extension' % cmd, cmd,
                  sw + attrs(ext_name='xvsb-nosuch'), NOENT)
        check_err(t, g, '%s: unknown switch' % cmd, cmd,
                  attrs(switch_name='xvsb-nosuch', ext_name='xvsb-nosuch'),
                  NOENT)
        check_err(t, g, '%s: 32-byte extension name' % cmd, cmd,
                  sw + attrs(ext_name='e' * 32), POLICY_ERRNOS)
        check_err(t, g, '%s: 31-byte extension name is looked up' % cmd, cmd,
                  sw + attrs(ext_name='e' * 31), NOENT)
        check_err(t, g, '%s: empty extension name' % cmd, cmd,
                  sw + attrs(ext_name=''), NOENT)
        check_err(t, g, '%s: extension name without NUL' % cmd, cmd,
                  sw + a_str('ext-name', 'xvs_null', nul=False),
                  POLICY_ERRNOS)
        check_err(t, g, '%s: extension name as a u32' % cmd, cmd,
                  sw + a_u32('ext-name', 0x41414141), POLICY_ERRNOS)
    r = check_err(t, g, 'ext-order: no order', 'ext-order', sw, E)
    t.ok('ext-order: missing ext-order is reported as miss-type',
         r.extack.get('miss-type') == A['ext-order'], r)
    check_err(t, g, 'ext-order: no switch', 'ext-order',
              a_order('xvsb-nosuch'), E)
    check_err(t, g, 'ext-order: unknown switch', 'ext-order',
              attrs(switch_name='xvsb-nosuch') + a_order('xvsb-nosuch'), NOENT)
    check_err(t, g, 'ext-order: empty nest', 'ext-order', sw + a_order(), E)
    check_err(t, g, 'ext-order: extension not enabled', 'ext-order',
              sw + a_order('xvsb-nosuch'), NOENT)
    check_err(t, g, 'ext-order: a name given twice', 'ext-order',
              sw + a_order('xvsb-a', 'xvsb-a'), E)
    check_err(t, g, 'ext-order: 9 names (most enabled is %d)' %
              C['XVS_EXT_MAX_ENABLED'], 'ext-order',
              sw + a_order(*['xvsb%d' % i for i in range(9)]), -errno.E2BIG)
    check_err(t, g, 'ext-order: 32-byte name in the nest', 'ext-order',
              sw + a_order('e' * 32), POLICY_ERRNOS)
    check_err(t, g, 'ext-order: name without NUL in the nest', 'ext-order',
              sw + a_order(raw=a_str('ext-name', 'xvsb', nul=False)),
              POLICY_ERRNOS)
    check_err(t, g, 'ext-order: switch-name inside the nest', 'ext-order',
              sw + a_order('xvsb-a', raw=a_str('switch-name', SW)), E)
    check_err(t, g, 'ext-order: unknown attribute inside the nest',
              'ext-order', sw + a_order(raw=nla(C['XVS_A_MAX'] + 1, b'')), E)
    check_err(t, g, 'ext-order: nest without NLA_F_NESTED', 'ext-order',
              sw + a_order('xvsb-a', flag=0), E)
    check_err(t, g, 'ext-order: a string, not a nest', 'ext-order',
              sw + nla(A['ext-order'] | NLA_F_NESTED, b'abc\0'), E)
    check_err(t, g, 'ext-get dump: unknown switch', 'ext-get',
              attrs(switch_name='xvsb-nosuch'), NOENT, dump=True)
    check_err(t, g, 'ext-get dump: 32-byte extension name', 'ext-get',
              attrs(ext_name='e' * 32), POLICY_ERRNOS, dump=True)
    r = g.request(CMD['ext-get'], dump=True)
    t.ok('ext-get dump: works without a switch (%d extensions)' %
         len(r.msgs), r.error == 0 and
         all('ext-name' in m and 'ext-type' in m and 'ext-switches' in m
             for m in r.msgs), r)
    r = g.request(CMD['ext-get'], sw, dump=True)
    t.ok('ext-get dump: works with a switch, nothing enabled',
         r.error == 0 and all(m.get('switch-name') == SW and
                              'ext-enabled' not in m for m in r.msgs), r)


def test_prop(t, g, pid):
    sw = attrs(switch_name=SW)
    port = sw + attrs(port_id=pid)
    E, NOENT = -errno.EINVAL, -errno.ENOENT
    prop = attrs(ext_name='xvsb-nosuch', prop_id=1)
    for cmd in ('prop-add', 'prop-set', 'prop-del'):
        # prop-set and prop-del need a version, prop-del takes no value.
        val = {'prop-add': attrs(prop_data=b'x'),
               'prop-set': attrs(prop_data=b'x', prop_version=0x10000),
               'prop-del': attrs(prop_version=0x10000)}[cmd]
        r = check_err(t, g, '%s: no attributes' % cmd, cmd, b'', E)
        t.ok('%s: missing ext-name is reported as miss-type' % cmd,
             r.extack.get('miss-type') == A['ext-name'], r)
        r = check_err(t, g, '%s: no property id' % cmd, cmd,
                      port + attrs(ext_name='xvsb-nosuch'), E)
        t.ok('%s: missing prop-id is reported as miss-type' % cmd,
             r.extack.get('miss-type') == A['prop-id'], r)
        check_err(t, g, '%s: no switch' % cmd, cmd,
                  attrs(port_id=pid) + prop + val, E)
        check_err(t, g, '%s: 32-byte owner name' % cmd, cmd,
                  port + attrs(ext_name='e' * 32, prop_id=1), POLICY_ERRNOS)
        check_err(t, g, '%s: 2-byte property id' % cmd, cmd,
                  port + attrs(ext_name='xvsb-nosuch') +
                  nla(A['prop-id'], b'\1\0'), POLICY_ERRNOS)
        check_err(t, g, '%s: 8-byte property instance' % cmd, cmd,
                  port + prop + nla(A['prop-instance'], b'\0' * 8),
                  POLICY_ERRNOS)
        check_err(t, g, '%s: unknown port' % cmd, cmd,
                  sw + attrs(port_id=4242) + prop + val, NOENT)
        check_err(t, g, '%s: port id 0' % cmd, cmd,
                  sw + attrs(port_id=0) + prop + val, POLICY_ERRNOS)
        check_err(t, g, '%s: unknown switch' % cmd, cmd,
                  attrs(switch_name='xvsb-nosuch') + prop + val, NOENT)
    big = C['XVS_PROP_DATA_MAX']
    for cmd in ('prop-add', 'prop-set'):
        check_err(t, g, '%s: %d-byte value' % (cmd, big + 1), cmd,
                  port + prop + attrs(prop_data=b'v' * (big + 1)),
                  POLICY_ERRNOS)
        check_err(t, g, '%s: 64 KB value' % cmd, cmd,
                  port + prop + attrs(prop_data=b'v' * 65000),
                  POLICY_ERRNOS)
        check_err(t, g, '%s: 3-byte version' % cmd, cmd,
                  port + prop + nla(A['prop-version'], b'\1\0\0'),
                  POLICY_ERRNOS)
    check_err(t, g, 'prop-add: unknown extension (%d-byte value)' % big,
              'prop-add', port + prop + attrs(prop_data=b'v' * big), NOENT)
    check_err(t, g, 'prop-add: unknown extension, on the switch',
              'prop-add', sw + prop, NOENT)
    check_err(t, g, 'prop-set: no such property', 'prop-set',
              port + prop + attrs(prop_version=0x10000), NOENT)
    check_err(t, g, 'prop-set: no such property on the switch', 'prop-set',
              sw + prop + attrs(prop_data=b'', prop_version=0x10000), NOENT)
    r = check_err(t, g, 'prop-set: no version', 'prop-set',
                  port + prop + attrs(prop_data=b'x'), E)
    t.ok('prop-set: missing prop-version is reported as miss-type',
         r.extack.get('miss-type') == A['prop-version'], r)
    check_err(t, g, 'prop-set: required', 'prop-set',
              port + prop + attrs(prop_version=0x10000) +
              nla(A['prop-required'], b''), E)
    check_err(t, g, 'prop-del: no such property', 'prop-del',
              port + prop + attrs(prop_version=0x10000), NOENT)
    check_err(t, g, 'prop-del: no such property on the switch', 'prop-del',
              sw + prop + attrs(prop_version=0x10000), NOENT)
    check_err(t, g, 'prop-del: with a value', 'prop-del',
              port + prop + attrs(prop_data=b'x', prop_version=0x10000), E)
    r = check_err(t, g, 'prop-del: without a version', 'prop-del',
                  port + prop, E)
    t.ok('prop-del: missing prop-version is reported as miss-type',
         r.extack.get('miss-type') == A['prop-version'], r)
    check_err(t, g, 'prop-get dump: no switch', 'prop-get', b'', E,
              dump=True)
    check_err(t, g, 'prop-get dump: unknown switch', 'prop-get',
              attrs(switch_name='xvsb-nosuch'), NOENT, dump=True)
    check_err(t, g, 'prop-get dump: unknown port', 'prop-get',
              sw + attrs(port_id=4242), NOENT, dump=True)
    check_err(t, g, 'prop-get dump: oversized value in the request',
              'prop-get', sw + attrs(prop_data=b'v' * (big + 1)),
              POLICY_ERRNOS, dump=True)
    for target, what in ((port, 'port'), (sw, 'switch')):
        r = g.request(CMD['prop-get'], target, dump=True)
        t.ok('prop-get dump: the %s has no properties' % what,
             r.error == 0 and not r.msgs, r)


def ext_ko(name):
    """The path of an extension module, or None."""
    d = os.environ.get('XVS_KO_DIR') or os.path.join(TOP, 'kmod')
    for p in (os.path.join(d, 'ext', name + '.ko'),
              os.path.join(d, name + '.ko')):
        if os.path.exists(p):
            return p
    return None


def test_ext_null(t, g, pid):
    """With the no-op filter xvs_null: the errors that need an installed
    extension, then everything undone."""
    loaded = False
    if not os.path.isdir('/sys/module/xvs_null'):
        ko = ext_ko('xvs_null')
        if not ko:
            t.skip('extension errors with xvs_null', 'xvs_null.ko not built')
            return
        out = subprocess.run(['insmod', ko], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        if not t.ok('xvs_null loads', out.returncode == 0, out.stdout):
            return
        loaded = True
    sw = attrs(switch_name=SW)
    port = sw + attrs(port_id=pid)
    null = attrs(ext_name='xvs_null')
    try:
        r = g.request(CMD['ext-enable'], sw + null)
        t.ok('ext-enable xvs_null', r.error == 0, r)
        check_err(t, g, 'ext-enable: already enabled', 'ext-enable',
                  sw + null, -errno.EALREADY)
        r = g.request(CMD['ext-get'], sw, dump=True)
        m = [m for m in r.msgs if m.get('ext-name') == 'xvs_null']
        t.ok('ext-get dump: xvs_null enabled, at a position, with counters',
             r.error == 0 and m and m[0].get('ext-enabled') and
             'ext-position' in m[0] and 'ext-stats' in m[0], r)
        check_err(t, g, 'ext-order: xvs_null and an unknown one', 'ext-order',
                  sw + a_order('xvs_null', 'xvsb-nosuch'), -errno.ENOENT)
        r = g.request(CMD['ext-order'], sw + a_order('xvs_null'))
        t.ok('ext-order: xvs_null alone', r.error == 0, r)
        pa = port + null + attrs(prop_id=7, prop_instance=1)
        r = g.request(CMD['prop-add'], pa + attrs(prop_data=b'\0\1'))
        t.ok('prop-add: xvs_null owns a property', r.error == 0, r)
        check_err(t, g, 'prop-add: the same property again', 'prop-add', pa,
                  -errno.EEXIST)
        check_err(t, g, 'prop-set: another major', 'prop-set',
                  pa + attrs(prop_version=0x20001), -errno.ESTALE)
        r = g.request(CMD['prop-set'], pa + attrs(prop_version=0x10001))
        t.ok('prop-set: new minor, value kept', r.error == 0, r)
        r = g.request(CMD['prop-get'], port, dump=True)
        t.ok('prop-get dump: the property, version 1.1, value kept',
             r.error == 0 and len(r.msgs) == 1 and
             r.msgs[0].get('ext-name') == 'xvs_null' and
             r.msgs[0].get('prop-id') == 7 and
             r.msgs[0].get('prop-instance') == 1 and
             r.msgs[0].get('prop-version') == 0x10001 and
             r.msgs[0].get('prop-data') == b'\0\1', r)
        check_err(t, g, 'prop-set: a lower minor', 'prop-set',
                  pa + attrs(prop_version=0x10000), -errno.ESTALE)
        check_err(t, g, 'prop-del: wrong instance', 'prop-del',
                  port + null + attrs(prop_id=7, prop_version=0x10001),
                  -errno.ENOENT)
        check_err(t, g, 'prop-del: wrong version', 'prop-del',
                  pa + attrs(prop_version=0x10000), -errno.ESTALE)
        r = g.request(CMD['prop-del'], pa + attrs(prop_version=0x10001))
        t.ok('prop-del: the property', r.error == 0, r)
        r = g.request(CMD['ext-disable'], sw + null)
        t.ok('ext-disable xvs_null', r.error == 0, r)
        check_err(t, g, 'ext-disable: not enabled', 'ext-disable',
                  sw + null, -errno.ENOENT)
    finally:
        g.request(CMD['ext-disable'], sw + null)
        if loaded:
            subprocess.run(['rmmod', 'xvs_null'])


def main():
    g = xvs_load()
    t = Ksft()
    pid = None
    try:
        pid = setup(g, t)
        if pid is None:
            t.exit()
        before = snapshot(g)
        test_missing(t, g, pid)
        test_duplicates(t, g, pid)
        test_strings(t, g, pid)
        test_int_sizes(t, g, pid)
        test_unknown_attrs(t, g, pid)
        test_unknown_objects(t, g, pid)
        test_commands(t, g)
        test_ext(t, g, pid)
        test_prop(t, g, pid)
        test_ext_null(t, g, pid)
        # port-set above changed the friendly name on purpose: put it back.
        g.request(CMD['port-set'], attrs(switch_name=SW, port_id=pid,
                                         port_friendly_name=''))
        after = snapshot(g)
        t.ok('bad input changed nothing (switches, ports, states)',
             before == after, 'before: %s\nafter:  %s' % (before, after))
        r = g.request(CMD['switch-get'], attrs(switch_name='xvsb1'))
        t.ok('no switch was created by a rejected switch-new',
             r.error == -errno.ENOENT, r)
        r = g.request(CMD['switch-del'], attrs(switch_name=SW))
        t.ok('switch deletes after the bad input', r.error == 0, r)
    finally:
        del_links(SW, VETH)
        g.close()
    t.exit()


if __name__ == '__main__':
    main()
