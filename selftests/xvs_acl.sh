#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port ACLs end to end: rules added to port r1 (with xvsctl, some over
# netlink from the helper) decide which test frames cross it, and every
# frame is accounted for.
#
#   r1p --veth-- r1 --+
#   r2p --veth-- r2 --+ sw0      r1 is "the VM": MAC M1, 10.1.0.1,
#   r3p --veth-- r3 --+          2001:db8:1::1; r2 and r3 its peers
#
# The far ends carry no IP stack: acl-agent.py sends IPv4, IPv6 and
# non-IP frames out of them and counts the ones each receives. The MACs
# are static FDB entries, so each frame goes to one port. Each step checks
# which far ends got its frames and that the counters of every port moved
# by exactly what it sent: a frame r1 sends that a rule denies is an entry
# drop of r1 (rx_dropped, reason acl), a frame toward r1 that a rule denies
# a drop of r1 on the way out (tx_dropped, reason acl). Steps: IPv4 out
# (remote side: the destination), the longest prefix wins, in (remote: the
# source), the local side, meter (passes and counts), IPv6, MAC rules and
# IP over MAC, a rule without an address; then each rule's packets and
# bytes are the frames it decided; deletes; errors for bad input; 1000
# rules on r1 (added over one netlink socket) and traffic still forwards.
#
# Every process start is costly under emulation: frames, listeners,
# counters and JSON checks are requests to the one acl-agent.py process.

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command.
if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl
	NS=xvs-acl-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns exec "$NS" bash "$0" --in-netns
	exit
fi

TMP=/tmp/xvs-acl.$$	# prefix of our files
SW=sw0
cleanup()
{
	ip link del $SW 2>/dev/null
	rm -f "$TMP".*
}
trap cleanup EXIT

read -r TAINT0 </proc/sys/kernel/tainted
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

JQ_OUT=$TMP.json
# -S: no site-packages (it needs none), a second less to start.
coproc XVS_HELPER { exec python3 -S -u "$HERE/acl-agent.py"; }

M1=02:ac:00:00:00:01 M2=02:ac:00:00:00:02 M3=02:ac:00:00:00:03
LEN=100		# every test frame

# ncounters NAME SPEC: dp_lib.sh's counters for $SW, over a port-get dump
# of acl-agent.py's (no process to start): since the last nsave/ndelta,
# every counter of every port moved by exactly SPEC (0 when SPEC does not
# name it), every frame LEN bytes, and they add up.
ncounters()
{
	hcheck "$1" ndelta $SW $LEN "$2" $SW
}

# isend IF SMAC DMAC SRC DST N: N marked frames (SRC, DST: IPv4 or IPv6
# addresses; "-": not IP) out of IF.
isend()
{
	helper isend "$@" ||
		{ log_test "sending frames out of $1" 1; printf '      %s\n' "$HELPER_OUT"; }
}

# sums NAME SW: dp_lib.sh's, read once: no frame is in flight at the end.
sums()
{
	if snap "$2"; then
		hcheck "$1" sums "$2" "$TMP.ports" "$TMP.switch"
	else
		log_test "$1" 1
		printf '      %s\n' "$HELPER_OUT"
	fi
}

# check_err NAME REGEX CMD...: lib.sh's, with bash's regex instead of a
# grep process.
check_err()
{
	local name=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && [[ $out =~ $re ]]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '      rc=%s, wanted output matching /%s/, got:\n' "$rc" "$re"
		printf '%s\n' "$out" | sed 's/^/      /'
	fi
}

# nacl NAME KEY=VALUE...: an acl-add request for r1 from acl-agent.py
# (no process to start) must succeed.
nacl()
{
	local name=$1
	shift
	hcheck "$name" nl acl-add switch-name=$SW port-name=r1 "$@"
}

# acl NAME RULE...: xvsctl acl add $SW r1 RULE... must succeed.
acl()
{
	local name=$1
	shift
	check "$name" xvsctl acl add $SW r1 "$@"
}

