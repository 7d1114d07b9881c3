#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz, make stress: the long forms of the hardening selftests, each
# in one boot of the debug test VM (KASAN, lockdep, kmemleak); the run
# fails on any failed check, kernel splat or kmemleak report.
#
#   scripts/hardening.sh fuzz     the netlink fuzzer: XVS_FUZZ_COUNT messages
#                                 (1000000), at most XVS_FUZZ_SECONDS (5400),
#                                 seed XVS_FUZZ_SEED (a new one, printed)
#   scripts/hardening.sh stress   churn under traffic for XVS_CHURN_SECONDS
#                                 (600, a new seed, kmemleak scan after),
#                                 then the fault injection pass failing every
#                                 allocation of every operation, then the
#                                 frames
#
# Results (the VM's console and output) go to build/fuzz or build/stress.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
what=${1:-}
case "$what" in
fuzz)
	count=${XVS_FUZZ_COUNT:-1000000}
	secs=${XVS_FUZZ_SECONDS:-5400}
	seed=${XVS_FUZZ_SEED:-random}
	cmd="XVS_FUZZ_COUNT=$count XVS_FUZZ_SECONDS=$secs XVS_FUZZ_SEED=$seed"
	cmd+=" XVS_FUZZ_PROGRESS=50000 ./xvs_fuzz.py"
	timeout=$((secs + 900))
	;;
stress)
	secs=${XVS_CHURN_SECONDS:-600}
	seed=${XVS_CHURN_SEED:-random}
	cmd="XVS_CHURN_SECONDS=$secs XVS_CHURN_SEED=$seed XVS_CHURN_KMEMLEAK=1"
	cmd+=" ./xvs_churn.py; a=\$?; XVS_FI_STRIDE=1 ./xvs_faultinject.py;"
	cmd+=" b=\$?; ./xvs_frames.py; c=\$?;"
	cmd+=" [ \$a = 0 ] && [ \$b = 0 ] && [ \$c = 0 ]"
	timeout=$((secs + 2400))
	;;
*)
	echo "usage: $0 fuzz|stress" >&2
	exit 2
	;;
esac

make -s userspace
make -s -C selftests all >/dev/null
t0=$(date +%s)
rc=0
selftests/vm/run --results "build/$what" --timeout "$timeout" --cpus 1 -- \
	bash -c "insmod \$XVS_KO_DIR/xvs.ko && cd selftests && { $cmd; }" || rc=$?
echo "make $what: $(( $(date +%s) - t0 )) s, $([ $rc = 0 ] && echo passed ||
	echo "FAILED (exit $rc; build/$what/console.log)")"
exit $rc
