#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The data path: learning, flooding, forwarding, the FDB and the counters.
#
# Switch sw1 has three ports r1..r3, veths whose far ends r1p..r3p carry no
# IP stack: dp-agent.py sends test frames out of them and counts the test
# frames each one receives, so every frame and every counter is known:
#
#   r1p --veth-- r1 --+
#   r2p --veth-- r2 --+ sw1
#   r3p --veth-- r3 --+
#
# Each step checks which far ends received its frames, and the counters of
# every port must have moved by exactly what the steps sent (the others not
# at all) and add up (rx = forwarded + flooded + rx_dropped, drops =
# rx_dropped + tx_dropped); at the end the ports' counters add up to the
# switch's, which 'ip -s link' shows too. Broadcast, multicast and unknown
# unicast reach every other port, unicast to a learned address only its port,
# nothing goes back where it came from, learned addresses move, static ones
# do not, a down link, the MTU and a disconnected NIC drop with their reason,
# the learn limit drops frames from new addresses, ageing forgets learned
# entries but not static ones.
#
# Switch sw0 carries real stacks: two "VMs" (network namespaces behind a tap
# served by tap-relay, the way QEMU serves a VM) and two containers (veths
# into namespaces):
#
#   vm1: eth0 10.0.1.1 ==veth== vm1-host <-tap-relay-> tap1 --+
#   vm2: eth0 10.0.1.2 ==veth== vm2-host <-tap-relay-> tap2 --+
#   c3:  eth0 10.0.1.3 ==veth============================ c3 --+ sw0
#   c4:  eth0 10.0.1.4 ==veth============================ c4 --+
#
# ping tap <-> veth and tap <-> tap, exact counters of a ping, iperf3
# tap -> tap, veth -> tap, veth -> veth; then vm2's tap-relay is killed (its
# tap goes, like a VM's when QEMU dies) and c3's veth deleted while vm1
# flood-pings vm2 and c3 sends to c4 with iperf3: no splat, their NICs go,
# the counters still add up, the switch still forwards between the ports
# left.
#
# IPv6 is off everywhere (no ND/MLD chatter in the counters). Every process
# start is costly under emulation: the script avoids them where it can.

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command.
if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl ping iperf3
	NS=xvs-fw-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns exec "$NS" bash "$0" --in-netns "$$"
	exit
fi

ID=$2
VM1=xvs-fw$ID-vm1 VM2=xvs-fw$ID-vm2 C3=xvs-fw$ID-c3 C4=xvs-fw$ID-c4
TMP=/tmp/xvs-fw.$$	# prefix of our files
declare -A BG=()	# background processes: tap-relays, traffic

cleanup()
{
	local p
	for p in "${BG[@]}"; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	ip -force -b - <<-EOF >/dev/null 2>&1
		link del sw0
		link del sw1
		netns del $VM1
		netns del $VM2
		netns del $C3
		netns del $C4
	EOF
	rm -f "$TMP".*
}
trap cleanup EXIT

read -r TAINT0 </proc/sys/kernel/tainted

# No IPv6 on anything created in this namespace from now on.
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

# --- lib.sh's JSON helper, with dp-agent.py's commands: counters, frames -----
JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

A=02:aa:00:00:00:0a B=02:aa:00:00:00:0b C=02:aa:00:00:00:0c
D=02:aa:00:00:00:0d S=02:aa:00:00:00:5a X=02:aa:00:00:00:99
BC=ff:ff:ff:ff:ff:ff MC=01:00:5e:00:00:fb

###############################################################################
# sw1: test frames, exact counters
###############################################################################

check "sw1 with ports r1, r2, r3 (veths, far ends r1p..r3p)" ip -b - <<-EOF || xvs_exit
	link add sw1 type xvs
	link set sw1 up
	link add r1 type veth peer name r1p
	link add r2 type veth peer name r2p
	link add r3 type veth peer name r3p
	link set r1 master sw1
	link set r2 master sw1
	link set r3 master sw1
	link set r1 up
	link set r2 up
	link set r3 up
	link set r1p up
	link set r2p up
	link set r3p up