check "sw0 with ports r1, r2, r3 (veths, far ends r1p..r3p)" ip -b - <<-EOF || xvs_exit
	link add $SW type xvs
	link set $SW up
	link add r1 type veth peer name r1p
	link add r2 type veth peer name r2p
	link add r3 type veth peer name r3p
	link set r1 master $SW
	link set r2 master $SW
	link set r3 master $SW
	link set r1 up
	link set r2 up
	link set r3 up
	link set r1p up
	link set r2p up
	link set r3p up
EOF
for i in 1 2 3; do
	m=M$i
	hcheck "static FDB entry: ${!m} on r$i" nl fdb-add switch-name=$SW \
		fdb-mac=${!m} port-name=r$i || xvs_exit
done
hcheck "listening on r1p, r2p, r3p" ilisten r1p r2p r3p || xvs_exit
hcheck "counters of the ports of $SW" nsave $SW $SW

isend r1p $M1 $M2 10.1.0.1 10.2.0.2 1
hcheck "no rule: r1 -> r2 passes" irx r1p=0 r2p=1 r3p=0

# --- IPv4, out: the remote side is the destination --------------------------
acl "acl add r1 dir out action deny ip 10.2.0.0/16" dir out action deny ip 10.2.0.0/16
isend r1p $M1 $M2 10.1.0.1 10.2.0.2 3
isend r1p $M1 $M3 10.1.0.1 10.3.0.3 2
hcheck "out to 10.2.0.2 denied, to 10.3.0.3 passes" irx r1p=0 r2p=0 r3p=2
ncounters "counters: 3 entry drops (acl) on r1, 3 forwarded" \
	"r1:rx=6,rxd=3,acl=3,fwd=3 r2:tx=1 r3:tx=2"

# --- the longest prefix wins ---------------------------------------------------
acl "acl add r1 dir out action allow ip 10.2.0.2 (a /32)" dir out action allow ip 10.2.0.2
isend r1p $M1 $M2 10.1.0.1 10.2.0.2 2
isend r1p $M1 $M2 10.1.0.1 10.2.9.9 1
hcheck "/32 allow beats /16 deny; 10.2.9.9 still denied" irx r1p=0 r2p=2 r3p=0
ncounters "counters: 1 more acl drop on r1, 2 forwarded" "r1:rx=3,rxd=1,acl=1,fwd=2 r2:tx=2"

# --- in: the remote side is the source; drops on the way to r1 ---------------
nacl "acl-add r1 dir in action deny ip 10.3.0.0/24" acl-dir=1 acl-action=1 \
	acl-ipv4=10.3.0.0 acl-prefix-len=24
isend r3p $M3 $M1 10.3.0.3 10.1.0.1 2
isend r2p $M2 $M1 10.2.0.2 10.1.0.1 1
hcheck "in from 10.3.0.3 denied, from 10.2.0.2 passes" irx r1p=1 r2p=0 r3p=0
ncounters "counters: 2 acl drops on r1 toward it (tx_dropped)" \
	"r1:tx=1,txd=2,acl=2 r2:rx=1,fwd=1 r3:rx=2,fwd=2"

# --- the local side: the VM's own address --------------------------------------
acl "acl add r1 dir in action deny local ip 10.1.0.99" dir in action deny local ip 10.1.0.99
nacl "acl-add r1 dir out action deny local ip 10.1.0.66" acl-dir=2 acl-action=1 \
	acl-local acl-ipv4=10.1.0.66
isend r2p $M2 $M1 10.2.0.2 10.1.0.99 2
isend r2p $M2 $M1 10.1.0.99 10.1.0.1 1
isend r1p $M1 $M2 10.1.0.66 10.2.0.2 1
isend r1p $M1 $M3 10.1.0.1 10.1.0.66 1
hcheck "local: in to .99 and out from .66 denied, the reverse passes" irx r1p=1 r2p=0 r3p=1
ncounters "counters: 2 acl drops toward r1, 1 from it" \
	"r1:rx=2,rxd=1,fwd=1,tx=1,txd=2,acl=3 r2:rx=3,fwd=3 r3:tx=1"

