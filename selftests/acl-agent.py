#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# acl-agent: dp-agent.py (lib.sh's JSON helper plus test frames and counter
# deltas: save, delta, sums, ...) plus what xvs_acl.sh needs, in the same
# one python3 process, started as lib.sh's helper coprocess:
#
#   coproc XVS_HELPER { exec python3 -S -u selftests/acl-agent.py; }
#
# More commands:
#
#   ilisten IF...         count the frames carrying this agent's mark that
#                         each IF receives from now on (IP or not)
#   isend IF SMAC DMAC SRC DST N
#                         send N frames of 100 bytes from MAC SMAC to DMAC
#                         out of IF: IPv4 (SRC, DST are IPv4 addresses),
#                         IPv6 (IPv6 addresses) or, with SRC and DST "-",
#                         frames of the test ethertype 0x88b5
#   irx IF=N... [SECONDS] each IF received exactly N marked frames since the
#                         last irx: waits up to SECONDS (3) for them, then
#                         0.3 s more for frames that should not come
#   bulk SW PORT N        add N rules to PORT of switch SW over one netlink
#                         socket, 100 requests per send: dir out, action
#                         deny, remote IPv4 172.16.0.0 + i, /32
#   lines PATH LINE...    each LINE is a line of the text file PATH
#   nl CMD KEY=VALUE...   the request CMD (acl-add, fdb-add, ...) with the
#                         attributes KEY=VALUE (as for nlerr; fdb-mac too)
#                         succeeds
#   nsave KEY SW          dp-agent.py's save and delta over the counters of
#   ndelta KEY LEN SPEC SW
#                         the ports of switch SW as a port-get dump gives
#                         them here (no xvsctl process to start)
#   nlerr ERRNO REGEX CMD KEY=VALUE...
#                         the request CMD (acl-add, acl-del, acl-get) with
#                         the attributes KEY=VALUE (switch-name, port-name,
#                         acl-dir, acl-action, acl-local, acl-mac, acl-ipv4,
#                         acl-ipv6, acl-prefix-len, acl-all) fails with
#                         errno ERRNO (EINVAL, ...) and an extack message
#                         that matches REGEX

import errno
import importlib.util
import json
import os
import re
import select
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True    # the tree may be read-only or shared
import xvs_helper  # noqa: E402

# dp-agent.py registers its commands with xvs_helper as it loads.
_spec = importlib.util.spec_from_file_location('dp_agent',
                                               os.path.join(HERE, 'dp-agent.py'))
dp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dp)

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD
MARK = b'xvs-acl-agent'
FRAME_LEN = 100

ilisteners = {}


def frame(smac, dmac, src, dst, i):
    payload = MARK + b' %d' % i
    if src == '-':
        hdr = dp.mac(dmac) + dp.mac(smac) + struct.pack('!H', dp.ETH_P_TEST)
        body = payload
    elif ':' in src:
        hdr = dp.mac(dmac) + dp.mac(smac) + struct.pack('!H', ETH_P_IPV6)
        plen = FRAME_LEN - 14 - 40
        body = struct.pack('!IHBB', 6 << 28, plen, 59, 64) + \
            socket.inet_pton(socket.AF_INET6, src) + \
            socket.inet_pton(socket.AF_INET6, dst) + payload
    else:
        hdr = dp.mac(dmac) + dp.mac(smac) + struct.pack('!H', ETH_P_IP)
        ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, FRAME_LEN - 14, i, 0, 64,
                         253, 0, socket.inet_aton(src), socket.inet_aton(dst))
        body = ip + payload
    f = hdr + body
    return f + bytes(FRAME_LEN - len(f))


@dp.verdict
def cmd_ilisten(*ifs):
    for ifname in ifs:
        if ifname not in ilisteners:
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                              socket.htons(ETH_P_ALL))
            s.setsockopt(dp.SOL_PACKET, dp.PACKET_IGNORE_OUTGOING, 1)
            s.bind((ifname, ETH_P_ALL))
            s.setblocking(False)
            ilisteners[ifname] = s


@dp.verdict
def cmd_isend(ifname, smac, dmac, src, dst, n):
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
        s.bind((ifname, 0))
        for i in range(int(n)):
            s.send(frame(smac, dmac, src, dst, i))


def idrain(s):
    n = 0
    while True:
        try:
            data, addr = s.recvfrom(65536)
        except BlockingIOError:
            return n
        except OSError:
            continue
        if addr[2] != dp.PACKET_OUTGOING and MARK in data:
            n += 1


@dp.verdict
def cmd_irx(*args):
    want, secs = {}, 3.0
    for a in args:
        if '=' in a:
            k, v = a.split('=')
            if k not in ilisteners:
                raise dp.Fail('not listening on %s' % k)
            want[k] = int(v)
        else:
            secs = float(a)
    got = dict.fromkeys(want, 0)
    end = time.monotonic() + secs
    while True:
        for k in want:
            got[k] += idrain(ilisteners[k])
        left = end - time.monotonic()
        if left <= 0 or all(got[k] >= want[k] for k in want):
            break
        select.select([ilisteners[k] for k in want], [], [], min(left, 0.2))
    time.sleep(xvs_helper.GRACE)
    for k in want:
        got[k] += idrain(ilisteners[k])
    text = ' '.join('%s=%d' % kv for kv in got.items())
    if got != want:
        raise dp.Fail('received %s, wanted %s'
                      % (text, ' '.join('%s=%d' % kv for kv in want.items())))
    return text


