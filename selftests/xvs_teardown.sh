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
#   3. 1000 ports created and deleted on one switch, in one netlink batch
#      (a process per port is far too slow under emulation), counted with
#      'xvsctl -j port show' in between.
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
MON=
NPORTS=${XVS_TEARDOWN_PORTS:-1000}
was_loaded=0
[ -d /sys/module/xvs ] && was_loaded=1

cleanup()
{
	local ns i
	[ -n "$MON" ] && kill "$MON" 2>/dev/null && wait "$MON" 2>/dev/null
	for ns in "$NS1" "$NS2" "$NS3"; do
		ip -n "$ns" link del sw0 2>/dev/null
		ip -n "$ns" link del sw1 2>/dev/null
		ip -n "$ns" link del probe0 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
	for i in 0 1 2; do
		[ -e "/sys/class/net/${PEER}a$i" ] && ip link del "${PEER}a$i"
	done
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
# lines FILE: number of lines (no fork).
lines() { local l; mapfile -t l <"$1"; echo "${#l[@]}"; }
# wait_gone PATH SECONDS: wait until PATH no longer exists (no fork: cheap).
wait_gone()
{
	local i
	for i in $(seq $(( $2 * 2 ))); do
		[ -e "$1" ] || return 0
		sleep 0.5
	done
	[ ! -e "$1" ]
}

# module_refcnt_zero: nothing holds a reference on xvs.ko.
module_refcnt_zero()
{
	local r
	read -r r </sys/module/xvs/refcnt || return 1
	[ "$r" = 0 ] || { echo "xvs refcnt is $r"; return 1; }
}

# One python3 checks all JSON output (starting python for every check is slow
# under emulation): jcheck writes the output to a file and sends
# "PATH<TAB>EXPR"; the checker answers "ok VALUE" or "fail WHY". A file that
# is not one JSON document is read as JSON lines (a list).
JQ_PY='
import json, sys
def load(path):
    text = open(path).read()
    try:
        return json.loads(text)
    except ValueError:
        return [json.loads(l) for l in text.splitlines() if l.strip()]
for line in sys.stdin:
    path, expr = line.rstrip("\n").split("\t", 1)
    try:
        j = load(path)
        # o: the one object of a reply, or of a show that lists one
        o = j[0] if isinstance(j, list) and len(j) == 1 else j if isinstance(j, dict) else None
        v = eval(expr, {"j": j, "o": o})
        print("ok %s" % (v,) if v is not False and v is not None else "fail: false", flush=True)
    except Exception as e:
        print("fail: %s: %s" % (type(e).__name__, e), flush=True)
'
coproc JQ { exec python3 -u -c "$JQ_PY"; }
JQ_OUT=$TMP/json.out

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

# A generic netlink batch client: creates or deletes many ports in one
# process. The command and attribute numbers come from uapi/linux/xvs.h.
cat >"$TMP/batch.py" <<'EOF'
import os, re, socket, struct, sys, time

hdr = open(sys.argv[1]).read()
def enum(name):
    body = re.search(r"enum %s \{(.*?)\};" % name, hdr, re.S).group(1)
    names = re.findall(r"^\s*(XVS_\w+)\s*,", body, re.M)
    return {n: i for i, n in enumerate(names)}
CMD, ATTR = enum("xvs_cmd"), enum("xvs_attr")

NETLINK_GENERIC, NETLINK_EXT_ACK, SOL_NETLINK = 16, 11, 270
NLM_F_REQUEST, NLM_F_ACK, NLMSG_ERROR = 1, 4, 2
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2

def nla(t, data):
    n = 4 + len(data)
    return struct.pack("HH", n, t) + data + b"\0" * (-n % 4)

def attrs(buf):
    out, off = {}, 0
    while off + 4 <= len(buf):
        n, t = struct.unpack_from("HH", buf, off)
        if n < 4:
            break
        out[t & 0x3fff] = buf[off + 4:off + n]
        off += (n + 3) & ~3
    return out

sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
sk.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
sk.bind((0, 0))
seq = 0

def request(family, cmd, payload):
    """send one request, wait for its ACK: (errno, extack message)"""
    global seq
    seq += 1
    body = struct.pack("BBH", cmd, 1, 0) + payload
    sk.send(struct.pack("IHHII", 16 + len(body), family,
                        NLM_F_REQUEST | NLM_F_ACK, seq, 0) + body)
    reply = None
    while True:
        data = sk.recv(65536)
        off = 0
        while off + 16 <= len(data):
            n, typ, flags, s, pid = struct.unpack_from("IHHII", data, off)
            msg = data[off + 16:off + n]
            off += (n + 3) & ~3
            if s != seq:
                continue
            if typ == NLMSG_ERROR:
                err = -struct.unpack_from("i", msg)[0]
                text = ""
                if err:
                    # the request echoed back, then the extack TLVs
                    olen = struct.unpack_from("I", msg, 4)[0]
                    tlv = attrs(msg[4 + ((olen + 3) & ~3):]) if not flags & 0x100 else attrs(msg[20:])
                    text = tlv.get(1, b"").rstrip(b"\0").decode(errors="replace")
                return err, text, reply
            reply = msg

err, text, reply = request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                           nla(CTRL_ATTR_FAMILY_NAME, b"xvs\0"))
if err:
    sys.exit("family xvs: %s %s" % (os.strerror(err), text))
