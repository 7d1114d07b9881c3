#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, with apt-get, whatever the xvs build, test VM and tests need and is
# not installed yet. Idempotent: a second run installs nothing and takes a
# second. Needs root (or sudo) only when something is missing.
set -euo pipefail

log() { printf '[deps] %s\n' "$*" >&2; }

pkgs=(
	build-essential bc bison flex cpio kmod xz-utils rsync pkg-config
	libelf-dev libssl-dev dwarves sparse
	qemu-system-x86
	linux-source-6.12 linux-headers-amd64
	libnl-3-dev libnl-genl-3-dev
	iproute2 iputils-ping procps python3 python3-yaml python3-jsonschema
	tcpdump iperf3 ethtool openvswitch-switch gnuplot-nox
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

# One 6.12 headers package, picked by name: the one matching linux-source-6.12
# when it exists, else the newest. A glob would install every version.
h612=$(ls -d /usr/src/linux-headers-6.12.*-amd64 2>/dev/null | grep -v -- -cloud- | grep -v -- -rt- | sort -V | tail -n 1 || true)

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

if [ ${#missing[@]} -gt 0 ] || [ -z "$h612" ]; then
	export DEBIAN_FRONTEND=noninteractive
	log "apt-get update"
	$sudo apt-get update -qq >/dev/null
fi
if [ -z "$h612" ]; then
	srcver=$(apt-cache policy linux-source-6.12 | awk '/Candidate:/ {print $2}')
	up=${srcver%%-*}
	want=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
		awk '{print $1}' | sort -V | grep -F "linux-headers-$up+" || true)
	[ -n "$want" ] || want=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
		awk '{print $1}' | sort -V | tail -n 1)
	[ -n "$want" ] || { log "no linux-headers-6.12.*-amd64 package found"; exit 1; }
	missing+=("$want")
fi
if [ ${#missing[@]} -gt 0 ]; then
	log "installing: ${missing[*]}"
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/xvs-deps.log 2>&1 ||
		{ tail -n 30 /tmp/xvs-deps.log >&2; log "apt-get install failed"; exit 1; }
fi
exit 0