# --- meter: passes and counts, both directions ----------------------------------
acl "acl add r1 dir both action meter ip 10.9.0.0/16" dir both action meter ip 10.9.0.0/16
isend r1p $M1 $M2 10.1.0.1 10.9.0.1 3
isend r2p $M2 $M1 10.9.0.5 10.1.0.1 2
hcheck "metered frames pass, out and in" irx r1p=2 r2p=3 r3p=0

# --- IPv6 -----------------------------------------------------------------------
acl "acl add r1 dir out action deny ip 2001:db8:2::/48" dir out action deny ip 2001:db8:2::/48
nacl "acl-add r1 dir out action allow ip 2001:db8:2::2" acl-dir=2 acl-action=0 \
	acl-ipv6=2001:db8:2::2
nacl "acl-add r1 dir in action deny ip 2001:db8:3::/64" acl-dir=1 acl-action=1 \
	acl-ipv6=2001:db8:3:: acl-prefix-len=64
isend r1p $M1 $M2 2001:db8:1::1 2001:db8:2::2 2
isend r1p $M1 $M2 2001:db8:1::1 2001:db8:2::3 1
isend r3p $M3 $M1 2001:db8:3::3 2001:db8:1::1 2
isend r2p $M2 $M1 2001:db8:2::2 2001:db8:1::1 1
hcheck "IPv6: /128 allow beats /48 deny out; in from the /64 denied" irx r1p=1 r2p=2 r3p=0
ncounters "counters: metered frames passed; IPv6 acl drops, 1 out of r1, 2 toward it" \
	"r1:rx=6,rxd=1,fwd=5,tx=3,txd=2,acl=3 r2:rx=3,fwd=3,tx=5 r3:rx=2,fwd=2"

# --- MAC rules; an IP rule beats a MAC rule ---------------------------------------
acl "acl add r1 dir out action deny mac M3" dir out action deny mac $M3
nacl "acl-add r1 dir in action deny mac M2" acl-dir=1 acl-action=1 acl-mac=$M2
isend r1p $M1 $M3 - - 2
isend r1p $M1 $M3 10.1.0.1 10.3.0.3 1
isend r2p $M2 $M1 - - 2
hcheck "frames to M3 (IP or not) and from M2 denied" irx r1p=0 r2p=0 r3p=0
nacl "acl-add r1 dir out action allow ip 10.3.0.0/16" acl-dir=2 acl-action=0 \
	acl-ipv4=10.3.0.0 acl-prefix-len=16
isend r1p $M1 $M3 10.1.0.1 10.3.0.3 1
isend r1p $M1 $M3 - - 1
isend r1p $M1 $M2 - - 1
hcheck "to M3: the IP rule lets IP through, not the rest" irx r1p=0 r2p=1 r3p=1
ncounters "counters: MAC acl drops out of and toward r1" \
	"r1:rx=6,rxd=4,fwd=2,txd=2,acl=6 r2:rx=2,fwd=2,tx=1 r3:tx=1"

# --- a rule without an address: every frame not decided by another ---------------
acl "acl add r1 dir out action deny (no address)" dir out action deny
isend r1p $M1 $M2 - - 2
isend r1p $M1 $M2 10.1.0.1 10.2.0.2 1
hcheck "the rule without an address denies what no other rule decides" irx r1p=0 r2p=1 r3p=0
ncounters "counters: 2 acl drops on r1" "r1:rx=3,rxd=2,acl=2,fwd=1 r2:tx=1"

