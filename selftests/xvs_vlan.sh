#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port policies in the data path: VLANs (access, trunk, native VLAN, VLAN-
# aware learning, interop with Linux VLAN devices), isolation and
# mirroring, with exact counters.
#
# sw0 (VLANs): veths whose far ends carry no IP stack; dp-agent.py sends
# test frames out of them (or out of Linux VLAN devices on them: tagged)
# and counts what each far end, and each VLAN device, receives (a far end
# counts the tagged frames its VLAN devices get too):
#
#   a1 --- a0  access 10            t1 --- t0  trunk 10,20 (t1.10 t1.20 t1.30)
#   c1 --- c0  access 10            u1 --- u0  trunk 10    (u1.10)
#   b1 --- b0  access 20            n1 --- n0  none        (n1.10)
#
# sw1 (isolation, mirroring): i1, i2 isolated, p3 not, m4 a mirror
# destination. Then a ping between two namespaces over VLAN devices on
# trunk and access ports shows real stacks talk through it.

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl ping
	NS=xvs-vlan-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns exec "$NS" bash "$0" --in-netns "$$"
	exit
fi

ID=$2
NS1=xvs-vlan$ID-1 NS2=xvs-vlan$ID-2
TMP=/tmp/xvs-vlan.$$

cleanup()
{
	ip -force -b - <<-EOF >/dev/null 2>&1
		link del sw0
		link del sw1
		netns del $NS1
		netns del $NS2
	EOF
	rm -f "$TMP".*
}
trap cleanup EXIT

read -r TAINT0 </proc/sys/kernel/tainted
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

A=02:bb:00:00:00:0a B=02:bb:00:00:00:0b C=02:bb:00:00:00:0c
T=02:bb:00:00:00:01 U=02:bb:00:00:00:02 N=02:bb:00:00:00:03
BC=ff:ff:ff:ff:ff:ff

###############################################################################
# sw0: VLANs
###############################################################################

check "sw0 with ports a0 b0 c0 t0 u0 n0, VLAN devices on t1 u1 n1 a1" ip -b - <<-EOF || xvs_exit
	link add sw0 type xvs
	link set sw0 up
	link add a0 type veth peer name a1
	link add b0 type veth peer name b1
	link add c0 type veth peer name c1
	link add t0 type veth peer name t1
	link add u0 type veth peer name u1
	link add n0 type veth peer name n1
	link set a0 master sw0
	link set b0 master sw0
	link set c0 master sw0
	link set t0 master sw0
	link set u0 master sw0
	link set n0 master sw0
	link add link t1 name t1.10 type vlan id 10
	link add link t1 name t1.20 type vlan id 20
	link add link t1 name t1.30 type vlan id 30
	link add link u1 name u1.10 type vlan id 10
	link add link n1 name n1.10 type vlan id 10
	link add link a1 name a1.10 type vlan id 10
	link set a0 up
	link set b0 up
	link set c0 up
	link set t0 up
	link set u0 up
	link set n0 up
	link set a1 up
	link set b1 up
	link set c1 up
	link set t1 up
	link set u1 up
	link set n1 up
	link set t1.10 up
	link set t1.20 up
	link set t1.30 up
	link set u1.10 up
	link set n1.10 up
	link set a1.10 up
EOF
check "a0, c0 access 10; b0 access 20" xvsctl port set sw0 a0 vlan access 10
xvsctl port set sw0 c0 vlan access 10 >/dev/null
xvsctl port set sw0 b0 vlan access 20 >/dev/null
check "t0 trunk 10,20; u0 trunk 10" xvsctl port set sw0 t0 vlan trunk 10,20
xvsctl port set sw0 u0 vlan trunk 10 >/dev/null
jcheck "port show: a0 access 10, t0 trunk 10,20 native 0, n0 none" \
	"[(p['name'], p['policy']['vlan']) for p in j if p['name'] in ('a0', 't0', 'n0')] == [('a0', {'mode': 'access', 'id': 10}), ('t0', {'mode': 'trunk', 'native': 0, 'allowed': '10,20'}), ('n0', {'mode': 'none'})]" \
	xvsctl -j port show sw0
