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
	ip link del $SW 2>/dev/null
	ip link del xvsdr-v1 2>/dev/null
	ip link del xvsdr-v2 2>/dev/null
	ip netns del $NS 2>/dev/null
}
trap cleanup EXIT

check "module loads" xvs_load
ip netns add $NS
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
ip netns exec $NS python3 - xvsdr-p1 "$mac2" <<'PYEOF'
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
drops=$(xvsctl -j -s port show $SW xvsdr-v2 | python3 -c '
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
xvs_exit
