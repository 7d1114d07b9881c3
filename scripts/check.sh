#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build everything, then run every test in the test VM, and
# print one line per test and a final "N passed, N failed, N skipped".
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
res=$top/build/check
rm -rf "$res"
mkdir -p "$res"

pass=0 fail=0 skip=0
# Test VMs booted side by side for the tests (XVS_CHECK_VMS, default 2).
nshards=${XVS_CHECK_VMS:-2}
t0=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - t0 ))"; }
result() { # ok|FAIL|skip NAME
	case "$1" in
	ok) pass=$((pass + 1)) ;;
	FAIL) fail=$((fail + 1)) ;;
	skip) skip=$((skip + 1)) ;;
	esac
	# (printf twice, not tee: ~1900 results, and a process each costs)
	printf '%-4s %s\n' "$1" "$2"
	printf '%-4s %s\n' "$1" "$2" >>"$res/summary.txt"
}
finish() {
	# (a build that failed early: the runner's self-test VM ends first)
	[ -z "${vm_self:-}" ] || wait "$vm_self" 2>/dev/null
	printf '\n'
	[ -f "$res/summary.txt" ] && grep -E '^(FAIL|skip)' "$res/summary.txt"
	printf 'make check took %ss\n' "$(( $(date +%s) - t0 ))"
	printf '%d passed, %d failed, %d skipped\n' "$pass" "$fail" "$skip"
	[ "$fail" = 0 ]
	exit
}
must() { # NAME CMD...: a build step; its failure ends the run.
	local name=$1
	shift
	if "$@" >"$res/$name.log" 2>&1; then
		result ok "build: $name"
	else
		tail -n 40 "$res/$name.log"
		result FAIL "build: $name"
		finish
	fi
}
step "build: xvsctl, test kernel, modules for the VM"
must xvsctl make userspace
if out=$(make -s -C userspace check 2>&1); then
	result ok "xvsctl: argument checks on the host ($(tail -n 1 <<<"$out"))"
else
	printf '%s\n' "$out" | tail -n 20
	result FAIL "xvsctl: argument checks on the host"
fi
if kdir=$(scripts/test-kernel.sh debug 2> >(tee "$res/test-kernel.log" >&2)); then
	result ok "build: test kernel (cached after the first build; the first takes minutes)"
else
	result FAIL "build: test kernel"
	finish
fi
# The runner itself: its verdicts are what every test below rests on. One
# boot (without kmemleak, not the question here) prints the release, has
# lkdtm provoke a WARN and exits 3: the release must be the test kernel's,
# the exit code must come back, and the WARN must be caught as a splat. It
# boots now (one vCPU), beside the builds below and the start of the test
# VMs, instead of taking ~8 s before them, and is reported after them.
XVS_VM_APPEND="no_debug_objects ${XVS_VM_APPEND:-}" selftests/vm/run --no-build --no-kmemleak --cpus 1 \
	--kernel "$kdir" --results "$res/vm-self" -- \
	sh -c "uname -r; modprobe -d '$kdir/modules' lkdtm &&
		echo WARNING >/sys/kernel/debug/provoke-crash/DIRECT; exit 3" \
	</dev/null >"$res/vm-self.log" 2>&1 &