family = struct.unpack("H", attrs(reply[4:])[CTRL_ATTR_FAMILY_ID][:2])[0]

op, sw, count = sys.argv[2], sys.argv[3].encode() + b"\0", int(sys.argv[4])
cmd = CMD["XVS_CMD_PORT_NEW" if op == "add" else "XVS_CMD_PORT_DEL"]
t0 = time.monotonic()
for i in range(1, count + 1):
    err, text, _ = request(family, cmd,
                           nla(ATTR["XVS_A_SWITCH_NAME"], sw) +
                           nla(ATTR["XVS_A_PORT_NAME"], b"p%d\0" % i))
    if err:
        sys.exit("port %s p%d: %s (%s)" % (op, i, text, os.strerror(err)))
print("%d ports %s in %.2f s" % (count, "added" if op == "add" else "deleted",
                                 time.monotonic() - t0))
EOF

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
for i in 0 1 2; do
	# a$i stays in the root netns, b$i (its peer) goes into the namespace
	ip link add "${PEER}a$i" type veth peer name "b$i" netns "$NS1" ||
		{ log_test "1: veth pair ${PEER}a$i/b$i" 1; xvs_exit; }
done
ip -n "$NS1" tuntap add t0 mode tap
check "1: sw0 (xvsctl): p0 connected (veth b0), b1 via ip link master" sh -c "
	x() { ip netns exec $NS1 xvsctl \"\$@\"; }
	x switch add sw0 && x port add sw0 p0 && x nic add sw0 p0 dev b0 &&
	x nic connect sw0 p0 && ip -n $NS1 link set b1 master sw0"
check "1: sw1 (ip link): q0 NIC created (veth b2), q1 no NIC, tap t0 via master" sh -c "
	x() { ip netns exec $NS1 xvsctl \"\$@\"; }
	ip -n $NS1 link add sw1 type xvs && x port add sw1 q0 && x nic add sw1 q0 dev b2 &&
	x port add sw1 q1 && ip -n $NS1 link set t0 master sw1"
jcheck "1: both switches there, with 2 and 3 ports" \
	"sorted((s['name'], s['ports']) for s in j) == [('sw0', 2), ('sw1', 3)]" \
	ip netns exec "$NS1" xvsctl -j switch show
check "1: ip netns del $NS1" ip netns del "$NS1"
ok=0
for i in 0 1 2; do
	wait_gone "/sys/class/net/${PEER}a$i" 60 || ok=1
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
for d in t0 t1 t2; do
	ip -n "$NS2" tuntap add "$d" mode tap
done
ip -n "$NS2" link add v0 type veth peer name v1
ip netns exec "$NS2" xvsctl -j monitor >"$TMP/events" 2>"$TMP/monitor.err" &
MON=$!
# Subscribed once the events of a probe switch come through.
ok=1
for i in $(seq 20); do
	ip -n "$NS2" link add probe0 type xvs && ip -n "$NS2" link del probe0
	sleep 1
	[ -s "$TMP/events" ] && { ok=0; break; }
done
log_test "2: monitor subscribed" "$ok"
sleep 1
base=$(lines "$TMP/events")
check "2: sw0 (xvsctl): p0 connected, p1 NIC created, p2 no NIC" sh -c "
	x() { ip netns exec $NS2 xvsctl \"\$@\"; }
	x switch add sw0 && x port add sw0 p0 && x nic add sw0 p0 dev t0 &&
	x nic connect sw0 p0 && x port add sw0 p1 && x nic add sw0 p1 dev t1 &&
	x port add sw0 p2"
check "2: sw1 (ip link): tap t2 and veth v0 via master" sh -c "
	ip -n $NS2 link add sw1 type xvs && ip -n $NS2 link set t2 master sw1 &&
	ip -n $NS2 link set v0 master sw1"
# 2 switch-create, sw0: 3 port-create, 2 nic-create, 1 nic-connect,
# sw1: 2 x (port-create, nic-create, nic-connect)
n_setup=14
for i in $(seq 40); do
	[ "$(lines "$TMP/events")" -ge $((base + n_setup)) ] && break
	sleep 0.5
done
jcheck "2: the monitor saw the setup (${n_setup} events)" "len(j) == $base + $n_setup" \
	cat "$TMP/events"
check "2: rmmod xvs with live switches" timeout 120 rmmod xvs
check_fail "2: xvs is unloaded" test -d /sys/module/xvs
ok=1
for i in $(seq 20); do
	kill -0 "$MON" 2>/dev/null || { ok=0; break; }
	sleep 0.5
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
check "3: switch add sw0" ip netns exec "$NS3" xvsctl switch add sw0
out=$(ip netns exec "$NS3" python3 "$TMP/batch.py" "$XVS_TOP/uapi/linux/xvs.h" add sw0 "$NPORTS" 2>&1)
log_test "3: $NPORTS ports added (one netlink batch)" $?
printf '# %s\n' "$out"
jcheck "3: xvsctl -j port show: $NPORTS ports, ids 1..$NPORTS, port-created" \
	"len(j) == $NPORTS and sorted(p['id'] for p in j) == list(range(1, $NPORTS + 1)) and
	 len({p['name'] for p in j}) == $NPORTS and all(p['state'] == 'port-created' for p in j)" \
	ip netns exec "$NS3" xvsctl -j port show sw0
jcheck "3: switch show counts $NPORTS ports" "o['ports'] == $NPORTS" \
	ip netns exec "$NS3" xvsctl -j switch show sw0
out=$(ip netns exec "$NS3" python3 "$TMP/batch.py" "$XVS_TOP/uapi/linux/xvs.h" del sw0 "$NPORTS" 2>&1)
log_test "3: $NPORTS ports deleted (one netlink batch)" $?
printf '# %s\n' "$out"
jcheck "3: xvsctl -j port show: no port left" "j == []" \
	ip netns exec "$NS3" xvsctl -j port show sw0
jcheck "3: switch show counts 0 ports" "o['ports'] == 0" \
	ip netns exec "$NS3" xvsctl -j switch show sw0
check "3: switch del sw0" ip netns exec "$NS3" xvsctl switch del sw0
check "3: ip netns del $NS3" ip netns del "$NS3"
echo "# part 3 took $(took "$t") s"
check "no reference on xvs.ko at the end" module_refcnt_zero

xvs_exit
