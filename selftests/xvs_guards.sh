#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The port policies that guard what a port sends: the MAC spoofing, DHCP
# and router guards, the bandwidth limit and the storm limits; validation
# ports; the standard policies offered to a forwarding extension.
#
# Switch sw0 has three ports g1..g3, veths whose far ends g1p..g3p carry no
# IP stack: dp-agent.py sends test and crafted frames (DHCP, router
# advertisements, ...) out of them and counts the test frames each one
# receives, so every frame and every counter is known:
#
#   g1p --veth-- g1 --+
#   g2p --veth-- g2 --+ sw0
#   g3p --veth-- g3 --+
#
# Each step checks which far ends received its frames (or, for frames that
# are not test frames, what the destination ports sent), and that the
# counters of every port moved by exactly that, drops by their reason, and
# add up. The bandwidth and storm steps send a burst as fast as dp-agent
# can and bound what must pass by the bucket and by the time the burst
# took: at least the burst, no more than the burst plus the rate over that
# time, the rest dropped and counted as such to the frame.

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command.
if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl
	NS=xvs-gd-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ -d /sys/module/xvs_l2fwd ] && rmmod xvs_l2fwd; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns exec "$NS" bash "$0" --in-netns
	exit
fi

TMP=/tmp/xvs-gd.$$	# prefix of our files
EV=$TMP.events
MON=

cleanup()
{
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	ip link del sw0 2>/dev/null
	rm -f "$TMP".*
}
trap cleanup EXIT

# dp-agent.py first: python starts (seconds under emulation) while the
# switch is made.
JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

# No IPv6 on anything created in this namespace from now on.
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

A=02:9a:00:00:00:0a B=02:9a:00:00:00:0b C=02:9a:00:00:00:0c
D=02:9a:00:00:00:0d X=02:9a:00:00:00:99
BC=ff:ff:ff:ff:ff:ff MC=01:00:5e:00:00:fb

