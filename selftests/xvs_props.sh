#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Custom properties (issue 9, parts 1 and 2), with xvs_null and
# xvs_macfilter on switch xps0 (ports p1, p2 without NIC, p2 later with
# NIC xpv2, a veth whose peer stays down: no traffic):
#
# - versions: an update keeps the major and does not lower the minor, a
#   delete names the version exactly; otherwise ESTALE with the versions;
# - vetoes: the owner refuses bad values on add and update, with its reason;
# - property_seen: xvs_null counts the changes of xvs_macfilter's
#   properties that were made (not the refused ones), in its status;
# - required: p2 requires an xvs_macfilter property; with xvs_macfilter
#   disabled its NIC cannot connect (the error names the extension), once
#   enabled it can; a connected port cannot gain a requirement it fails;
# - survival and re-offer: properties outlive the owner's disable; at
#   enable they are offered again (xvs_macfilter's status shows its lists
#   rebuilt); a stored value the owner vetoes fails the enable;
# - status: exact lines of a port's and the switch's status, the ext
#   filter, and an extension that is not enabled.

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip xvsctl

SW=xps0
MODS="xvs_null xvs_macfilter"
A=020000000a01		# 02:00:00:00:0a:01
B=020000000a02
loaded=

cleanup()
{
	local m
	ip link del "$SW" 2>/dev/null
	ip link del xpv2 2>/dev/null
	for m in $loaded; do
		rmmod "$m" 2>/dev/null
	done
}
trap cleanup EXIT

# check_out NAME WANT CMD...: CMD must succeed and print exactly WANT.
check_out()
{
	local name=$1 want=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	[ "$rc" -eq 0 ] && [ "$out" = "$want" ] || rc=1
	log_test "$name" "$rc"
	if [ "$rc" -ne 0 ]; then
		printf '      wanted: %s\n' "$want"
		printf '%s\n' "$out" | sed 's/^/      got:    /'
	fi
}

if [ ! -d /sys/module/xvs ]; then
	check "insmod xvs.ko" insmod "$XVS_KO_DIR/xvs.ko" || xvs_exit
	loaded="xvs"
fi
for m in $MODS; do
	[ -d "/sys/module/$m" ] && continue
	check "insmod $m.ko" insmod "$XVS_KO_DIR/ext/$m.ko" || xvs_exit
	loaded="$m $loaded"
done

check "switch $SW" xvsctl switch add "$SW" || xvs_exit
check "ports p1 (id 1), p2 (id 2)" \
	sh -c "xvsctl port add $SW p1 id 1 && xvsctl port add $SW p2 id 2"
check "enable xvs_null and xvs_macfilter" sh -c \
	"xvsctl ext enable xvs_null switch $SW && xvsctl ext enable xvs_macfilter switch $SW"

# ---- versions ----------------------------------------------------------------
P1="port property set $SW p1 ext xvs_macfilter id 1"
check "p1: allow-list $A, version 1.3" \
	xvsctl port property add "$SW" p1 ext xvs_macfilter id 1 version 1.3 data $A
check_err "update to 1.2 (lower minor): ESTALE" \
	"Version 1\.2 vs the property's 1\.3: same major, minor not lower \(Stale file handle\)" \
	xvsctl $P1 version 1.2 data $B
check_err "update to 2.3 (other major): ESTALE" \
	"Version 2\.3 vs the property's 1\.3: same major, minor not lower \(Stale file handle\)" \
	xvsctl $P1 version 2.3 data $B
check "update to 1.4 with $B" xvsctl $P1 version 1.4 data $B
check "update to 1.4 again, value kept" xvsctl $P1 version 1.4
check_out "p1's property: 1.4, $B" \
	"port 1 (p1) ext xvs_macfilter id 1 instance 0 version 1.4 data $B (6 bytes)" \
	xvsctl port property show "$SW" p1

# ---- vetoes by the owner -------------------------------------------------------
check_err "update to 5 bytes: vetoed with the reason" \
	"vetoed by xvs_macfilter: length is not a multiple of 6" \
	xvsctl $P1 version 1.5 data 02aa000000
check_err "add a zero MAC on p2: vetoed with the reason" \
	"vetoed by xvs_macfilter: 00:00:00:00:00:00 is multicast or zero" \
	xvsctl port property add "$SW" p2 ext xvs_macfilter id 1 data 000000000000
check_out "the veto left p1's property at 1.4" \
	"port 1 (p1) ext xvs_macfilter id 1 instance 0 version 1.4 data $B (6 bytes)" \
	xvsctl port property show "$SW" p1

