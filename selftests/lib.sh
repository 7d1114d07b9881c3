#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers shared by the xvs selftests, in the style of
# tools/testing/selftests/net: each check prints "TEST: name [ OK ]",
# "[FAIL]" or "[SKIP]"; xvs_exit returns the kselftest exit code
# (0 pass, 1 fail, 4 skip).

ksft_pass=0
ksft_fail=1
ksft_skip=4

XVS_TOP=${XVS_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
XVS_KO_DIR=${XVS_KO_DIR:-$XVS_TOP/kmod}
# This tree's xvsctl first, unless it is what PATH finds already (the test
# VM links it from a folder of its own).
[ "$(command -v xvsctl)" -ef "$XVS_TOP/userspace/xvsctl" ] ||
	export PATH=$XVS_TOP/userspace:$PATH

nfail=0
npass=0
nskip=0

# ---- xvsctl through a server (xvsctl --serve), one per test -------------

# Under emulation a program start costs the debug kernel ~0.2 s, a fork
# and an exit ~0.05 s, and the tests run xvsctl hundreds of times. While
# this shell runs, the server started here (xvsctl --serve, see
# userspace/serve.c) runs each command of the xvsctl function below in its
# own process: it takes over the caller's stdin, stdout and stderr for the
# command, runs it as the program would, and its exit code comes back.
# 'monitor' (it runs until killed) and XVSCTL_DRY_RUN runs start the
# program, and so does everything when XVSCTL_SERVE=0 or the server is not
# running. A command in the background whose pid matters ($!: to kill it)
# must be 'command xvsctl': with the function, $! is that of a subshell.
xvsctl_serve_start()
{
	local f=${TMPDIR:-/tmp}/xvsctl-serve.$$ line fd

	[ "${XVSCTL_SERVE:-1}" != 0 ] || return 0
	mkfifo -m 600 "$f.req" "$f.rep" 2>/dev/null || return 0
	# Not a job of this shell (a 'wait' would wait for it): it ends when
	# the requests' FIFO has no writer left.
	# Its stderr too is /dev/null: a process of the test left running with
	# the FIFO open keeps it, and it must not keep the test's output open.
	(command xvsctl --serve "$f.req" "$f.rep" </dev/null >/dev/null 2>&1 &)
	# Read-write, so that neither open waits for the server; once it is
	# there, the replies are read through a read-only open (/proc: the
	# server removed the FIFOs), which sees EOF should the server die.
	exec {XVSCTL_TO}<>"$f.req" {fd}<>"$f.rep"
	if read -r -t 10 -u "$fd" line XVSCTL_SERVER && [ "$line" = ready ]; then
		exec {XVSCTL_FROM}<"/proc/self/fd/$fd"
	fi
	exec {fd}<&-
	if [ -z "${XVSCTL_FROM:-}" ] ||
		[[ $(xvsctl --version 2>&1) != "xvsctl "[0-9]* ]]; then
		echo "# xvsctl --serve did not work: xvsctl runs as a program"
		xvsctl_serve_stop
		rm -f "$f.req" "$f.rep"
	fi
}

xvsctl_serve_stop()
{
	[ -z "${XVSCTL_TO:-}" ] || exec {XVSCTL_TO}>&-
	[ -z "${XVSCTL_FROM:-}" ] || exec {XVSCTL_FROM}<&-
	unset XVSCTL_TO XVSCTL_FROM XVSCTL_SERVER
}

xvsctl()
{
	local a= rc fi fo fe st netns_arg=0

	for a in "$@"; do
		if [ "$netns_arg" = 1 ]; then
			netns_arg=0
			continue
		fi
		case $a in
		-n | --netns) netns_arg=1; continue ;;
		-*) continue ;;
		esac
		[[ monitor == "$a"* ]] && a=
		break
	done
	# The server runs (not a zombie: the VM's init reaps no orphans)?
	[ -n "${XVSCTL_TO:-}" ] &&
		read -r _ _ st _ 2>/dev/null <"/proc/$XVSCTL_SERVER/stat" || st=gone
	if [ "$st" = Z ] || [ "$st" = gone ] || [ -z "$a" ] ||
		[ -n "${XVSCTL_DRY_RUN:-}" ]; then
		command xvsctl "$@"
		return
	fi
	# The command gets copies of stdin, stdout and stderr ("-" for one
	# that is closed): writing the request redirects stdout for a moment.
	{ exec {fi}<&0; } 2>/dev/null || fi=-
	{ exec {fo}>&1; } 2>/dev/null || fo=-
	exec {fe}>&2 || fe=-
	if printf '%s\0' "$BASHPID" "$fi" "$fo" "$fe" "$#" "$@" >&"$XVSCTL_TO" &&
		read -r -u "$XVSCTL_FROM" rc; then
		[ "$rc" != 125 ] ||
			echo "xvsctl: the xvsctl server could not run: ${*:-}" >&2
	else
		echo "xvsctl: the xvsctl server is gone: ${*:-}" >&2
		xvsctl_serve_stop
		rc=1
	fi
	[ "$fi" = - ] || exec {fi}<&-
	[ "$fo" = - ] || exec {fo}>&-
	[ "$fe" = - ] || exec {fe}>&-
	return "$rc"
}
xvsctl_serve_start

