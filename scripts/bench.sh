#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: xvs vs the Linux bridge vs the OVS kernel datapath vs the
# tc-redirect floor (selftests/vm/bench says what is measured and how), on
# a kernel without debug options built from the test kernel's source and
# fragments (scripts/test-kernel.sh bench; built and cached on first use).
# Three VM boots:
#
#   main       1 vCPU, under TCG with -icount (the guest's clock counts
#              instructions: rates do not depend on the host's load):
#              forwarding (64 and 1500 bytes), FDB scale, control plane,
#              and a perf profile of each forwarding configuration and of
#              attaching/detaching the most ports to xvs
#   mc-icount  2 vCPUs, TCG -icount: QEMU runs -icount vCPUs one at a
#              time (round robin, no MTTCG), so 2 flows can at best match
#              1 flow; the ratio is 1 flow's cost per frame over 2 flows'
#              (skipped under KVM)
#   mc-rt      2 vCPUs, TCG with one host thread per vCPU (MTTCG) or KVM,
#              real time: 2 flows vs 1 flow as the issue asks. Depends on
#              the host: the other work on its CPUs during the boot is
#              recorded (boot.txt: host_other_load)
#
# Then bench/report.py writes bench/results/latest.{json,md} and
# forwarding.dat, and gnuplot bench/results/forwarding.png.
#
#   XVS_BENCH_FLAVOR     kernel flavour, bench (default) or debug
#   XVS_BENCH_BOOTS      the boots to run (default: main mc-icount mc-rt); the
#                        report also takes the figures build/bench holds of
#                        the others from an earlier run
#   XVS_BENCH_SECTIONS   sections of the main boot (default: fwd fdb ctl profile)
#   XVS_BENCH_OUT        where the report goes (default: bench/results)
#   XVS_BENCH_RUNS, XVS_BENCH_FRAMES, XVS_BENCH_MC_FRAMES, XVS_BENCH_MC_RUNS,
#   XVS_BENCH_SIZES, XVS_BENCH_MACS, XVS_BENCH_PORTS, XVS_BENCH_KINDS: see
#   selftests/vm/bench (mc-icount: 200000 frames per flow, XVS_BENCH_RUNS
#   rounds; mc-rt: 100000 frames, at least 9 rounds)
#
# Exit code: non-zero when a boot or a configuration failed (the report
# still shows every figure there is, and the errors).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
flavor=${XVS_BENCH_FLAVOR:-bench}
boots=${XVS_BENCH_BOOTS:-main mc-icount mc-rt}
outdir=${XVS_BENCH_OUT:-$top/bench/results}
kdir=$(scripts/test-kernel.sh "$flavor")
make -s all
make -s vm-modules-in VM_KDIR="$kdir" VM_NAME="vm-$flavor" >/dev/null
mkdir -p build/bench

# Debug options a bench kernel must not have.
debug_opts=$(grep -E '^CONFIG_(KASAN|PROVE_LOCKING|LOCKDEP|DEBUG_KMEMLEAK|DEBUG_OBJECTS|DEBUG_NET|KCSAN|UBSAN|DEBUG_LIST|DEBUG_ATOMIC_SLEEP)=y' \
	"$kdir/.config" | sed 's/=y//' | tr '\n' ' ' || true)
host_cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cc -O2 -Wall -o build/tsc-khz bench/tsc_khz.c
host_tsc_khz=$(build/tsc-khz)
qemu=$(qemu-system-x86_64 --version | head -n 1)

passthrough=()
for v in RUNS FRAMES SIZES MACS PORTS KINDS; do
	eval "val=\${XVS_BENCH_$v:-}"
	[ -z "$val" ] || passthrough+=("XVS_BENCH_$v=$val")
done

# busy and total jiffies of the host's CPUs
host_cpu_jiffies() {
	awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i;
		print t - $5 - $6, t }' /proc/stat
}

# children's user+sys seconds so far (bash's times builtin)
children_cpu() {
	times | tail -n 1 | awk '{
		split($1, u, "m"); split($2, s, "m");
		printf "%.2f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
}

