#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# xvsctl argument checks that need no kernel module: bad arguments exit 2
# before anything is sent, help exits 0. Run by 'make -C userspace check'.
cd "$(dirname "$0")" || exit 1
X=./xvsctl
pass=0 fail=0

t() { # WANT_RC ARGS...
	local want=$1 rc
	shift
	"$X" "$@" >/dev/null 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: xvsctl $* -> $rc (want $want)"
	fi
}

long64=$(printf 'a%.0s' {1..64})
long256=$(printf 'a%.0s' {1..256})

t 0 --help
t 0 -h
t 0 help
t 0 -V
t 0 --version
t 0 switch help
t 0 switch -h
t 0 port help
t 0 port --help
t 0 nic help
t 0 monitor help
t 0 version help
t 2
t 2 -x
t 2 --bogus
t 2 bogus
t 2 -j
t 2 switch bogus
t 2 switch s
t 2 switch add
t 2 switch add sw0 type
t 2 switch add sw0 type bogus
t 2 switch add sw0 type external
t 2 switch add sw0 type private uplink eth0
t 2 switch add sw0 type private type private
t 2 switch add sw0 bogus
t 2 switch add 0123456789abcdef
t 2 switch add "a b"
t 2 switch add a/b
t 2 switch add ""
t 2 switch set sw0
t 2 switch set sw0 uplink
t 2 switch del
t 2 switch del sw0 extra
t 2 switch show sw0 extra
t 2 port
t 2 port add sw0
t 2 port add sw0 123
t 2 port add sw0 "$long64"
t 2 port add sw0 ""
t 2 port add sw0 vm1 id 0
t 2 port add sw0 vm1 id 00
t 2 port add sw0 vm1 id -1
t 2 port add sw0 vm1 id 1x
t 2 port add sw0 vm1 id 4294967296
t 2 port add sw0 vm1 id 1 id 2
t 2 port add sw0 vm1 type bogus
t 2 port add sw0 vm1 friendly-name
t 2 port add sw0 vm1 friendly-name "$long256"
t 2 port add sw0 vm1 validate validate
t 2 port add sw0 vm1 bogus
t 2 port set sw0 vm1
t 2 port set sw0 0 friendly-name x
t 2 port set sw0 vm1 friendly-name x extra
t 2 port del sw0
t 2 port del sw0 0
t 2 port del sw0 vm1 extra
t 2 port show
t 2 port show sw0 vm1 extra
t 2 nic
t 2 nic d sw0 vm1
t 2 nic add sw0 vm1
t 2 nic add sw0 vm1 dev
t 2 nic add sw0 vm1 dev 0123456789abcdef
t 2 nic add sw0 vm1 dev tap0 dev tap1
t 2 nic add sw0 vm1 dev tap0 index 33
t 2 nic connect sw0 vm1 dev tap0
t 2 nic connect sw0 vm1 index x
t 2 nic disconnect sw0
t 2 nic del sw0 vm1 extra
t 2 nic show
t 2 monitor bogus
t 2 monitor count
t 2 monitor count 0
t 2 version extra

echo "test-args: $pass passed, $fail failed"
[ "$fail" = 0 ]