# log_test NAME RC [EXPECTED_RC]: report one check.
log_test()
{
	local name=$1 rc=$2 expected=${3:-0}

	if [ "$rc" -eq "$expected" ]; then
		printf 'TEST: %-60s [ OK ]\n' "$name"
		npass=$((npass + 1))
	else
		printf 'TEST: %-60s [FAIL]\n' "$name"
		printf '      expected rc %s, got %s\n' "$expected" "$rc"
		nfail=$((nfail + 1))
	fi
}

log_skip()
{
	printf 'TEST: %-60s [SKIP]\n' "$1"
	[ -n "${2:-}" ] && printf '      %s\n' "$2"
	nskip=$((nskip + 1))
}

# The file capture writes the output of a command into: one per test,
# already unlinked (/proc/self/fd/N opens it again, truncated or to read;
# without it, capture uses $(...)).
exec {XVS_CAPTURE}<>"${TMPDIR:-/tmp}/xvs-capture.$$" &&
	rm -f "${TMPDIR:-/tmp}/xvs-capture.$$"

# capture VAR CMD...: run CMD with its stdout and stderr into VAR (trailing
# newlines removed, as $(...) does); returns CMD's exit code. xvsctl (the
# function above) and programs run from this shell: $(...) forks a
# subshell for a function (~35 ms under emulation; the checks run xvsctl
# hundreds of times). Other functions, and eval, still run in a subshell:
# what they change stays there, as it did.
capture()
{
	local -n captured=$1
	local rc

	shift
	if [ -z "${XVS_CAPTURE:-}" ] ||
		{ [ "$1" != xvsctl ] && { [ "$1" = eval ] || declare -F "$1" >/dev/null; }; }; then
		captured=$("$@" 2>&1)
		return
	fi
	"$@" >"/proc/self/fd/$XVS_CAPTURE" 2>&1
	rc=$?
	captured=
	IFS= read -r -d '' captured <"/proc/self/fd/$XVS_CAPTURE"
	captured=${captured%"${captured##*[!$'\n']}"}
	return "$rc"
}

