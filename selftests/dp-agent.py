#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# dp-agent: xvs_helper.py (lib.sh's JSON helper: jq, sleep, ...) plus what
# the data path tests need, in the same one python3 process. A test starts
# it as lib.sh's helper coprocess,
#
#   coproc XVS_HELPER { exec python3 -u selftests/dp-agent.py; }
#
# and sends requests with lib.sh's helper / jcheck / jget. More commands:
#
#   save KEY PATH...      remember the counters in PATHs (xvsctl -j -s port
#                         show / switch show output, any mix) as baseline KEY
#   delta KEY LEN SPEC PATH...
#                         the counters in PATHs moved from baseline KEY by
#                         exactly SPEC, every counter SPEC does not name by 0,
#                         and add up (below); the PATHs become baseline KEY.
#                         SPEC: "OBJ:CTR=N,CTR=N OBJ:..." where OBJ is a port
#                         name or @SWITCH, CTR a counter (rx_packets,
#                         forwarded, learn_limit, ...) or a short name (rx tx
#                         rxb txb fwd fl rxd txd cs). LEN > 0: every frame is LEN
#                         bytes (the bytes SPEC does not name are LEN times
#                         the packets); LEN 0: bytes only checked where named
#   sums KEY PATH...      the counters add up, and the ports' add up to their
#                         switch's (one switch, no port deleted); the PATHs
#                         become baseline KEY
#   iplink KEY PATH       PATH (ip -s -j link show SW) shows the counters of
#                         switch SW in baseline KEY
#   sysctl NETNS KEY VAL  write /proc/sys/KEY (net/ipv6/conf/all/...) in
#                         network namespace NETNS
#   listen IF...          count the test frames each IF receives from now on
#   send IF SRC DST N [LEN]
#                         send N test frames (ethertype 0x88b5, LEN bytes,
#                         default 100) from MAC SRC to MAC DST out of IF
#   rx IF=N... [SECONDS]  each IF received exactly N test frames since the
#                         last rx: waits up to SECONDS (3) for them, then
#                         0.3 s more for frames that should not come
#   craft IF KIND SRC DST [N [LEN]]
#                         send N (1) frames of KIND from MAC SRC to MAC DST
#                         out of IF as fast as it can; says "ms=M", the
#                         milliseconds from the first send to the last. KIND:
#                         test (as send, LEN bytes), dhcp4-server (UDP
#                         67 -> 68), dhcp4-client (68 -> 67), dhcp6-server
#                         (UDP 547 -> 546), dhcp6-client (546 -> 547), ra
#                         (ICMPv6 134), ra-hbh (a hop-by-hop options header,
#                         then ICMPv6 134), redirect6 (ICMPv6 137), ns
#                         (ICMPv6 135), redirect4 (ICMP 5)
#   rxcount IF...         after 0.5 s, how many test frames each IF received
#                         since the last rx or rxcount: "IF=N ..."
#   savepatch PATH OFFSET HEX
#                         overwrite the bytes of xvsctl nic save file PATH at
#                         OFFSET with HEX and give it its CRC-32 again: a
#                         file that passes xvsctl's checks with content an
#                         extension must reject
#   nlset SW PORT NAME:TYPE=VALUE...
#                         PORT_SET on port PORT of switch SW with the given
#                         attributes (NAME as in uapi/linux/xvs.h, port-rate;
#                         TYPE u8, u16, u32 or u64) over raw generic netlink:
#                         "ok" or "error ERRNO: EXTACK MESSAGE" (both rc 0)
#
# The counters add up, for each port and switch (Documentation/api.rst):
#   rx_packets = forwarded + flooded + consumed + rx_dropped
#   sum of drops{} = rx_dropped + tx_dropped

import ctypes
import os
import select
import socket
import struct
import sys
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xvs_helper  # noqa: E402

ETH_P_TEST = 0x88B5		# IEEE 802 local experimental ethertype
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23
PACKET_OUTGOING = 4
CLONE_NEWNET = 0x40000000

