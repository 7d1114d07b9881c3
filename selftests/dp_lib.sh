#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the data path selftests share, on top of lib.sh: checks on the
# requests of dp-agent.py (their JSON helper: test frames, counter
# deltas). A test sources it after lib.sh, with TMP set to the prefix of
# its files, and starts dp-agent.py as lib.sh's helper coprocess:
#
#   coproc XVS_HELPER { exec python3 -u "$HERE/dp-agent.py"; }
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

# send IF SRC DST N [LEN]: N test frames out of IF, into the switch port at
# the other end of the veth.
send()
{
	helper send "$@" ||
		{ log_test "sending test frames out of $1" 1; printf '      %s\n' "$HELPER_OUT"; }
}