# ---- property_seen, status -------------------------------------------------------
check_out "xvs_null saw 3 changes (add, 2 updates)" \
	"switch $SW ext xvs_null properties-seen 3" \
	xvsctl switch status "$SW" ext xvs_null

# ---- required ------------------------------------------------------------------
check "p2: required allow-list $A" xvsctl port property add "$SW" p2 \
	ext xvs_macfilter id 1 data $A required
check_out "p2's property shows required" \
	"port 2 (p2) ext xvs_macfilter id 1 instance 0 version 1.0 data $A (6 bytes) required" \
	xvsctl port property show "$SW" p2
check_out "status of p1" "port 1 (p1) ext xvs_macfilter allowed-macs 1 dropped 0" \
	xvsctl port status "$SW" p1
check_out "status of the switch: xvs_null, then xvs_macfilter" \
	"switch $SW ext xvs_null properties-seen 4
switch $SW ext xvs_macfilter ports-filtered 2" \
	xvsctl switch status "$SW"
check "disable xvs_macfilter" xvsctl ext disable xvs_macfilter switch "$SW"
check "veth xpv2 (peer down)" ip link add xpv2 type veth peer name xpv2p
check "p2: NIC xpv2" xvsctl nic add "$SW" p2 dev xpv2
check_err "p2 cannot connect: xvs_macfilter not enabled" \
	"Port requires property 1/0 of xvs_macfilter, not enabled on switch $SW \(Operation not supported\)" \
	xvsctl nic connect "$SW" p2
check_out "p1 keeps its property while xvs_macfilter is disabled" \
	"port 1 (p1) ext xvs_macfilter id 1 instance 0 version 1.4 data $B (6 bytes)" \
	xvsctl port property show "$SW" p1
check_err "status of a disabled extension" "Extension is not enabled on this switch" \
	xvsctl port status "$SW" p1 ext xvs_macfilter

# ---- re-offer at enable ----------------------------------------------------------
check "enable xvs_macfilter again" xvsctl ext enable xvs_macfilter switch "$SW"
check_out "p1's list was offered again" \
	"port 1 (p1) ext xvs_macfilter allowed-macs 1 dropped 0" \
	xvsctl port status "$SW" p1 ext xvs_macfilter
check_out "and p2's" "port 2 (p2) ext xvs_macfilter allowed-macs 1 dropped 0" \
	xvsctl port status "$SW" p2
check "p2 connects now" xvsctl nic connect "$SW" p2
check "disable xvs_macfilter" xvsctl ext disable xvs_macfilter switch "$SW"
check_err "connected p2 cannot gain a requirement xvs_macfilter fails" \
	"Connected port cannot require a property of xvs_macfilter, not enabled on $SW" \
	xvsctl port property add "$SW" p2 ext xvs_macfilter id 2 required
check "p1's list becomes 5 bytes while disabled (not offered)" \
	xvsctl $P1 version 1.5 data 02aa000000
check_err "enable fails: the stored value is vetoed" \
	"vetoed by xvs_macfilter: length is not a multiple of 6" \
	xvsctl ext enable xvs_macfilter switch "$SW"
check_err "xvs_macfilter stays disabled" "Extension is not enabled on this switch" \
	xvsctl switch status "$SW" ext xvs_macfilter
check "p1's list fixed: $A $B, 1.6" xvsctl $P1 version 1.6 data $A$B
check "enable xvs_macfilter" xvsctl ext enable xvs_macfilter switch "$SW"
check_out "p1's new list was offered" \
	"port 1 (p1) ext xvs_macfilter allowed-macs 2 dropped 0" \
	xvsctl port status "$SW" p1

# ---- delete --------------------------------------------------------------------
check_err "delete with version 1.5: ESTALE" \
	"Version 1\.5 does not match: the property is version 1\.6 \(Stale file handle\)" \
	xvsctl port property del "$SW" p1 ext xvs_macfilter id 1 version 1.5
check "delete with version 1.6" \
	xvsctl port property del "$SW" p1 ext xvs_macfilter id 1 version 1.6
check_out "p1 has no property, no xvs_macfilter status" "" \
	sh -c "xvsctl port property show $SW p1; xvsctl port status $SW p1"
check_out "xvs_null saw 7 changes, xvs_macfilter filters p2 only" \
	"switch $SW ext xvs_null properties-seen 7
switch $SW ext xvs_macfilter ports-filtered 1" \
	xvsctl switch status "$SW"

xvs_exit