SHORT = {
	'rx': 'rx_packets', 'tx': 'tx_packets', 'rxb': 'rx_bytes',
	'txb': 'tx_bytes', 'fwd': 'forwarded', 'fl': 'flooded',
	'rxd': 'rx_dropped', 'txd': 'tx_dropped', 'cs': 'consumed',
}

baselines = {}
listeners = {}


class Fail(Exception):
	pass


def verdict(fn):
	"""Print 'ok [TEXT]' or 'fail: WHY'; return 0 or 1."""
	def run(*args):
		try:
			r = fn(*args)
		except Fail as e:
			print('fail: %s' % e)
			return 1
		print(('ok ' + (r or '')).rstrip())
		return 0
	return run


def counters(paths):
	"""{OBJ: {counter: value}} of every port (OBJ: its name) and switch
	(OBJ: @name) in the xvsctl -j -s outputs PATHS."""
	out = {}
	for path in paths:
		j = xvs_helper.load(path)
		for obj in j if isinstance(j, list) else [j]:
			if 'stats' not in obj:
				raise Fail('%s: no stats in %s' % (path, obj))
			# a switch has fdb_learned, a port does not
			key = ('@' if 'fdb_learned' in obj else '') + obj['name']
			flat = {k: v for k, v in obj['stats'].items() if k != 'drops'}
			flat.update(obj['stats']['drops'])
			out[key] = flat
	return out


def identities(cur):
	bad = []
	for obj, c in sorted(cur.items()):
		drops = sum(v for k, v in c.items() if k not in SHORT.values())
		if c['rx_packets'] != (c['forwarded'] + c['flooded'] +
					c.get('consumed', 0) + c['rx_dropped']):
			bad.append('%s: rx_packets %d != forwarded %d + flooded %d + consumed %d + rx_dropped %d'
				   % (obj, c['rx_packets'], c['forwarded'], c['flooded'],
				      c.get('consumed', 0), c['rx_dropped']))
		if drops != c['rx_dropped'] + c['tx_dropped']:
			bad.append('%s: the drops add up to %d, not rx_dropped %d + tx_dropped %d'
				   % (obj, drops, c['rx_dropped'], c['tx_dropped']))
	return bad


def parse_spec(spec):
	want = {}
	for part in spec.split():
		obj, _, ctrs = part.partition(':')
		w = want.setdefault(obj, {})
		for kv in filter(None, ctrs.split(',')):
			k, _, v = kv.partition('=')
			w[SHORT.get(k, k)] = int(v)
	return want


@verdict
def cmd_save(key, *paths):
	baselines[key] = counters(paths)


@verdict
def cmd_delta(key, length, spec, *paths):
	cur = counters(paths)
	old = baselines.get(key)
	if old is None:
		raise Fail('no baseline %s' % key)
	baselines[key] = cur
	want = parse_spec(spec)
	length = int(length)
	bad = identities(cur)
	bad += ['%s: not in the output' % obj for obj in want if obj not in cur]
	for obj, c in sorted(cur.items()):
		w = dict(want.get(obj, {}))
		bad += ['%s: no counter %s' % (obj, k) for k in w if k not in c]
		if length > 0:
			w.setdefault('rx_bytes', length * w.get('rx_packets', 0))
			w.setdefault('tx_bytes', length * w.get('tx_packets', 0))
		o = old.get(obj) or {}		# a new object counts from 0
		for ctr in sorted(c):
			if ctr not in w and ctr in ('rx_bytes', 'tx_bytes') and length <= 0:
				continue
			d = c[ctr] - o.get(ctr, 0)
			if d != w.get(ctr, 0):
				bad.append('%s %s +%d, wanted +%d' % (obj, ctr, d, w.get(ctr, 0)))
	if bad:
		raise Fail('; '.join(bad))


@verdict
def cmd_sums(key, *paths):
	cur = counters(paths)
	baselines[key] = cur
	bad = identities(cur)
	sws = [k for k in cur if k.startswith('@')]
	if len(sws) != 1:
		raise Fail('one switch wanted in the output, got %s' % sws)
	sw = cur[sws[0]]
	for ctr in sorted(sw):
		total = sum(c[ctr] for k, c in cur.items() if not k.startswith('@'))
		if total != sw[ctr]:
			bad.append('the ports\' %s add up to %d, switch %s has %d'
				   % (ctr, total, sws[0], sw[ctr]))
	if bad:
		raise Fail('; '.join(bad))
	return 'rx_packets %d tx_packets %d' % (sw['rx_packets'], sw['tx_packets'])