LISTEN="a1 b1 c1 t1 t1.10 t1.20 u1 u1.10 n1 n1.10"
hcheck "listening on $LISTEN" listen $LISTEN || xvs_exit
baseline sw0

# rxv NAME IF=N...: the test frames received since the last rx: as named,
# and none on every other listener.
rxv()
{
	local name=$1 l want
	shift
	want=()
	for l in $LISTEN; do
		case " $* " in
		*" $l="*) ;;
		*) want+=("$l=0") ;;
		esac
	done
	hcheck "$name" rx "$@" "${want[@]}"
}

send a1 $A $BC 1
rxv "broadcast from access 10 reaches access 10 and the trunks tagged 10" c1=1 t1=1 t1.10=1 u1=1 u1.10=1
send t1.20 $T $BC 1
rxv "broadcast tagged 20 from a trunk reaches access 20 only" b1=1
send t1 $T $BC 1
rxv "untagged broadcast from a trunk (native 0) stays untagged: none port, other trunk" n1=1 u1=1
send c1 $C $A 2
rxv "unicast to A, learned in VLAN 10, reaches a1 only" a1=2
send b1 $B $A 1
rxv "unicast to A from VLAN 20: A is unknown there, flooded in VLAN 20" t1=1 t1.20=1
counters "counters: 5 flooded, 2 forwarded; tags cost no bytes" sw0 100 \
	"a0:rx=1,fl=1,tx=2 c0:rx=2,fwd=2,tx=1 b0:rx=1,fl=1,tx=1 t0:rx=2,fl=2,tx=2 u0:tx=2 n0:tx=1"
jcheck "fdb: A in VLAN 10 on a0, B in 20 on b0, C in 10 on c0, T in 0 and 20 on t0" \
	"sorted((e['mac'], e['vlan'], e['port']) for e in j) == sorted([('$T', 0, 't0'), ('$T', 20, 't0'), ('$A', 10, 'a0'), ('$B', 20, 'b0'), ('$C', 10, 'c0')])" \
	xvsctl -j fdb show sw0

send a1.10 $A $BC 1
send t1.30 $T $BC 2
rxv "tagged frames on an access port and VLAN 30 on a 10,20 trunk go nowhere"
counters "counters: dropped with reason vlan on a0 (1) and t0 (2)" sw0 0 \
	"a0:rx=1,rxd=1,vlan=1,rxb=100 t0:rx=2,rxd=2,vlan=2,rxb=200"

check "t0: trunk 10,20 native 10" xvsctl port set sw0 t0 vlan trunk 10,20 native 10
send t1 $T $BC 1
rxv "untagged from the trunk is in its native VLAN 10" a1=1 c1=1 u1=1 u1.10=1
send a1 $A $BC 1
rxv "VLAN 10 leaves the trunk untagged now (native)" c1=1 t1=1 u1=1 u1.10=1
check "a0 back to vlan none" xvsctl port set sw0 a0 vlan none
send a1 $A $BC 1
rxv "a VLAN-unaware port is in the untagged domain" n1=1 u1=1
counters "counters: 3 flooded" sw0 100 \
	"t0:rx=1,fl=1,tx=1 a0:rx=2,fl=2,tx=1 c0:tx=2 u0:tx=3 n0:tx=1"

check "n0 mirror destination, c0 mirror source" xvsctl port set sw0 n0 mirror destination
xvsctl port set sw0 c0 mirror source >/dev/null
send t1 $T $BC 1
rxv "frames to a mirror source: the monitor gets a copy with its VLAN's tag" c1=1 u1=1 u1.10=1 n1=1 n1.10=1
send c1 $C $T 1
rxv "frames from a mirror source: copied (tagged) to the monitor" t1=1 n1=1 n1.10=1
counters "counters: mirror copies count as tx of the monitor" sw0 100 \
	"t0:rx=1,fl=1,tx=1 c0:rx=1,fwd=1,tx=1 u0:tx=1 n0:tx=2"
check "mirror off" xvsctl port set sw0 n0 mirror none
xvsctl port set sw0 c0 mirror none >/dev/null
send c1 $C $T 1
rxv "no copies once mirroring is off" t1=1
counters "counters: forwarded, no copy" sw0 100 "c0:rx=1,fwd=1 t0:tx=1"
sums "sw0: the ports' counters add up to the switch's" sw0

