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
	trap 'ip netns del "$NS" 2>/dev/null; ip netns del "$NS2" 2>/dev/null
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
PY=$TMP/events.py
MON=

cleanup()
{
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	for sw in sw0 sw1 probe0; do
		ip link del "$sw" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

cat >"$PY" <<'EOF'
import json, sys

def load(path):
    """The monitor's output: one JSON object per event (JSON lines)."""
    evs = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                evs.append(json.loads(line))
    return evs

def fmt(e):
    s = "%-14s %-5s" % (e.get("event"), e.get("switch"))
    if "port_name" in e or "port_id" in e:
        s += " port %s (%s) %s -> %s" % (e.get("port_id"), e.get("port_name"),
                                         e.get("old_state"), e.get("new_state"))
    if "nic_ifname" in e or "nic_index" in e:
        s += " nic %s [%s]" % (e.get("nic_ifname"), e.get("nic_index"))
    return "seq %s: %s" % (e.get("seq"), s)

def match(e, sw, spec):
    """spec: 'EVENT' (switch event) or 'EVENT PORT OLD NEW [IFNAME|-]'."""
    f = spec.split()
    if e.get("event") != f[0] or e.get("switch") != sw:
        return False
    if not isinstance(e.get("seq"), int) or not isinstance(e.get("switch_id"), int):
        return False
    if len(f) == 1:
        return "port_name" not in e and "port_id" not in e
    if (e.get("port_name"), e.get("old_state"), e.get("new_state")) != tuple(f[1:4]):
        return False
    if not isinstance(e.get("port_id"), int) or e["port_id"] < 1:
        return False
    # NIC events name the NIC (api.rst); port events may too, it is not
    # forbidden.
    if f[0].startswith("nic-"):
        if e.get("nic_index") != 0:
            return False
        if len(f) > 4 and f[4] != "-" and e.get("nic_ifname") != f[4]:
            return False
    return True

def report(evs, specs):
    print("      expected:")
    for s in specs:
        print("        " + s)
    print("      got:")
    for e in evs:
        print("        " + fmt(e))

def cmd_count(path):
    print(len(load(path)))
    return 0

def cmd_expect(path, start, sw, *specs):
    """events[start:] are exactly specs, in order."""
    evs = load(path)[int(start):]
    ok = len(evs) == len(specs) and all(match(e, sw, s) for e, s in zip(evs, specs))
    # All events of one port name carry the same port id.
    ids = {}
    for e in evs:
        if "port_name" in e:
            ok = ok and ids.setdefault(e["port_name"], e.get("port_id")) == e.get("port_id")
    if not ok:
        report(evs, specs)
    return 0 if ok else 1

def cmd_perport(path, start, sw, *specs):
    """events[start:] are specs with the events of different ports in any
    interleaving, each port's own in order, and the switch's events last."""
    evs = load(path)[int(start):]
    ok = len(evs) == len(specs)
    port_specs, sw_specs = {}, []
    for s in specs:
        f = s.split()
        if len(f) == 1:
            sw_specs.append(s)
        else:
            port_specs.setdefault(f[1], []).append(s)
    n_port = sum(len(v) for v in port_specs.values())
    if ok:
        tail = evs[n_port:]
        ok = all(match(e, sw, s) for e, s in zip(tail, sw_specs))
        for port, ps in port_specs.items():
            mine = [e for e in evs[:n_port] if e.get("port_name") == port]
            ok = ok and len(mine) == len(ps) and all(match(e, sw, s) for e, s in zip(mine, ps))
    if not ok:
        report(evs, specs)
    return 0 if ok else 1

def cmd_seq(path):
    evs = load(path)
    seqs = [e.get("seq") for e in evs]
    bad = [(a, b) for a, b in zip(seqs, seqs[1:]) if not isinstance(a, int) or b != a + 1]
    if bad or not seqs:
        print("      %d events, gaps: %s" % (len(seqs), bad[:10]))
        return 1
    print("      seq %d..%d" % (seqs[0], seqs[-1]))
    return 0

def cmd_jq(path, expr):
    """print "ok VALUE" when EXPR, with j bound to PATH's JSON, is true."""
    with open(path) as f:
        j = json.load(f)
    # o: the one object of a reply, or of a show that lists one
    o = j[0] if isinstance(j, list) and len(j) == 1 else j if isinstance(j, dict) else None
    v = eval(expr, {"j": j, "o": o})
    if v is False or v is None:
        print("fail: false")
        return 1
    print("ok %s" % (v,))
    return 0

def cmd_last(path, sw, event):
    """The last event is EVENT of switch SW."""
    evs = load(path)
    return 0 if evs and evs[-1].get("event") == event and evs[-1].get("switch") == sw else 1

# A server (python starts slowly under emulation): each input line is a
# command and its arguments, tab-separated; the answer is what the command
# printed, then "__rc N".
import io, contextlib
for line in sys.stdin:
    args = line.rstrip("\n").split("\t")
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            rc = globals()["cmd_" + args[0]](*args[1:])
    except Exception as e:
        buf.write("      %s: %s\n" % (type(e).__name__, e))
        rc = 1
    sys.stdout.write(buf.getvalue())
    print("__rc %d" % rc, flush=True)
EOF
coproc EVP { exec python3 -u "$PY"; }

# evp CMD ARGS...: run a command of the events helper; what it printed goes
# to EVP_OUT, its verdict is the return code (no subshell: forks are slow).
evp()
{
	local line rc=1 IFS=$'\t'
	EVP_OUT=
	printf '%s\n' "$*" >&"${EVP[1]}" 2>/dev/null || {
		EVP_OUT="      the events helper died"
		return 1
	}
	while IFS= read -r -t 60 line <&"${EVP[0]}"; do
		case "$line" in
		"__rc "*) rc=${line#__rc }; break ;;
		*) EVP_OUT+=${EVP_OUT:+$'\n'}$line ;;
		esac
	done
	return "$rc"
}

