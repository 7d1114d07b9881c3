#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) the kernel the xvs tests boot, from Debian's linux-source-6.12.
#
#   scripts/test-kernel.sh [debug|bench]
#
# The kernel is allnoconfig + selftests/vm/base.config + selftests/config
# (+ selftests/vm/debug.config for the debug flavour, selftests/vm/bench.config
# for the bench one). It is cached under
# ${XDG_CACHE_HOME:-~/.cache}/xvs/, keyed by a hash of the fragments, the
# build recipe version and the source package version, so a second run only prints the path.
# On success the last line on stdout is the kernel build directory (it holds
# arch/x86/boot/bzImage and is a valid KDIR for external modules).
set -euo pipefail

flavor=${1:-debug}
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/xvs
tarball=/usr/src/linux-source-6.12.tar.xz

log() { printf '[test-kernel] %s\n' "$*" >&2; }

[ -f "$tarball" ] || { log "missing $tarball (run scripts/deps.sh)"; exit 1; }
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)

fragments=("$top/selftests/vm/base.config" "$top/selftests/config")
case "$flavor" in
debug) fragments+=("$top/selftests/vm/debug.config") ;;
bench) fragments+=("$top/selftests/vm/bench.config") ;;
*) log "unknown flavour '$flavor' (debug|bench)"; exit 2 ;;
esac

# Bump when the way the kernel is built changes (not for fragment edits:
# those are part of the key already).
recipe=1
key=$( { echo "$srcver $flavor $recipe"; cat "${fragments[@]}"; } | sha256sum | cut -c1-16)
out="$cache/kernel-$flavor-$key"
src="$cache/src/$srcver/linux-source-6.12"

mkdir -p "$cache"
exec 9>"$cache/.lock-kernel"
flock 9

if [ -f "$out/.xvs-built" ]; then
	log "cached: $out"
	echo "$out"
	exit 0
fi

if [ ! -f "$src/Makefile" ]; then
	log "extracting $tarball"
	rm -rf "$cache/src/$srcver"
	mkdir -p "$cache/src/$srcver"
	tar -C "$cache/src/$srcver" -xf "$tarball"
fi

rm -rf "$out"
mkdir -p "$out"
cat "${fragments[@]}" >"$out/fragment.config"

log "configuring $flavor kernel $srcver (allnoconfig + fragments) in $out"
make -s -C "$src" O="$out" KCONFIG_ALLCONFIG="$out/fragment.config" allnoconfig >"$out/config.log" 2>&1

# Every option the fragments ask for must have survived Kconfig's
# dependency resolution; a silently dropped option would make a test lie.
missing=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) want="# ${line%%=*} is not set" ;;
	CONFIG_*) want=$line ;;
	*) continue ;;
	esac
	if ! grep -qxF -- "$want" "$out/.config"; then
		log "fragment option not applied: $line (got: $(grep -E "(^|# )${line%%=*}[= ]" "$out/.config" || echo absent))"
		missing=1
	fi
done < <(grep -E '^CONFIG_' "$out/fragment.config")
[ "$missing" = 0 ] || { log "config check failed"; exit 1; }

jobs=$(nproc)
log "building (make -j$jobs); takes minutes, progress every 30 s, log: $out/build.log"
start=$(date +%s)
make -C "$src" O="$out" -j"$jobs" bzImage modules >"$out/build.log" 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
	sleep 30 &
	wait $! || true
	kill -0 "$pid" 2>/dev/null || break
	objs=$(find "$out" -name '*.o' | wc -l)
	log "$(( $(date +%s) - start ))s: $objs objects compiled"
done
if ! wait "$pid"; then
	tail -n 40 "$out/build.log" >&2
	log "kernel build failed"
	exit 1
fi
make -s -C "$src" O="$out" modules_prepare >>"$out/build.log" 2>&1
mkdir -p "$out/modules"
make -s -C "$src" O="$out" INSTALL_MOD_PATH="$out/modules" INSTALL_MOD_STRIP=1 \
	modules_install >>"$out/build.log" 2>&1
make -s -C "$src" O="$out" kernelrelease >"$out/kernelrelease"
touch "$out/.xvs-built"
log "built $(cat "$out/kernelrelease") in $(( $(date +%s) - start ))s"
echo "$out"