EOF
hcheck "listening on r1p, r2p, r3p" listen r1p r2p r3p || xvs_exit
baseline sw1
hcheck "a new switch's ports have counted nothing" \
	jq "$TMP.ports" "all(p['stats']['rx_packets'] == p['stats']['tx_packets'] == 0 for p in j) and len(j) == 3"

# --- flooding ------------------------------------------------------------------
send r1p $A $BC 1
hcheck "broadcast from r1 reaches r2 and r3, not r1" rx r1p=0 r2p=1 r3p=1
send r1p $A $X 2
hcheck "unknown unicast from r1 reaches r2 and r3" rx r1p=0 r2p=2 r3p=2
send r3p $C $MC 1
hcheck "multicast from r3 reaches r1 and r2" rx r1p=1 r2p=1 r3p=0

# --- learning: unicast to a learned address goes to its port only; no hairpin --
send r2p $B $A 3
hcheck "unicast to A (learned on r1) reaches r1 only" rx r1p=3 r2p=0 r3p=0
send r1p $D $A 1
hcheck "a frame to A from r1 (A is behind r1) goes nowhere" rx r1p=0 r2p=0 r3p=0
send r2p 01:00:5e:00:00:01 $A 1
send r2p 00:00:00:00:00:00 $A 1
hcheck "frames with a multicast or zero source go nowhere" rx r1p=0 r2p=0 r3p=0
counters "counters: 4 frames flooded, 3 forwarded, no_destination, invalid_source" sw1 100 \
	"r1:rx=4,fl=3,rxd=1,no_destination=1,tx=4 r2:rx=5,fwd=3,rxd=2,invalid_source=2,tx=4 r3:rx=1,fl=1,tx=3"
jcheck "fdb: A learned on r1, B on r2, C on r3, D on r1" \
	"sorted((e['mac'], e['port'], e['static'], e['age_ms'] is not None) for e in j) == [('$A', 'r1', False, True), ('$B', 'r2', False, True), ('$C', 'r3', False, True), ('$D', 'r1', False, True)]" \
	xvsctl -j fdb show sw1

# --- learned addresses move, static ones do not --------------------------------------
send r3p $A $B 1
hcheck "A now sends from r3: its frame to B (learned) reaches r2 only" rx r1p=0 r2p=1 r3p=0
send r2p $B $A 1
hcheck "unicast to A follows it to r3" rx r1p=0 r2p=0 r3p=1
check "fdb add sw1 S port r3" xvsctl fdb add sw1 $S port r3
send r1p $A $S 2
hcheck "unicast to S (static on r3) reaches r3 only" rx r1p=0 r2p=0 r3p=2
send r2p $S $BC 1
hcheck "S sends a broadcast from r2: flooded" rx r1p=1 r2p=0 r3p=1
send r1p $A $S 1
hcheck "S did not move: unicast to S still reaches r3 only" rx r1p=0 r2p=0 r3p=1
jcheck "fdb: A back on r1, B r2, C r3, D r1; S static on r3, no age" \
	"sorted((e['mac'], e['port'], e['static'], e['age_ms'] is None) for e in j) == [('$A', 'r1', False, False), ('$B', 'r2', False, False), ('$C', 'r3', False, False), ('$D', 'r1', False, False), ('$S', 'r3', True, True)]" \
	xvsctl -j fdb show sw1
counters "counters: 5 forwarded, 1 flooded" sw1 100 \
	"r1:rx=3,fwd=3,tx=1 r2:rx=2,fwd=1,fl=1,tx=1 r3:rx=1,fwd=1,tx=5"

# --- drops on the way out: link down, MTU ------------------------------------------
check "r3p down: r3 has no carrier" ip link set r3p down
send r1p $A $BC 1
hcheck "broadcast reaches r2, not r3 (no carrier)" rx r1p=0 r2p=1 r3p=0
check "r3p up, r3 mtu 1000" ip -b - <<-EOF
	link set r3p up
	link set r3 mtu 1000
