#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lifecycle of a connection (port + NIC), driven with xvsctl, in a network
# namespace of its own:
#
#   switch add -> port add -> nic add (tap) -> nic connect -> port set
#   -> nic disconnect -> nic del -> nic add (another tap: port reuse) ...
#   -> port del -> switch del
#
# Every step is checked through 'xvsctl -j' (parsed as JSON) and the NICs'
# masters in sysfs; every operation the lifecycle forbids in a state must
# fail with the errno class of Documentation/api.rst, an extack message that
# says why, exit code 1, and must leave the state as it was.

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip python3 xvsctl

SW=sw0

# The checks run in a network namespace of their own: the script runs itself
# again in it (--in-netns), which spares an 'ip netns exec' per command (every
# process counts under emulation).
if [ "${1:-}" != --in-netns ]; then
	NS=xvs-lc-$$
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
	[ -e "/sys/class/net/$SW" ] && ip link del "$SW"
	rm -f "$JQ_OUT"
}
trap cleanup EXIT
helper_start

declare -A STRERROR=(
	[ENOENT]="No such file or directory"
	[EEXIST]="File exists"
	[EBUSY]="Device or resource busy"
	[ENODEV]="No such device"
	[ENOTCONN]="Transport endpoint is not connected"
	[EOPNOTSUPP]="Operation not supported"
	[EINVAL]="Invalid argument"
	[ESHUTDOWN]="Cannot send after transport endpoint shutdown"
)

# xerr NAME ERRNO MSGRE CMD...: CMD (an xvsctl call) must exit 1 (the kernel
# refused) and print "xvsctl: OP: MESSAGE (STRERROR)" where STRERROR is
# ERRNO's and MESSAGE, the kernel's extack, matches MSGRE (ignoring case).
# ERRNO "ANY": api.rst names no errno, any kernel refusal will do.
xerr()
{
	local name=$1 errno=$2 re=$3 rc pat line ok=1
	shift 3
	pat="^xvsctl: [a-z ]+: .*($re).* \\((${STRERROR[$errno]:-[^()]+})\\)\$"
	"$@" >"$JQ_OUT" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ]; then
		shopt -s nocasematch
		while IFS= read -r line; do
			[[ $line =~ $pat ]] && ok=0
		done <"$JQ_OUT"
		shopt -u nocasematch
	fi
	log_test "$name" "$ok"
	if [ "$ok" -ne 0 ]; then
		printf '      wanted exit 1 and "xvsctl: OP: /%s/ (%s)", got exit %s:\n' \
			"$re" "${STRERROR[$errno]:-any errno}" "$rc"
		sed 's/^/      /' "$JQ_OUT"
	fi
	return "$ok"
}

# state NAME PORT STATE: the port is in STATE.
state()
{
	jcheck "$1" "o['state'] == '$3'" xvsctl -j port show "$SW" "$2"
}

printf 'link set lo up\n' >"$JQ_OUT"
printf 'tuntap add %s mode tap\n' tap0 tap1 tap2 >>"$JQ_OUT"
check "lo up, taps tap0..tap2 created" ip -batch "$JQ_OUT" || xvs_exit
read -r tap0_ifindex </sys/class/net/tap0/ifindex

# --- switch ------------------------------------------------------------------
jcheck "switch add $SW: reply names the switch" \
	"o['name'] == '$SW' and o['type'] == 'private' and o['id'] >= 1 and o['ports'] == 0" \
	xvsctl -j switch add "$SW"
jcheck "switch show $SW: private, no ports, ifindex set" \
	"o['name'] == '$SW' and o['type'] == 'private' and o['ports'] == 0 and o['ifindex'] > 0" \
	xvsctl -j switch show "$SW"
jcheck "switch show (dump) lists exactly $SW" \
	"[s['name'] for s in j] == ['$SW']" xvsctl -j switch show
xerr "switch add $SW again: EEXIST" EEXIST "exist|in use|already" xvsctl switch add "$SW"
xerr "switch show nosuch: ENOENT" ENOENT "switch|no such" xvsctl switch show nosuch
check "ip link shows the switch netdev" ip link show "$SW"

# --- ports -------------------------------------------------------------------
jcheck "port add p1: default id 1, vm, port-created, no NIC" \
	"o['id'] == 1 and o['name'] == 'p1' and o['type'] == 'vm' and o['state'] == 'port-created' and o['nic'] is None and o['validation'] is False and o['switch'] == '$SW'" \
	xvsctl -j port add "$SW" p1
jcheck "port add p5 id 5: explicit id" \
	"o['id'] == 5 and o['name'] == 'p5' and o['state'] == 'port-created'" \
	xvsctl -j port add "$SW" p5 id 5
jcheck "port add p2: lowest free id is 2" \
	"o['id'] == 2 and o['state'] == 'port-created'" \
	xvsctl -j port add "$SW" p2 type container friendly-name "web backend"
jcheck "port p2: type container, friendly name kept" \
	"o['type'] == 'container' and o['friendly_name'] == 'web backend'" \
	xvsctl -j port show "$SW" p2