# --- each rule counted the frames it decided -------------------------------------
want="[('out', 'deny', 'remote', None, '10.2.0.0/16', 4),
 ('out', 'allow', 'remote', None, '10.2.0.2/32', 3),
 ('in', 'deny', 'remote', None, '10.3.0.0/24', 2),
 ('in', 'deny', 'local', None, '10.1.0.99/32', 2),
 ('out', 'deny', 'local', None, '10.1.0.66/32', 1),
 ('both', 'meter', 'remote', None, '10.9.0.0/16', 5),
 ('out', 'deny', 'remote', None, '2001:db8:2::/48', 1),
 ('out', 'allow', 'remote', None, '2001:db8:2::2/128', 2),
 ('in', 'deny', 'remote', None, '2001:db8:3::/64', 2),
 ('out', 'deny', 'remote', '$M3', None, 4),
 ('in', 'deny', 'remote', '$M2', None, 2),
 ('out', 'allow', 'remote', None, '10.3.0.0/16', 1),
 ('out', 'deny', None, None, None, 2)]"
jcheck "acl show: the 13 rules in order, each with the frames it decided" \
	"[(r['dir'], r['action'], r['side'], r['mac'], r['ip'], r['packets']) for r in j] == $want and all(r['bytes'] == $LEN * r['packets'] and r['port'] == 'r1' and r['switch'] == '$SW' for r in j)" \
	xvsctl -j acl show $SW r1
if xvsctl acl show $SW r1 >"$TMP.show" 2>&1; then
	hcheck "acl show (text): a rule per line, as acl add takes it, and counters" \
		lines "$TMP.show" \
		"dir in action deny local ip 10.1.0.99/32 packets 2 bytes 200" \
		"dir out action deny remote mac $M3 packets 4 bytes 400" \
		"dir out action deny packets 2 bytes 200"
else
	log_test "acl show (text)" 1
	sed 's/^/      /' "$TMP.show"
fi

# --- deletes -----------------------------------------------------------------------
check "acl del r1 dir out action deny (no address)" xvsctl acl del $SW r1 dir out action deny
isend r1p $M1 $M2 - - 1
hcheck "deleted: frames to M2 pass again" irx r1p=0 r2p=1 r3p=0
check "acl del r1 all" xvsctl acl del $SW r1 all
isend r1p $M1 $M3 - - 1
isend r1p $M1 $M2 10.1.0.1 10.2.9.9 1
isend r3p $M3 $M1 10.3.0.3 10.1.0.1 1
hcheck "no rule: everything passes" irx r1p=1 r2p=1 r3p=1
ncounters "counters: nothing dropped" "r1:rx=3,fwd=3,tx=1 r2:tx=2 r3:rx=1,fwd=1,tx=1"

# --- bad input ------------------------------------------------------------------------
check_err "host bits set: refused, the message says the prefix" \
	'Host bits set: the prefix is 10\.1\.0\.0/16, attribute acl-ipv4 \(Invalid argument\)' \
	xvsctl acl add $SW r1 dir in action deny ip 10.1.2.3/16
check_err "IPv6 host bits set: refused" \
	'Host bits set: the prefix is 2001:db8::/32, attribute acl-ipv6 \(Invalid argument\)' \
	xvsctl acl add $SW r1 dir in action deny ip 2001:db8::1/32
check "acl add r1 dir in action allow ip 10.0.0.0/8" \
	xvsctl acl add $SW r1 dir in action allow ip 10.0.0.0/8
check_err "the same rule again: EEXIST" \
	'The port has this rule already \(File exists\)' \
	xvsctl acl add $SW r1 dir in action allow ip 10.0.0.0/8
check_err "a rule on a port that does not exist: ENOENT" \
	'No port with this name on the switch \(No such file or directory\)' \
	xvsctl acl add $SW nosuch dir in action allow ip 10.0.0.0/8
check_err "deleting a rule the port does not have: ENOENT" \
	'The port has no such rule \(No such file or directory\)' \
	xvsctl acl del $SW r1 dir out action allow ip 10.0.0.0/8