EOF
send r1p $A $BC 1 1200
hcheck "1200-byte broadcast reaches r2, not r3 (mtu 1000)" rx r1p=0 r2p=1 r3p=0

# --- a disconnected NIC -------------------------------------------------------------
check "nic disconnect sw1 r3" xvsctl nic disconnect sw1 r3
jcheck "fdb: C (learned on r3) is forgotten, static S stays" \
	"sorted((e['mac'], e['static']) for e in j if e['port'] == 'r3') == [('$S', True)]" \
	xvsctl -j fdb show sw1
send r3p $C $BC 1
send r1p $A $BC 1
send r1p $A $S 1
hcheck "nothing from r3 gets through, nothing reaches r3" rx r1p=0 r2p=1 r3p=0
counters "counters: link_down, mtu, nic_not_connected (in and out) on r3" sw1 0 \
	"r1:rx=4,rxb=1500,fl=3,fwd=1 r2:tx=3,txb=1400 r3:rx=1,rxb=100,rxd=1,txd=3,link_down=1,mtu=1,nic_not_connected=2"

# --- learn limit ---------------------------------------------------------------------
check "fdb flush sw1 (the learned entries)" xvsctl fdb flush sw1
check "switch set sw1 learn-limit 1" xvsctl switch set sw1 learn-limit 1
send r1p $A $BC 1
send r2p $B $BC 2
hcheck "learn-limit 1: A's frame passes, new source B's do not" rx r1p=0 r2p=1 r3p=0
jcheck "switch show: learn_limit 1, fdb_learned 1 (static S not counted)" \
	"o['learn_limit'] == 1 and o['fdb_learned'] == 1" xvsctl -j switch show sw1
check "switch set sw1 learn-limit 0 (no limit)" xvsctl switch set sw1 learn-limit 0
send r2p $B $A 1
hcheck "learn-limit 0: B's frame to A reaches r1" rx r1p=1 r2p=0 r3p=0

# --- ageing ---------------------------------------------------------------------------
check "switch set sw1 ageing 1" xvsctl switch set sw1 ageing 1
ok=1
for ((i = 1; i <= 10; i++)); do
	helper sleep 0.5
	if xvsctl -j fdb show sw1 >"$JQ_OUT" 2>&1 &&
		helper jq "$JQ_OUT" "[e['mac'] for e in j] == ['$S']"; then
		ok=0
		break
	fi
done
log_test "ageing 1: A and B forgotten, static S stays (${i} polls)" $ok
[ $ok = 0 ] || printf '      %s\n' "$(<"$JQ_OUT")"

check "fdb del sw1 S" xvsctl fdb del sw1 $S
send r1p $A $S 1
hcheck "unicast to S is flooded now" rx r1p=0 r2p=1 r3p=0
counters "counters: learn_limit drops, 2 flooded, 1 forwarded" sw1 100 \
	"r1:rx=2,fl=2,tx=1 r2:rx=3,rxd=2,learn_limit=2,fwd=1,tx=2"

# --- totals -------------------------------------------------------------------------
sums "sw1: counters add up, ports add up to the switch" sw1
ip -s -j link show sw1 >"$TMP.link" 2>&1
hcheck "ip -s link show sw1: the switch's counters" iplink sw1 "$TMP.link"

###############################################################################
# sw0: VMs and containers
###############################################################################

find_tap_relay
if [ -z "$RELAY" ]; then
	log_skip "sw0: VMs and containers" "no tap-relay (make -C selftests)"
	xvs_exit
fi

check "namespaces vm1, vm2, c3, c4" ip -b - <<-EOF || xvs_exit
	netns add $VM1
	netns add $VM2
	netns add $C3
	netns add $C4
EOF
for ns in $VM1 $VM2 $C3 $C4; do
	helper sysctl "$ns" net/ipv6/conf/default/disable_ipv6 1 &&
		helper sysctl "$ns" net/ipv6/conf/all/disable_ipv6 1 ||
		{ log_test "IPv6 off in $ns" 1; printf '      %s\n' "$HELPER_OUT"; }
