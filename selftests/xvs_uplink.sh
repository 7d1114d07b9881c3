#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host's ports: a VM talks to the host over an internal switch, and to
# the outside network over an external switch's uplink.
#
#   host: sw0 10.0.2.254 = internal port sw0 -- sw0 -- tap1 <-tap-relay-> vm1 10.0.2.1
#   out: eth0 10.0.3.100 ==veth== up0 = external port up0 -- sw1 -- tap2 <-tap-relay-> vm2 10.0.3.1
#
# (vmN: a network namespace whose eth0 is a veth to vmN-host, which
# tap-relay serves tapN with, the way QEMU serves a VM's tap.)
#
# The host and vm1 ping each other over sw0's own address, and a ping with
# no ARP moves the counters of the internal port, of tap1 and of the switch
# by exactly its frames. Made private again, sw0 no longer carries the
# host's frames: they are dropped, as nic_not_connected. vm2 and the outside
# ping each other over the uplink, exact counters again; with the uplink
# gone (sw1 private) they no longer can, and up0 has no master any more.
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
	require_cmd ip python3 xvsctl ping
	NS=xvs-up-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns exec "$NS" bash "$0" --in-netns "$$"
	exit
fi

ID=$2
VM1=xvs-up$ID-vm1 VM2=xvs-up$ID-vm2 OUT=xvs-up$ID-out
TMP=/tmp/xvs-up.$$	# prefix of our files
declare -A BG=()	# tap-relays

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
		netns del $OUT
	EOF
	rm -f "$TMP".*
}
trap cleanup EXIT

# No IPv6 on anything created in this namespace from now on.
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

find_tap_relay
if [ -z "$RELAY" ]; then
	echo "SKIP: no tap-relay (make -C selftests)"
	exit $ksft_skip
fi

# --- lib.sh's JSON helper, with dp-agent.py's commands: counters, frames -----
JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

# counters NAME SW LEN SPEC: since the baseline of SW, every counter of SW
# (@SW in SPEC) and of its ports moved by exactly SPEC (0 when SPEC does not
# name it), every frame LEN bytes (see dp-agent.py); and they add up.
counters()
{
	local name=$1 sw=$2
	shift 2
	if snap "$sw"; then
		hcheck "$name" delta "$sw" "$@" "$TMP.ports" "$TMP.switch"
	else
		log_test "$name" 1
		printf '      %s\n' "$HELPER_OUT"
	fi
}

# --- setup: switches, namespaces, veths, tap-relays -----------------------------
check "sw0, sw1; namespaces vm1, vm2, out" ip -b - <<-EOF || xvs_exit
	link add sw0 type xvs
	link add sw1 type xvs
	addr add 10.0.2.254/24 dev sw0
	link set sw0 up
	link set sw1 up
	netns add $VM1
	netns add $VM2
	netns add $OUT
EOF
for ns in $VM1 $VM2 $OUT; do
	helper sysctl "$ns" net/ipv6/conf/default/disable_ipv6 1 &&
		helper sysctl "$ns" net/ipv6/conf/all/disable_ipv6 1 ||
		{ log_test "IPv6 off in $ns" 1; printf '      %s\n' "$HELPER_OUT"; }
done
check "veths vm1-host, vm2-host, up0 to eth0 in vm1, vm2, out" ip -b - <<-EOF || xvs_exit
	link add vm1-host type veth peer name eth0 netns $VM1 address 02:00:00:00:02:01
	link add vm2-host type veth peer name eth0 netns $VM2 address 02:00:00:00:03:01
	link add up0 type veth peer name eth0 netns $OUT address 02:00:00:00:03:64
	link set vm1-host up
	link set vm2-host up
	link set up0 up
EOF
start_tap_vms 1 2
check "tap1 (vm1) on sw0, tap2 (vm2) on sw1" ip -b - <<-EOF
	link set tap1 master sw0
	link set tap2 master sw1
	link set tap1 up
	link set tap2 up
EOF
read -r SW0_MAC </sys/class/net/sw0/address
# vm1 knows the host's MAC, vm2 and the outside each other's (no ARP: exact
# counters); the host finds vm1 with ARP.
ip -n $VM1 -b - <<-EOF || log_test "vm1: 10.0.2.1/24 on eth0" 1
	addr add 10.0.2.1/24 dev eth0
	neigh add 10.0.2.254 lladdr $SW0_MAC dev eth0 nud permanent
	link set eth0 up