check_err "showing the rules of a port that does not exist: ENOENT" \
	'No port with this id on the switch' xvsctl acl show $SW 99
# What xvsctl never sends, over netlink itself.
hcheck "netlink: an IPv4 prefix of 33 bits: EINVAL" nlerr EINVAL 'at most 32 bits' \
	acl-add switch-name=$SW port-name=r1 acl-dir=1 acl-action=1 acl-ipv4=10.0.0.0 acl-prefix-len=33
hcheck "netlink: a MAC and an IPv4 address: EINVAL" nlerr EINVAL 'one address' \
	acl-add switch-name=$SW port-name=r1 acl-dir=1 acl-action=1 acl-mac=$M1 acl-ipv4=10.0.0.0
hcheck "netlink: a prefix length with a MAC: EINVAL" nlerr EINVAL 'no prefix length' \
	acl-add switch-name=$SW port-name=r1 acl-dir=1 acl-action=1 acl-mac=$M1 acl-prefix-len=24
hcheck "netlink: local without an address: EINVAL" nlerr EINVAL 'no local or remote side' \
	acl-add switch-name=$SW port-name=r1 acl-dir=1 acl-action=1 acl-local
hcheck "netlink: no direction: EINVAL" nlerr EINVAL 'direction required' \
	acl-add switch-name=$SW port-name=r1 acl-action=1
hcheck "netlink: acl-all with acl-add: EINVAL" nlerr EINVAL 'only goes with ACL_DEL' \
	acl-add switch-name=$SW port-name=r1 acl-all
hcheck "netlink: acl-all with a rule: EINVAL" nlerr EINVAL 'not both' \
	acl-del switch-name=$SW port-name=r1 acl-all acl-dir=1
hcheck "netlink: acl-get without a port: EINVAL" nlerr EINVAL 'Port id or port name required' \
	acl-get switch-name=$SW
jcheck "bad input changed nothing: r1 has its one rule (del all left none)" \
	"[(r['dir'], r['action'], r['ip']) for r in j] == [('in', 'allow', '10.0.0.0/8')]" \
	xvsctl -j acl show $SW r1

# --- 1000 rules -----------------------------------------------------------------------
hcheck "acl-del r1 acl-all" nl acl-del switch-name=$SW port-name=r1 acl-all
hcheck "1000 rules on r1 (dir out deny 172.16.0.0 + i), one netlink socket" \
	bulk $SW r1 1000 && printf '      %s\n' "$HELPER_OUT"
jcheck "acl show lists the 1000 rules (a dump of several parts)" \
	"len(j) == 1000 and j[999]['ip'] == '172.16.3.231/32'" xvsctl -j acl show $SW r1
isend r1p $M1 $M2 10.1.0.1 10.2.0.2 2
isend r1p $M1 $M2 10.1.0.1 172.16.3.231 1
isend r1p $M1 $M2 10.1.0.1 172.16.0.5 1
isend r1p $M1 $M2 10.1.0.1 172.16.3.232 1
hcheck "with 1000 rules: other traffic forwards, the denied is dropped" irx r1p=0 r2p=3 r3p=0
ncounters "counters: 2 acl drops among 5 frames" "r1:rx=5,rxd=2,acl=2,fwd=3 r2:tx=3"
jcheck "the two rules that matched counted one frame each" \
	"[(r['ip'], r['packets']) for r in j if r['packets']] == [('172.16.0.5/32', 1), ('172.16.3.231/32', 1)]" \
	xvsctl -j acl show $SW r1
check "acl del r1 all (1000 rules)" xvsctl acl del $SW r1 all

sums "sw0: counters add up, ports add up to the switch" $SW
read -r taint </proc/sys/kernel/tainted
log_test "no kernel warning or oops (taint $TAINT0 -> $taint)" "$([ "$taint" = "$TAINT0" ]; echo $?)"
xvs_exit
