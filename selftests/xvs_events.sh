#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lifecycle events: 'xvsctl -j monitor' runs in the background, in the test's
# network namespace, while connections go through their lifecycle. Each
# scenario asserts the exact events it causes, in order, with their old and
# new states; at the end the sequence numbers of all events must be
# consecutive and the monitor must not have lost any.
#
#   A. a full lifecycle with xvsctl (plus NIC updates, a refused command)
#   B. a tap deleted while connected
#   C. ip link set DEV master / nomaster
#   D. a tap moved to another netns while connected
#   E. a switch deleted with ports in every state
#   F. ip link del of a switch with a connected port

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip python3 xvsctl

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns NS2, NS2 being a second namespace for scenario D),
# which spares an 'ip netns exec' per command (every process counts under
# emulation).
if [ "${1:-}" != --in-netns ]; then
	NS=xvs-ev-$$
	NS2=xvs-ev2-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'printf "netns del %s\n" "$NS" "$NS2" | ip -force -batch - 2>/dev/null
	      [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	ip netns add "$NS2" || { log_test "namespace $NS2" 1; xvs_exit; }
	case $0 in /*) self=$0 ;; *) self=$PWD/$0 ;; esac
	ip netns exec "$NS" bash "$self" --in-netns "$NS2"
	exit
fi

NS2=$2
TMP=$(mktemp -d /tmp/xvs-events.XXXXXX)
EV=$TMP/events.json
JQ_OUT=$TMP/json.out
MON=

cleanup()
{
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	printf 'link del %s\n' sw0 sw1 probe0 | ip -force -batch - 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

helper_start

# expect NAME SWITCH SPEC...: the events since the last expect are SPEC...
# (see xvs_helper.py); expect_perport: the ports' events may interleave.
expect() { expect_events expect "$@"; }
expect_perport() { expect_events perport "$@"; }
expect_events()
{
	local how=$1 name=$2 sw=$3 rc
	shift 3
	helper "$how" "$EV" "$base" "$sw" "$@"
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" -eq 0 ] || printf '%s\n' "$HELPER_OUT"
	helper count "$EV"
	base=$HELPER_OUT
	return "$rc"
}

{
	echo "link set lo up"
	printf 'tuntap add %s mode tap\n' tap1 tap2 tap3 tap4 tap5 tap6 tap7 tap8
} >"$TMP/setup"
check "lo up, taps tap1..tap8 created" ip -batch "$TMP/setup" || xvs_exit

# --- the monitor ------------------------------------------------------------------
# The program, not lib.sh's function: $! is its pid.
command xvsctl -j monitor >"$EV" 2>"$TMP/monitor.err" &
MON=$!
# Subscribed once the events of a probe switch come through.
ok=1
for i in $(seq 20); do
	helper count "$EV"
	printf 'link add probe0 type xvs\nlink del probe0\n' | ip -batch -
	helper wait "$EV" $((HELPER_OUT + 2)) 1
	helper last "$EV" probe0 switch-delete && { ok=0; break; }
	kill -0 "$MON" 2>/dev/null || break
done
log_test "monitor running and subscribed" "$ok"
if [ "$ok" != 0 ]; then
	cat "$TMP/monitor.err"
	xvs_exit
fi
helper count "$EV"
base=$HELPER_OUT

# --- A: a full lifecycle with xvsctl -------------------------------------------------
check "A: switch add sw0" xvsctl switch add sw0
expect "A: events: switch-create" sw0 "switch-create"
check "A: port add p1" xvsctl port add sw0 p1
check "A: nic add p1 dev tap1" xvsctl nic add sw0 p1 dev tap1
check "A: nic connect p1" xvsctl nic connect sw0 p1
check_fail "A: nic connect p1 twice is refused" xvsctl nic connect sw0 p1
expect "A: events: port-create, nic-create, nic-connect (none for the refusal)" sw0 \
	"port-create p1 none port-created" \
	"nic-create p1 port-created nic-created tap1" \
	"nic-connect p1 nic-created nic-connected tap1"
check "A: ip link set tap1 mtu 1400 (connected)" ip link set tap1 mtu 1400
check "A: ip link set tap1 address (connected)" ip link set tap1 address 02:00:00:00:0a:01
expect "A: events: nic-update per MTU/address change" sw0 \
	"nic-update p1 nic-connected nic-connected tap1" \
	"nic-update p1 nic-connected nic-connected tap1"
check "A: port set p1 friendly-name" xvsctl port set sw0 p1 friendly-name "vm one"
expect "A: events: port-update, state kept" sw0 \
	"port-update p1 nic-connected nic-connected"
check "A: nic disconnect p1" xvsctl nic disconnect sw0 p1
check "A: nic del p1" xvsctl nic del sw0 p1
check "A: port del p1" xvsctl port del sw0 p1
expect "A: events: nic-disconnect, nic-delete, port-teardown, port-delete" sw0 \
	"nic-disconnect p1 nic-connected nic-disconnected tap1" \
	"nic-delete p1 nic-disconnected nic-deleted tap1" \
	"port-teardown p1 nic-deleted port-teardown" \
	"port-delete p1 port-teardown none"

# --- B: the tap goes away while connected ------------------------------------------------
check "B: port p2 with tap2 connected" sh -c "xvsctl port add sw0 p2 &&
	xvsctl nic add sw0 p2 dev tap2 && xvsctl nic connect sw0 p2"
expect "B: events: port-create, nic-create, nic-connect" sw0 \
	"port-create p2 none port-created" \
	"nic-create p2 port-created nic-created tap2" \
	"nic-connect p2 nic-created nic-connected tap2"
check "B: ip link del tap2" ip link del tap2
expect "B: events: nic-disconnect, nic-delete by themselves" sw0 \
	"nic-disconnect p2 nic-connected nic-disconnected -" \
	"nic-delete p2 nic-disconnected nic-deleted -"
jcheck "B: port p2 stays, nic-deleted, no NIC" \
	"o['state'] == 'nic-deleted' and o['nic'] is None" xvsctl -j port show sw0 p2
check "B: port del p2" xvsctl port del sw0 p2
expect "B: events: port-teardown, port-delete" sw0 \
	"port-teardown p2 nic-deleted port-teardown" \
	"port-delete p2 port-teardown none"

# --- C: ip link set master / nomaster --------------------------------------------------------
check "C: ip link set tap3 master sw0" ip link set tap3 master sw0
expect "C: events: port-create, nic-create, nic-connect" sw0 \
	"port-create tap3 none port-created" \
	"nic-create tap3 port-created nic-created tap3" \
	"nic-connect tap3 nic-created nic-connected tap3"
check "C: ip link set tap3 nomaster" ip link set tap3 nomaster
expect "C: events: nic-disconnect, nic-delete, port-teardown, port-delete" sw0 \
	"nic-disconnect tap3 nic-connected nic-disconnected tap3" \
	"nic-delete tap3 nic-disconnected nic-deleted tap3" \
	"port-teardown tap3 nic-deleted port-teardown" \
	"port-delete tap3 port-teardown none"

# --- D: the tap moves to another netns while connected --------------------------------------
check "D: ip link set tap7 master sw0" ip link set tap7 master sw0
expect "D: events: port-create, nic-create, nic-connect" sw0 \
	"port-create tap7 none port-created" \
	"nic-create tap7 port-created nic-created tap7" \
	"nic-connect tap7 nic-created nic-connected tap7"
check "D: ip link set tap7 netns $NS2" ip link set tap7 netns "$NS2"
expect "D: events: nic-disconnect, nic-delete" sw0 \
	"nic-disconnect tap7 nic-connected nic-disconnected -" \
	"nic-delete tap7 nic-disconnected nic-deleted -"
jcheck "D: port tap7 stays in nic-deleted" "o['state'] == 'nic-deleted'" \
	xvsctl -j port show sw0 tap7
jcheck "D: tap7 has no master in $NS2" "'master' not in j[0]" \
	ip -n "$NS2" -j link show tap7
check "D: port del tap7" xvsctl port del sw0 tap7
expect "D: events: port-teardown, port-delete" sw0 \
	"port-teardown tap7 nic-deleted port-teardown" \
	"port-delete tap7 port-teardown none"

# --- E: switch deleted with ports in every state ------------------------------------------------
check "E: switch sw1, ports a (connected), b (NIC created), c (no NIC), d (disconnected)" \
	sh -c "x() { xvsctl \"\$@\"; }
	x switch add sw1 && x port add sw1 a && x nic add sw1 a dev tap4 && x nic connect sw1 a &&
	x port add sw1 b && x nic add sw1 b dev tap5 &&
	x port add sw1 c &&
	x port add sw1 d && x nic add sw1 d dev tap8 && x nic connect sw1 d && x nic disconnect sw1 d"
expect "E: setup events" sw1 \
	"switch-create" \
	"port-create a none port-created" \
	"nic-create a port-created nic-created tap4" \
	"nic-connect a nic-created nic-connected tap4" \
	"port-create b none port-created" \
	"nic-create b port-created nic-created tap5" \
	"port-create c none port-created" \
	"port-create d none port-created" \
	"nic-create d port-created nic-created tap8" \
	"nic-connect d nic-created nic-connected tap8" \
	"nic-disconnect d nic-connected nic-disconnected tap8"
check "E: switch del sw1" xvsctl switch del sw1
expect_perport "E: every remaining step per port, then switch-delete" sw1 \
	"nic-disconnect a nic-connected nic-disconnected tap4" \
	"nic-delete a nic-disconnected nic-deleted tap4" \
	"port-teardown a nic-deleted port-teardown" \
	"port-delete a port-teardown none" \
	"nic-delete b nic-created nic-deleted tap5" \
	"port-teardown b nic-deleted port-teardown" \
	"port-delete b port-teardown none" \
	"port-teardown c port-created port-teardown" \
	"port-delete c port-teardown none" \
	"nic-delete d nic-disconnected nic-deleted tap8" \
	"port-teardown d nic-deleted port-teardown" \
	"port-delete d port-teardown none" \
	"switch-delete"

# --- F: ip link del of a switch with a connected port ------------------------------------------
check "F: ip link set tap6 master sw0" ip link set tap6 master sw0
expect "F: events: port-create, nic-create, nic-connect" sw0 \
	"port-create tap6 none port-created" \
	"nic-create tap6 port-created nic-created tap6" \
	"nic-connect tap6 nic-created nic-connected tap6"
check "F: ip link del sw0" ip link del sw0
expect "F: events: the port's remaining steps, then switch-delete" sw0 \
	"nic-disconnect tap6 nic-connected nic-disconnected tap6" \
	"nic-delete tap6 nic-disconnected nic-deleted tap6" \
	"port-teardown tap6 nic-deleted port-teardown" \
	"port-delete tap6 port-teardown none" \
	"switch-delete"

# --- the whole run ------------------------------------------------------------------------------
helper seq "$EV"
log_test "sequence numbers of all events are consecutive" $?
printf '%s\n' "$HELPER_OUT"
check "monitor still running" kill -0 "$MON"
check_fail "monitor reported no lost events or sequence jumps" \
	grep -Ei 'lost|jump|malformed' "$TMP/monitor.err"
kill "$MON" 2>/dev/null
wait "$MON" 2>/dev/null
log_test "monitor exits 0 on SIGTERM" $?
MON=

xvs_exit
