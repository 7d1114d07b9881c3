#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Attach or detach many netdevs to an xvs switch over generic netlink, in
# batches: many requests in one sendmsg() (the kernel runs them one after
# the other, in the sender's context), their replies and acks read back
# after each batch. What a management agent that owns hundreds of ports
# does, with no process per port and no round trip per request.
#
#   xvs_batch.py attach SW PREFIX FIRST COUNT [BATCH]
#       PORT_NEW, NIC_NEW, NIC_CONNECT for netdevs PREFIX<FIRST> ..
#       PREFIX<FIRST+COUNT-1>, each the port of the same name
#   xvs_batch.py detach SW PREFIX FIRST COUNT [BATCH]
#       NIC_DISCONNECT, NIC_DEL, PORT_DEL for the same ports
#
# BATCH is how many ports go into one sendmsg() (default 64). The requests
# are built before the clock starts; the time printed ("elapsed_ns N") runs
# from the first sendmsg() to the last ack, so that the seconds a python3
# start costs under emulation are not counted. Exit status 1, with the
# first error, when any request failed.

import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'selftests'))
from xvs_badinput import (CMD, NLM_F_ACK, NLM_F_REQUEST, NLMSG_ERROR,  # noqa: E402
                          Genl, attrs, parse_extack, NLM_F_ACK_TLVS,
                          NLM_F_CAPPED)

SO_RCVBUFFORCE = 33


def message(g, cmd, payload):
    g.seq += 1
    body = struct.pack('BBH', cmd, g.version, 0) + payload
    return g.seq, struct.pack('IHHII', 16 + len(body), g.family_id,
                              NLM_F_REQUEST | NLM_F_ACK, g.seq, 0) + body


def build(g, op, sw, prefix, first, count):
    """One list of (seqs, bytes) per port, in order."""
    if op == 'attach':
        cmds = [('port-new', True), ('nic-new', True), ('nic-connect', False)]
    else:
        cmds = [('nic-disconnect', False), ('nic-del', False),
                ('port-del', False)]
    ports = []
    for i in range(first, first + count):
        name = '%s%d' % (prefix, i)
        seqs, raw = [], b''
        for c, with_dev in cmds:
            kw = {'switch_name': sw, 'port_name': name}
            if with_dev and c == 'nic-new':
                kw['nic_ifname'] = name
            s, m = message(g, CMD[c], attrs(**kw))
            seqs.append(s)
            raw += m
        ports.append((seqs, raw))
    return ports


def drain(g, pending):
    """Read until every seq in @pending is acked; the first error or None."""
    err = None
    while pending:
        data = g.recv()
        off = 0
        while off + 16 <= len(data):
            ln, ty, fl, seq, _ = struct.unpack_from('IHHII', data, off)
            if ln < 16:
                raise RuntimeError('bad netlink message length %d' % ln)
            body = data[off + 16:off + ln]
            off += (ln + 3) & ~3
            if ty != NLMSG_ERROR or seq not in pending:
                continue            # a reply; its ack follows
            pending.discard(seq)
            code = struct.unpack_from('i', body)[0]
            if code and err is None:
                ext = {}
                if fl & NLM_F_ACK_TLVS:
                    skip = 4 + 16 if fl & NLM_F_CAPPED else \
                        4 + struct.unpack_from('I', body, 4)[0]
                    ext = parse_extack(body[(skip + 3) & ~3:])
                err = 'seq %d: %s %s' % (seq, os.strerror(-code),
                                         ext.get('msg', ''))
    return err


def main():
    if len(sys.argv) not in (6, 7) or sys.argv[1] not in ('attach', 'detach'):
        sys.exit('usage: xvs_batch.py attach|detach SW PREFIX FIRST COUNT '
                 '[BATCH]')
    op, sw, prefix = sys.argv[1:4]
    first, count = int(sys.argv[4]), int(sys.argv[5])
    batch = int(sys.argv[6]) if len(sys.argv) == 7 else 64
    g = Genl('xvs')
    # Replies and acks of a whole batch wait in the socket until read.
    g.sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 16 << 20)
    ports = build(g, op, sw, prefix, first, count)
    chunks = []
    for i in range(0, len(ports), batch):
        part = ports[i:i + batch]
        chunks.append(({s for seqs, _ in part for s in seqs},
                       b''.join(raw for _, raw in part)))
    err = None
    t0 = time.monotonic_ns()
    for seqs, raw in chunks:
        g.sock.send(raw)
        err = drain(g, set(seqs)) or err
        if err:
            break
    t1 = time.monotonic_ns()
    g.close()
    if err:
        print('xvs_batch: %s %s: %s' % (op, sw, err), file=sys.stderr)
        sys.exit(1)
    print('elapsed_ns %d' % (t1 - t0))


if __name__ == '__main__':
    main()