EOF
ip -n $VM2 -b - <<-EOF || log_test "vm2: 10.0.3.1/24 on eth0" 1
	addr add 10.0.3.1/24 dev eth0
	neigh add 10.0.3.100 lladdr 02:00:00:00:03:64 dev eth0 nud permanent
	link set eth0 up
EOF
ip -n $OUT -b - <<-EOF || log_test "out: 10.0.3.100/24 on eth0" 1
	addr add 10.0.3.100/24 dev eth0
	neigh add 10.0.3.1 lladdr 02:00:00:00:03:01 dev eth0 nud permanent
	link set eth0 up
EOF

###############################################################################
# internal switch: host <-> VM
###############################################################################

check "xvsctl switch set sw0 type internal" xvsctl switch set sw0 type internal
jcheck "ports of sw0: internal port sw0 (NIC sw0), tap1; connected" \
	"sorted((p['name'], p['type'], p['state'], p['nic']['ifname']) for p in j) == [('sw0', 'internal', 'nic-connected', 'sw0'), ('tap1', 'vm', 'nic-connected', 'tap1')]" \
	xvsctl -j port show sw0

check "host -> VM: ping 10.0.2.1 (vm1) from the host, over sw0" \
	ping -c 3 -i 0.2 -w 30 10.0.2.1
check "VM -> host: ping 10.0.2.254 (sw0) from vm1" \
	ip netns exec $VM1 ping -c 2 -i 0.2 -w 30 10.0.2.254
jcheck "fdb: vm1's MAC learned on tap1, the host's (sw0's) on port sw0" \
	"sorted((e['mac'], e['port']) for e in j) == sorted([('02:00:00:00:02:01', 'tap1'), ('$SW0_MAC', 'sw0')])" \
	xvsctl -j fdb show sw0

# Exact counters: no ARP any more, 98-byte ICMP frames.
ip neigh replace 10.0.2.1 lladdr 02:00:00:00:02:01 dev sw0 nud permanent ||
	log_test "host: permanent neighbour vm1" 1
baseline sw0
check "ping -c 4 host -> vm1" ping -c 4 -i 0.2 -w 30 10.0.2.1
counters "counters: 4 requests in on port sw0, 4 replies in on tap1" sw0 98 \
	"sw0:rx=4,fwd=4,tx=4 tap1:rx=4,fwd=4,tx=4 @sw0:rx=8,fwd=8,tx=8"

check "xvsctl switch set sw0 type private" xvsctl switch set sw0 type private
check_fail "host -> VM: no answer once sw0 is private" ping -c 1 -W 1 10.0.2.1
counters "counters: the host's frame dropped as nic_not_connected" sw0 98 \
	"@sw0:rx=1,rxd=1,nic_not_connected=1"

###############################################################################
# external switch: VM <-> outside over the uplink
###############################################################################

check "xvsctl switch set sw1 type external uplink up0" \
	xvsctl switch set sw1 type external uplink up0
jcheck "switch sw1: external, uplink up0" \
	"o['type'] == 'external' and o['uplink'] == 'up0' and o['ports'] == 2" \
	xvsctl -j switch show sw1

baseline sw1
check "VM -> outside: ping 10.0.3.100 from vm2" \
	ip netns exec $VM2 ping -c 4 -i 0.2 -w 30 10.0.3.100
# The outside's MAC is not known yet: the first request is flooded.
counters "counters: 4 requests in on tap2 (1 flooded), 4 replies in on up0" sw1 98 \
	"tap2:rx=4,fl=1,fwd=3,tx=4 up0:rx=4,fwd=4,tx=4 @sw1:rx=8,fl=1,fwd=7,tx=8"
check "outside -> VM: ping 10.0.3.1 from the outside" \
	ip netns exec $OUT ping -c 2 -i 0.2 -w 30 10.0.3.1
jcheck "fdb: vm2's MAC on tap2, the outside's on up0" \
	"sorted((e['mac'], e['port']) for e in j) == [('02:00:00:00:03:01', 'tap2'), ('02:00:00:00:03:64', 'up0')]" \
	xvsctl -j fdb show sw1

check "xvsctl switch set sw1 type private" xvsctl switch set sw1 type private
check_fail "VM -> outside: no answer without the uplink" \
	ip netns exec $VM2 ping -c 1 -W 1 10.0.3.100
log_test "up0 has no master any more" "$([ ! -e /sys/class/net/up0/master ]; echo $?)"

xvs_exit