vm_self=$!
must vm-modules make vm-modules
# The YNL spec against the kernel's schema for its protocol, what cli.py
# --schema checks, here on the host (jsonschema takes half a minute under
# emulation; the selftests use the spec in the VM).
ksrc=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/xvs/src/*/linux-source-6.12 | tail -n 1)
if out=$(python3 - "$ksrc" Documentation/netlink/specs/xvs.yaml 2>&1 <<'EOF'
import sys
sys.path.insert(0, sys.argv[1] + '/tools/net/ynl')
from lib import SpecFamily
spec = SpecFamily(sys.argv[2], '')
SpecFamily(sys.argv[2], '%s/Documentation/netlink/%s.yaml' % (sys.argv[1], spec.proto))
EOF
); then
	result ok "spec: xvs.yaml validates against the kernel's schema (YNL, jsonschema)"
else
	printf '%s\n' "$out" | tail -n 20
	result FAIL "spec: xvs.yaml validates against the kernel's schema (YNL, jsonschema)"
fi
# The selftests' own helpers (tap-relay), built here rather than by the VM.
must selftest-helpers make -C selftests all
# The module for the host's kernel and the compat builds (6.1 and 6.12
# headers, W=1, no warnings) are not needed in the VM: they run beside it,
# one after the other and niced (the tests in the VM leave a core idle most
# of the time), and are reported at the end.
(
	nice -n 10 make compat-check >"$res/compat.log" 2>&1; echo $? >"$res/compat.rc"
	nice -n 10 make module >"$res/module.log" 2>&1; echo $? >"$res/module.rc"
) </dev/null &
host_builds=$!

# parse_vm DIR TAG KUNIT VRC: the results of one test VM.
parse_vm()
{
	local vm=$1 tag=$2 kunit=$3 vrc=$4 found f suite line name script s
	# The parts of the KTAP lines read below (bash regular expressions:
	# a sed per line took ~10 s for the ~1900 results).
	local kunit_case_re='^    (not )?ok [0-9]+ ([^#]*[^ #])'
	local test_re='^# TEST: (.*[^ ]) +\[.*$'
	local script_re='^not ok [0-9]+ selftests: [^:]*: ([^ ]+)'

	# KUnit cases: "    ok N name" lines of each suite's KTAP.
	found=0
	for f in "$vm"/kunit-*.ktap; do
		[ -f "$f" ] || continue
		suite=${f##*/kunit-}
		suite=${suite%.ktap}
		while IFS= read -r line; do
			[[ $line =~ $kunit_case_re ]] || continue
			found=1
			name=${BASH_REMATCH[2]}
			case "$line" in
			*"# SKIP"*) result skip "kunit: $suite.$name" ;;
			*"not ok"*) result FAIL "kunit: $suite.$name" ;;
			*) result ok "kunit: $suite.$name" ;;
			esac
		done <"$f"
	done
	[ "$found" = 1 ] || [ "$kunit" != 1 ] ||
		result FAIL "kunit: no KUnit results came back"

	# Module load/unload around the run.
	if [ -f "$vm/module.ktap" ]; then
		while read -r line; do
			case "$line" in
			"not ok - "*) result FAIL "$tag: module: ${line#not ok - }" ;;
			"ok - "*) result ok "$tag: module: ${line#ok - }" ;;
			esac
		done <"$vm/module.ktap"
	fi

	# Selftests: each "TEST: name [ OK ]" line is a test; a script that failed
	# without a failing TEST line (crash, timeout) is a failure of its own.
	if [ -f "$vm/selftests.ktap" ]; then
		script=
		declare -A script_failed_line=()
		while IFS= read -r line; do
			case "$line" in
			"# selftests: "*) script=${line##*: } ;;
			"# TEST: "*)
				name=$line
				[[ $line =~ $test_re ]] && name=${BASH_REMATCH[1]}
				case "$line" in
				*"[ OK ]") result ok "selftest: $script: $name" ;;
				*"[SKIP]") result skip "selftest: $script: $name" ;;
				*) result FAIL "selftest: $script: $name"; script_failed_line[$script]=1 ;;
				esac
				;;
			"not ok "*)
				s=$line
				[[ $line =~ $script_re ]] && s=${BASH_REMATCH[1]}
				case "$line" in
				*"# SKIP"*) result skip "selftest: $s" ;;
				*) [ -n "${script_failed_line[$s]:-}" ] || result FAIL "selftest: $s (exited non-zero: $line)" ;;
				esac
				;;
			esac
		done <"$vm/selftests.ktap"
		grep -q '^ok \|^not ok ' "$vm/selftests.ktap" ||
			result FAIL "selftest: no selftest results came back"
	else
		result FAIL "selftest: no selftest results came back"
	fi

	if [ -f "$vm/timeout" ] || [ ! -f "$vm/exit-code" ]; then
		result FAIL "$tag: the test run finished in time (see $vm/console.log)"
	else
		result ok "$tag: the test run finished in time"
	fi
	if [ -s "$vm/splat.txt" ]; then
		result FAIL "$tag: no kernel splat (see $vm/splat.txt)"
	else
		result ok "$tag: no kernel splat (KASAN, lockdep, WARN, BUG, stalls)"
	fi
	if grep -q 'unreferenced object' "$vm/kmemleak.txt" 2>/dev/null; then
		result FAIL "$tag: kmemleak clean (see $vm/kmemleak.txt)"
	elif [ -f "$vm/kmemleak.txt" ]; then
		result ok "$tag: kmemleak clean after the final scan"
	else
		result FAIL "$tag: kmemleak scan ran"
	fi
	[ "$vrc" = 0 ] || [ "$fail" != 0 ] || result FAIL "$tag: runner exit code $vrc"
}

