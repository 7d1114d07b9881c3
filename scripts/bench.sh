#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: xvs vs the Linux bridge vs the OVS kernel datapath, pktgen
# 64-byte frames veth -> switch -> veth, in one boot of the test VM with a
# kernel without debug options (built and cached on first use).
#
#   XVS_BENCH_FLAVOR   kernel flavour, bench (default) or debug
#   XVS_BENCH_SECONDS  seconds per round (default 10)
#   XVS_BENCH_ROUNDS   rounds per configuration, best one counts (default 2)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
flavor=${XVS_BENCH_FLAVOR:-bench}
kdir=$(scripts/test-kernel.sh "$flavor")
make -s all
make -s vm-modules-in VM_KDIR="$kdir" VM_NAME="vm-$flavor" >/dev/null
mkdir -p build/bench
exec selftests/vm/run --no-build --kernel "$kdir" --cpus 1 --icount \
	--kodir "$top/build/vm-$flavor/kmod" --results "$top/build/bench" \
	--timeout 1800 -- \
	env XVS_BENCH_KMODS="$kdir/modules" \
	XVS_BENCH_SECONDS="${XVS_BENCH_SECONDS:-10}" \
	XVS_BENCH_ROUNDS="${XVS_BENCH_ROUNDS:-2}" selftests/vm/bench