@verdict
def cmd_iplink(key, path):
	link = xvs_helper.load(path)[0]
	s, x = link['stats64'], baselines[key]['@' + link['ifname']]
	pairs = [(s['rx']['packets'], 'rx_packets'), (s['rx']['bytes'], 'rx_bytes'),
		 (s['tx']['packets'], 'tx_packets'), (s['tx']['bytes'], 'tx_bytes'),
		 (s['rx']['dropped'], 'rx_dropped'), (s['tx']['dropped'], 'tx_dropped'),
		 (s['rx']['multicast'], 'flooded')]
	bad = ['ip shows %d, xvsctl %s %d' % (v, k, x[k]) for v, k in pairs if v != x[k]]
	if bad:
		raise Fail('; '.join(bad))


@verdict
def cmd_sysctl(netns, key, val):
	libc = ctypes.CDLL(None, use_errno=True)
	home = os.open('/proc/self/ns/net', os.O_RDONLY)
	target = os.open('/var/run/netns/' + netns, os.O_RDONLY)
	try:
		if libc.setns(target, CLONE_NEWNET):
			raise Fail('setns %s: %s' % (netns, os.strerror(ctypes.get_errno())))
		# /proc/sys/net is the namespace of whoever opens it
		with open('/proc/sys/' + key, 'w') as f:
			f.write(val)
	finally:
		libc.setns(home, CLONE_NEWNET)
		os.close(home)
		os.close(target)


@verdict
def cmd_listen(*ifs):
	for ifname in ifs:
		if ifname not in listeners:
			s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
					  socket.htons(ETH_P_TEST))
			s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
			s.bind((ifname, ETH_P_TEST))
			s.setblocking(False)
			listeners[ifname] = s


def mac(text):
	b = bytes(int(x, 16) for x in text.replace('-', ':').split(':'))
	if len(b) != 6:
		raise Fail('bad MAC address %s' % text)
	return b


@verdict
def cmd_send(ifname, src, dst, n, length='100'):
	hdr = mac(dst) + mac(src) + struct.pack('!H', ETH_P_TEST)
	with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
		s.bind((ifname, 0))
		for i in range(int(n)):
			frame = hdr + b'xvs dp-agent %d' % i
			s.send(frame + bytes(int(length) - len(frame)))