step "tests in the VM: KUnit, selftests ($nshards VMs side by side)"
# The selftests are shared out between $nshards VMs booted side by side
# (in-vm-check --shard), each with its share of the host's CPUs; shard 0
# also runs KUnit. Each VM takes the next test, longest first, when it is
# free (--claims: a test's time varies from run to run, up to 1.7x for
# xvs_faultinject.py). Each VM's output is shown with its [vmN] prefix.
cpus=$(( $(nproc) / nshards ))
[ "$cpus" -ge 1 ] || cpus=1
# Booted with debug objects off (no_debug_objects): under emulation they
# make every fork, exec and socket ~1.6x slower (a process spawn 0.44 s
# instead of 0.27 s), and what they catch in xvs (a freed timer, work item
# or RCU head still in use) KASAN and kmemleak catch too. make stress and
# make fuzz keep them on. 512 MB, not vm/run's 1024: kmemleak's final scans
# read every page's struct page (in an idle VM: 11.6 s with 512 MB, 16.2 s
# with 1024), and the tests leave over 300 MB available (the "took" lines
# of in-vm-check).
mkdir -p "$res/claims"
pids=()
for ((i = 0; i < nshards; i++)); do
	XVS_VM_APPEND="no_debug_objects ${XVS_VM_APPEND:-}" selftests/vm/run --no-build --kernel "$kdir" --kodir "$top/build/vm/kmod" \
		--cpus "$cpus" --mem 512 --results "$res/vm$i" --timeout 3600 -- \
		selftests/vm/in-vm-check --shard "$i/$nshards" --claims "$res/claims" 2>&1 |
		sed -u "s/^/[vm$i] /" &
	pids+=($!)
done
for ((i = 0; i < nshards; i++)); do
	wait "${pids[$i]}"
	vrc=$?
	parse_vm "$res/vm$i" "vm$i" "$([ "$i" = 0 ] && echo 1 || echo 0)" "$vrc"
done
# Every selftest ran, in one VM: a VM that died would not report the test
# it had taken.
read -r -a progs < <(make -s -C selftests --no-print-directory print_test_progs)
for t in "${progs[@]}"; do
	n=0
	for ((i = 0; i < nshards; i++)); do
		grep -qxF "# selftests: xvs: $t" "$res/vm$i/selftests.ktap" 2>/dev/null && n=$((n + 1))
	done
	[ "$n" = 1 ] || result FAIL "selftest: $t ran in $n VMs, not 1"
done

step "VM runner self-test (booted beside the builds)"
wait "$vm_self"
vrc=$?
out=$(<"$res/vm-self.log")
if grep -qxF "$(cat "$kdir/kernelrelease")" <<<"$out"; then
	result ok "vm-runner: the guest runs the test kernel"
else
	printf '%s\n' "$out" | tail -n 20
	result FAIL "vm-runner: the guest runs the test kernel"
fi
if [ "$vrc" = 3 ] && [ "$(cat "$res/vm-self/exit-code" 2>/dev/null)" = 3 ]; then
	result ok "vm-runner: the command's exit code comes back"
else
	result FAIL "vm-runner: the command's exit code comes back (rc=$vrc)"
fi
if grep -q 'FAIL: kernel splat' <<<"$out" && grep -q 'WARNING:' "$res/vm-self/splat.txt" 2>/dev/null; then
	result ok "vm-runner: a WARN in the guest fails the run"
else
	printf '%s\n' "$out" | tail -n 20
	result FAIL "vm-runner: a WARN in the guest fails the run (rc=$vrc)"
fi

step "build: compat and module (run beside the VM)"
wait "$host_builds"
for name in compat module; do
	if [ "$(cat "$res/$name.rc" 2>/dev/null)" = 0 ]; then
		result ok "build: $name"
	else
		tail -n 40 "$res/$name.log"
		result FAIL "build: $name"
	fi
done
finish