done
check "sw0; veths to vm1, vm2; ports c3, c4 (veths)" ip -b - <<-EOF || xvs_exit
	link add sw0 type xvs
	link set sw0 up
	link add vm1-host type veth peer name eth0 netns $VM1 address 02:00:00:00:01:01
	link add vm2-host type veth peer name eth0 netns $VM2 address 02:00:00:00:01:02
	link add c3 type veth peer name eth0 netns $C3 address 02:00:00:00:01:03
	link add c4 type veth peer name eth0 netns $C4 address 02:00:00:00:01:04
	link set vm1-host up
	link set vm2-host up
	link set c3 master sw0
	link set c4 master sw0
	link set c3 up
	link set c4 up
EOF
start_tap_vms 1 2
check "ports tap1, tap2 (served by tap-relay)" ip -b - <<-EOF
	link set tap1 master sw0
	link set tap2 master sw0
	link set tap1 up
	link set tap2 up
EOF
# vm1 knows the MACs of vm2 and c3, vm2 and c3 know vm1's (no ARP between
# them, not even the kernel's unicast re-probes: exact counters below);
# c4 and whoever talks to it use ARP.
ip -n $VM1 -b - <<-EOF || log_test "vm1: 10.0.1.1/24 on eth0" 1
	addr add 10.0.1.1/24 dev eth0
	neigh add 10.0.1.2 lladdr 02:00:00:00:01:02 dev eth0 nud permanent
	neigh add 10.0.1.3 lladdr 02:00:00:00:01:03 dev eth0 nud permanent
	link set eth0 up
EOF
ip -n $VM2 -b - <<-EOF || log_test "vm2: 10.0.1.2/24 on eth0" 1
	addr add 10.0.1.2/24 dev eth0
	neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0 nud permanent
	link set eth0 up
EOF
ip -n $C3 -b - <<-EOF || log_test "c3: 10.0.1.3/24 on eth0" 1
	addr add 10.0.1.3/24 dev eth0
	neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0 nud permanent
	link set eth0 up
EOF
ip -n $C4 -b - <<-EOF || log_test "c4: 10.0.1.4/24 on eth0" 1
	addr add 10.0.1.4/24 dev eth0
	link set eth0 up
EOF
jcheck "ports tap1, tap2: vm; c3, c4: container; all connected" \
	"sorted((p['name'], p['type'], p['state']) for p in j) == [('c3', 'container', 'nic-connected'), ('c4', 'container', 'nic-connected'), ('tap1', 'vm', 'nic-connected'), ('tap2', 'vm', 'nic-connected')]" \
	xvsctl -j port show sw0

check "ping VM vm1 (tap) -> container c3 (veth)" \
	ip netns exec $VM1 ping -c 3 -i 0.2 -w 30 10.0.1.3
check "ping VM vm1 (tap) -> VM vm2 (tap)" \
	ip netns exec $VM1 ping -c 3 -i 0.2 -w 30 10.0.1.2
jcheck "fdb: vm1 learned on tap1, vm2 on tap2, c3 on c3" \
	"sorted((e['mac'], e['port'], e['static']) for e in j) == [('02:00:00:00:01:01', 'tap1', False), ('02:00:00:00:01:02', 'tap2', False), ('02:00:00:00:01:03', 'c3', False)]" \
	xvsctl -j fdb show sw0

# Exact counters of a ping between vm1 and vm2: 98-byte frames, no ARP.
baseline sw0
check "ping -c 5 vm1 -> vm2" ip netns exec $VM1 ping -c 5 -i 0.2 -w 30 10.0.1.2
counters "counters: 5 requests, 5 replies, nothing to c3 and c4" sw0 98 \
	"tap1:rx=5,fwd=5,tx=5 tap2:rx=5,fwd=5,tx=5"

