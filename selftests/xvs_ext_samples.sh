#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The sample extensions of kmod/ext/ (Documentation/extensions.rst), end to
# end: xvs_null, xvs_macfilter, xvs_capture, xvs_l2fwd, and the lifetime of
# an extension's module.
#
# Switch sw1 has three ports r1..r3, veths whose far ends r1p..r3p carry no
# IP stack: dp-agent.py sends test frames out of them and counts the test
# frames each one (and xvscap0) receives:
#
#   r1p --veth-- r1 --+
#   r2p --veth-- r2 --+ sw1        xvscap0 (xvs_capture's netdev, moved into
#   r3p --veth-- r3 --+                     the test's namespace and back)
#
# xvs_null: enabled once and four times (count=4), frames cross as before and
#   every instance sees each of them.
# xvs_macfilter: an allow-list on r1 lets its MAC through and drops others,
#   counted as "extension" drops of r1 and by the extension; other ports are
#   not filtered; updates and deletes take effect; malformed lists are
#   vetoed with their reason; a list set while disabled is taken up at
#   enable; a malformed one stored while disabled fails the enable.
# xvs_capture: xvscap0 shows (tcpdump) the frames from r1 tagged with r1's
#   port id, and those to r2 with r2's, direction in the priority; bad
#   values, ports with ids above 4094 and xvscap0 as a NIC are vetoed.
# xvs_l2fwd: the table's port gets a unicast frame, nobody else; unknown
#   unicast is dropped ("extension" drop); broadcast floods; nothing is
#   learned; disabling brings back flooding and learning.
# Lifetime: rmmod of an enabled extension's module fails and the extension
#   goes on working; disabled, it unloads (and loads again).

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

EXT_MODULES="xvs_null xvs_capture xvs_macfilter xvs_l2fwd"

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command.
if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl tcpdump
	NS=xvs-ext-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	unload()
	{
		local m
		ip netns del "$NS" 2>/dev/null
		for m in $EXT_MODULES; do
			[ -d "/sys/module/$m" ] && rmmod "$m"
		done
		[ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null
	}
	trap unload EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	for m in $EXT_MODULES; do
		[ -d "/sys/module/$m" ] && continue
		args=
		[ "$m" = xvs_null ] && args=count=4
		check "insmod $m.ko $args" insmod "$XVS_KO_DIR/ext/$m.ko" $args ||
			xvs_exit
	done
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	# The test's namespace gets xvscap0; it moves it back when done.
	check "xvscap0 into namespace $NS" ip link set xvscap0 netns "$NS" ||
		xvs_exit
	ip netns exec "$NS" bash "$0" --in-netns "$$"
	rc=$?
	# The switch is gone, xvscap0 back home: nothing pins the modules.
	for m in $EXT_MODULES; do
		check "rmmod $m" rmmod "$m" || rc=$ksft_fail
	done
	exit "$rc"
fi

TMP=/tmp/xvs-ext.$$	# prefix of our files
TCPDUMP=

cleanup()
{
	[ -n "$TCPDUMP" ] && kill "$TCPDUMP" 2>/dev/null && wait "$TCPDUMP" 2>/dev/null
	ip link del sw1 2>/dev/null
	# Back to the initial namespace (PID 1's), where rmmod can take it.
	ip link set xvscap0 netns 1 2>/dev/null
	rm -f "$TMP".*
}
trap cleanup EXIT

read -r TAINT0 </proc/sys/kernel/tainted

echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6

# --- lib.sh's JSON helper, with dp-agent.py's commands: counters, frames -----
JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }

# baseline: sw1's port counters now are what the next 'counters' compares to.
baseline()
{
	xvsctl -j -s port show sw1 >"$TMP.ports" 2>&1 &&
		helper save sw1 "$TMP.ports" ||
		{ log_test "counters of sw1's ports" 1; printf '      %s\n' "$HELPER_OUT"; }
}

# counters NAME SPEC: since the last baseline/counters, every counter of
# every port of sw1 moved by exactly SPEC (see dp-agent.py delta), every
# frame 100 bytes.
counters()
{
	if xvsctl -j -s port show sw1 >"$TMP.ports" 2>&1; then
		hcheck "$1" delta sw1 100 "$2" "$TMP.ports"
	else
		log_test "$1" 1
		printf '      %s\n' "$(<"$TMP.ports")"
	fi
}

