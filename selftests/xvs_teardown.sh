#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teardown without leaks:
#
#   1. a network namespace deleted with live switches (ports with veth and tap
#      NICs in every state): the namespace's devices go, and the module has
#      no reference left: rmmod xvs succeeds;
#   2. rmmod xvs with live switches and connected NICs: every port goes
#      through its remaining lifecycle steps (seen by a monitor), the taps and
#      veths survive without a master;
#   3. 1000 ports created and deleted on one switch, one netlink request
#      each over one socket of the JSON helper (a process per port is far
#      too slow under emulation), counted with 'xvsctl -j port show' in
#      between.
#
# kmemleak, when the kernel has it, looks for leaks after the whole suite.
# The module is loaded again at the end if it was loaded at the start.

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip python3 xvsctl rmmod insmod

NS1=xvs-td1-$$
NS2=xvs-td2-$$
NS3=xvs-td3-$$
PEER=xvtd$$-
TMP=$(mktemp -d /tmp/xvs-teardown.XXXXXX)
JQ_OUT=$TMP/json.out
MON=
NPORTS=${XVS_TEARDOWN_PORTS:-1000}
was_loaded=0
[ -d /sys/module/xvs ] && was_loaded=1

cleanup()
{
	local ns i
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	for ns in "$NS1" "$NS2" "$NS3"; do
		[ -e "/var/run/netns/$ns" ] && echo "netns del $ns"
	done >"$TMP/cleanup"
	for i in 0 1 2; do
		[ -e "/sys/class/net/${PEER}a$i" ] && echo "link del ${PEER}a$i"
	done >>"$TMP/cleanup"
	[ -s "$TMP/cleanup" ] && ip -force -batch "$TMP/cleanup" 2>/dev/null
	rm -rf "$TMP"
	if [ "$was_loaded" = 1 ]; then
		[ -d /sys/module/xvs ] || insmod "$XVS_KO_DIR/xvs.ko"
	else
		[ -d /sys/module/xvs ] && rmmod xvs 2>/dev/null
	fi
}
trap cleanup EXIT

# now: microseconds (EPOCHREALTIME: no fork); took T0: seconds since T0.
now() { echo "${EPOCHREALTIME/./}"; }
took() { local d=$(( $(now) - $1 )); printf '%d.%02d' $((d / 1000000)) $((d % 1000000 / 10000)); }

# module_refcnt_zero: nothing holds a reference on xvs.ko.
module_refcnt_zero()
{
	local r
	read -r r </sys/module/xvs/refcnt || return 1
	[ "$r" = 0 ] || { echo "xvs refcnt is $r"; return 1; }
}

# in_ns NS CMD...: CMD in namespace NS (one 'ip netns exec' for a whole
# command line: every process counts under emulation).
in_ns()
{
	local ns=$1
	shift
	ip netns exec "$ns" sh -c "$*"
}

helper_start

check "module loaded" xvs_load || xvs_exit
holders=$(ls /sys/module/xvs/holders 2>/dev/null)
if [ -n "$holders" ]; then
	log_skip "teardown and rmmod" "modules depend on xvs: $holders"
	xvs_exit
fi
check "no reference on xvs.ko at the start" module_refcnt_zero

# --- 1. a netns deleted with live switches ------------------------------------------
t=$(now)
check "1: namespace $NS1" ip netns add "$NS1" || xvs_exit
# a$i stays in the root netns (the netns of PID 1), b$i, its peer, is in NS1.
for i in 0 1 2; do
	echo "link add b$i type veth peer name ${PEER}a$i netns 1"
done >"$TMP/setup1"
echo "tuntap add t0 mode tap" >>"$TMP/setup1"
check "1: veth pairs ${PEER}a0..2/b0..2, tap t0" ip -n "$NS1" -batch "$TMP/setup1" ||
	xvs_exit
check "1: sw0 (xvsctl): p0 connected (veth b0), b1 via ip link master" in_ns "$NS1" \
	"xvsctl switch add sw0 && xvsctl port add sw0 p0 && xvsctl nic add sw0 p0 dev b0 &&
	 xvsctl nic connect sw0 p0 && ip link set b1 master sw0"
check "1: sw1 (ip link): q0 NIC created (veth b2), q1 no NIC, tap t0 via master" in_ns "$NS1" \
	"ip link add sw1 type xvs && xvsctl port add sw1 q0 && xvsctl nic add sw1 q0 dev b2 &&
	 xvsctl port add sw1 q1 && ip link set t0 master sw1"
jcheck "1: both switches there, with 2 and 3 ports" \
	"sorted((s['name'], s['ports']) for s in j) == [('sw0', 2), ('sw1', 3)]" \
	xvsctl -n "$NS1" -j switch show
check "1: ip netns del $NS1" ip netns del "$NS1"
ok=0
for i in 0 1 2; do
	helper gone "/sys/class/net/${PEER}a$i" 60 || ok=1
done
log_test "1: the namespace's veths are gone (their root-ns peers with them)" "$ok"
check "1: no reference left on xvs.ko" module_refcnt_zero
check "1: rmmod xvs" timeout 120 rmmod xvs
check_fail "1: xvs is unloaded" test -d /sys/module/xvs
check "1: insmod xvs again" insmod "$XVS_KO_DIR/xvs.ko"
echo "# part 1 took $(took "$t") s"