# iperf3 (TCP) tap <-> tap, veth -> tap and veth <-> veth. tap-relay passes
# the virtio-net header like QEMU: TCP checksums left to an offload and GSO
# frames cross the switch as they would from a VM.
ip netns exec $VM2 iperf3 -s >"$TMP.iperf-s2" 2>&1 &
BG[iperf_s2]=$!
ip netns exec $C4 iperf3 -s >"$TMP.iperf-s4" 2>&1 &
BG[iperf_s4]=$!

# iperf NAME NETNS ADDR: an iperf3 -t 2 client in NETNS to the server at ADDR.
iperf()
{
	local i ok=1

	for ((i = 0; i < 10; i++)); do
		# until the server listens
		if ip netns exec "$2" iperf3 -c "$3" -t 2 --connect-timeout 10000 \
			>"$TMP.iperf" 2>&1; then
			ok=0
			break
		fi
		helper sleep 1
	done
	log_test "$1" $ok
	[ $ok = 0 ] || sed 's/^/      /' "$TMP.iperf"
}
iperf "iperf3 -t 2: VM vm1 (tap) -> VM vm2 (tap)" $VM1 10.0.1.2
iperf "iperf3 -t 2: container c3 (veth) -> VM vm2 (tap)" $C3 10.0.1.2
iperf "iperf3 -t 2: container c3 -> container c4" $C3 10.0.1.4

# --- hot detach under traffic ------------------------------------------------------
read -r tx0 </sys/class/net/c4/statistics/tx_packets
ip netns exec $VM1 ping -q -f -w 5 10.0.1.2 >"$TMP.flood" 2>&1 &
BG[flood]=$!
ip netns exec $C3 iperf3 -c 10.0.1.4 -t 5 --connect-timeout 10000 >"$TMP.iperf2" 2>&1 &
BG[iperf_c]=$!
for ((i = 0; i < 40; i++)); do
	helper sleep 0.25
	read -r tx </sys/class/net/c4/statistics/tx_packets
	[ $((tx - tx0)) -gt 20 ] && break
done
log_test "iperf3 c3 -> c4 and ping -f vm1 -> vm2 running" "$([ $((tx - tx0)) -gt 20 ]; echo $?)"
kill -KILL "${BG[relay2]}"
wait "${BG[relay2]}" 2>/dev/null
unset 'BG[relay2]'
check "ip link del c3 (the container's veth) under traffic" ip link del c3
log_test "tap2 went with vm2's tap-relay" "$([ ! -e /sys/class/net/tap2 ]; echo $?)"
jcheck "ports tap2, c3: NIC deleted; tap1, c4 still connected" \
	"{p['name']: (p['state'], p['nic'] is None) for p in j} == {'tap1': ('nic-connected', False), 'tap2': ('nic-deleted', True), 'c3': ('nic-deleted', True), 'c4': ('nic-connected', False)}" \
	xvsctl -j port show sw0
for p in flood iperf_c; do
	for ((i = 0; i < 40; i++)); do	# they stop by themselves after 5 s
		kill -0 "${BG[$p]}" 2>/dev/null || break
		helper sleep 0.25
	done
	kill "${BG[$p]}" 2>/dev/null
	wait "${BG[$p]}" 2>/dev/null
	unset "BG[$p]"
done
jcheck "fdb: nothing left on tap2 or c3" \
	"not any(e['port'] in ('tap2', 'c3') for e in j)" xvsctl -j fdb show sw0
check "the switch still forwards between the ports left: ping vm1 -> c4" \
	ip netns exec $VM1 ping -c 2 -i 0.2 -w 30 10.0.1.4
# c4's TCP may still retransmit to the vanished c3: silence it.
ip -n $C4 link set eth0 down
sums "sw0 after the detaches: counters add up, ports add up to the switch" sw0
read -r taint </proc/sys/kernel/tainted
log_test "no kernel warning or oops (taint $TAINT0 -> $taint)" "$([ "$taint" = "$TAINT0" ]; echo $?)"

xvs_exit