# ext_stats NAME EXT PYEXPR: EXT's counters on sw1 (xvsctl -j -s ext list),
# bound to s, make PYEXPR true.
ext_stats()
{
	jcheck "$1" "(lambda s: $3)(next(e for e in j if e['name'] == '$2')['switches'][0]['stats'])" \
		xvsctl -j -s ext list switch sw1
}

# ext_on NAME EXT yes|no: EXT is (not) enabled on sw1.
ext_on()
{
	local want=True
	[ "$3" = no ] && want=False
	jcheck "$1" "next(e for e in j if e['name'] == '$2')['switches'][0]['enabled'] is $want" \
		xvsctl -j ext list switch sw1
}

# mac_hex MAC...: the MACs as one hex string (a property value).
mac_hex()
{
	local m out=
	for m in "$@"; do
		out+=${m//:/}
	done
	printf '%s' "$out"
}

A=02:aa:00:00:00:0a B=02:aa:00:00:00:0b C=02:aa:00:00:00:0c
D=02:aa:00:00:00:0d X=02:aa:00:00:00:99
BC=ff:ff:ff:ff:ff:ff

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
ID1=$(jget "o['id']" xvsctl -j port show sw1 r1)
ID2=$(jget "o['id']" xvsctl -j port show sw1 r2)
ID3=$(jget "o['id']" xvsctl -j port show sw1 r3)
[ -n "$ID1" ] && [ -n "$ID2" ] && [ -n "$ID3" ] ||
	{ log_test "port ids of r1, r2, r3" 1; xvs_exit; }
hcheck "listening on r1p, r2p, r3p" listen r1p r2p r3p || xvs_exit

jcheck "ext list: the four samples (and xvs_null1..3) are installed, disabled" \
	"all(any(e['name'] == n and e['type'] == t and not e['switches'][0]['enabled'] for e in j) for n, t in [('xvs_null', 'filter'), ('xvs_null3', 'filter'), ('xvs_capture', 'capture'), ('xvs_macfilter', 'filter'), ('xvs_l2fwd', 'forwarding')])" \
	xvsctl -j ext list switch sw1
baseline

###############################################################################
# xvs_null
###############################################################################

check "enable xvs_null" xvsctl ext enable xvs_null switch sw1
check_err "enabling xvs_null twice fails" "already enabled" \
	xvsctl ext enable xvs_null switch sw1
send r1p $A $BC 1
hcheck "xvs_null x1: broadcast from r1 reaches r2 and r3" rx r1p=0 r2p=1 r3p=1
counters "xvs_null x1: counters as without extensions" \
	"r1:rx=1,fl=1 r2:tx=1 r3:tx=1"
ext_stats "xvs_null x1: saw 1 frame in, 2 destinations out, dropped none" \
	xvs_null "s['ingress'] == 1 and s['egress'] == 2 and s['dropped'] == 0 and s['excluded'] == 0"

for n in 1 2 3; do
	check "enable xvs_null$n" xvsctl ext enable "xvs_null$n" switch sw1
done
send r2p $B $BC 1
hcheck "xvs_null x4: broadcast from r2 reaches r1 and r3" rx r1p=1 r2p=0 r3p=1
counters "xvs_null x4: counters as without extensions" \
	"r2:rx=1,fl=1 r1:tx=1 r3:tx=1"
ext_stats "xvs_null x4: xvs_null3 saw the frame and both destinations" \
	xvs_null3 "s['ingress'] == 1 and s['egress'] == 2"
ext_stats "xvs_null x4: xvs_null saw 2 frames, 4 destinations" \
	xvs_null "s['ingress'] == 2 and s['egress'] == 4"
jcheck "xvs_null x4: its status: no property change seen" \
	"next(s for s in j if s['ext'] == 'xvs_null')['status'] == {'properties-seen': 0}" \
	xvsctl -j switch status sw1
for n in "" 1 2 3; do
	check "disable xvs_null$n" xvsctl ext disable "xvs_null$n" switch sw1
done
ext_on "xvs_null is disabled again" xvs_null no

###############################################################################
# xvs_macfilter
###############################################################################

check "enable xvs_macfilter" xvsctl ext enable xvs_macfilter switch sw1
check "r1's allow-list: $A" xvsctl port property add sw1 r1 \
	ext xvs_macfilter id 1 data "$(mac_hex $A)"
send r1p $A $BC 1
hcheck "macfilter: r1 sends from $A (allowed)" rx r1p=0 r2p=1 r3p=1
counters "macfilter: the allowed frame is flooded" "r1:rx=1,fl=1 r2:tx=1 r3:tx=1"
send r1p $X $BC 2
hcheck "macfilter: r1 sends from $X (not allowed): nobody gets it" \
	rx r1p=0 r2p=0 r3p=0
counters "macfilter: r1 counts 2 'extension' drops" \
	"r1:rx=2,rxd=2,extension=2"
ext_stats "macfilter: xvs_macfilter counts 3 frames, 2 dropped" \
	xvs_macfilter "s['ingress'] == 3 and s['dropped'] == 2"
jcheck "macfilter: r1's status: 1 MAC allowed, 2 dropped" \
	"[(s['ext'], s['status']) for s in j] == [('xvs_macfilter', {'allowed-macs': 1, 'dropped': 2})]" \
	xvsctl -j port status sw1 r1
send r2p $X $BC 1
hcheck "macfilter: r2 has no allow-list: $X passes there" rx r1p=1 r2p=0 r3p=1
counters "macfilter: r2's frame is flooded" "r2:rx=1,fl=1 r1:tx=1 r3:tx=1"

check "r1's allow-list becomes $B $X" xvsctl port property set sw1 r1 \
	ext xvs_macfilter id 1 version 1.0 data "$(mac_hex $B $X)"
send r1p $A $BC 1
send r1p $X $BC 1
hcheck "macfilter: after the update $A is dropped, $X passes" \
	rx r1p=0 r2p=1 r3p=1
counters "macfilter: one dropped, one flooded" \
	"r1:rx=2,fl=1,rxd=1,extension=1 r2:tx=1 r3:tx=1"

check_err "a list of 5 bytes is vetoed" \
	"vetoed by xvs_macfilter: .*multiple of 6" \
	xvsctl port property set sw1 r1 ext xvs_macfilter id 1 version 1.0 data 02aa000000
check_err "a multicast MAC is vetoed" \
	"vetoed by xvs_macfilter: .*multicast or zero" \
	xvsctl port property add sw1 r2 ext xvs_macfilter id 1 \
	data "$(mac_hex $A 01:00:5e:00:00:01)"
check_err "a zero MAC is vetoed" \
	"vetoed by xvs_macfilter: .*multicast or zero" \
	xvsctl port property add sw1 r2 ext xvs_macfilter id 1 data 000000000000
many=
for ((i = 0; i < 65; i++)); do
	printf -v mac '0200000001%02x' "$i"	# (no $(...): a fork each)
	many+=$mac
done
check_err "65 MACs are vetoed" "vetoed by xvs_macfilter: .*more than 64" \
	xvsctl port property add sw1 r2 ext xvs_macfilter id 1 data "$many"
check_err "another property id is vetoed" \
	"vetoed by xvs_macfilter: .*unknown property id" \
	xvsctl port property add sw1 r2 ext xvs_macfilter id 2
check_err "version 2.0 is vetoed" "vetoed by xvs_macfilter: .*version" \
	xvsctl port property add sw1 r2 ext xvs_macfilter id 1 version 2.0
check_err "a switch property is vetoed" "vetoed by xvs_macfilter: .*port propert" \
	xvsctl switch property add sw1 ext xvs_macfilter id 1
jcheck "the vetoed changes left r1's list as it was" \
	"len(j) == 1 and j[0]['id'] == 1 and j[0]['data'] == '$(mac_hex $B $X)'" \
	xvsctl -j port property show sw1 r1 ext xvs_macfilter
jcheck "and gave r2 no list" "j == []" \
	xvsctl -j port property show sw1 r2 ext xvs_macfilter
send r1p $A $BC 1
send r1p $X $BC 1
send r2p $A $BC 1
hcheck "macfilter: still $X only on r1; r2 unfiltered" rx r1p=1 r2p=1 r3p=2
counters "macfilter: the vetoes changed nothing" \
	"r1:rx=2,fl=1,rxd=1,extension=1,tx=1 r2:rx=1,fl=1,tx=1 r3:tx=2"

check "delete r1's allow-list" xvsctl port property del sw1 r1 ext xvs_macfilter id 1 version 1.0
send r1p $A $BC 1
hcheck "macfilter: no list, r1 sends from $A again" rx r1p=0 r2p=1 r3p=1
counters "macfilter: flooded" "r1:rx=1,fl=1 r2:tx=1 r3:tx=1"

check "disable xvs_macfilter" xvsctl ext disable xvs_macfilter switch sw1
check "r1's allow-list $B, set while disabled" xvsctl port property add sw1 r1 \
	ext xvs_macfilter id 1 data "$(mac_hex $B)"
send r1p $A $BC 1
hcheck "macfilter disabled: the list is not enforced" rx r1p=0 r2p=1 r3p=1
counters "macfilter disabled: flooded" "r1:rx=1,fl=1 r2:tx=1 r3:tx=1"
check "enable xvs_macfilter again" xvsctl ext enable xvs_macfilter switch sw1
send r1p $A $BC 1
send r1p $B $BC 1
hcheck "macfilter: the list set while disabled is enforced" rx r1p=0 r2p=1 r3p=1
counters "macfilter: one dropped, one flooded" \
	"r1:rx=2,fl=1,rxd=1,extension=1 r2:tx=1 r3:tx=1"
ext_stats "macfilter: the new instance counts from 0" \
	xvs_macfilter "s['ingress'] == 2 and s['dropped'] == 1"

# --- lifetime ------------------------------------------------------------------
check_err "rmmod xvs_macfilter while enabled fails (in use)" "in use" \
	rmmod xvs_macfilter
send r1p $A $BC 1
hcheck "macfilter: still loaded, still drops" rx r1p=0 r2p=0 r3p=0
counters "macfilter: one more 'extension' drop" "r1:rx=1,rxd=1,extension=1"
check "disable xvs_macfilter" xvsctl ext disable xvs_macfilter switch sw1
check "rmmod xvs_macfilter once disabled" rmmod xvs_macfilter
jcheck "ext list: xvs_macfilter is gone" \
	"not any(e['name'] == 'xvs_macfilter' for e in j)" xvsctl -j ext list
check "insmod xvs_macfilter again" insmod "$XVS_KO_DIR/ext/xvs_macfilter.ko"

check "r1's allow-list becomes 5 bytes while xvs_macfilter is disabled" \
	xvsctl port property set sw1 r1 ext xvs_macfilter id 1 version 1.0 data 02aa000000
check_err "enabling xvs_macfilter with r1's bad list fails" "multiple of 6" \
	xvsctl ext enable xvs_macfilter switch sw1
ext_on "xvs_macfilter stays disabled" xvs_macfilter no
check "delete r1's bad list" xvsctl port property del sw1 r1 ext xvs_macfilter id 1 version 1.0

###############################################################################
# xvs_capture
###############################################################################

check "xvscap0 up" ip link set xvscap0 up
hcheck "listening on xvscap0" listen xvscap0
check "enable xvs_capture" xvsctl ext enable xvs_capture switch sw1
check "mirror r1 (empty value: frames from the port)" \
	xvsctl port property add sw1 r1 ext xvs_capture id 1
check "mirror r2 both ways (flags 3)" \
	xvsctl port property add sw1 r2 ext xvs_capture id 1 data 03
jcheck "capture: r2's status: mirrored both ways" \
	"[(s['ext'], s['status']) for s in j] == [('xvs_capture', {'mirror': 'both'})]" \
	xvsctl -j port status sw1 r2
jcheck "capture: the switch's status: 2 ports mirrored" \
	"[(s['ext'], s['status']) for s in j] == [('xvs_capture', {'ports-mirrored': 2})]" \
	xvsctl -j switch status sw1

# tcpdump_start N: tcpdump on xvscap0 until it has N frames, writing
# $TMP.pcap; waits until it listens. (Not in a $(...): tcpdump would hold
# its pipe open.)
tcpdump_start()
{
	local i line=
	tcpdump -i xvscap0 -n -U -c "$1" -w "$TMP.pcap" >/dev/null 2>"$TMP.tcpdump" &
	TCPDUMP=$!
	for ((i = 0; i < 100; i++)); do
		read -r line 2>/dev/null <"$TMP.tcpdump"
		case $line in *listening*) return 0 ;; esac
		helper sleep 0.2
	done
	return 1
}