###############################################################################
# sw1: isolation and mirroring
###############################################################################

I1=02:cc:00:00:00:01 I2=02:cc:00:00:00:02 P3=02:cc:00:00:00:03
check "sw1 with ports i1 i2 p3 m4" ip -b - <<-EOF || xvs_exit
	link add sw1 type xvs
	link set sw1 up
	link add i1 type veth peer name i1p
	link add i2 type veth peer name i2p
	link add p3 type veth peer name p3p
	link add m4 type veth peer name m4p
	link set i1 master sw1
	link set i2 master sw1
	link set p3 master sw1
	link set m4 master sw1
	link set i1 up
	link set i2 up
	link set p3 up
	link set m4 up
	link set i1p up
	link set i2p up
	link set p3p up
	link set m4p up
EOF
check "i1, i2 isolated" xvsctl port set sw1 i1 isolated on
xvsctl port set sw1 i2 isolated on >/dev/null
LISTEN="i1p i2p p3p m4p"
hcheck "listening on $LISTEN" listen $LISTEN || xvs_exit
baseline sw1
send i2p $I2 $BC 1
rxv "broadcast from isolated i2: not to isolated i1" p3p=1 m4p=1
send p3p $P3 $BC 1
rxv "broadcast from p3 reaches both isolated ports" i1p=1 i2p=1 m4p=1
send i1p $I1 $I2 2
rxv "unicast between isolated ports goes nowhere"
send i1p $I1 $P3 1
rxv "isolated i1 to p3: forwarded" p3p=1
counters "counters: 2 dropped as isolated on i1" sw1 100 \
	"i1:rx=3,fwd=1,rxd=2,isolated=2,tx=1 i2:rx=1,fl=1,tx=1 p3:rx=1,fl=1,tx=2 m4:tx=2"
check "i2 not isolated any more" xvsctl port set sw1 i2 isolated off
send i1p $I1 $I2 1
rxv "i1 to i2 forwarded once i2 is not isolated" i2p=1

check "m4 mirror destination, p3 mirror source" xvsctl port set sw1 m4 mirror destination
xvsctl port set sw1 p3 mirror source >/dev/null
send p3p $P3 $I1 1
rxv "frame from the source p3: to i1 and a copy to m4" i1p=1 m4p=1
send i1p $I1 $P3 1
rxv "frame to the source p3: a copy to m4" p3p=1 m4p=1
send i1p $I1 $I2 1
rxv "frame between other ports: no copy" i2p=1
counters "counters: copies are tx of m4; rx adds up" sw1 100 \
	"i1:rx=3,fwd=3,tx=1 i2:tx=2 p3:rx=1,fwd=1,tx=1 m4:tx=2"
sums "sw1: the ports' counters add up to the switch's" sw1

###############################################################################
# Real stacks: ping over VLAN devices, trunk <-> access
###############################################################################

check "ns1, ns2; trunk u1 into ns1, access c1 into ns2" ip -b - <<-EOF
	netns add $NS1
	netns add $NS2
	link del u1.10
	link set u1 netns $NS1
	link set c1 netns $NS2
EOF
check "ns1: VLAN 10 device on u1, 10.0.10.1" ip -n "$NS1" -b - <<-EOF
	link add link u1 name u1.10 type vlan id 10
	link set u1 up
	link set u1.10 up
	addr add 10.0.10.1/24 dev u1.10
EOF
check "ns2: c1 10.0.10.2" ip -n "$NS2" -b - <<-EOF
	link set c1 up
	addr add 10.0.10.2/24 dev c1
EOF
check "ping over VLAN 10: trunk (tagged) <-> access (untagged)" \
	ip netns exec "$NS1" ping -c 2 -i 0.3 -W 3 10.0.10.2
check "c0 moved to VLAN 20" xvsctl port set sw0 c0 vlan access 20
check_fail "no ping between VLAN 10 and VLAN 20" \
	ip netns exec "$NS1" ping -c 1 -W 1 10.0.10.2

read -r TAINT1 </proc/sys/kernel/tainted
check "kernel not tainted" test "$TAINT0" = "$TAINT1"
xvs_exit
