#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The YNL spec drives the whole lifecycle: the kernel's own YNL client
# (tools/net/ynl/cli.py of the kernel source) and
# Documentation/netlink/specs/xvs.yaml create a switch, a port, a NIC from a
# veth, connect, disconnect and delete the NIC, delete the port and the
# switch, and every reply says the state it should. A YNL listener on the
# "events" group checks that each transition was announced once, in order,
# with consecutive sequence numbers.

source "$(dirname "$0")/lib.sh"
require_root
require_cmd ip python3

SPEC=$XVS_TOP/Documentation/netlink/specs/xvs.yaml
SW=xvsy0
VETH=xvsy-v0
VPEER=xvsy-v1

find_ksrc()
{
	local d
	# The VM runs with HOME=/tmp: look in root's cache too.
	for d in ${KSRC:+"$KSRC"} \
		"${XDG_CACHE_HOME:-$HOME/.cache}"/xvs/src/*/linux-source-6.12 \
		/root/.cache/xvs/src/*/linux-source-6.12; do
		if [ -f "$d/tools/net/ynl/cli.py" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

if ! KSRC=$(find_ksrc); then
	echo "SKIP: no kernel source with tools/net/ynl/cli.py (run scripts/test-kernel.sh once, or set KSRC)"
	exit $ksft_skip
fi
CLI=$KSRC/tools/net/ynl/cli.py
SCHEMA=$KSRC/Documentation/netlink/genetlink-legacy.yaml
if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "SKIP: python3-yaml is not installed (YNL needs it)"
	exit $ksft_skip
fi

tmp=$(mktemp -d)
mon=
# The kernel source may be read-only (it is in the VM): compile YNL's python
# once per run, not once per cli.py call.
export PYTHONPYCACHEPREFIX=$tmp/pycache
unset PYTHONDONTWRITEBYTECODE

cleanup()
{
	[ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null
	ip link del "$SW" 2>/dev/null
	ip link del "$VETH" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# ynl ARGS...: cli.py with the xvs spec, JSON output. The schema is checked
# once, below; not on every call (slow, and needs python3-jsonschema).
ynl()
{
	python3 "$CLI" --spec "$SPEC" --no-schema --output-json "$@"
}

# Every python3 start costs seconds in the (TCG) test VM: the replies are
# read with sed, not python. cli.py --output-json prints one line per reply.

# jget FILE KEY: KEY of the (flat, one-line) JSON object in FILE.
jget()
{
	sed -n "s/.*\"$2\": \(\"[^\"]*\"\|[-0-9]*\|true\|false\)[,}].*/\1/p" "$1" |
		tr -d '"'
}

# jhas FILE KEY VALUE: some object of the JSON in FILE has KEY == VALUE.
jhas()
{
	grep -qE "\"$2\": (\"$3\"|$3)[,}]" "$1"
}

# do_ok NAME OUT OP JSON: the do operation must succeed; its reply goes to
# $tmp/OUT.
do_ok()
{
	local name=$1 out=$tmp/$2 op=$3 json=$4 rc

	ynl --do "$op" --json "$json" >"$out" 2>&1
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" -eq 0 ] || sed 's/^/      /' "$out"
	return "$rc"
}

# expect NAME OUT KEY=VALUE...: the reply in $tmp/OUT has all of these.
expect()
{
	local name=$1 out=$tmp/$2 kv got bad=
	shift 2

	for kv in "$@"; do
		got=$(jget "$out" "${kv%%=*}")
		[ "$got" = "${kv#*=}" ] ||
			bad+="      ${kv%%=*}: expected '${kv#*=}', got '$got'"$'\n'
	done
	if [ -z "$bad" ]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '%s' "$bad"
		sed 's/^/      reply: /' "$out"
	fi
}

# do_err NAME ERRNO-TEXT OP JSON: the do operation must fail with that
# strerror text, and the error must carry an extack message.
do_err()
{
	local name=$1 re=$2 op=$3 json=$4 out rc

	out=$(ynl --do "$op" --json "$json" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "Netlink error: $re" <<<"$out" &&
	   grep -q "extack: .*'msg'" <<<"$out"; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf "      rc=%s, wanted 'Netlink error: %s' with an extack message, got:\n" "$rc" "$re"
		printf '%s\n' "$out" | sed 's/^/      /'
	fi
}

# wait_state OUT STATE: after a reply in $tmp/OUT, wait (port-get) until p1
# is in STATE; transitions that wait for references may lag the reply.
wait_state()
{
	local i

	for i in $(seq 10); do
		[ "$(jget "$tmp/$1" port-state)" = "$2" ] && return 0
		sleep 1
		ynl --do port-get --json "{\"switch-name\": \"$SW\", \"port-name\": \"p1\"}" \
			>"$tmp/$1" 2>&1
	done
	return 1
}

# link_master DEV: the master of DEV.
link_master()
{
	ip -o link show "$1" | sed -n 's/.* master \([^ ]*\) .*/\1/p'
}

ip link del "$SW" 2>/dev/null
ip link del "$VETH" 2>/dev/null
check "module loads" xvs_load


# ---- the spec itself: schema, and cli.py knows every operation ----
if python3 -c 'import jsonschema' 2>/dev/null; then
	python3 "$CLI" --spec "$SPEC" --schema "$SCHEMA" --list-ops >"$tmp/ops" 2>&1
	rc=$?
	log_test "spec validates against genetlink-legacy.yaml (cli.py --schema)" $rc
	[ "$rc" = 0 ] || sed 's/^/      /' "$tmp/ops"
else
	log_skip "spec validates against genetlink-legacy.yaml (cli.py --schema)" \
		"python3-jsonschema is not installed"
	ynl --list-ops >"$tmp/ops" 2>&1
fi
ok=0
for op in switch-new switch-del switch-get switch-set port-new port-del \
	port-get port-set nic-new nic-connect nic-disconnect nic-del nic-get; do
	grep -q "^$op " "$tmp/ops" || { ok=1; echo "      $op missing"; }
done
log_test "cli.py lists the 13 operations of the spec" "$ok"

# ---- the event listener (the kernel's YNL library, subscribed) ----
python3 -u - "$KSRC/tools/net/ynl" "$SPEC" >"$tmp/events" 2>&1 <<'PYEOF' &
import json, select, sys, time
sys.path.insert(0, sys.argv[1])
from lib import YnlFamily
ynl = YnlFamily(sys.argv[2], '')
ynl.ntf_subscribe('events')
print('READY', flush=True)
end = time.time() + 1800
while time.time() < end:
    if select.select([ynl.sock], [], [], 1)[0]:
        ynl.check_ntf()
        for m in ynl.async_msg_queue:
            print(json.dumps(dict(m['msg'], _name=m['name'])), flush=True)
        ynl.async_msg_queue.clear()
PYEOF
mon=$!
for _ in $(seq 120); do
	grep -q READY "$tmp/events" 2>/dev/null && break
	kill -0 "$mon" 2>/dev/null || break
	sleep 0.5
done
check "event listener subscribed to the events group" grep -q READY "$tmp/events"

# ---- switch ----
do_ok "switch-new $SW" sw switch-new "{\"switch-name\": \"$SW\"}"
expect "switch-new reply: name, type private, no ports" sw \
	switch-name="$SW" switch-type=private switch-ports=0
swid=$(jget "$tmp/sw" switch-id)
ifindex=$(jget "$tmp/sw" switch-ifindex)
check "switch-new reply: switch-id > 0" test "${swid:-0}" -gt 0
check "switch-new reply: switch-ifindex is the netdev's" \
	test "$ifindex" = "$(cat /sys/class/net/$SW/ifindex 2>/dev/null)"
check "switch netdev is of link kind xvs" \
	sh -c "ip -d link show $SW | grep -qw xvs"
do_ok "switch-get by ifindex" swget switch-get "{\"switch-ifindex\": ${ifindex:-0}}"
expect "switch-get by ifindex: the same switch" swget switch-name="$SW" \
	switch-id="$swid"
ynl --dump switch-get >"$tmp/swdump" 2>&1
check "switch-get dump lists $SW" jhas "$tmp/swdump" switch-name "$SW"

# ---- port ----
do_ok "port-new p1" port port-new \
	"{\"switch-name\": \"$SW\", \"port-name\": \"p1\", \"port-type\": \"container\", \"port-friendly-name\": \"web\"}"
expect "port-new reply: port-created, name, type, friendly name" port \
	port-state=port-created port-name=p1 port-type=container \
	port-friendly-name=web switch-name="$SW"
pid=$(jget "$tmp/port" port-id)
check "port-new reply: port-id is the lowest free one (1)" test "${pid:-0}" = 1
pid=${pid:-1}

# ---- NIC ----
ip link add "$VETH" type veth peer name "$VPEER"
do_ok "nic-new $VETH on p1" nic nic-new \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid, \"nic-ifname\": \"$VETH\"}"
expect "nic-new reply: nic-created, NIC 0 is $VETH" nic port-state=nic-created \
	nic-ifname="$VETH" nic-index=0 \
	nic-ifindex="$(cat /sys/class/net/$VETH/ifindex)"
check "NIC netdev's master is the switch" test "$(link_master $VETH)" = "$SW"
# api.rst: NIC_NEW in NIC_CREATED leaves the state and sends no event (the
# event check below and nic-connect, only allowed from nic-created, see it).
ynl --do nic-new --json "{\"switch-name\": \"$SW\", \"port-id\": $pid, \"nic-ifname\": \"$VETH\"}" \
	>/dev/null 2>&1
do_err "nic-disconnect before connect fails" "" nic-disconnect \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"

do_ok "nic-connect" conn nic-connect "{\"switch-name\": \"$SW\", \"port-id\": $pid}"
expect "nic-connect reply: nic-connected" conn port-state=nic-connected
do_ok "port-get by name" pget port-get "{\"switch-name\": \"$SW\", \"port-name\": \"p1\"}"
expect "port-get shows nic-connected with its NIC" pget \
	port-state=nic-connected port-id="$pid" nic-ifname="$VETH" nic-index=0
ynl --dump nic-get --json "{\"switch-name\": \"$SW\"}" >"$tmp/ndump" 2>&1
check "nic-get dump lists p1" jhas "$tmp/ndump" port-name p1

do_err "nic-connect again: EBUSY" "Device or resource busy" nic-connect \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"
do_err "port-del with a connected NIC: EBUSY" "Device or resource busy" port-del \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"
do_err "nic-del while connected: EBUSY" "Device or resource busy" nic-del \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"
do_ok "port-set friendly name" pset port-set \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid, \"port-friendly-name\": \"web-1\"}"
expect "port-set reply: friendly name changed, state not" pset \
	port-friendly-name=web-1 port-state=nic-connected

do_ok "nic-disconnect" disc nic-disconnect "{\"switch-name\": \"$SW\", \"port-id\": $pid}"
expect "nic-disconnect reply: nic-disconnected" disc port-state=nic-disconnected
do_err "nic-connect after disconnect: EBUSY" "Device or resource busy" nic-connect \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"

do_ok "nic-del" ndel nic-del "{\"switch-name\": \"$SW\", \"port-id\": $pid}"
# NIC_DELETE waits for the NIC's references: the reply may still say
# nic-disconnected.
check "port reaches nic-deleted" wait_state ndel nic-deleted
check "NIC netdev has no master any more" test -z "$(link_master $VETH)"
do_err "nic-get after nic-del: ENODEV" "No such device" nic-get \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid}"

# The port takes a new NIC once the old one is deleted.
do_ok "nic-new again after nic-del" nic2 nic-new \
	"{\"switch-name\": \"$SW\", \"port-id\": $pid, \"nic-ifname\": \"$VETH\"}"
expect "nic-new again: nic-created" nic2 port-state=nic-created
do_ok "nic-del of the new NIC" ndel2 nic-del "{\"switch-name\": \"$SW\", \"port-id\": $pid}"
check "port back in nic-deleted" wait_state ndel2 nic-deleted

# ---- port and switch teardown ----
ynl --do port-del --json "{\"switch-name\": \"$SW\", \"port-id\": $pid}" >"$tmp/pdel" 2>&1
rc=$?
log_test "port-del" $rc
[ "$rc" = 0 ] || sed 's/^/      /' "$tmp/pdel"
# PORT_DELETE waits for the port's references (the port shows teardown).
for _ in $(seq 10); do
	ynl --do port-get --json "{\"switch-name\": \"$SW\", \"port-id\": $pid}" \
		>"$tmp/pget" 2>&1 || break
	sleep 1
done
if grep -q "Netlink error: No such file or directory" "$tmp/pget" &&
   grep -q "extack: .*'msg'" "$tmp/pget"; then
	log_test "port-get after port-del: ENOENT with an extack" 0
else
	log_test "port-get after port-del: ENOENT with an extack" 1
	sed 's/^/      /' "$tmp/pget"
fi
do_ok "switch-get after port-del" swget switch-get "{\"switch-name\": \"$SW\"}"
expect "switch-get: no ports left" swget switch-ports=0
ynl --do switch-del --json "{\"switch-name\": \"$SW\"}" >"$tmp/swdel" 2>&1
log_test "switch-del" $?
do_err "switch-get after switch-del: ENOENT" "No such file or directory" switch-get \
	"{\"switch-name\": \"$SW\"}"
check_fail "switch netdev is gone" ip link show "$SW"

# ---- the events, as the listener saw them ----
sleep 1
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
mon=
python3 - "$tmp/events" "$SW" >"$tmp/evcheck" 2>&1 <<'PYEOF'
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
mine = [e for e in evs if e.get('switch-name') == sys.argv[2]]
port = [e for e in mine if e.get('port-name') == 'p1']
seqs = [e.get('event-seq') for e in evs]
print('sequence', ' '.join(e.get('event', '?') for e in port))
print('switch', ' '.join(e.get('event', '?') for e in mine
                         if 'port-name' not in e))
print('names', ' '.join(sorted({e.get('_name', '?') for e in evs})))
print('consecutive', all(b == a + 1 for a, b in zip(seqs, seqs[1:])))
print('states', ' '.join('%s:%s>%s' % (e.get('event'), e.get('old-state'),
                                       e.get('new-state')) for e in port))
PYEOF
evget() { sed -n "s/^$1 //p" "$tmp/evcheck"; }

# check_ev NAME KEY WANT
check_ev()
{
	if [ "$(evget "$2")" = "$3" ]; then
		log_test "$1" 0
	else
		log_test "$1" 1
		echo "      expected: $3"
		echo "      got:      $(evget "$2")"
		sed 's/^/      /' "$tmp/events" | head -n 40
	fi
}
check_ev "events: p1 went through the lifecycle, each step once" sequence \
	"port-create nic-create nic-connect port-update nic-disconnect nic-delete nic-create nic-delete port-teardown port-delete"
check_ev "events: old-state>new-state of each transition" states \
	"port-create:none>port-created nic-create:port-created>nic-created nic-connect:nic-created>nic-connected port-update:nic-connected>nic-connected nic-disconnect:nic-connected>nic-disconnected nic-delete:nic-disconnected>nic-deleted nic-create:nic-deleted>nic-created nic-delete:nic-created>nic-deleted port-teardown:nic-deleted>port-teardown port-delete:port-teardown>none"
check_ev "events: switch-create first, switch-delete last" switch \
	"switch-create switch-delete"
check_ev "events: every message is an 'event' notification" names event
check_ev "events: event-seq increments by one" consecutive True

xvs_exit