# tcpdump_stop: wait (10 s at most) for tcpdump to have its frames and end.
tcpdump_stop()
{
	local i
	[ -n "$TCPDUMP" ] || return 1
	for ((i = 0; i < 50; i++)); do
		kill -0 "$TCPDUMP" 2>/dev/null || break
		helper sleep 0.2
	done
	kill "$TCPDUMP" 2>/dev/null
	wait "$TCPDUMP"
	TCPDUMP=
}

# tcpdump_count NAME N PATTERN: tcpdump -e printed N frames matching PATTERN.
tcpdump_count()
{
	local n
	n=$(tcpdump -r "$TMP.pcap" -n -e -t 2>/dev/null | grep -c -- "$3")
	log_test "$1" "$([ "$n" = "$2" ] && echo 0 || echo 1)"
	[ "$n" = "$2" ] || { printf '      %s frames, wanted %s; tcpdump shows:\n' "$n" "$2"; \
		tcpdump -r "$TMP.pcap" -n -e -t 2>&1 | head -n 20 | sed 's/^/      /'; }
}

tcpdump_start 6
log_test "tcpdump listens on xvscap0" $?
send r1p $A $BC 2
hcheck "capture: 2 broadcasts from r1: 2 mirrored from r1, 2 to r2" \
	rx r1p=0 r2p=2 r3p=2 xvscap0=4
