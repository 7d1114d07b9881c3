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
	local sw
	for sw in sw0 sw1; do
		[ -e "/sys/class/net/$sw" ] && ip link del "$sw"
	done
	rm -f "$JQ_OUT"
}
trap cleanup EXIT
helper_start

# port_is NAME PORT TYPE DEV: port PORT of sw0 has type TYPE and its NIC,
# connected, is DEV.
port_is()
{
	local ifindex=0
	read -r ifindex <"/sys/class/net/$4/ifindex"
	jcheck "$1" "o['name'] == '$2' and o['type'] == '$3' and o['state'] == 'nic-connected' and o['nic'] is not None and o['nic']['ifname'] == '$4' and o['nic']['index'] == 0 and o['nic']['ifindex'] == ${ifindex:-0}" \
		xvsctl -j port show sw0 "$2"
}

printf '%s\n' "link set lo up" "tuntap add tap0 mode tap" \
	"link add veth0 type veth peer name veth1" "link add dummy0 type dummy" >"$JQ_OUT"
check "lo up, tap0, veth0/veth1, dummy0 created" ip -batch "$JQ_OUT" || xvs_exit

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
master_is "tap0 has master sw0" tap0 sw0

# --- a veth: port type container -----------------------------------------------------------
check "ip link set veth0 master sw0" ip link set veth0 master sw0
port_is "port veth0: type container, nic-connected, NIC veth0" veth0 container veth0
master_is "veth0 has master sw0" veth0 sw0
master_is "its peer veth1 has no master" veth1 ""

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
master_is "tap0 has no master after nomaster" tap0 ""
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
