#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unmodified iproute2 drives a switch: 'ip link add sw0 type xvs', 'ip link
# set DEV master sw0' (a port named after DEV, NIC created and connected; port
# type vm for a tap, container for a veth, external otherwise), 'ip link set
# DEV nomaster' (the port goes away), 'ip link del sw0'. xvsctl is only used
# to look at the result.

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip python3 xvsctl

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command (every
# process counts under emulation).
if [ "${1:-}" != --in-netns ]; then
	NS=xvs-ip-$$
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	trap 'ip netns del "$NS" 2>/dev/null; [ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null' EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	ip netns add "$NS" || { log_test "namespace $NS" 1; xvs_exit; }
	case $0 in /*) self=$0 ;; *) self=$PWD/$0 ;; esac
	ip netns exec "$NS" bash "$self" --in-netns
	exit
fi

cleanup()
{
	ip link del sw0 2>/dev/null
	ip link del sw1 2>/dev/null
	rm -f "$JQ_OUT"
}
trap cleanup EXIT

# One python3 checks all JSON output (starting python for every check is slow
# under emulation): jcheck writes the output to a file and sends
# "PATH<TAB>EXPR"; the checker answers "ok VALUE" or "fail WHY".
JQ_PY='
import json, sys
for line in sys.stdin:
    path, expr = line.rstrip("\n").split("\t", 1)
    try:
        with open(path) as f:
            j = json.load(f)
        # o: the one object of a reply, or of a show that lists one
        o = j[0] if isinstance(j, list) and len(j) == 1 else j if isinstance(j, dict) else None
        v = eval(expr, {"j": j, "o": o})
        print("ok %s" % (v,) if v is not False and v is not None else "fail: false", flush=True)
    except Exception as e:
        print("fail: %s: %s" % (type(e).__name__, e), flush=True)
'
coproc JQ { exec python3 -u -c "$JQ_PY"; }
JQ_OUT=$(mktemp /tmp/xvs-json.XXXXXX)

# jq_eval FILE PYEXPR: evaluate PYEXPR with j bound to FILE's JSON; sets
# JQ_REPLY to "ok VALUE" or "fail: WHY" (no subshell: forks are slow).
jq_eval()
{
	local expr=${2//[$'\n\t']/ }

	printf '%s\t%s\n' "$1" "$expr" >&"${JQ[1]}" 2>/dev/null &&
		read -r -t 60 JQ_REPLY <&"${JQ[0]}" ||
		JQ_REPLY="fail: the JSON checker died"
}

# jget PYEXPR CMD...: print the value of PYEXPR over CMD's JSON output.
jget()
{
	local expr=$1
	shift
	"$@" >"$JQ_OUT" 2>/dev/null || return 1
	jq_eval "$JQ_OUT" "$expr"
	[ "${JQ_REPLY%% *}" = ok ] || return 1
	printf '%s\n' "${JQ_REPLY#ok }"
}

# jcheck NAME PYEXPR CMD...: CMD must succeed and print JSON that, bound to
# j, makes the python expression PYEXPR true. o is the one object of a reply
# (xvsctl -j port add) or of a show that lists one (xvsctl -j port show SW P).
jcheck()
{
	local name=$1 expr=$2 rc
	shift 2
	JQ_REPLY=
	"$@" >"$JQ_OUT" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		jq_eval "$JQ_OUT" "$expr"
		[ "${JQ_REPLY%% *}" = ok ] || rc=1
	fi
	log_test "$name" "$rc"
	if [ "$rc" -ne 0 ]; then
		printf '      command: %s\n      wanted: %s\n' "$*" "$expr"
		[ -n "$JQ_REPLY" ] && printf '      %s\n' "$JQ_REPLY"
		{ head -c 4000 "$JQ_OUT"; echo; } | sed 's/^/      /'
	fi
	return "$rc"
}

master_is()
{
	jcheck "$1" "j[0].get('master', '') == '$3'" ip -j link show "$2"
}

# port_is NAME PORT TYPE DEV: port PORT of sw0 has type TYPE and its NIC,
# connected, is DEV.
port_is()
{
	local ifindex
	ifindex=$(jget "j[0]['ifindex']" ip -j link show "$4")
	jcheck "$1" "o['name'] == '$2' and o['type'] == '$3' and o['state'] == 'nic-connected' and o['nic'] is not None and o['nic']['ifname'] == '$4' and o['nic']['index'] == 0 and o['nic']['ifindex'] == ${ifindex:-0}" \
		xvsctl -j port show sw0 "$2"
}

ip link set lo up
check "tap0 created" ip tuntap add tap0 mode tap || xvs_exit
check "veth0/veth1 created" ip link add veth0 type veth peer name veth1 || xvs_exit
check "dummy0 created" ip link add dummy0 type dummy || xvs_exit

# --- the switch ----------------------------------------------------------------
check "ip link add sw0 type xvs" ip link add sw0 type xvs
jcheck "ip -d link show sw0: link kind xvs" \
	"j[0]['ifname'] == 'sw0' and j[0]['linkinfo']['info_kind'] == 'xvs'" \
	ip -d -j link show sw0
check "ip -d link show sw0 (text) names the kind" \
	sh -c "ip -d link show sw0 | grep -qw xvs"
jcheck "ip -s link show sw0: counters" "'stats64' in j[0]" ip -s -j link show sw0
check "ip link set sw0 up" ip link set sw0 up
jcheck "xvsctl sees sw0: private, no ports" \
	"o['name'] == 'sw0' and o['type'] == 'private' and o['ports'] == 0 and o['id'] >= 1" \
	xvsctl -j switch show sw0
check_fail "ip link add sw0 type xvs again fails" ip link add sw0 type xvs

# --- a tap: port type vm --------------------------------------------------------------
check "ip link set tap0 master sw0" ip link set tap0 master sw0
port_is "port tap0: type vm, nic-connected, NIC tap0" tap0 vm tap0
master_is "ip link: tap0 master sw0" tap0 sw0

# --- a veth: port type container -----------------------------------------------------------
check "ip link set veth0 master sw0" ip link set veth0 master sw0
port_is "port veth0: type container, nic-connected, NIC veth0" veth0 container veth0
master_is "ip link: veth0 master sw0" veth0 sw0
master_is "ip link: its peer veth1 has no master" veth1 ""

# --- anything else: port type external ----------------------------------------------------
check "ip link set dummy0 master sw0" ip link set dummy0 master sw0
port_is "port dummy0: type external, nic-connected, NIC dummy0" dummy0 external dummy0

jcheck "xvsctl port show sw0: the three ports" \
	"sorted(p['name'] for p in j) == ['dummy0', 'tap0', 'veth0'] and all(p['state'] == 'nic-connected' for p in j)" \
	xvsctl -j port show sw0
jcheck "switch counts 3 ports" "o['ports'] == 3" xvsctl -j switch show sw0
jcheck "ip link show master sw0 lists the three" \
	"sorted(l['ifname'] for l in j) == ['dummy0', 'tap0', 'veth0']" \
	ip -j link show master sw0

# --- a switch is not a port of a switch ---------------------------------------------------------
check "ip link add sw1 type xvs" ip link add sw1 type xvs
check_fail "ip link set sw1 master sw0 fails" ip link set sw1 master sw0
master_is "sw1 has no master" sw1 ""
check "ip link del sw1" ip link del sw1

# --- nomaster: the port goes away -----------------------------------------------------------
check "ip link set tap0 nomaster" ip link set tap0 nomaster
check_fail "port tap0 is gone" xvsctl port show sw0 tap0
master_is "ip link: tap0 has no master" tap0 ""
check "ip link set veth0 nomaster" ip link set veth0 nomaster
check_fail "port veth0 is gone" xvsctl port show sw0 veth0
jcheck "only port dummy0 left" "[p['name'] for p in j] == ['dummy0']" xvsctl -j port show sw0

# --- and back again: a new port with the same name -------------------------------------------
check "ip link set tap0 master sw0 again" ip link set tap0 master sw0
port_is "port tap0 back: vm, nic-connected" tap0 vm tap0

# --- ip link del sw0: the switch and every port -------------------------------------------------
check "ip link del sw0" ip link del sw0
check_fail "ip link show sw0 fails" ip link show sw0
check_fail "xvsctl switch show sw0 fails" xvsctl switch show sw0
jcheck "xvsctl switch show: no switch left" "j == []" xvsctl -j switch show
master_is "tap0 has no master" tap0 ""
master_is "dummy0 has no master" dummy0 ""
check "tap0 survives its switch" ip link show tap0
check "veth0 survives" ip link show veth0

xvs_exit