send r3p $C $BC 1
hcheck "capture: a broadcast from r3: mirrored to r2 only" \
	rx r1p=1 r2p=1 r3p=0 xvscap0=1
send r3p $C $D 1
hcheck "capture: unknown unicast from r3: mirrored to r2 only" \
	rx r1p=1 r2p=1 r3p=0 xvscap0=1
counters "capture: the switch forwards as without it" \
	"r1:rx=2,fl=2,tx=2 r2:tx=4 r3:rx=2,fl=2,tx=2"
tcpdump_stop
tcpdump_count "tcpdump: 2 frames from r1: 802.1ad tag, vlan $ID1, p 0" 2 \
	"$A > $BC, ethertype 802.1Q-QinQ (0x88a8), length 104: vlan $ID1, p 0, ethertype Unknown (0x88b5)"
tcpdump_count "tcpdump: 4 frames to r2: vlan $ID2, p 1" 4 \
	"ethertype 802.1Q-QinQ (0x88a8), length 104: vlan $ID2, p 1, ethertype Unknown (0x88b5)"
tcpdump_count "tcpdump: nothing else" 6 "length 104: vlan"
tcpdump_count "tcpdump: and no frame of r3's port id" 0 "vlan $ID3,"
ext_stats "capture: xvs_capture saw 4 frames in, 8 destinations out" \
	xvs_capture "s['ingress'] == 4 and s['egress'] == 8 and s['dropped'] == 0"

