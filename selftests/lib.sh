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
export PATH=$XVS_TOP/userspace:$PATH

nfail=0
npass=0
nskip=0

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

# check NAME CMD...: CMD must succeed. Its output is shown on failure.
check()
{
	local name=$1 out rc
	shift
	out=$("$@" 2>&1)
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
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ]; then
		log_test "$name" 0
	else
		log_test "$name" 1
		printf '%s\n' "$out" | sed 's/^/      /'
	fi
}

# check_err NAME REGEX CMD...: CMD must fail with output matching REGEX.
check_err()
{
	local name=$1 re=$2 out rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] && printf '%s' "$out" | grep -Eq -- "$re"; then
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

xvs_exit()
{
	echo "# $npass passed, $nfail failed, $nskip skipped"
	[ "$nfail" -eq 0 ] || exit $ksft_fail
	[ "$npass" -gt 0 ] || exit $ksft_skip
	exit $ksft_pass
}
