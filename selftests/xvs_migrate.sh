#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NIC save and restore (xvsctl nic save|restore, NIC_SAVE, NIC_RESTORE) and
# live migration (userspace/xvs-migrate), end to end.
#
# Round trip, in namespace A: switches sw1 (ports a1, a2) and sw2 (ports b1,
# b2), veths whose far ends a1p.. carry no IP stack (dp-agent.py sends and
# counts test frames). xvs_macfilter is enabled on both; a1's allow-list
# (its property) is saved and restored onto b1, which has no property:
# b1 then passes the allowed MAC and drops another, exact counters.
# xvs_null's knobs: 3 parts over 3 rounds of 300 bytes each (retried past
# the first 256-byte buffer) come back in order; 17 rounds and 20000 bytes
# fail with their messages. Truncated and corrupted files, and a file whose
# checksum is right but whose macfilter blob is bad (version, count), are
# rejected with their messages. A blob whose owner is not enabled is
# reported (exit code 3) while the others are restored. restore_fail=1
# aborts the whole restore: macfilter's staged list is not applied.
#
# Migration: xvs-migrate moves port vm1 (its NIC a veth) from switch swA in
# namespace A to switch swB in namespace B, onto another veth: afterwards
# the guest's frames cross swB with the same parameters, property and
# allow-list (exact counters), and vm1 is gone from swA. Before that, a
# migration whose restore fails is rolled back: vm1 stays on swA.