check_err "a value of 2 bytes is vetoed" "vetoed by xvs_capture: .*empty or one byte" \
	xvsctl port property set sw1 r1 ext xvs_capture id 1 version 1.0 data 0101
check_err "flags 4 are vetoed" "vetoed by xvs_capture: .*bad flags" \
	xvsctl port property set sw1 r1 ext xvs_capture id 1 version 1.0 data 04
check "port big, id 5000" xvsctl port add sw1 big id 5000
check_err "mirroring port id 5000 is vetoed" "vetoed by xvs_capture: .*above 4094" \
	xvsctl port property add sw1 big ext xvs_capture id 1
check "port big deleted" xvsctl port del sw1 big
check_err "xvscap0 as a NIC of sw1 is vetoed" "vetoed by xvs_capture: xvscap0" \
	ip link set xvscap0 master sw1

check "stop mirroring r2" xvsctl port property del sw1 r2 ext xvs_capture id 1 version 1.0
send r1p $A $BC 1
hcheck "capture: r1 still mirrored, r2 no more" rx r1p=0 r2p=1 r3p=1 xvscap0=1
check "disable xvs_capture" xvsctl ext disable xvs_capture switch sw1
send r1p $A $BC 1
hcheck "capture disabled: nothing mirrored" rx r1p=0 r2p=1 r3p=1 xvscap0=0
counters "capture: flooded" "r1:rx=2,fl=2 r2:tx=2 r3:tx=2"
check "r1's mirror property deleted" \
	xvsctl port property del sw1 r1 ext xvs_capture id 1 version 1.0

###############################################################################
# xvs_l2fwd
###############################################################################

# l2fwd_rec MAC PORT_ID: one table record, as hex.
l2fwd_rec()
{
	printf '%s%08x' "$(mac_hex "$1")" "$2"
}