# craft IF KIND SRC DST [N [LEN]]: send crafted frames; MS is how long the
# sending took (milliseconds).
craft()
{
	MS=
	if helper craft "$@"; then
		MS=${HELPER_OUT#ok ms=}
	else
		log_test "sending $2 frames out of $1" 1
		printf '      %s\n' "$HELPER_OUT"
	fi
}

# burst NAME N LO HI: of the N test frames just sent out of g1p, g2p and g3p
# each received the same number N1, LO <= N1 <= HI and N1 < N; RX is N1.
burst()
{
	local name=$1 n=$2 lo=$3 hi=$4 rc=1

	RX=0
	if helper rxcount g2p g3p; then
		read -r g2 g3 <<<"${HELPER_OUT#ok }"
		RX=${g2#g2p=}
		[ "$RX" = "${g3#g3p=}" ] && [ "$RX" -ge "$lo" ] &&
			[ "$RX" -le "$hi" ] && [ "$RX" -lt "$n" ] && rc=0
	fi
	log_test "$name" $rc
	[ $rc = 0 ] || printf '      %s; wanted %d..%d of %d (sent in %s ms)\n' \
		"$HELPER_OUT" "$lo" "$hi" "$n" "$MS"
}

# has NAME TEXT CMD...: CMD succeeds and says TEXT; OUT is what it said.
has()
{
	local name=$1 text=$2 rc
	shift 2
	capture OUT "$@"
	rc=$?
	[[ $rc = 0 && $OUT == *"$text"* ]] || rc=1
	log_test "$name" $rc
	[ $rc = 0 ] || printf '%s\n' "$OUT" | sed 's/^/      /'
}

# refused NAME TEXT CMD...: CMD fails and says TEXT (check_err without grep:
# a process less).
refused()
{
	local name=$1 text=$2 out rc=1
	shift 2
	capture out "$@" || [[ $out != *"$text"* ]] || rc=0
	log_test "$name" $rc
	[ $rc = 0 ] || printf '%s\n' "$out" | head -n 3 | sed 's/^/      /'
}

# nlset NAME EXPECTED SW PORT ATTR...: dp-agent's raw PORT_SET says
# EXPECTED ("ok", or "ok error ERRNO: EXTACK").
nlset()
{
	local name=$1 want=$2 rc=1
	shift 2
	helper nlset "$@" && [ "$HELPER_OUT" = "$want" ] && rc=0
	log_test "$name" $rc
	[ $rc = 0 ] || printf '      %s\n' "$HELPER_OUT"
}

check "sw0 with ports g1, g2, g3 (veths, far ends g1p..g3p)" ip -b - <<-EOF || xvs_exit
	link add sw0 type xvs
	link set sw0 up
	link add g1 type veth peer name g1p
	link add g2 type veth peer name g2p
	link add g3 type veth peer name g3p
	link set g1 master sw0
	link set g2 master sw0
	link set g3 master sw0
	link set g1 up
	link set g2 up
	link set g3 up
	link set g1p up
	link set g2p up
	link set g3p up
EOF
hcheck "listening on g1p, g2p, g3p" listen g1p g2p g3p || xvs_exit
# The lifecycle events, for the validation ports.
# The program, not lib.sh's function: $! is its pid.
command xvsctl -j monitor >"$EV" 2>"$TMP.monitor" &
MON=$!
# The counters of new ports start at 0: the baseline, without a process.
helper save sw0

###############################################################################
# MAC spoofing guard
###############################################################################

refused "spoof-guard on without a guest MAC: refused, saying why" \
	"The MAC spoofing guard needs the guest's MAC" \
	xvsctl port set sw0 g1 spoof-guard on
check "port set g1 mac A spoof-guard on" xvsctl port set sw0 g1 mac $A spoof-guard on
send g1p $A $BC 3
send g1p $B $BC 2
hcheck "spoof guard: g1's 3 frames from A pass, 2 from B do not" rx g1p=0 g2p=3 g3p=3
counters "counters: 2 spoof-guard drops on g1" sw0 100 \
	"g1:rx=5,fl=3,rxd=2,spoof_guard=2 g2:tx=3 g3:tx=3"
hcheck "g1: mac A, spoof guard on, enforced by the switch" jq "$TMP.ports" \
	"[(p['policy']['mac'], p['policy']['spoof_guard'], p['policy']['enforced_by']) for p in j if p['name'] == 'g1'] == [('$A', True, None)]"
jcheck "fdb: A learned on g1, spoofed B not learned" \
	"[(e['mac'], e['port']) for e in j] == [('$A', 'g1')]" xvsctl -j fdb show sw0

###############################################################################
# DHCP guard
###############################################################################

check "port set g1 spoof-guard off dhcp-guard on" \
	xvsctl port set sw0 g1 spoof-guard off dhcp-guard on
send g1p $B $BC 2
hcheck "spoof guard off: frames from B pass" rx g1p=0 g2p=2 g3p=2
for k in dhcp4-server dhcp6-server dhcp4-client dhcp6-client; do
	craft g1p $k $A $BC
	craft g2p $k $C $BC
done
counters "dhcp guard: g1's DHCPv4/v6 server messages dropped, clients' pass, all of g2's" \
	sw0 0 "g1:rx=6,fl=4,rxd=2,dhcp_guard=2,tx=4 g2:rx=4,fl=4,tx=4 g3:tx=8"

###############################################################################
# Router guard
###############################################################################

check "port set g1 dhcp-guard off router-guard on" \
	xvsctl port set sw0 g1 dhcp-guard off router-guard on
for k in ra redirect6 redirect4 ra-hbh ns dhcp4-server; do
	craft g1p $k $A $BC
done
craft g2p ra $C $BC
counters "router guard: RA, redirects, RA behind hop-by-hop dropped; NS, DHCP, g2's RA pass" \
	sw0 0 "g1:rx=6,fl=2,rxd=4,router_guard=4,tx=1 g2:rx=1,fl=1,tx=2 g3:tx=3"

###############################################################################
# Bandwidth limit
###############################################################################

check "port set g1 router-guard off rate 100k burst 20000" \
	xvsctl port set sw0 g1 router-guard off rate 100k burst 20000
# 60 frames of 1000 bytes at once: the 20000-byte burst lets 20 (plus the
# one that finds the bucket full) through at once, then 12.5 a second.
craft g1p test $A $BC 60 1000
burst "rate 100k burst 20000: of 60 kB at once, the burst passes, not all" \
	60 21 $((1 + (20000 + (MS + 200) * 100000 / 8000) / 1000))
counters "counters: the rest are rate drops, to the frame" sw0 1000 \
	"g1:rx=60,fl=$RX,rxd=$((60 - RX)),rate=$((60 - RX)) g2:tx=$RX g3:tx=$RX"
refused "rate 10: refused" "at least 1000 bits/s (or \"rate none\")" xvsctl port set sw0 g1 rate 10
nlset "rate 999 bits/s: refused by the switch, saying why" \
	"ok error EINVAL: A rate limit must be at least 1000 bits/s (0: no limit)" \
	sw0 g1 port-rate:u64=999
nlset "a burst without a rate (g2): refused by the switch, saying why" \
	"ok error EINVAL: A burst needs a rate limit" \
	sw0 g2 port-rate-burst:u32=5000
check "port set g1 rate 400g" xvsctl port set sw0 g1 rate 400g
send g1p $A $BC 60 1000
hcheck "rate 400g: all 60 pass" rx g1p=0 g2p=60 g3p=60
counters "counters: no drops" sw0 1000 "g1:rx=60,fl=60 g2:tx=60 g3:tx=60"
hcheck "g1: rate 400g, its default burst (1/10 s) capped at 4 GiB - 1; g2: none" \
	jq "$TMP.ports" "sorted((p['name'], p['policy']['rate'], p['policy']['burst']) for p in j) == [('g1', 400 * 10**9, 2**32 - 1), ('g2', 0, 0), ('g3', 0, 0)]"

###############################################################################
# Storm limits
###############################################################################

check "port set g1 rate none storm bcast 10" \
	xvsctl port set sw0 g1 rate none storm bcast 10
# 10/s with a tenth of a second of tolerance: 2 at once, then 10 a second.
craft g1p test $A $BC 50
burst "storm bcast 10: of 50 broadcasts at once, 2 pass (and 10/s)" \
	50 2 $((1 + (100 + MS + 200) / 100))
n=$RX
send g1p $A $MC 30
hcheck "multicast is not broadcast: all 30 pass" rx g1p=0 g2p=30 g3p=30
counters "counters: the other broadcasts are storm drops" sw0 100 \
	"g1:rx=80,fl=$((n + 30)),rxd=$((50 - n)),storm=$((50 - n)) g2:tx=$((n + 30)) g3:tx=$((n + 30))"
hcheck "g1: rate none, storm bcast 10" jq "$TMP.ports" \
	"[(p['policy']['rate'], p['policy']['burst'], p['policy']['storm']) for p in j if p['name'] == 'g1'] == [(0, 0, {'bcast': 10, 'mcast': 0, 'unknown': 0})]"

check "port set g1 storm mcast 10 storm unknown 1" \
	xvsctl port set sw0 g1 storm mcast 10 storm unknown 1
craft g1p test $A $MC 50
burst "storm mcast 10: of 50 multicasts at once, 2 pass" \
	50 2 $((1 + (100 + MS + 200) / 100))
n=$RX
send g1p $A $C 30
hcheck "unicast to C (learned on g2) is never unknown: all 30 reach g2" \
	rx g1p=0 g2p=30 g3p=0
craft g1p test $A $X 30
burst "storm unknown 1: of 30 frames to unknown X at once, 1 passes" \
	30 1 $((1 + (100 + MS + 200) / 1000))
counters "counters: the other multicasts and unknown unicasts are storm drops" sw0 100 \
	"g1:rx=110,fwd=30,fl=$((n + RX)),rxd=$((80 - n - RX)),storm=$((80 - n - RX)) g2:tx=$((n + 30 + RX)) g3:tx=$((n + RX))"
# g1's spoof guard (mac A) is for later; it does not touch these frames.
check "port set g1 storm none spoof-guard on" \
	xvsctl port set sw0 g1 storm none spoof-guard on
send g1p $A $BC 30
send g1p $A $MC 30
send g1p $A $X 30
hcheck "storm none: 30 broadcasts, multicasts and to X each, all pass" \
	rx g1p=0 g2p=90 g3p=90
counters "counters: no drops" sw0 100 "g1:rx=90,fl=90 g2:tx=90 g3:tx=90"

###############################################################################
# Validation ports
###############################################################################

# The monitor has seen every port set so far: it is subscribed.
helper count "$EV"
base=$HELPER_OUT
helper jq "$TMP.ports" "sorted(p['id'] for p in j)"
ids=${HELPER_OUT#ok }
has "port validate sw0 vlan access 10: valid" "policies valid on switch sw0" \
	xvsctl port validate sw0 vlan access 10
refused "port validate sw0 spoof-guard on (no MAC): invalid, saying why" \
	"The MAC spoofing guard needs the guest's MAC" \
	xvsctl port validate sw0 spoof-guard on
jcheck "no validation port left behind" \
	"sorted(p['id'] for p in j) == $ids and not any(p['validation'] for p in j)" \
	xvsctl -j port show sw0
helper wait "$EV" $((base + 7)) 10
hcheck "events: validation ports created, updated (when valid), deleted" jq "$EV" \
	"[(e['event'], e['old_state'], e['new_state'], e['port_name'].startswith('validate-'), e['port_id'] not in $ids) for e in j[$base:]] == [('port-create', 'none', 'port-created', True, True), ('port-update', 'port-created', 'port-created', True, True), ('port-teardown', 'port-created', 'port-teardown', True, True), ('port-delete', 'port-teardown', 'none', True, True), ('port-create', 'none', 'port-created', True, True), ('port-teardown', 'port-created', 'port-teardown', True, True), ('port-delete', 'port-teardown', 'none', True, True)]"

###############################################################################
# Standard policies offered to the forwarding extension (xvs_l2fwd)
###############################################################################

if [ ! -f "$XVS_KO_DIR/ext/xvs_l2fwd.ko" ]; then
	log_skip "standard policies and xvs_l2fwd" "no $XVS_KO_DIR/ext/xvs_l2fwd.ko"
	xvs_exit
fi
# Enforced-by: g1, g2, g3 as JSON says it, from $TMP.ports.
owners()
{
	hcheck "$1" jq "$TMP.ports" \
		"[p['policy']['enforced_by'] for p in sorted(j, key=lambda p: p['name'])] == $2"
}
check "port set g3 vlan access 10 mac D spoof-guard on" \
	xvsctl port set sw0 g3 vlan access 10 mac $D spoof-guard on
check "insmod xvs_l2fwd std_policy=1" insmod "$XVS_KO_DIR/ext/xvs_l2fwd.ko" std_policy=1
check "ext enable xvs_l2fwd switch sw0" xvsctl ext enable xvs_l2fwd switch sw0
check "port set g2 mac C spoof-guard on" xvsctl port set sw0 g2 mac $C spoof-guard on
has "port show g1 says enforced-by xvs_l2fwd" "enforced-by xvs_l2fwd" \
	xvsctl port show sw0 g1
send g1p $B $BC 2
send g1p $A $BC 1
send g2p $B $BC 1
hcheck "xvs_l2fwd: spoofed frames from g1 and g2 dropped, A's passes (g3 is in VLAN 10)" \
	rx g1p=0 g2p=1 g3p=0
counters "counters: extension drops, not spoof-guard" sw0 100 \
	"g1:rx=3,fl=1,rxd=2,extension=2 g2:rx=1,rxd=1,extension=1,tx=1"
owners "g1 (offered at enable), g2 (at port set): xvs_l2fwd's; g3 (VLAN): the switch's" \
	"['xvs_l2fwd', 'xvs_l2fwd', None]"
check "ext disable xvs_l2fwd: the switch takes its policies back" \
	xvsctl ext disable xvs_l2fwd switch sw0
send g1p $B $BC 2
hcheck "spoofed frames from g1 still dropped" rx g1p=0 g2p=0 g3p=0
counters "counters: spoof-guard drops again" sw0 100 "g1:rx=2,rxd=2,spoof_guard=2"
owners "g1, g2, g3: the switch's" "[None, None, None]"

echo 2 >/sys/module/xvs_l2fwd/parameters/std_policy
check "std_policy=2, ext enable xvs_l2fwd (its vetoes at enable: the switch's)" \
	xvsctl ext enable xvs_l2fwd switch sw0
refused "port set g3 vlan none: vetoed by xvs_l2fwd, saying why" \
	"vetoed by xvs_l2fwd: standard port policies are not allowed" \
	xvsctl port set sw0 g3 vlan none
refused "port validate sw0 dhcp-guard on: vetoed by xvs_l2fwd" \
	"vetoed by xvs_l2fwd: standard port policies are not allowed" \
	xvsctl port validate sw0 dhcp-guard on
check "port set g3 rate 1m: not a standard policy, not vetoed" \
	xvsctl port set sw0 g3 rate 1m
jcheck "g3: vlan access 10 kept, rate 1m; g1, g2 the switch's; no port left" \
	"[(p['name'], p['policy']['vlan']['mode'], p['policy']['rate'], p['policy']['enforced_by']) for p in sorted(j, key=lambda p: p['name'])] == [('g1', 'none', 0, None), ('g2', 'none', 0, None), ('g3', 'access', 10**6, None)]" \
	xvsctl -j port show sw0
check "ext disable xvs_l2fwd" xvsctl ext disable xvs_l2fwd switch sw0
rmmod xvs_l2fwd
xvs_exit