# --- 2. rmmod with live switches and connected NICs ------------------------------
t=$(now)
check "2: namespace $NS2" ip netns add "$NS2" || xvs_exit
printf 'tuntap add %s mode tap\n' t0 t1 t2 >"$TMP/setup2"
echo "link add v0 type veth peer name v1" >>"$TMP/setup2"
check "2: taps t0..t2, veth pair v0/v1" ip -n "$NS2" -batch "$TMP/setup2" || xvs_exit
command xvsctl -n "$NS2" -j monitor >"$TMP/events" 2>"$TMP/monitor.err" &
MON=$!
# Subscribed once the events of a probe switch come through.
printf 'link add probe0 type xvs\nlink del probe0\n' >"$TMP/probe"
ok=1
for i in $(seq 20); do
	ip -n "$NS2" -batch "$TMP/probe"
	helper wait "$TMP/events" 1 1 && { ok=0; break; }
done
log_test "2: monitor subscribed" "$ok"
# Both probe events, if the first one was missed: then the count is stable.
helper wait "$TMP/events" 2 1
base=$HELPER_OUT
check "2: sw0 (xvsctl): p0 connected, p1 NIC created, p2 no NIC" in_ns "$NS2" \
	"xvsctl switch add sw0 && xvsctl port add sw0 p0 && xvsctl nic add sw0 p0 dev t0 &&
	 xvsctl nic connect sw0 p0 && xvsctl port add sw0 p1 && xvsctl nic add sw0 p1 dev t1 &&
	 xvsctl port add sw0 p2"
printf 'link add sw1 type xvs\nlink set t2 master sw1\nlink set v0 master sw1\n' >"$TMP/setup2b"
check "2: sw1 (ip link): tap t2 and veth v0 via master" ip -n "$NS2" -batch "$TMP/setup2b"
# 2 switch-create, sw0: 3 port-create, 2 nic-create, 1 nic-connect,
# sw1: 2 x (port-create, nic-create, nic-connect)
n_setup=14
helper wait "$TMP/events" $((base + n_setup)) 20
jcheck "2: the monitor saw the setup (${n_setup} events)" "len(j) == $base + $n_setup" \
	cat "$TMP/events"
check "2: rmmod xvs with live switches" timeout 120 rmmod xvs
check_fail "2: xvs is unloaded" test -d /sys/module/xvs
ok=1
for i in $(seq 100); do
	kill -0 "$MON" 2>/dev/null || { ok=0; break; }
	helper sleep 0.1
done
log_test "2: the monitor noticed the unload and exited" "$ok"
[ "$ok" = 0 ] && MON=
seq_port() { # PORT EVENTS...: python test that PORT's events after setup are EVENTS
	local p=$1 evs
	shift
	evs=$(printf "'%s'," "$@")
	printf "[e['event'] for e in j[$base + $n_setup:] if e.get('port_name') == '%s'] == [%s]" "$p" "$evs"
}
jcheck "2: every port went through its remaining steps, then its switch-delete" \
	"$(seq_port p0 nic-disconnect nic-delete port-teardown port-delete) and
	 $(seq_port p1 nic-delete port-teardown port-delete) and
	 $(seq_port p2 port-teardown port-delete) and
	 $(seq_port t2 nic-disconnect nic-delete port-teardown port-delete) and
	 $(seq_port v0 nic-disconnect nic-delete port-teardown port-delete) and
	 len(j) == $base + $n_setup + 19 and
	 all(max(i for i, e in enumerate(j) if e['switch'] == s) ==
	     [i for i, e in enumerate(j) if e['event'] == 'switch-delete' and e['switch'] == s][-1]
	     for s in ('sw0', 'sw1'))" \
	cat "$TMP/events"
jcheck "2: the taps and the veth survive, with no master; the switches are gone" \
	"{'t0', 't1', 't2', 'v0', 'v1'} <= {l['ifname'] for l in j} and
	 not any('master' in l for l in j) and
	 not {'sw0', 'sw1'} & {l['ifname'] for l in j}" \
	ip -n "$NS2" -j link show
check "2: insmod xvs again" insmod "$XVS_KO_DIR/xvs.ko"
check "2: ip netns del $NS2" ip netns del "$NS2"
echo "# part 2 took $(took "$t") s"

# --- 3. 1000 ports, no leak --------------------------------------------------------
t=$(now)
check "3: namespace $NS3" ip netns add "$NS3" || xvs_exit
check "3: switch add sw0" xvsctl -n "$NS3" switch add sw0
helper ports "$NS3" sw0 add "$NPORTS"
log_test "3: $NPORTS ports added (one netlink socket)" $?
printf '# %s\n' "$HELPER_OUT"
jcheck "3: xvsctl -j port show: $NPORTS ports, ids 1..$NPORTS, port-created" \
	"len(j) == $NPORTS and sorted(p['id'] for p in j) == list(range(1, $NPORTS + 1)) and
	 len({p['name'] for p in j}) == $NPORTS and all(p['state'] == 'port-created' for p in j)" \
	xvsctl -n "$NS3" -j port show sw0
jcheck "3: switch show counts $NPORTS ports" "o['ports'] == $NPORTS" \
	xvsctl -n "$NS3" -j switch show sw0
helper ports "$NS3" sw0 del "$NPORTS"
log_test "3: $NPORTS ports deleted (one netlink socket)" $?
printf '# %s\n' "$HELPER_OUT"
jcheck "3: xvsctl -j port show: no port left" \
	"j == []" xvsctl -n "$NS3" -j port show sw0
jcheck "3: switch show counts 0 ports" "o['ports'] == 0" \
	xvsctl -n "$NS3" -j switch show sw0
check "3: switch del sw0" xvsctl -n "$NS3" switch del sw0
check "3: ip netns del $NS3" ip netns del "$NS3"
echo "# part 3 took $(took "$t") s"
check "no reference on xvs.ko at the end" module_refcnt_zero

xvs_exit
