#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extensions come and go under traffic: while iperf3 runs between two
# containers on switch swx, extensions are enabled, reordered and disabled
# over and over, and xvs_null is unloaded and loaded again between rounds.
# An enabled extension's module cannot be unloaded (rmmod fails, the
# extension keeps working); once disabled it can. At the end: iperf3
# finished without error, no kernel warning, and every port's and the
# switch's counters add up (rx = forwarded + flooded + consumed + dropped,
# the ports' add up to the switch's): nothing was lost from the accounting.
#
#   c1: eth0 10.0.5.1 ==veth== p1 --+
#                                   swx
#   c2: eth0 10.0.5.2 ==veth== p2 --+

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"

require_root
require_cmd ip python3 xvsctl iperf3

EXT=$XVS_KO_DIR/ext
C1=xvs-ch$$-c1 C2=xvs-ch$$-c2
TMP=/tmp/xvs-churn.$$
ROUNDS=${XVS_CHURN_ROUNDS:-4}
was_loaded=0
[ -d /sys/module/xvs ] && was_loaded=1
declare -A BG=()

cleanup()
{
	local p
	for p in "${BG[@]}"; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	ip -force -b - <<-EOF >/dev/null 2>&1
		link del swx
		netns del $C1
		netns del $C2
	EOF
	for m in xvs_macfilter xvs_null; do
		[ -d /sys/module/$m ] && rmmod $m
	done
	[ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null
	rm -f "$TMP".*
}
trap cleanup EXIT

if [ ! -f "$EXT/xvs_null.ko" ] || [ ! -f "$EXT/xvs_macfilter.ko" ]; then
	log_skip "extension churn" "no $EXT/xvs_null.ko or xvs_macfilter.ko"
	xvs_exit
fi
xvs_load || { log_test "module loaded" 1; xvs_exit; }
check "insmod xvs_null (count=2), xvs_macfilter" bash -c \
	"insmod $EXT/xvs_null.ko count=2 && insmod $EXT/xvs_macfilter.ko" ||
	xvs_exit
# (after the out-of-tree modules: they taint the kernel with O)
read -r TAINT0 </proc/sys/kernel/tainted

JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

# No IPv6 on swx: the host's own chatter on it would count on the switch
# alone (a private switch carries none of the host's frames).
ip link add swx type xvs && sysctl -qw net.ipv6.conf.swx.disable_ipv6=1
check "swx with containers c1, c2 on ports p1, p2" ip -b - <<-EOF || xvs_exit
	netns add $C1
	netns add $C2
	link set swx up
	link add p1 type veth peer name eth0 netns $C1 address 02:00:00:00:05:01
	link add p2 type veth peer name eth0 netns $C2 address 02:00:00:00:05:02
	link set p1 master swx
	link set p2 master swx
	link set p1 up
	link set p2 up
	netns exec $C1 ip addr add 10.0.5.1/24 dev eth0
	netns exec $C1 ip link set eth0 up
	netns exec $C2 ip addr add 10.0.5.2/24 dev eth0
	netns exec $C2 ip link set eth0 up
EOF
# macfilter lets c1's address through p1: traffic goes on while enabled.
check "p1: xvs_macfilter allow-list property (c1's MAC)" \
	xvsctl port property add swx p1 ext xvs_macfilter id 1 data 020000000501

ip netns exec $C2 iperf3 -s -1 >"$TMP.iperf-s" 2>&1 &
BG[server]=$!
# Until the server listens on port 5201 (0x1451), IPv4 or IPv6.
ok=1
for ((i = 0; i < 80; i++)); do
	if ip netns exec $C2 grep -qs ':1451 [0-9A-F:]* 0A ' /proc/net/tcp /proc/net/tcp6; then
		ok=0
		break
	fi
	helper sleep 0.25
done
log_test "iperf3 server listening in c2" $ok
secs=$((ROUNDS * 3 + 6))
ip netns exec $C1 iperf3 -c 10.0.5.2 -t "$secs" --connect-timeout 10000 \
	>"$TMP.iperf" 2>&1 &
BG[client]=$!

# One round: enable both, reorder, check the stack, rmmod an enabled one
# (must fail), disable both, unload and load xvs_null again.
bad=0
for ((r = 1; r <= ROUNDS; r++)); do
	xvsctl ext enable xvs_null switch swx &&
		xvsctl ext enable xvs_macfilter switch swx &&
		xvsctl ext enable xvs_null1 switch swx &&
		xvsctl ext order swx xvs_null1 xvs_macfilter ||
		{ echo "      round $r: enable/order failed"; bad=1; }
	if ! pos=$(jget "[n for p, n in sorted((s['position'], e['name']) for e in j for s in e['switches'] if s['enabled'])]" \
		xvsctl -j ext list switch swx) ||
		[ "$pos" != "['xvs_null1', 'xvs_macfilter', 'xvs_null']" ]; then
		echo "      round $r: stack order $pos"
		bad=1
	fi
	if rmmod xvs_null 2>/dev/null; then
		echo "      round $r: rmmod xvs_null succeeded while enabled"
		bad=1
	fi
	xvsctl ext disable xvs_macfilter switch swx &&
		xvsctl ext disable xvs_null switch swx &&
		xvsctl ext disable xvs_null1 switch swx &&
		rmmod xvs_null && insmod "$EXT/xvs_null.ko" count=2 ||
		{ echo "      round $r: disable/unload/load failed"; bad=1; }
done
log_test "$ROUNDS rounds: enable x3, order, rmmod refused, disable x3, reload" $bad

check "rmmod xvs_macfilter once disabled everywhere" rmmod xvs_macfilter
wait "${BG[client]}"
rc=$?
unset 'BG[client]'
log_test "iperf3 c1 -> c2 finished without error" $rc
[ $rc = 0 ] || sed 's/^/      /' "$TMP.iperf"
# (a server that never got its client would wait for good)
kill "${BG[server]}" 2>/dev/null
wait "${BG[server]}" 2>/dev/null
unset 'BG[server]'

# No frame crosses now; ARP may still: read until two readings agree.
same=0
for ((i = 0; i < 10; i++)); do
	xvsctl -j -s port show swx >"$TMP.ports" 2>&1 &&
		xvsctl -j -s switch show swx >"$TMP.switch" 2>&1 &&
		xvsctl -j -s switch show swx >"$TMP.switch2" 2>&1 || break
	[ "$(<"$TMP.switch")" = "$(<"$TMP.switch2")" ] && { same=1; break; }
	helper sleep 0.3
done
if [ $same = 1 ] && helper sums swx "$TMP.ports" "$TMP.switch"; then
	log_test "counters add up; the ports' add up to the switch's" 0
else
	log_test "counters add up; the ports' add up to the switch's" 1
	printf '      %s\n' "${HELPER_OUT:-counters kept moving}"
fi
jcheck "no frame dropped by an extension (c1's MAC was allowed)" \
	"o['stats']['drops']['extension'] == 0 and o['stats']['rx_packets'] > 1000" \
	xvsctl -j -s switch show swx
read -r taint </proc/sys/kernel/tainted
log_test "no kernel warning or oops (taint $TAINT0 -> $taint)" \
	"$([ "$taint" = "$TAINT0" ]; echo $?)"
xvs_exit