def acl_attrs(pairs):
    """Attributes from KEY=VALUE words (a flag: KEY alone)."""
    from xvs_badinput import A, a_flag, a_str, a_u32, nla
    out = b''
    for p in pairs:
        k, _, v = p.partition('=')
        if k in ('switch-name', 'port-name'):
            out += a_str(k, v)
        elif k in ('acl-local', 'acl-all'):
            out += a_flag(k)
        elif k in ('acl-mac', 'fdb-mac'):
            out += nla(A[k], dp.mac(v))
        elif k == 'acl-ipv4':
            out += nla(A[k], socket.inet_aton(v))
        elif k == 'acl-ipv6':
            out += nla(A[k], socket.inet_pton(socket.AF_INET6, v))
        elif k == 'acl-prefix-len':
            out += nla(A[k], bytes([int(v)]))
        else:
            out += a_u32(k, int(v))
    return out


@dp.verdict
def cmd_bulk(sw, port, n):
    """Requests go 100 to a send (the kernel takes a send's messages one by
    one, each acked): fewer system calls, far fewer under emulation."""
    from xvs_badinput import (A, CMD, NLM_F_ACK, NLM_F_REQUEST, NLMSG_ERROR,
                              Genl, a_str, a_u32, nla)
    g = Genl('xvs')
    n = int(n)
    base = struct.unpack('!I', socket.inet_aton('172.16.0.0'))[0]
    head = a_str('switch-name', sw) + a_str('port-name', port) + \
        a_u32('acl-dir', 2) + a_u32('acl-action', 1)
    t0 = time.monotonic()
    try:
        for first in range(0, n, 100):
            msgs, seqs = b'', {}
            for i in range(first, min(first + 100, n)):
                g.seq += 1
                body = struct.pack('BBH', CMD['acl-add'], g.version, 0) + \
                    head + nla(A['acl-ipv4'], struct.pack('!I', base + i))
                msgs += struct.pack('IHHII', 16 + len(body), g.family_id,
                                    NLM_F_REQUEST | NLM_F_ACK, g.seq, 0) + body
                seqs[g.seq] = i
            g.sock.send(msgs)
            while seqs:
                data = g.recv()
                off = 0
                while off + 16 <= len(data):
                    ln, ty, _, seq, _ = struct.unpack_from('IHHII', data, off)
                    if ty == NLMSG_ERROR and seq in seqs:
                        err = struct.unpack_from('i', data, off + 16)[0]
                        if err:
                            raise dp.Fail('rule %d: %s' % (seqs[seq],
                                                           os.strerror(-err)))
                        del seqs[seq]
                    off += (ln + 3) & ~3
    finally:
        g.close()
    return '%d rules added in %.2f s' % (n, time.monotonic() - t0)


@dp.verdict
def cmd_lines(path, *want):
    with open(path) as f:
        have = f.read().splitlines()
    missing = [w for w in want if w not in have]
    if missing:
        raise dp.Fail('not in %s: %s; it has:\n%s' % (path, missing,
                                                     '\n'.join(have)))


@dp.verdict
def cmd_nl(cmd, *pairs):
    from xvs_badinput import CMD, Genl
    g = Genl('xvs')
    try:
        r = g.request(CMD[cmd], acl_attrs(pairs))
    finally:
        g.close()
    if r.error:
        raise dp.Fail('%s: %s' % (cmd, r))


def port_stats(sw):
    """The ports of SW as xvsctl -j -s port show lists them: name and
    stats (drops by reason in stats['drops'])."""
    from xvs_badinput import A, CMD, ENUMS, Genl, a_str, parse_attrs
    names = {v: k[len('XVS_STATS_'):].lower()
             for k, v in ENUMS['xvs_stats_attr'] if not k.endswith('MAX')}
    g = Genl('xvs')
    try:
        r = g.request(CMD['port-get'], a_str('switch-name', sw), dump=True)
    finally:
        g.close()
    if r.error:
        raise dp.Fail('port-get dump of %s: %s' % (sw, r))
    ports = []
    for raw in r.raw:
        at = parse_attrs(raw)
        stats, drops = {}, {}
        for ty, vals in parse_attrs(at[A['stats']][0]).items():
            name = names.get(ty, 'pad')
            if name in ('pad', 'unspec'):
                continue
            v = struct.unpack('Q', vals[-1])[0]
            if name.startswith('drop_'):
                drops[name[len('drop_'):]] = v
            else:
                stats[name] = v
        stats['drops'] = drops
        ports.append({'name': at[A['port-name']][0].split(b'\0')[0].decode(),
                      'stats': stats})
    return ports


def with_stats(fn, key, sw, *args):
    """fn (dp-agent.py's save or delta) over the counters of SW's ports."""
    path = '/tmp/acl-agent.%d.ports' % os.getpid()
    try:
        with open(path, 'w') as f:
            json.dump(port_stats(sw), f)
    except Exception as e:
        print('fail: %s: %s' % (type(e).__name__, e))
        return 1
    try:
        return fn(key, *args, path)
    finally:
        os.unlink(path)


def cmd_nsave(key, sw):
    return with_stats(dp.cmd_save, key, sw)


def cmd_ndelta(key, length, spec, sw):
    return with_stats(dp.cmd_delta, key, sw, length, spec)


@dp.verdict
def cmd_nlerr(err, regex, cmd, *pairs):
    from xvs_badinput import CMD, Genl
    g = Genl('xvs')
    try:
        r = g.request(CMD[cmd], acl_attrs(pairs), dump=cmd == 'acl-get')
    finally:
        g.close()
    msg = r.extack.get('msg', '')
    if r.error != -getattr(errno, err) or not re.search(regex, msg):
        raise dp.Fail('wanted %s and a message matching /%s/, got %s'
                      % (err, regex, r))
    return '%s: %s' % (err, msg)


for _name, _fn in list(globals().items()):
    if _name.startswith('cmd_'):
        setattr(xvs_helper, _name, _fn)

if __name__ == '__main__':
    xvs_helper.main()