def ip4_csum(hdr):
	s = sum(struct.unpack('!%dH' % (len(hdr) // 2), hdr))
	while s >> 16:
		s = (s & 0xffff) + (s >> 16)
	return struct.pack('!H', ~s & 0xffff)


def ipv4(proto, payload):
	hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64,
			  proto, 0, bytes([10, 0, 0, 1]), bytes([255] * 4))
	hdr = hdr[:10] + ip4_csum(hdr) + hdr[12:]
	return struct.pack('!H', 0x0800), hdr + payload


def ipv6(nexthdr, payload):
	src = bytes([0xfe, 0x80] + [0] * 13 + [1])
	dst = bytes([0xff, 0x02] + [0] * 13 + [1])
	hdr = struct.pack('!IHBB', 6 << 28, len(payload), nexthdr, 255) + src + dst
	return struct.pack('!H', 0x86dd), hdr + payload


def udp(sport, dport, data=bytes(32)):
	return struct.pack('!HHHH', sport, dport, 8 + len(data), 0) + data


def icmp(typ):
	return struct.pack('!BBH', typ, 0, 0) + bytes(20)


# The frames of craft KIND: (ethertype, payload), minimal but well formed.
CRAFT = {
	'dhcp4-server': lambda: ipv4(17, udp(67, 68)),
	'dhcp4-client': lambda: ipv4(17, udp(68, 67)),
	'dhcp6-server': lambda: ipv6(17, udp(547, 546)),
	'dhcp6-client': lambda: ipv6(17, udp(546, 547)),
	'ra': lambda: ipv6(58, icmp(134)),
	'ra-hbh': lambda: ipv6(0, bytes([58, 0, 1, 4, 0, 0, 0, 0]) + icmp(134)),
	'redirect6': lambda: ipv6(58, icmp(137)),
	'ns': lambda: ipv6(58, icmp(135)),
	'redirect4': lambda: ipv4(1, icmp(5)),
}


@verdict
def cmd_craft(ifname, kind, src, dst, n='1', length='100'):
	hdr = mac(dst) + mac(src)
	if kind == 'test':
		frames = [hdr + struct.pack('!H', ETH_P_TEST) + b'xvs dp-agent %d' % i
			  for i in range(int(n))]
		frames = [f + bytes(int(length) - len(f)) for f in frames]
	elif kind in CRAFT:
		etype, payload = CRAFT[kind]()
		frames = [hdr + etype + payload] * int(n)
	else:
		raise Fail('unknown frame kind %s' % kind)
	with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
		s.bind((ifname, 0))
		t0 = time.monotonic()
		for f in frames:
			s.send(f)
		t1 = time.monotonic()
	return 'ms=%d' % int((t1 - t0) * 1000 + 0.999)


@verdict
def cmd_rxcount(*ifs):
	for k in ifs:
		if k not in listeners:
			raise Fail('not listening on %s' % k)
	time.sleep(0.5)
	return ' '.join('%s=%d' % (k, drain(listeners[k])) for k in ifs)


@verdict
def cmd_nlset(sw, port, *specs):
	from xvs_badinput import A, CMD, Genl, a_str, nla
	fmt = {'u8': 'B', 'u16': 'H', 'u32': 'I', 'u64': 'Q'}
	payload = a_str('switch-name', sw) + a_str('port-name', port)
	for spec in specs:
		name, _, val = spec.partition('=')
		name, _, typ = name.partition(':')
		if name not in A or typ not in fmt:
			raise Fail('bad attribute %s' % spec)
		payload += nla(A[name], struct.pack(fmt[typ], int(val, 0)))
	g = Genl('xvs')
	try:
		r = g.request(CMD['port-set'], payload)
	finally:
		g.close()
	if r.error:
		return 'error %s: %s' % (r.errname(), r.extack.get('msg', ''))
	return None


def drain(s):
	n = 0
	while True:
		try:
			_, addr = s.recvfrom(65536)
		except BlockingIOError:
			return n
		except OSError:		# ENETDOWN: its interface went down
			continue
		if addr[2] != PACKET_OUTGOING:
			n += 1


@verdict
def cmd_rx(*args):
	want, secs = {}, 3.0
	for a in args:
		if '=' in a:
			k, v = a.split('=')
			if k not in listeners:
				raise Fail('not listening on %s' % k)
			want[k] = int(v)
		else:
			secs = float(a)
	got = dict.fromkeys(want, 0)
	end = time.monotonic() + secs
	while True:
		for k in want:
			got[k] += drain(listeners[k])
		left = end - time.monotonic()
		if left <= 0 or all(got[k] >= want[k] for k in want):
			break
		select.select([listeners[k] for k in want], [], [], min(left, 0.2))
	time.sleep(xvs_helper.GRACE)	# for frames that should not come
	for k in want:
		got[k] += drain(listeners[k])
	text = ' '.join('%s=%d' % kv for kv in got.items())
	if got != want:
		raise Fail('received %s, wanted %s'
			   % (text, ' '.join('%s=%d' % kv for kv in want.items())))
	return text


@verdict
def cmd_savepatch(path, offset, hexdata):
	with open(path, 'rb') as f:
		data = bytearray(f.read())
	off, new = int(offset), bytes.fromhex(hexdata)
	if off + len(new) > len(data) - 4:
		raise Fail('offset %d past the end of %s' % (off, path))
	data[off:off + len(new)] = new
	data[-4:] = struct.pack('!I', zlib.crc32(bytes(data[:-4])))
	with open(path, 'wb') as f:
		f.write(data)


for _name, _fn in list(globals().items()):
	if _name.startswith('cmd_'):
		setattr(xvs_helper, _name, _fn)

if __name__ == '__main__':
	xvs_helper.main()