# nevents: sets N to the number of events received so far.
nevents()
{
	evp count "$EV"
	case "$EVP_OUT" in
	''|*[!0-9]*) N=0 ;;
	*) N=$EVP_OUT ;;
	esac
}

# wait_events N: wait (up to 20 s) until N events past $base arrived, then a
# little more so that unexpected extra events get caught too.
wait_events()
{
	local want=$(( base + $1 )) i
	for i in $(seq 40); do
		nevents
		[ "$N" -ge "$want" ] && break
		sleep 0.5
	done
	sleep 0.5
}

# expect NAME SWITCH SPEC...: the events since the last expect are SPEC...
expect()
{
	local name=$1 sw=$2 rc
	shift 2
	wait_events $#
	evp expect "$EV" "$base" "$sw" "$@"
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" -eq 0 ] || printf '%s\n' "$EVP_OUT"
	nevents
	base=$N
	return "$rc"
}

# expect_perport NAME SWITCH SPEC...: as expect, ports in any interleaving.
expect_perport()
{
	local name=$1 sw=$2 rc
	shift 2
	wait_events $#
	evp perport "$EV" "$base" "$sw" "$@"
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" -eq 0 ] || printf '%s\n' "$EVP_OUT"
	nevents
	base=$N
	return "$rc"
}

JQ_OUT=$TMP/json.out

# jq_eval FILE PYEXPR: evaluate PYEXPR with j bound to FILE's JSON; sets
# JQ_REPLY to "ok VALUE" or "fail: WHY" (no subshell: forks are slow).
jq_eval()
{
	evp jq "$1" "${2//[$'\n\t']/ }"
	JQ_REPLY=${EVP_OUT%%$'\n'*}
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

ip link set lo up
for t in tap1 tap2 tap3 tap4 tap5 tap6 tap7 tap8; do
	ip tuntap add "$t" mode tap || { log_test "tap $t created" 1; xvs_exit; }
done

# --- the monitor ------------------------------------------------------------------
xvsctl -j monitor >"$EV" 2>"$TMP/monitor.err" &
MON=$!
# Subscribed once the events of a probe switch come through.
sleep 1
ok=1
for i in $(seq 20); do
	ip link add probe0 type xvs && ip link del probe0
	sleep 0.5
	evp last "$EV" probe0 switch-delete && { ok=0; break; }
	kill -0 "$MON" 2>/dev/null || break
done
log_test "monitor running and subscribed" "$ok"
if [ "$ok" != 0 ]; then
	cat "$TMP/monitor.err"
	xvs_exit
fi
nevents
base=$N

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
evp seq "$EV"
log_test "sequence numbers of all events are consecutive" $?
printf '%s\n' "$EVP_OUT"
check "monitor still running" kill -0 "$MON"
check_fail "monitor reported no lost events or sequence jumps" \
	grep -Ei 'lost|jump|malformed' "$TMP/monitor.err"
kill "$MON" 2>/dev/null
wait "$MON" 2>/dev/null
log_test "monitor exits 0 on SIGTERM" $?
MON=

xvs_exit