# check NAME CMD...: CMD must succeed. Its output is shown on failure.
check()
{
	local name=$1 out rc
	shift
	capture out "$@"
	rc=$?
	log_test "$name" "$rc"
	[ "$rc" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/      /'
	return "$rc"
}

# check_fail NAME CMD...: CMD must fail.
check_fail()
{
	local name=$1 out rc
	shift
	capture out "$@"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '%s\n' "$out" | sed 's/^/      /'
	fi
}

# check_err NAME REGEX CMD...: CMD must fail with a line of output matching
# the extended REGEX (bash's [[ =~ ]], as grep -E would: no process).
check_err()
{
	local name=$1 re=$2 out rc line ok=1
	shift 2
	capture out "$@"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		while IFS= read -r line; do
			[[ $line =~ $re ]] && ok=0
		done <<<"$out"
	fi
	if [ "$ok" = 0 ]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '      rc=%s, wanted output matching /%s/, got:\n' "$rc" "$re"
		printf '%s\n' "$out" | sed 's/^/      /'
	fi
}

require_root()
{
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP: needs root"
		exit $ksft_skip
	fi
}

require_cmd()
{
	local c
	for c in "$@"; do
		if ! command -v "$c" >/dev/null; then
			echo "SKIP: $c not installed"
			exit $ksft_skip
		fi
	done
}

# xvs_load: make sure xvs.ko is loaded (from XVS_KO_DIR).
xvs_load()
{
	[ -d /sys/module/xvs ] && return 0
	insmod "$XVS_KO_DIR/xvs.ko"
}

# ---- the JSON helper (xvs_helper.py), one python3 per test ----------------

# helper_start: start it as a coprocess (a python3 start costs seconds under
# emulation: once per test, while the test goes on; -S, without the site
# module and its .pth files, halves that: the helpers use the standard
# library only).
helper_start()
{
	JQ_OUT=${JQ_OUT:-${TMPDIR:-/tmp}/xvs-json.$$}
	coproc XVS_HELPER { exec python3 -S -u "${BASH_SOURCE[0]%/*}/xvs_helper.py"; }
}

# helper CMD ARGS...: one request (see xvs_helper.py); what it printed goes
# to HELPER_OUT, its verdict is the return code (no subshell: forks are
# slow).
helper()
{
	local line rc=1 IFS=$'\t' arg req=()

	# Tabs separate the words: none in them, nor newlines.
	for arg in "$@"; do
		arg=${arg//$'\t'/ }
		req+=("${arg//$'\n'/ }")
	done
	HELPER_OUT=
	printf '%s\n' "${req[*]}" >&"${XVS_HELPER[1]}" 2>/dev/null || {
		HELPER_OUT="      the JSON helper died"
		return 1
	}
	while IFS= read -r -t 60 line <&"${XVS_HELPER[0]}"; do
		case "$line" in
		"__rc "*) rc=${line#__rc }; break ;;
		*) HELPER_OUT+=${HELPER_OUT:+$'\n'}$line ;;
		esac
	done
	return "$rc"
}

# jget PYEXPR CMD...: print the value of PYEXPR over CMD's JSON output.
jget()
{
	local expr=$1
	shift
	"$@" >"$JQ_OUT" 2>/dev/null || return 1
	helper jq "$JQ_OUT" "$expr" || return 1
	printf '%s\n' "${HELPER_OUT#ok }"
}

# jcheck NAME PYEXPR CMD...: CMD must succeed and print JSON that, bound to
# j, makes the python expression PYEXPR true. o is the one object of a reply
# (xvsctl -j port add) or of a show that lists one (xvsctl -j port show SW P).
jcheck()
{
	local name=$1 expr=$2 rc
	shift 2
	HELPER_OUT=
	"$@" >"$JQ_OUT" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		helper jq "$JQ_OUT" "$expr" || rc=1
	fi
	log_test "$name" "$rc"
	if [ "$rc" -ne 0 ]; then
		printf '      command: %s\n      wanted: %s\n' "$*" "$expr"
		[ -n "$HELPER_OUT" ] && printf '      %s\n' "$HELPER_OUT"
		{ head -c 4000 "$JQ_OUT"; echo; } | sed 's/^/      /'
	fi
	return "$rc"
}

# master_is NAME DEV MASTER: DEV's master is MASTER ("" = none), as sysfs
# (the netns' own, mounted by ip netns exec) shows it: no process to start.
master_is()
{
	local name=$1 dev=/sys/class/net/$2 want=$3 rc=1

	if [ -z "$want" ]; then
		[ -d "$dev" ] && [ ! -e "$dev/master" ] && rc=0
	else
		[ -d "$dev" ] && [ "$dev/master" -ef "/sys/class/net/$want" ] && rc=0
	fi
	log_test "$name" "$rc"
	[ "$rc" = 0 ] || printf '      %s: master %s wanted "%s"\n' "$2" \
		"$(readlink "$dev/master" 2>/dev/null || echo none)" "$want"
	return "$rc"
}

xvs_exit()
{
	echo "# $npass passed, $nfail failed, $nskip skipped"
	[ "$nfail" -eq 0 ] || exit $ksft_fail
	[ "$npass" -gt 0 ] || exit $ksft_skip
	exit $ksft_pass
}