jcheck "port show by id 5 finds p5" "o['name'] == 'p5'" xvsctl -j port show "$SW" 5

# xvsctl refuses id 0 itself (usage error, exit 2) or passes the kernel's
# refusal on (exit 1, EINVAL); the kernel's own refusal of PORT_ID 0 is
# covered by the netlink tests.
xvsctl port add "$SW" p0 id 0 >"$JQ_OUT" 2>&1
rc=$?
if [ "$rc" = 2 ] || [ "$rc" = 1 ] && [[ $(<"$JQ_OUT") =~ (reserved|Invalid\ argument) ]]; then
	log_test "port add id 0 rejected (reserved id)" 0
else
	log_test "port add id 0 rejected (reserved id)" 1
	printf '      exit %s:\n' "$rc"
	sed 's/^/      /' "$JQ_OUT"
fi
check_fail "port add id 0 created nothing" xvsctl port show "$SW" p0
xerr "port add p1 again: duplicate name EEXIST" EEXIST "already|in use|exist|duplicate" \
	xvsctl port add "$SW" p1
xerr "port add px id 5: duplicate id EEXIST" EEXIST "already|in use|exist|duplicate" \
	xvsctl port add "$SW" px id 5
check_fail "duplicate id created nothing" xvsctl port show "$SW" px
jcheck "port add pv validate: a validation port" \
	"o['validation'] is True and o['state'] == 'port-created' and o['nic'] is None" \
	xvsctl -j port add "$SW" pv validate
jcheck "port show (dump): 4 ports, ids 1 2 3 5" \
	"sorted(p['id'] for p in j) == [1, 2, 3, 5] and sorted(p['name'] for p in j) == ['p1', 'p2', 'p5', 'pv']" \
	xvsctl -j port show "$SW"
jcheck "switch show counts 4 ports" "o['ports'] == 4" xvsctl -j switch show "$SW"
xerr "port show nosuch: ENOENT" ENOENT "port|no such|not exist" xvsctl port show "$SW" nosuch
xerr "port add on a missing switch: ENOENT" ENOENT "switch|no such" xvsctl port add nosuch p1

# --- NIC on p1 ---------------------------------------------------------------
xerr "nic show p1 (no NIC yet): ENODEV" ENODEV "nic" xvsctl nic show "$SW" p1
xerr "nic add dev nosuchdev: ENOENT" ENOENT "device|no such" xvsctl nic add "$SW" p1 dev nosuchdev
xerr "nic add dev $SW (the switch on itself): refused" ANY "switch" xvsctl nic add "$SW" p1 dev "$SW"
state "failed nic adds left p1 in port-created" p1 port-created
jcheck "nic add p1 dev tap0: nic-created" \
	"o['state'] == 'nic-created' and o['nic']['ifname'] == 'tap0' and o['nic']['index'] == 0 and o['nic']['ifindex'] == $tap0_ifindex" \
	xvsctl -j nic add "$SW" p1 dev tap0
state "port show p1: nic-created" p1 nic-created
xerr "nic add tap0 on p2 (tap0 attached to p1): EBUSY" EBUSY "master|in use|attached|already" \
	xvsctl nic add "$SW" p2 dev tap0
state "p2 still port-created" p2 port-created
jcheck "nic connect p1: nic-connected" \
	"o['state'] == 'nic-connected' and o['nic']['ifname'] == 'tap0'" \
	xvsctl -j nic connect "$SW" p1
state "port show p1: nic-connected" p1 nic-connected
master_is "tap0 has master $SW" tap0 "$SW"
jcheck "nic show p1: the NIC" \
	"o['name'] == 'p1' and o['nic']['ifname'] == 'tap0' and o['nic']['ifindex'] == $tap0_ifindex" \
	xvsctl -j nic show "$SW" p1
jcheck "nic show (dump): only the port with a NIC" \
	"[p['name'] for p in j] == ['p1']" xvsctl -j nic show "$SW"

# --- what the states forbid -----------------------------------------------------
xerr "nic connect twice: EBUSY" EBUSY "connected" xvsctl nic connect "$SW" p1
xerr "port del p1 with a NIC: EBUSY" EBUSY "nic" xvsctl port del "$SW" p1
xerr "nic del while connected: EBUSY" EBUSY "connected|disconnect" xvsctl nic del "$SW" p1
state "refused ops left p1 nic-connected" p1 nic-connected
master_is "tap0 still has master $SW" tap0 "$SW"
xerr "nic connect on p2 (no NIC): ENODEV" ENODEV "nic" xvsctl nic connect "$SW" p2
xerr "nic disconnect on p2 (no NIC): ENODEV" ENODEV "nic" xvsctl nic disconnect "$SW" p2
xerr "nic del on p2 (no NIC): ENODEV" ENODEV "nic" xvsctl nic del "$SW" p2
state "p2 still port-created" p2 port-created
xerr "nic add on validation port pv: EOPNOTSUPP" EOPNOTSUPP "validation" \
	xvsctl nic add "$SW" pv dev tap1
