#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the data path selftests share, on top of lib.sh: checks on the
# requests of dp-agent.py (their JSON helper: test frames, counter
# deltas). A test sources it after lib.sh, with TMP set to the prefix of
# its files, and starts dp-agent.py as lib.sh's helper coprocess:
#
#   coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }
#
# A test may define its own version of a function after sourcing this.

# hcheck NAME REQUEST...: the helper request (see dp-agent.py) must succeed.
hcheck()
{
	local name=$1 rc
	shift
	helper "$@"
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" = 0 ] || printf '      %s\n' "$HELPER_OUT"
	return "$rc"
}

# snap SW: the counters of SW's ports and of SW, in $TMP.ports and $TMP.switch.
snap()
{
	xvsctl -j -s port show "$1" >"$TMP.ports" 2>&1 &&
		xvsctl -j -s switch show "$1" >"$TMP.switch" 2>&1 ||
		{ HELPER_OUT="xvsctl: $(<"$TMP.ports") $(<"$TMP.switch")"; return 1; }
}

# baseline SW: the counters of SW now are what the next 'counters' compares to.
baseline()
{
	snap "$1" && helper save "$1" "$TMP.ports" "$TMP.switch" ||
		{ log_test "counters of $1 and its ports" 1; printf '      %s\n' "$HELPER_OUT"; }
}

# counters NAME SW LEN SPEC: since the last baseline/counters of SW, every
# counter of every port of SW moved by exactly SPEC (0 when SPEC does not
# name it), every frame LEN bytes (0: bytes checked only where SPEC names
# them; see dp-agent.py); and they add up. The switch's own counters are
# checked against the sum of its ports' (sums) at the end: one process less
# per step.
counters()
{
	local name=$1 sw=$2
	shift 2
	if xvsctl -j -s port show "$sw" >"$TMP.ports" 2>&1; then
		hcheck "$name" delta "$sw" "$@" "$TMP.ports"
	else
		log_test "$name" 1
		printf '      %s\n' "$(<"$TMP.ports")"
	fi
}

# sums NAME SW: the counters of SW and its ports add up, and the ports' add
# up to the switch's. Read while no frame crosses SW (its counters are the
# same before and after its ports'): counters read while frames flow may be
# a few frames apart (api.rst).
sums()
{
	local i same=0

	for ((i = 0; i < 8; i++)); do
		xvsctl -j -s switch show "$2" >"$TMP.switch0" 2>&1 && snap "$2" || break
		[ "$(<"$TMP.switch0")" = "$(<"$TMP.switch")" ] && { same=1; break; }
		helper sleep 0.3
	done
	if [ $same = 1 ]; then
		hcheck "$1" sums "$2" "$TMP.ports" "$TMP.switch"
	else
		log_test "$1" 1
		printf '      %s\n' "${HELPER_OUT:-frames kept crossing $2}"
	fi
}

# send IF SRC DST N [LEN]: N test frames out of IF, into the switch port at
# the other end of the veth.
send()
{
	helper send "$@" ||
		{ log_test "sending test frames out of $1" 1; printf '      %s\n' "$HELPER_OUT"; }
}

# find_tap_relay: RELAY is the tap-relay binary (built from its source when
# 'make -C selftests' did not build it), or empty when there is none.
find_tap_relay()
{
	RELAY=$HERE/tap-relay
	[ -x "$RELAY" ] && return 0
	RELAY=$TMP.tap-relay
	cc -O2 -o "$RELAY" "$HERE/tap-relay.c" 2>/dev/null || RELAY=
}

# start_tap_vms N...: for each N, a tap-relay serving tapN with vmN-host,
# its PID in BG[relayN]; returns once every tapN exists (20 s at most).
start_tap_vms()
{
	local n i all

	for n in "$@"; do
		"$RELAY" "tap$n" "vm$n-host" 2>"$TMP.relay$n" &
		BG[relay$n]=$!
	done
	for ((i = 0; i < 80; i++)); do
		all=1
		for n in "$@"; do
			[ -e "/sys/class/net/tap$n" ] || all=0
		done
		[ $all = 1 ] && return 0
		helper sleep 0.25
	done
	return 1
}