check "fdb flush sw1" xvsctl fdb flush sw1
check "sw1's table: $B -> r2, $C -> r3" xvsctl switch property add sw1 \
	ext xvs_l2fwd id 1 data "$(l2fwd_rec $B "$ID2")$(l2fwd_rec $C "$ID3")"
check "enable xvs_l2fwd" xvsctl ext enable xvs_l2fwd switch sw1
jcheck "l2fwd: the switch's status: the table offered at enable" \
	"[(s['ext'], s['status']) for s in j] == [('xvs_l2fwd', {'table-entries': 2, 'std-policy': 'decline'})]" \
	xvsctl -j switch status sw1
send r1p $A $B 2
hcheck "l2fwd: $A -> $B goes to r2 only" rx r1p=0 r2p=2 r3p=0
send r1p $A $C 1
hcheck "l2fwd: $A -> $C goes to r3 only" rx r1p=0 r2p=0 r3p=1
send r2p $B $D 1
hcheck "l2fwd: to $D (not in the table): dropped" rx r1p=0 r2p=0 r3p=0
send r2p $B $BC 1
hcheck "l2fwd: broadcast is flooded" rx r1p=1 r2p=0 r3p=1
send r2p $B $B 1
hcheck "l2fwd: to the source's own port: dropped" rx r1p=0 r2p=0 r3p=0
counters "l2fwd: forwarded, dropped ('extension'), flooded" \
	"r1:rx=3,fwd=3,tx=1 r2:rx=3,fl=1,rxd=2,extension=2,tx=2 r3:tx=2"
ext_stats "l2fwd: xvs_l2fwd counts 6 frames, 2 dropped" \
	xvs_l2fwd "s['ingress'] == 6 and s['dropped'] == 2"
jcheck "l2fwd: nothing learned (fdb show is empty)" "j == []" \
	xvsctl -j fdb show sw1

check_err "a table of 9 bytes is vetoed" "vetoed by xvs_l2fwd: .*multiple of 10" \
	xvsctl switch property set sw1 ext xvs_l2fwd id 1 version 1.0 data 02aa0000000b000000
check_err "a multicast address in the table is vetoed" \
	"vetoed by xvs_l2fwd: .*multicast or zero" \
	xvsctl switch property set sw1 ext xvs_l2fwd id 1 version 1.0 \
	data "$(l2fwd_rec 01:00:5e:00:00:01 "$ID2")"
check_err "port id 0 in the table is vetoed" "vetoed by xvs_l2fwd: .*port id 0" \
	xvsctl switch property set sw1 ext xvs_l2fwd id 1 version 1.0 data "$(l2fwd_rec $B 0)"
check_err "an address twice in the table is vetoed" "vetoed by xvs_l2fwd: .*twice" \
	xvsctl switch property set sw1 ext xvs_l2fwd id 1 version 1.0 \
	data "$(l2fwd_rec $B "$ID2")$(l2fwd_rec $B "$ID3")"
check_err "a port property is vetoed" "vetoed by xvs_l2fwd: .*switch property" \
	xvsctl port property add sw1 r1 ext xvs_l2fwd id 1

check "sw1's table: $B -> r3" xvsctl switch property set sw1 \
	ext xvs_l2fwd id 1 version 1.0 data "$(l2fwd_rec $B "$ID3")"
send r1p $A $B 1
send r1p $A $C 1
hcheck "l2fwd: the new table: $B on r3, $C unknown" rx r1p=0 r2p=0 r3p=1
counters "l2fwd: one forwarded, one dropped" \
	"r1:rx=2,fwd=1,rxd=1,extension=1 r3:tx=1"

check "disable xvs_l2fwd" xvsctl ext disable xvs_l2fwd switch sw1
send r1p $A $B 1
hcheck "native again: unknown unicast $B is flooded" rx r1p=0 r2p=1 r3p=1
jcheck "native again: $A learned on r1" \
	"len(j) == 1 and j[0]['mac'] == '$A' and j[0]['port'] == 'r1'" \
	xvsctl -j fdb show sw1
counters "native again: flooded" "r1:rx=1,fl=1 r2:tx=1 r3:tx=1"

read -r TAINT1 </proc/sys/kernel/tainted
log_test "kernel not tainted by the tests" "$([ "$TAINT0" = "$TAINT1" ] && echo 0 || echo 1)"

xvs_exit