case $0 in */*) HERE=${0%/*} ;; *) HERE=. ;; esac
source "$HERE/lib.sh"
source "$HERE/dp_lib.sh"

EXT_MODULES="xvs_null xvs_macfilter xvs_l2fwd"
NSA=xvs-mig-a-$$
NSB=xvs-mig-b-$$
TMP=/tmp/xvs-mig.$$	# prefix of our files
NULLP=/sys/module/xvs_null/parameters

if [ "${1:-}" != --in-netns ]; then
	require_root
	require_cmd ip python3 xvsctl
	was_loaded=0
	[ -d /sys/module/xvs ] && was_loaded=1
	unload()
	{
		local m i
		ip netns del "$NSA" 2>/dev/null
		ip netns del "$NSB" 2>/dev/null
		# The switches go with their namespaces, asynchronously.
		for m in $EXT_MODULES; do
			for ((i = 0; i < 50; i++)); do
				[ -d "/sys/module/$m" ] || break
				rmmod "$m" 2>/dev/null && break
				sleep 0.2
			done
		done
		[ "$was_loaded" = 1 ] || rmmod xvs 2>/dev/null
	}
	trap unload EXIT
	xvs_load || { log_test "module loaded" 1; xvs_exit; }
	for m in $EXT_MODULES; do
		[ -d "/sys/module/$m" ] && continue
		check "insmod $m.ko" insmod "$XVS_KO_DIR/ext/$m.ko" || xvs_exit
	done
	check "namespaces $NSA and $NSB" ip netns add "$NSA" &&
		ip netns add "$NSB" || xvs_exit
	# The checks run in A: the script runs itself again there, which
	# spares an 'ip netns exec' per command; B's commands have one each.
	ip netns exec "$NSA" bash "$0" --in-netns "$NSA" "$NSB"
	exit $?
fi
NSA=$2 NSB=$3

JQ_OUT=$TMP.json
coproc XVS_HELPER { exec python3 -S -u "$HERE/dp-agent.py"; }
trap 'rm -f "$TMP".*' EXIT
# B CMD...: CMD in namespace B (xvsctl through its server, with -n).
B()
{
	if [ "$1" = xvsctl ]; then
		shift
		xvsctl -n "$NSB" "$@"
	else
		ip netns exec "$NSB" "$@"
	fi
}

A=02:aa:00:00:00:0a B=02:aa:00:00:00:0b X=02:aa:00:00:00:99
BC=ff:ff:ff:ff:ff:ff

for ns in "$NSA" "$NSB"; do
	for c in default all; do
		helper sysctl "$ns" "net/ipv6/conf/$c/disable_ipv6" 1 ||
			{ log_test "no IPv6 in $ns" 1; xvs_exit; }
	done
done

check "sw1 (a1, a2) and sw2 (b1, b2) in $NSA" ip -b - <<-EOF || xvs_exit
	link add sw1 type xvs
	link add sw2 type xvs
	link set sw1 up
	link set sw2 up
	link add a1 type veth peer name a1p
	link add a2 type veth peer name a2p
	link add b1 type veth peer name b1p
	link add b2 type veth peer name b2p
	link set a1 master sw1
	link set a2 master sw1
	link set b1 master sw2
	link set b2 master sw2
	link set a1 up
	link set a2 up
	link set b1 up
	link set b2 up
	link set a1p up
	link set a2p up
	link set b1p up
	link set b2p up
EOF
hcheck "listening on a2p, b1p, b2p" listen a2p b1p b2p || xvs_exit

# a CMD...: run CMD (a shell word list, with redirections); OUT its output
# (stdout and stderr), return its rc.
a()
{
	OUT=$(eval "$*" </dev/null 2>&1)
}
# acheck NAME CMD...: CMD (in A) succeeds.
acheck()
{
	local name=$1
	shift
	a "$@"
	local rc=$?
	log_test "$name" "$rc"
	[ "$rc" = 0 ] || printf '      %s\n' "$OUT"
	return "$rc"
}
# aerr NAME RC REGEX CMD...: CMD (in A) exits RC with output matching REGEX.
aerr()
{
	local name=$1 want=$2 re=$3 rc
	shift 3
	a "$@"
	rc=$?
	if [ "$rc" = "$want" ] && printf '%s' "$OUT" | grep -Eq -- "$re"; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '      rc=%s (wanted %s), wanted output matching /%s/, got:\n' \
			"$rc" "$want" "$re"
		printf '%s\n' "$OUT" | sed 's/^/      /'
	fi
}

# aeq NAME RC GLOB CMD...: CMD (in A) exits RC, its whole output matching
# the glob pattern GLOB.
aeq()
{
	local name=$1 want=$2 glob=$3 rc
	shift 3
	a "$@"
	rc=$?
	# shellcheck disable=SC2053
	if [ "$rc" = "$want" ] && [[ $OUT == $glob ]]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '      rc=%s (wanted %s), wanted output like:\n' "$rc" "$want"
		printf '%s\n' "$glob" | sed 's/^/      /'
		printf '      got:\n'
		printf '%s\n' "$OUT" | sed 's/^/      /'
	fi
}

# counters NAME SW SPEC: the counters of SW's ports moved by exactly SPEC.
counters()
{
	if a xvsctl -j -s port show "$2" ">$TMP.ports"; then
		hcheck "$1" delta "$2" 100 "$3" "$TMP.ports"
	else
		log_test "$1" 1
		printf '      %s\n' "$OUT"
	fi
}
baseline()
{
	a xvsctl -j -s port show "$1" ">$TMP.ports" &&
		helper save "$1" "$TMP.ports" ||
		{ log_test "counters of $1's ports" 1; printf '      %s\n' "$OUT $HELPER_OUT"; }
}

###############################################################################
# Round trip: a1's allow-list onto b1
###############################################################################

acheck "enable xvs_macfilter on sw1 and sw2" \
	"xvsctl ext enable xvs_macfilter switch sw1 && xvsctl ext enable xvs_macfilter switch sw2"
acheck "a1's allow-list: $A" xvsctl port property add sw1 a1 \
	ext xvs_macfilter id 1 data "${A//:/}"
acheck "nic save sw1 a1" xvsctl nic save sw1 a1 ">$TMP.save"
aeq "nic inspect: one xvs_macfilter blob of 8 bytes (v1, 1 MAC)" 0 \
	"switch sw1 port * (a1) blobs 1 bytes 152
blob 0 owner xvs_macfilter bytes 8" xvsctl nic inspect "<$TMP.save"
baseline sw2
send b1p $X $BC 1
hcheck "before the restore b1 sends from $X" rx a2p=0 b1p=0 b2p=1
counters "before the restore: b1's frame is flooded" sw2 "b1:rx=1,fl=1 b2:tx=1"
acheck "nic restore sw2 b1" xvsctl nic restore sw2 b1 "<$TMP.save"
send b1p $A $BC 1
hcheck "after the restore b1 sends from $A (allowed)" rx a2p=0 b1p=0 b2p=1
send b1p $X $BC 2
hcheck "after the restore b1's frames from $X are dropped" rx a2p=0 b1p=0 b2p=0
counters "after the restore: 1 flooded, 2 'extension' drops of b1" sw2 \
	"b1:rx=3,fl=1,rxd=2,extension=2 b2:tx=1"
send b2p $X $BC 1
hcheck "b2 (nothing restored) is not filtered" rx a2p=0 b1p=1 b2p=0
counters "b2's frame is flooded" sw2 "b2:rx=1,fl=1 b1:tx=1"
send a1p $X $BC 1
hcheck "a1's frame from $X is dropped" rx a2p=0 b1p=0 b2p=0

###############################################################################
# Rounds and buffer retries (xvs_null's knobs)
###############################################################################

read -r restored0 <"$NULLP/restored"
acheck "enable xvs_null on sw1 and sw2" \
	"xvsctl ext enable xvs_null switch sw1 && xvsctl ext enable xvs_null switch sw2"
echo 300 >"$NULLP/save_bytes"
echo 3 >"$NULLP/save_rounds"
acheck "nic save: xvs_null gives 3 parts of 300 bytes in 3 rounds" \
	xvsctl nic save sw1 a1 ">$TMP.save3"
aeq "nic inspect: macfilter's blob, then xvs_null's 3 (256-byte buffer retried)" 0 \
	"switch sw1 port * (a1) blobs 4 bytes 1160
blob 0 owner xvs_macfilter bytes 8
blob 1 owner xvs_null bytes 300
blob 2 owner xvs_null bytes 300
blob 3 owner xvs_null bytes 300" xvsctl nic inspect "<$TMP.save3"
acheck "nic restore onto b2: xvs_null's parts come back in round order" \
	xvsctl nic restore sw2 b2 "<$TMP.save3"
read -r restored1 <"$NULLP/restored"
log_test "xvs_null committed 3 parts ($restored0 -> $restored1)" \
	"$((restored1 - restored0 == 3 ? 0 : 1))"
send b2p $X $BC 1
hcheck "b2 now enforces a1's list too: $X dropped" rx a2p=0 b1p=0 b2p=0
echo 17 >"$NULLP/save_rounds"
aerr "17 rounds: -ELOOP" 1 \
	"nic save: extension xvs_null did not finish saving in 16 rounds \(Too many levels" \
	xvsctl nic save sw1 a1 ">$TMP.bad"
echo 1 >"$NULLP/save_rounds"
echo 20000 >"$NULLP/save_bytes"
aerr "20000 bytes: -EMSGSIZE" 1 \
	"nic save: extension xvs_null needs 20000 bytes to save, more than 16384" \
	xvsctl nic save sw1 a1 ">$TMP.bad"
echo 0 >"$NULLP/save_bytes"
aerr "a port without a NIC cannot be saved" 1 "Port has no NIC to save \(No such device\)" \
	"xvsctl port add sw1 nonic >/dev/null && xvsctl nic save sw1 nonic >$TMP.bad"
aerr "nor restored to" 1 "Port has no NIC to restore to \(No such device\)" \
	xvsctl nic restore sw1 nonic "<$TMP.save"

###############################################################################
# Bad files
###############################################################################

aerr "a truncated file is rejected" 1 "nic restore: truncated: 1000 of 1160 bytes" \
	"head -c 1000 $TMP.save3 >$TMP.trunc && xvsctl nic restore sw2 b2 <$TMP.trunc"
aerr "a corrupted file is rejected" 1 "nic restore: corrupted: checksum mismatch" \
	"cp $TMP.save3 $TMP.corrupt && printf Z | dd of=$TMP.corrupt bs=1 seek=500 conv=notrunc 2>/dev/null && xvsctl nic restore sw2 b2 <$TMP.corrupt"
# The macfilter blob's data starts at 104 + 36 = 140: version, count, MACs.
cp "$TMP.save" "$TMP.v2"
hcheck "a file with a good checksum, macfilter version 2" savepatch "$TMP.v2" 140 02
aerr "xvs_macfilter rejects the version" 1 \
	"restore failed: xvs_macfilter: unsupported saved allow-list version 2" \
	xvsctl nic restore sw2 b1 "<$TMP.v2"
cp "$TMP.save" "$TMP.n3"
hcheck "a file with a good checksum, macfilter count 3 of 1" savepatch "$TMP.n3" 141 03
aerr "xvs_macfilter rejects the count" 1 \
	"restore failed: xvs_macfilter: allow-list of 3 MACs has 6 bytes, not 18" \
	xvsctl nic restore sw2 b1 "<$TMP.n3"
cp "$TMP.save" "$TMP.mc"
hcheck "a file with a good checksum, a multicast MAC" savepatch "$TMP.mc" 142 01005e000001
aerr "xvs_macfilter rejects the MAC" 1 \
	"restore failed: xvs_macfilter: 01:00:5e:00:00:01 is multicast or zero" \
	xvsctl nic restore sw2 b1 "<$TMP.mc"
send b1p $A $BC 1
send b1p $X $BC 1
hcheck "b1 still enforces the list restored first" rx a2p=0 b1p=0 b2p=1

###############################################################################
# Unclaimed blobs; a failed restore aborts all of it
###############################################################################

acheck "disable xvs_null on sw2" xvsctl ext disable xvs_null switch sw2
acheck "a2's allow-list: $B" xvsctl port property add sw1 a2 \
	ext xvs_macfilter id 1 data "${B//:/}"
echo 10 >"$NULLP/save_bytes"
acheck "nic save sw1 a2 (macfilter: $B, xvs_null: 10 bytes)" \
	xvsctl nic save sw1 a2 ">$TMP.a2"
echo 0 >"$NULLP/save_bytes"
aerr "xvs_null's blob is reported unclaimed on sw2 (exit code 3)" 3 \
	"nic restore: warning: blob of xvs_null not claimed by any extension on switch sw2" \
	xvsctl nic restore sw2 b1 "<$TMP.a2"
send b1p $B $BC 1
hcheck "...but macfilter's was restored: b1 allows $B" rx a2p=0 b1p=0 b2p=1
send b1p $A $BC 1
hcheck "...and no longer $A" rx a2p=0 b1p=0 b2p=0

acheck "enable xvs_null on sw2 again, restore_fail=1" \
	"xvsctl ext enable xvs_null switch sw2 && echo 1 >$NULLP/restore_fail"
aerr "the restore onto b2 fails with xvs_null's reason" 1 \
	"nic restore: restore failed: xvs_null: xvs_null: restore refused \(restore_fail=1\)" \
	xvsctl nic restore sw2 b2 "<$TMP.a2"
echo 0 >"$NULLP/restore_fail"
send b2p $B $BC 1
hcheck "macfilter's staged list ($B) was not applied: b2 drops $B" \
	rx a2p=0 b1p=0 b2p=0
send b2p $A $BC 1
hcheck "...and still allows $A" rx a2p=0 b1p=1 b2p=0

###############################################################################
# xvs_l2fwd: the table's addresses of a port follow it to another switch
###############################################################################

ID1=$(jget "o['id']" xvsctl -j port show sw1 a1)
acheck "xvs_l2fwd on sw1 (table: $A -> a1, $B -> a2) and on sw2 (no table)" \
	"xvsctl ext enable xvs_l2fwd switch sw1 && xvsctl ext enable xvs_l2fwd switch sw2 && xvsctl switch property add sw1 ext xvs_l2fwd id 1 data ${A//:/}$(printf %08x "$ID1")${B//:/}00000002"
send b1p $B $A 1
hcheck "on sw2 a unicast frame to $A is dropped (unknown destination)" \
	rx a2p=0 b1p=0 b2p=0
acheck "nic save sw1 a1 (macfilter, l2fwd)" xvsctl nic save sw1 a1 ">$TMP.l2"
aeq "nic inspect: l2fwd saved 1 address (4 + 6 bytes)" 0 \
	"switch sw1 port * (a1) blobs 2 bytes 198
blob 0 owner xvs_macfilter bytes 8
blob 1 owner xvs_l2fwd bytes 10" xvsctl nic inspect "<$TMP.l2"
acheck "nic restore sw2 b2" xvsctl nic restore sw2 b2 "<$TMP.l2"
send b1p $B $A 1
hcheck "on sw2 the frame to $A now goes to b2" rx a2p=0 b1p=0 b2p=1
acheck "disable xvs_l2fwd" \
	"xvsctl ext disable xvs_l2fwd switch sw1 && xvsctl ext disable xvs_l2fwd switch sw2"

###############################################################################
# Migration: vm1 from swA in namespace A to swB in namespace B
###############################################################################

# The guest: veth m1 (its NIC on swA, in A) with its far end m1g; its new
# NIC on swB is veth n1, moved into B, whose far end n1g stays in A with
# r1g, the far end of swB's other port r1: dp-agent (in A) sends the
# guest's frames out of n1g and counts what r1g gets.
check "swA in $NSA; swB in $NSB with r1; vm1's NICs m1 (A) and n1 (B)" \
	ip -b - <<-EOF || xvs_exit
	link add swA type xvs
	link set swA up
	link add m1 type veth peer name m1g
	link set m1 up
	link set m1g up
	link add n1 type veth peer name n1g
	link set n1g up
	link set n1 netns $NSB
	link add r1 type veth peer name r1g
	link set r1g up
	link set r1 netns $NSB
	EOF
check "swB in $NSB with port r1" ip -n "$NSB" -b - <<-EOF || xvs_exit
	link add swB type xvs
	link set swB up
	link set n1 up
	link set r1 master swB
	link set r1 up
	EOF
hcheck "listening on r1g" listen r1g || xvs_exit
acheck "vm1 on swA: port, NIC m1, connected, allow-list $A, mac $A" \
	"xvsctl port add swA vm1 type vm friendly-name 'guest one' >/dev/null && xvsctl nic add swA vm1 dev m1 >/dev/null && xvsctl nic connect swA vm1 >/dev/null && xvsctl ext enable xvs_macfilter switch swA && xvsctl port property add swA vm1 ext xvs_macfilter id 1 data ${A//:/} && xvsctl port set swA vm1 mac $A >/dev/null"
check "xvs_macfilter enabled on swB" B xvsctl ext enable xvs_macfilter switch swB
# A restore that fails (xvs_null's restore_fail=1 on swB) stops the
# migration before the source is touched, and undoes the destination.
acheck "xvs_null on swA (saves 4 bytes) and swB (refuses restores)" \
	"xvsctl ext enable xvs_null switch swA && echo 4 >$NULLP/save_bytes && echo 1 >$NULLP/restore_fail"
check "xvs_null enabled on swB" B xvsctl ext enable xvs_null switch swB
aeq "xvs-migrate stops at the restore and rolls back" 1 \
	"*restore failed: xvs_null: xvs_null: restore refused*step \"restore the NIC state on vm1 of swB\" failed*rollback: deleting the NIC of vm1 on swB*rollback: deleting port vm1 on swB" \
	"$XVS_TOP/userspace/xvs-migrate --src-netns $NSA --dst-netns $NSB swA vm1 swB n1"
jcheck "after the rollback vm1 is still connected on swA" \
	"o['state'] == 'nic-connected' and o['nic']['ifname'] == 'm1'" \
	xvsctl -j port show swA vm1
jcheck "and swB has no vm1" "not any(p['name'] == 'vm1' for p in j)" \
	B xvsctl -j port show swB
acheck "xvs_null disabled on swA, knobs back to 0" \
	"xvsctl ext disable xvs_null switch swA && echo 0 >$NULLP/save_bytes && echo 0 >$NULLP/restore_fail"
check "xvs_null disabled on swB" B xvsctl ext disable xvs_null switch swB
check "xvs-migrate vm1 from swA ($NSA) to swB ($NSB), NIC n1" \
	"$XVS_TOP/userspace/xvs-migrate" --src-netns "$NSA" --dst-netns "$NSB" \
	swA vm1 swB n1
aerr "vm1 is gone from swA" 1 "No port with this name" xvsctl port show swA vm1
jcheck "vm1 on swB: connected to n1, type vm, friendly name, mac $A" \
	"o['state'] == 'nic-connected' and o['nic']['ifname'] == 'n1' and o['type'] == 'vm' and o['friendly_name'] == 'guest one' and o['policy']['mac'] == '$A'" \
	B xvsctl -j port show swB vm1
jcheck "vm1 on swB has the allow-list property" \
	"any(p['ext'] == 'xvs_macfilter' and p['data'] == '${A//:/}' for p in j)" \
	B xvsctl -j port property show swB vm1
send n1g $A $BC 1
hcheck "on swB the guest's frame from $A reaches r1" rx r1g=1
send n1g $X $BC 2
hcheck "on swB the guest's frames from $X are dropped" rx r1g=0
jcheck "swB: vm1 received 3, flooded 1, 2 'extension' drops" \
	"(lambda p: p['stats']['rx_packets'] == 3 and p['stats']['flooded'] == 1 and p['stats']['drops']['extension'] == 2)(next(p for p in j if p['name'] == 'vm1'))" \
	B xvsctl -j -s port show swB

xvs_exit
