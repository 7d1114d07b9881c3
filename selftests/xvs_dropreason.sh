#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drops are visible in kfree_skb tracing with a reason and an xvs location:
# a frame longer than the destination's MTU is freed with PKT_TOO_BIG by
# the xvs module, and counted as an MTU drop on the destination port.
#
#   ns p1 --veth-- v1 --+ sw0 +-- v2 (MTU 1280) --veth-- p2 ns

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip xvsctl python3

T=/sys/kernel/tracing
[ -d $T/events ] || T=/sys/kernel/debug/tracing
if [ ! -d $T/events/skb/kfree_skb ]; then
	echo "SKIP: no skb:kfree_skb tracepoint (CONFIG_EVENT_TRACING, tracefs)"
	exit $ksft_skip
fi

SW=xvsdr0 NS=xvsdr-ns
cleanup()
{
	echo 0 >$T/events/skb/kfree_skb/enable
	[ -d $T/events/xvs/xvs_ext_drop ] && echo 0 >$T/events/xvs/xvs_ext_drop/enable
	ip link del $SW 2>/dev/null
	[ -d /sys/module/xvs_macfilter ] && rmmod xvs_macfilter
	ip link del xvsdr-v1 2>/dev/null
	ip link del xvsdr-v2 2>/dev/null
	ip netns del $NS 2>/dev/null
}
trap cleanup EXIT

check "module loads" xvs_load
ip netns add $NS
# No IPv6 chatter from the namespace: every frame counted is one we send.
ip netns exec $NS sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
	net.ipv6.conf.default.disable_ipv6=1
ip link add $SW type xvs
ip link set $SW up
for i in 1 2; do
	ip link add xvsdr-v$i type veth peer name xvsdr-p$i netns $NS
	ip link set xvsdr-v$i master $SW
	ip link set xvsdr-v$i up
	ip -n $NS link set xvsdr-p$i up
done
ip link set xvsdr-v2 mtu 1280
mac2=$(ip netns exec $NS cat /sys/class/net/xvsdr-p2/address)
xvsctl fdb add $SW "$mac2" port xvsdr-v2

echo >$T/trace
echo 1 >$T/events/skb/kfree_skb/enable
# Three 1400-byte frames from p1 to p2's MAC: each too long for v2.
ip netns exec $NS python3 -S - xvsdr-p1 "$mac2" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
dst = bytes.fromhex(sys.argv[2].replace(':', ''))
src = bytes.fromhex('020000dd0001')
for _ in range(3):
    s.send(dst + src + b'\x88\xb5' + bytes(1386))
PYEOF
echo 0 >$T/events/skb/kfree_skb/enable

# -j port show SW PORT: one port object (or a list of one).
drops=$(xvsctl -j -s port show $SW xvsdr-v2 | python3 -S -c '
import json, sys
p = json.load(sys.stdin)
p = p[0] if isinstance(p, list) else p
print(p["stats"]["drops"]["mtu"])' 2>&1)
check "3 MTU drops counted on the destination port" test "$drops" = 3 ||
	echo "      mtu drops: $drops"
n=$(grep -c 'reason: PKT_TOO_BIG' $T/trace)
loc=$(grep 'reason: PKT_TOO_BIG' $T/trace | grep -c '\[xvs\]')
check "kfree_skb traced the 3 drops with reason PKT_TOO_BIG" test "$n" = 3 ||
	grep kfree_skb $T/trace | tail -n 5 | sed 's/^/      /'
check "the traced drops happened in the xvs module" test "$loc" = 3 ||
	grep 'PKT_TOO_BIG' $T/trace | tail -n 3 | sed 's/^/      /'

# An extension's drops: counted on the port as 'extension', on the
# extension, and traced by xvs:xvs_ext_drop with its name and reason.
if [ ! -f "$XVS_KO_DIR/ext/xvs_macfilter.ko" ]; then
	log_skip "extension drops traced" "no $XVS_KO_DIR/ext/xvs_macfilter.ko"
	xvs_exit
fi
check "xvs_macfilter on $SW, xvsdr-v1 allows only 02:00:00:00:00:99" bash -c "
	insmod $XVS_KO_DIR/ext/xvs_macfilter.ko &&
	xvsctl port property add $SW xvsdr-v1 ext xvs_macfilter id 1 data 020000000099 &&
	xvsctl ext enable xvs_macfilter switch $SW"
id1=$(xvsctl -j port show $SW xvsdr-v1 | python3 -S -c '
import json, sys
p = json.load(sys.stdin)
print((p[0] if isinstance(p, list) else p)["id"])')
echo >$T/trace
echo 1 >$T/events/xvs/xvs_ext_drop/enable
ip netns exec $NS python3 -S - xvsdr-p1 "$mac2" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
dst = bytes.fromhex(sys.argv[2].replace(':', ''))
src = bytes.fromhex('020000dd0001')
for _ in range(2):
    s.send(dst + src + b'\x88\xb5' + bytes(46))
PYEOF
echo 0 >$T/events/xvs/xvs_ext_drop/enable
n=$(grep -c "xvs_ext_drop: switch=$SW ext=xvs_macfilter dropped from port=$id1 reason=\"source MAC not allowed\"" $T/trace)
check "xvs:xvs_ext_drop traced 2 drops: switch, extension, port, reason" test "$n" = 2 ||
	tail -n 5 $T/trace | sed 's/^/      /'
drops=$(xvsctl -j -s port show $SW xvsdr-v1 | python3 -S -c '
import json, sys
p = json.load(sys.stdin)
p = p[0] if isinstance(p, list) else p
print(p["stats"]["drops"]["extension"], p["stats"]["rx_dropped"])' 2>&1)
check "2 drops counted on xvsdr-v1 as 'extension' (and rx_dropped)" test "$drops" = "2 2" ||
	echo "      extension, rx_dropped: $drops"
dropped=$(xvsctl -j -s ext list switch $SW | python3 -S -c '
import json, sys
for e in json.load(sys.stdin):
	if e["name"] == "xvs_macfilter":
		print(e["switches"][0]["stats"]["dropped"])' 2>&1)
check "xvs_macfilter counted 2 drops" test "$dropped" = 2 ||
	echo "      xvs_macfilter dropped: $dropped"
check "disable xvs_macfilter, unload it" bash -c \
	"xvsctl ext disable xvs_macfilter switch $SW && rmmod xvs_macfilter"
xvs_exit