# boot NAME CPUS ICOUNT SECTIONS...
boot() {
	local name=$1 cpus=$2 ic=$3 dir=build/bench/$1 rc=0 b0 b1 c0 c1 hz
	shift 3
	mkdir -p "$dir"
	local opts=(--no-build --kernel "$kdir" --cpus "$cpus" --mem 2048
		--kodir "$top/build/vm-$flavor/kmod" --results "$top/$dir"
		--timeout "${XVS_BENCH_TIMEOUT:-7200}")
	[ "$ic" = yes ] && opts+=(--icount)
	local t0=$SECONDS
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "== bench: $name boot: $cpus vCPU(s)$([ "$ic" = yes ] && echo ', -icount'): $*"
	read -r b0 _ < <(host_cpu_jiffies)
	c0=$(children_cpu)
	# tsc=reliable: with 2 vCPUs the kernel finds the TSC unstable under
	# TCG and falls back to jiffies (4 ms steps), which pktgen's timing
	# cannot use; QEMU gives every vCPU the same TSC (the instruction
	# clock under -icount, which the guest calibrates exactly; the host's
	# TSC otherwise, whose frequency the guest is told: bench/tsc_khz.c).
	#
	# Once the TSC is stable, the guest flips static keys (sched_clock)
	# late in its boot, and under MTTCG a vCPU can still run the old code
	# of a patched site: "Oops: int3" in sched_clock_tick (QEMU 7.2). So
	# that boot brings up 1 CPU, and selftests/vm/bench the others.
	local append="tsc=reliable"
	[ "$ic" = yes ] || append+=" tsc_early_khz=$host_tsc_khz maxcpus=1"
	XVS_VM_APPEND="$append ${XVS_VM_APPEND:-}" \
	selftests/vm/run "${opts[@]}" -- env XVS_BENCH_KMODS="$kdir/modules" \
		"${passthrough[@]}" "${mc_env[@]}" selftests/vm/bench "$@" \
		2> >(tee "$dir/run.err" >&2) || rc=$?
	read -r b1 _ < <(host_cpu_jiffies)
	c1=$(children_cpu)
	hz=$(getconf CLK_TCK)
	# vm/run prints "booting IMAGE (tcg, icount, 1 vCPUs, ...)".
	local line accel
	line=$(grep -m1 'vm/run: booting' "$dir/run.err" || true)
	accel=$(sed -n 's/.*(\([a-z]*\)[,)].*/\1/p' <<<"$line")
	{
		echo "status $rc"
		echo "accel ${accel:-unknown}"
		if [[ "$line" == *icount* ]]; then echo "icount yes"; else echo "icount no"; fi
		echo "vcpus $cpus"
		echo "flavour $flavor"
		echo "debug_options $debug_opts"
		echo "host_cpu $host_cpu"
		echo "host_cpus $(nproc)"
		echo "qemu $qemu"
		echo "kernel_append $append"
		echo "sections $*"
		# CPU seconds the host's other processes took during the boot.
		awk -v b="$(( b1 - b0 ))" -v hz="$hz" -v c0="$c0" -v c1="$c1" \
			'BEGIN { printf "host_other_load_cpu_s %.1f\n", b / hz - (c1 - c0) }'
		echo "host_loadavg_after $(cut -d' ' -f1-3 /proc/loadavg)"
		echo "wall_s $((SECONDS - t0))"
		echo "finished $(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "commit $(git describe --always --dirty 2>/dev/null)"
		echo "nice $(nice)"
	} >"$dir/boot.txt"
	return "$rc"
}

# Frames per flow and rounds of the multi-core boots: the real-time one
# runs at a fraction of the -icount rate, and the host's other work makes
# its rounds noisy: more, shorter rounds.
mc_env_for() { # BOOT
	local frames rounds
	case "$1" in
	mc-icount) frames=200000 rounds=${XVS_BENCH_RUNS:-5} ;;
	*) frames=100000 rounds=$(( ${XVS_BENCH_RUNS:-5} > 9 ? ${XVS_BENCH_RUNS:-5} : 9 )) ;;
	esac
	mc_env=("XVS_BENCH_MC_FRAMES=${XVS_BENCH_MC_FRAMES:-$frames}"
		"XVS_BENCH_MC_RUNS=${XVS_BENCH_MC_RUNS:-$rounds}")
}

failed=0
mc_env=()
for b in $boots; do
	case "$b" in
	main) mc_env=(); boot main 1 yes ${XVS_BENCH_SECTIONS:-fwd fdb ctl profile} || failed=1 ;;
	mc-icount)
		mc_env_for mc-icount
		boot mc-icount 2 yes mc || failed=1
		# Under KVM -icount is ignored: this boot measured what mc-rt does.
		grep -q '^accel kvm' build/bench/mc-icount/boot.txt &&
			rm -rf build/bench/mc-icount
		;;
	mc-rt) mc_env_for mc-rt; boot mc-rt 2 no mc || failed=1 ;;
	*) echo "bench: unknown boot $b (main, mc-icount, mc-rt)" >&2; failed=1 ;;
	esac
done

# The report takes every boot there are figures of: the ones just run,
# and those of an earlier run that XVS_BENCH_BOOTS left out (each boot's
# time and commit are in the report).
dirs=()
for b in main mc-icount mc-rt; do
	[ -d "build/bench/$b" ] && dirs+=("build/bench/$b")
done
mkdir -p "$outdir"
echo
python3 bench/report.py "$outdir" "${dirs[@]}" || failed=1
title="veth -> switch -> veth, $(grep -m1 '^meta kernel ' build/bench/main/bench-raw.txt 2>/dev/null | cut -d' ' -f3), TCG -icount, 1 vCPU"
if command -v gnuplot >/dev/null; then
	gnuplot -e "dat='$outdir/forwarding.dat'; out='$outdir/forwarding.png'; title='$title'" \
		bench/forwarding.gp || failed=1
	echo "bench: chart: $outdir/forwarding.png"
else
	echo "bench: no gnuplot (scripts/deps.sh installs gnuplot-nox): no chart" >&2
fi
for f in build/bench/main/profile-*.txt; do
	[ -f "$f" ] && cp "$f" "$outdir/"
done
echo "bench: report: $outdir/latest.json, $outdir/latest.md"
exit "$failed"