state "pv still port-created" pv port-created
master_is "tap1 got no master" tap1 ""
xerr "nic connect on a missing port: ENOENT" ENOENT "port|no such|not exist" \
	xvsctl nic connect "$SW" nosuch

# --- friendly name ----------------------------------------------------------------
jcheck "port set p1 friendly-name: changed, state kept" \
	"o['friendly_name'] == 'web frontend' and o['state'] == 'nic-connected'" \
	xvsctl -j port set "$SW" p1 friendly-name "web frontend"
jcheck "port show p1: new friendly name" \
	"o['friendly_name'] == 'web frontend' and o['id'] == 1 and o['name'] == 'p1'" \
	xvsctl -j port show "$SW" p1

# --- disconnect, delete ---------------------------------------------------------
jcheck "nic disconnect p1: nic-disconnected" \
	"o['state'] == 'nic-disconnected'" xvsctl -j nic disconnect "$SW" p1
state "port show p1: nic-disconnected" p1 nic-disconnected
xerr "nic disconnect twice: ENOTCONN" ENOTCONN "not connected" xvsctl nic disconnect "$SW" p1
xerr "nic connect after disconnect: EBUSY" EBUSY "disconnected|delete" xvsctl nic connect "$SW" p1
xerr "port del p1 with a disconnected NIC: EBUSY" EBUSY "nic" xvsctl port del "$SW" p1
state "p1 still nic-disconnected" p1 nic-disconnected
jcheck "nic del p1: nic-deleted, no NIC" \
	"o['state'] == 'nic-deleted' and o['nic'] is None" xvsctl -j nic del "$SW" p1
state "port show p1: nic-deleted" p1 nic-deleted
master_is "tap0 has no master after nic del" tap0 ""
xerr "nic connect on p1 (NIC deleted): ENODEV" ENODEV "nic" xvsctl nic connect "$SW" p1
xerr "nic del on p1 (NIC deleted): ENODEV" ENODEV "nic" xvsctl nic del "$SW" p1
xerr "nic show p1 (NIC deleted): ENODEV" ENODEV "nic" xvsctl nic show "$SW" p1
jcheck "nic show (dump): no port has a NIC" "j == []" xvsctl -j nic show "$SW"

# --- port reuse: a new NIC on the same port ----------------------------------------
jcheck "nic add p1 dev tap1 (port reuse): nic-created" \
	"o['state'] == 'nic-created' and o['nic']['ifname'] == 'tap1' and o['id'] == 1" \
	xvsctl -j nic add "$SW" p1 dev tap1
jcheck "nic connect p1 (tap1): nic-connected" \
	"o['state'] == 'nic-connected'" xvsctl -j nic connect "$SW" p1
master_is "tap1 has master $SW" tap1 "$SW"
jcheck "friendly name survived the NIC change" \
	"o['friendly_name'] == 'web frontend'" xvsctl -j port show "$SW" p1
check "nic disconnect p1 (tap1)" xvsctl nic disconnect "$SW" p1
check "nic del p1 (tap1)" xvsctl nic del "$SW" p1
state "p1 nic-deleted again" p1 nic-deleted
master_is "tap1 has no master" tap1 ""

# A NIC deleted straight from nic-created (never connected).
check "nic add p2 dev tap2" xvsctl nic add "$SW" p2 dev tap2
jcheck "nic del from nic-created: nic-deleted" \
	"o['state'] == 'nic-deleted'" xvsctl -j nic del "$SW" p2

# --- port del ----------------------------------------------------------------------
check "port del p1 (nic-deleted)" xvsctl port del "$SW" p1
xerr "port p1 is gone: ENOENT" ENOENT "port|no such|not exist" xvsctl port show "$SW" p1
xerr "port del p1 again: ENOENT" ENOENT "port|no such|not exist" xvsctl port del "$SW" p1
check "port del p2 by id (nic-deleted)" xvsctl port del "$SW" 2
check "port del pv (port-created)" xvsctl port del "$SW" pv
jcheck "port show (dump): only p5 left" "[p['name'] for p in j] == ['p5']" \
	xvsctl -j port show "$SW"
jcheck "port add p1 again: takes the lowest free id, 1" \
	"o['id'] == 1 and o['state'] == 'port-created'" xvsctl -j port add "$SW" p1
jcheck "switch show counts 2 ports" "o['ports'] == 2" xvsctl -j switch show "$SW"

# --- usage errors are exit 2, not 1 ------------------------------------------------------
out=$(xvsctl port add "$SW" 2>&1)
log_test "usage error (missing port name) exits 2" $?  2

# --- switch del, with ports still on it ---------------------------------------------------
check "nic add + connect tap0 on p5" sh -c \
	"xvsctl nic add $SW p5 dev tap0 && xvsctl nic connect $SW p5"
check "switch del $SW (live ports)" xvsctl switch del "$SW"
xerr "switch show $SW: ENOENT" ENOENT "switch|no such" xvsctl switch show "$SW"
check_fail "ip link: $SW is gone" ip link show "$SW"
master_is "tap0 has no master after switch del" tap0 ""
jcheck "switch show (dump): none left" "j == []" xvsctl -j switch show

xvs_exit
