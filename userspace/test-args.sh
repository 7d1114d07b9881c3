#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# xvsctl argument checks that need no kernel module: bad arguments exit 2
# before anything is sent, help exits 0, and good arguments build the
# request they should (XVSCTL_DRY_RUN prints it instead of sending it).
# Run by 'make -C userspace check'.
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

d() { # "REQUEST" ARGS...: a dry run exits 0 and prints REQUEST
	local want=$1 out rc
	shift
	out=$(XVSCTL_DRY_RUN=1 "$X" "$@" 2>&1)
	rc=$?
	if [ "$rc" = 0 ] && [ "$out" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: xvsctl $* -> $rc"
		echo "      got:  $out"
		echo "      want: $want"
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
# -n NETNS: a name of ip netns (/run/netns/NAME), entered before the command.
t 2 -n
t 2 --netns
t 2 -n ""
t 2 -n a/b
t 2 --netns=..
t 1 -n xvs-no-such-netns version
t 1 --netns=xvs-no-such-netns switch show
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

# switch set: ageing, learn-limit; show -s
t 0 -s --help
t 2 -s
t 2 switch set sw0 ageing
t 2 switch set sw0 ageing x
t 2 switch set sw0 ageing -1
t 2 switch set sw0 ageing 1000001
t 2 switch set sw0 ageing 4294967296
t 2 switch set sw0 ageing 1 ageing 2
t 2 switch set sw0 learn-limit
t 2 switch set sw0 learn-limit 1048577
t 2 switch set sw0 learn-limit 1e3
t 2 switch set sw0 learn-limit 1 learn-limit 1
t 2 switch set sw0 learning-limit 1
t 2 switch set sw0 ageing 10 bogus
t 2 switch set sw0 type private uplink eth0 ageing 10
t 2 switch set sw0 type external ageing 10
t 2 switch add sw0 ageing 10
t 2 switch add sw0 learn-limit 10
t 2 switch show -x
t 2 switch show --stat
t 2 switch show -s sw0 extra
t 2 port show -s
t 2 port show -x sw0
t 2 port show sw0 vm1 -s
d "switch-set switch-name=sw0 switch-ageing=0" switch set sw0 ageing 0
d "switch-set switch-name=sw0 switch-learn-limit=1048576" \
	switch set sw0 learn-limit 1048576
d "switch-set switch-name=sw0 switch-type=1 switch-ageing=1000000 switch-learn-limit=0" \
	switch set sw0 type internal ageing 1000000 learn-limit 0
d "switch-set switch-name=sw0 switch-type=2 switch-uplink=eth0" \
	switch set sw0 uplink eth0
d "switch-set switch-name=sw0 switch-type=0" switch set sw0 type private

# port policies
d "port-set switch-name=sw0 port-name=p1 port-vlan-mode=1 port-vlan-id=10" \
	port set sw0 p1 vlan access 10
d "port-set switch-name=sw0 port-id=3 port-vlan-mode=2 port-vlan-native=5 port-vlan-trunk=10,20-30,4094" \
	port set sw0 3 vlan trunk 10,20-30,4094 native 5
d "port-set switch-name=sw0 port-name=p1 port-vlan-mode=2 port-vlan-native=0 port-vlan-trunk=7" \
	port set sw0 p1 vlan trunk 7
d "port-set switch-name=sw0 port-name=p1 port-vlan-mode=0" port set sw0 p1 vlan none
d "port-set switch-name=sw0 port-name=p1 port-mac=52:54:00:00:00:01 port-spoof-guard=1 port-dhcp-guard=0 port-router-guard=1 port-isolated=1" \
	port set sw0 p1 mac 52:54:00:00:00:01 spoof-guard on dhcp-guard off router-guard on isolated on
d "port-set switch-name=sw0 port-name=p1 port-mac=00:00:00:00:00:00" port set sw0 p1 mac none
d "port-set switch-name=sw0 port-name=p1 port-rate=10000000 port-rate-burst=20000" \
	port set sw0 p1 rate 10m burst 20000
d "port-set switch-name=sw0 port-name=p1 port-rate=2000000000" port set sw0 p1 rate 2g
d "port-set switch-name=sw0 port-name=p1 port-rate=0" port set sw0 p1 rate none
d "port-set switch-name=sw0 port-name=p1 port-storm-bcast=100 port-storm-unknown=5" \
	port set sw0 p1 storm bcast 100 storm unknown 5
d "port-set switch-name=sw0 port-name=p1 port-storm-bcast=0 port-storm-mcast=0 port-storm-unknown=0" \
	port set sw0 p1 storm none
d "port-set switch-name=sw0 port-name=p1 port-mirror=2" port set sw0 p1 mirror destination
d "port-set switch-name=sw0 port-name=p1 port-friendly-name=x port-mirror=1" \
	port set sw0 p1 friendly-name x mirror source
t 2 port set sw0 p1 vlan
t 2 port set sw0 p1 vlan access
t 2 port set sw0 p1 vlan access 0
t 2 port set sw0 p1 vlan access 4095
t 2 port set sw0 p1 vlan trunk
t 2 port set sw0 p1 vlan trunk 0
t 2 port set sw0 p1 vlan trunk 10,,20
t 2 port set sw0 p1 vlan trunk 30-20
t 2 port set sw0 p1 vlan trunk 10 native 4095
t 2 port set sw0 p1 vlan bogus
t 2 port set sw0 p1 vlan none vlan none
t 2 port set sw0 p1 mac 52:54:00
t 2 port set sw0 p1 spoof-guard maybe
t 2 port set sw0 p1 spoof-guard on spoof-guard off
t 2 port set sw0 p1 rate 999
t 2 port set sw0 p1 rate 10x
t 2 port set sw0 p1 rate -5m
t 2 port set sw0 p1 rate 10m burst 0
t 2 port set sw0 p1 storm bcast
t 2 port set sw0 p1 storm everything 5
t 2 port set sw0 p1 storm bcast 5 storm bcast 6
t 2 port set sw0 p1 storm none storm mcast 1
t 2 port set sw0 p1 mirror both
t 2 port validate sw0
t 2 port validate sw0 friendly-name x
# port validate: a validation port named after the process, set, deleted
out=$(XVSCTL_DRY_RUN=1 "$X" port validate sw0 vlan access 7 2>&1)
if printf '%s\n' "$out" | sed 's/validate-[0-9][0-9]*/validate-N/g' | cmp -s - <(printf '%s\n' \
	"port-new switch-name=sw0 port-name=validate-N port-validation" \
	"port-set switch-name=sw0 port-name=validate-N port-vlan-mode=1 port-vlan-id=7" \
	"port-del switch-name=sw0 port-name=validate-N"); then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: xvsctl port validate sw0 vlan access 7 (dry run): $out"
fi
d "switch-new switch-name=sw0" switch add sw0
d "switch-get dump" -s switch show
d "switch-get dump" switch
d "switch-get switch-name=sw0" --stats switch show sw0
d "switch-get switch-name=sw0" switch show -s sw0
d "switch-get switch-name=-sw" switch show -s -- -sw
d "port-get dump switch-name=sw0" -j port show -s sw0
d "port-get switch-name=sw0 port-name=vm1" port show --stats sw0 vm1
d "port-get switch-name=sw0 port-id=3" -s -j port show sw0 3

# fdb
t 0 fdb help
t 0 fdb -h
t 0 fdb --help
t 2 fdb
t 2 fdb bogus
t 2 fdb flush "a b"
t 2 fdb add
t 2 fdb add sw0
t 2 fdb add "a b" 52:54:00:00:00:01 port vm1
t 2 fdb add sw0 52:54:00:00:00:01
t 2 fdb add sw0 52:54:00:00:00:01 vlan 1
t 2 fdb add sw0 52:54:00:00:00:01 port
t 2 fdb add sw0 52:54:00:00:00:01 port 0
t 2 fdb add sw0 52:54:00:00:00:01 port "$long64"
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 port vm2
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 vlan
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 vlan 4095
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 vlan x
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 vlan -1
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 vlan 1 vlan 2
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 static
t 2 fdb add sw0 52:54:00:00:00:01 port vm1 bogus
for mac in "" 52:54:00:00:00 52:54:00:00:00:01:02 52:54:00:00:00:0g \
	525400000001 52:54-00:00:00:01 152:54:00:00:00:01 52::00:00:00:01 \
	52:54:00:00:00:01: :52:54:00:00:00:01 " 52:54:00:00:00:01" \
	52.54.00.00.00.01 0x52:54:00:00:00:01; do
	t 2 fdb add sw0 "$mac" port vm1
done
t 2 fdb del sw0
t 2 fdb del sw0 bogus
t 2 fdb del sw0 52:54:00:00:00:01 port vm1
t 2 fdb del sw0 52:54:00:00:00:01 vlan 4095
t 2 fdb del sw0 52:54:00:00:00:01 extra
t 2 fdb flush
t 2 fdb flush sw0 port
t 2 fdb flush sw0 port 0
t 2 fdb flush sw0 port vm1 port vm2
t 2 fdb flush sw0 static static
t 2 fdb flush sw0 vlan 1
t 2 fdb flush sw0 bogus
t 2 fdb show
t 2 fdb show sw0 extra
t 2 fdb show a/b
d "fdb-add switch-name=sw0 fdb-mac=52:54:00:ab:cd:01 fdb-vlan=4094 port-name=vm1" \
	fdb add sw0 52:54:00:AB:cd:1 port vm1 vlan 4094
d "fdb-add switch-name=sw0 fdb-mac=02:00:00:00:00:01 port-id=3" \
	fdb add sw0 02-00-00-00-00-01 port 3
d "fdb-del switch-name=sw0 fdb-mac=52:54:00:00:00:01" \
	fdb del sw0 52:54:00:00:00:01
d "fdb-del switch-name=sw0 fdb-mac=52:54:00:00:00:01 fdb-vlan=0" \
	fdb delete sw0 52:54:00:00:00:01 vlan 0
d "fdb-flush switch-name=sw0" fdb flush sw0
d "fdb-flush switch-name=sw0 port-name=vm1 fdb-static" \
	fdb flush sw0 static port vm1
d "fdb-flush switch-name=sw0 port-id=7" fdb flush sw0 port 7
d "fdb-get dump switch-name=sw0" fdb show sw0
d "fdb-get dump switch-name=sw0" -j f ls sw0

# ext
long32=$(printf 'e%.0s' {1..32})
name31=$(printf 'e%.0s' {1..31})
t 0 ext help
t 0 ext -h
t 0 extension --help
t 2 ext bogus
t 2 ext list bogus
t 2 ext list switch
t 2 ext list switch "a b"
t 2 ext list switch sw0 switch sw1
t 2 ext list -x
t 2 ext enable
t 2 ext enable xvs_null
t 2 ext enable xvs_null sw0
t 2 ext enable xvs_null switch
t 2 ext enable xvs_null switch sw0 switch sw1
t 2 ext enable xvs_null switch sw0 extra
t 2 ext enable "$long32" switch sw0
t 2 ext enable "" switch sw0
t 2 ext enable Xvs_null switch sw0
t 2 ext enable "xvs null" switch sw0
t 2 ext enable xvs/null switch sw0
t 2 ext disable xvs_null
t 2 ext disable xvs_null switch 0123456789abcdef
t 2 ext order
t 2 ext order sw0
t 2 ext order "a b" xvs_null
t 2 ext order sw0 xvs_null xvs_null
t 2 ext order sw0 a b c d e f g h i
t 2 ext order sw0 "$long32"
d "ext-get dump
switch-get dump" ext
d "ext-get dump
switch-get dump" ext list
d "ext-get dump
switch-get dump" -s -j ext ls
d "ext-get dump
ext-get dump switch-name=sw0" ext list -s switch sw0
d "ext-enable switch-name=sw0 ext-name=xvs_null" ext enable xvs_null switch sw0
d "ext-enable switch-name=sw0 ext-name=$name31" ext en "$name31" switch sw0
d "ext-disable switch-name=sw0 ext-name=xvs-capture" \
	ext disable xvs-capture switch sw0
d "ext-order switch-name=sw0 ext-order=[xvs_null]" ext order sw0 xvs_null
d "ext-order switch-name=sw0 ext-order=[a,b,c,d,e,f,g,h]" \
	ext order sw0 a b c d e f g h

# custom properties
hex1024=$(printf '0a%.0s' {1..1024})
str1025=$(printf 's%.0s' {1..1025})
t 0 port property help
t 0 port property -h
t 0 switch property help
t 2 port property
t 2 port property bogus sw0 vm1
t 2 port property add
t 2 port property add sw0
t 2 port property add sw0 vm1
t 2 port property add sw0 vm1 id 1
t 2 port property add sw0 vm1 ext xvs_macfilter
t 2 port property add sw0 0 ext x id 1
t 2 port property add sw0 vm1 ext x id -1
t 2 port property add sw0 vm1 ext x id 4294967296
t 2 port property add sw0 vm1 ext x id 1 id 2
t 2 port property add sw0 vm1 ext x ext y id 1
t 2 port property add sw0 vm1 ext "$long32" id 1
t 2 port property add sw0 vm1 ext X id 1
t 2 port property add sw0 vm1 ext x id 1 instance
t 2 port property add sw0 vm1 ext x id 1 instance x
t 2 port property add sw0 vm1 ext x id 1 version
t 2 port property add sw0 vm1 ext x id 1 version 1.
t 2 port property add sw0 vm1 ext x id 1 version .1
t 2 port property add sw0 vm1 ext x id 1 version 65536.0
t 2 port property add sw0 vm1 ext x id 1 version 1.65536
t 2 port property add sw0 vm1 ext x id 1 version 1.2.3
t 2 port property add sw0 vm1 ext x id 1 version 1 version 2
t 2 port property add sw0 vm1 ext x id 1 data
t 2 port property add sw0 vm1 ext x id 1 data 1
t 2 port property add sw0 vm1 ext x id 1 data 0g
t 2 port property add sw0 vm1 ext x id 1 data 0a:
t 2 port property add sw0 vm1 ext x id 1 data :0a
t 2 port property add sw0 vm1 ext x id 1 data 0a::0b
t 2 port property add sw0 vm1 ext x id 1 data "${hex1024}0b"
t 2 port property add sw0 vm1 ext x id 1 string "$str1025"
t 2 port property add sw0 vm1 ext x id 1 data 0a string a
t 2 port property add sw0 vm1 ext x id 1 bogus
t 2 port property set sw0 vm1 ext x id 1
t 2 port property set sw0 vm1 ext x id 1 data 0a
t 2 port property set sw0 vm1 ext x version 1.0
t 2 port property set sw0 vm1 ext x id 1 version 1.0 required
t 2 port property del sw0 vm1 ext x
t 2 port property del sw0 vm1 ext x id 1
t 2 port property del sw0 vm1 id 1 version 1.0
t 2 port property del sw0 vm1 ext x id 1 version 1.0 data 0a
t 2 port property del sw0 vm1 ext x id 1 version 1.0 required
t 2 port property add sw0 vm1 ext x id 1 required required
t 2 port property add sw0 vm1 ext x id 1 required 1
t 2 switch property add sw0 ext x id 1 required
t 2 switch property set sw0 ext x id 1 data 0a
t 2 switch property del sw0 ext x id 1
t 2 port property show
t 2 port property show sw0
t 2 port property show sw0 vm1 version 1.0
t 2 port property show sw0 vm1 bogus
t 2 switch property
t 2 switch property add sw0
t 2 switch property add sw0 vm1 ext x id 1
t 2 switch property add "a b" ext x id 1
t 2 switch property show
t 2 switch property del sw0 ext x
d "prop-add switch-name=sw0 port-name=vm1 ext-name=xvs_macfilter prop-id=1 prop-data=0x525400123456" \
	port property add sw0 vm1 ext xvs_macfilter id 1 data 52:54:00:12:34:56
d "prop-add switch-name=sw0 port-id=3 ext-name=x prop-id=4294967295 prop-instance=2 prop-version=65538 prop-data=0x6869" \
	port prop add sw0 3 ext x id 4294967295 instance 2 version 1.2 string hi
d "prop-add switch-name=sw0 port-name=vm1 ext-name=x prop-id=0 prop-version=131072 prop-data=0x" \
	port property add sw0 vm1 ext x id 0 version 2 data ""
d "prop-add switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-data=0x$hex1024" \
	port property add sw0 vm1 ext x id 1 data "$hex1024"
d "prop-set switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-version=65535" \
	port property set sw0 vm1 ext x id 1 version 0.65535
d "prop-set switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-instance=0 prop-version=65537 prop-data=0xabcd" \
	port property set sw0 vm1 ext x id 1 instance 0 version 1.1 data ABcd
d "prop-add switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-required" \
	port property add sw0 vm1 ext x id 1 required
d "prop-del switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-version=65536" \
	port property del sw0 vm1 ext x id 1 version 1
d "prop-del switch-name=sw0 port-name=vm1 ext-name=x prop-id=1 prop-instance=3 prop-version=65539" \
	port property delete sw0 vm1 instance 3 id 1 version 1.3 ext x
d "prop-get dump switch-name=sw0 port-name=vm1" port property show sw0 vm1
d "prop-get dump switch-name=sw0 port-id=5" -j port property ls sw0 5 ext x id 1
d "prop-add switch-name=sw0 ext-name=xvs_l2fwd prop-id=1 prop-data=0x52540012345600000003" \
	switch property add sw0 ext xvs_l2fwd id 1 data 52540012345600000003
d "prop-set switch-name=sw0 ext-name=x prop-id=1 prop-version=65536 prop-data=0x61" \
	switch property set sw0 ext x id 1 version 1.0 string a
d "prop-del switch-name=sw0 ext-name=x prop-id=1 prop-version=131073" \
	switch property del sw0 ext x id 1 version 2.1
d "prop-get dump switch-name=sw0" switch property show sw0

# status
t 2 port status
t 2 port status sw0
t 2 port status sw0 0
t 2 port status sw0 vm1 ext
t 2 port status sw0 vm1 ext X
t 2 port status sw0 vm1 ext x ext y
t 2 port status sw0 vm1 bogus
t 2 switch status
t 2 switch status "a b"
t 2 switch status sw0 vm1
d "status-get dump switch-name=sw0 port-name=vm1" port status sw0 vm1
d "status-get dump switch-name=sw0 port-id=3 ext-name=xvs_macfilter" \
	-j port status sw0 3 ext xvs_macfilter
d "status-get dump switch-name=sw0" switch status sw0
d "status-get dump switch-name=sw0 ext-name=xvs_null" switch status sw0 ext xvs_null

# acl
t 0 acl help
t 0 acl -h
t 0 acl --help
t 2 acl
t 2 acl bogus
t 2 acl add
t 2 acl add sw0
t 2 acl add sw0 vm1
t 2 acl add sw0 0 dir in action deny
t 2 acl add "a b" vm1 dir in action deny
t 2 acl add sw0 vm1 dir in
t 2 acl add sw0 vm1 action deny
t 2 acl add sw0 vm1 dir
t 2 acl add sw0 vm1 dir sideways action deny
t 2 acl add sw0 vm1 dir in action
t 2 acl add sw0 vm1 dir in action drop
t 2 acl add sw0 vm1 dir in dir out action deny
t 2 acl add sw0 vm1 dir in action deny action allow
t 2 acl add sw0 vm1 dir in action deny local
t 2 acl add sw0 vm1 dir in action deny local remote ip 10.0.0.1
t 2 acl add sw0 vm1 dir in action deny local local ip 10.0.0.1
t 2 acl add sw0 vm1 dir in action deny mac
t 2 acl add sw0 vm1 dir in action deny mac 52:54:00:00:00
t 2 acl add sw0 vm1 dir in action deny mac 52:54:00:00:00:01 ip 10.0.0.1
t 2 acl add sw0 vm1 dir in action deny ip 10.0.0.1 mac 52:54:00:00:00:01
t 2 acl add sw0 vm1 dir in action deny ip 10.0.0.1 ip 10.0.0.2
t 2 acl add sw0 vm1 dir in action deny ip
t 2 acl add sw0 vm1 dir in action deny all
t 2 acl del sw0 vm1 all all
t 2 acl del sw0 vm1 all dir in
t 2 acl del sw0 vm1 dir in action deny all
t 2 acl del sw0 vm1 all ip 10.0.0.0/8
t 2 acl del sw0 vm1
t 2 acl show sw0
t 2 acl show sw0 vm1 extra
t 2 acl show sw0 vm1 dir in
for ip in "" / 10.0.0 10.0.0.256 10.0.0.0/ 10.0.0.0/33 10.0.0.0/-1 \
	10.0.0.0/8/8 10.0.0.0/x 2001:db8::/129 2001:db8:::1 2001:db8::/ \
	10.0.0.0//8 " 10.0.0.1" fe80::1%eth0 0x0a000001; do
	t 2 acl add sw0 vm1 dir in action deny ip "$ip"
done
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=1 acl-action=1 acl-ipv4=10.0.0.0 acl-prefix-len=8" \
	acl add sw0 vm1 dir in action deny ip 10.0.0.0/8
d "acl-add switch-name=sw0 port-id=3 acl-dir=2 acl-action=0 acl-local acl-ipv4=192.0.2.1" \
	acl add sw0 3 dir out action allow local ip 192.0.2.1
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=3 acl-action=2 acl-ipv6=2001:db8:: acl-prefix-len=32" \
	acl a sw0 vm1 action meter dir both remote ip 2001:db8::/32
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=3 acl-action=1 acl-ipv6=::1" \
	acl add sw0 vm1 dir b action d ip ::1
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=1 acl-action=1 acl-ipv4=0.0.0.0 acl-prefix-len=0" \
	acl add sw0 vm1 dir in action deny ip 0.0.0.0/0
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=2 acl-action=0 acl-local acl-mac=52:54:00:ab:cd:01" \
	acl add sw0 vm1 dir out action allow local mac 52:54:00:AB:cd:1
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=2 acl-action=1" \
	acl add sw0 vm1 dir out action deny
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=2 acl-action=1" \
	acl add sw0 vm1 dir out action deny remote
d "acl-add switch-name=sw0 port-name=vm1 acl-dir=1 acl-action=1 acl-ipv4=10.1.2.3 acl-prefix-len=16" \
	acl add sw0 vm1 dir in action deny ip 10.1.2.3/16
d "acl-del switch-name=sw0 port-name=vm1 acl-dir=1 acl-action=1 acl-ipv4=10.0.0.0 acl-prefix-len=8" \
	acl del sw0 vm1 dir in action deny ip 10.0.0.0/8
d "acl-del switch-name=sw0 port-id=7 acl-all" acl delete sw0 7 all
d "acl-get dump switch-name=sw0 port-name=vm1" acl show sw0 vm1
d "acl-get dump switch-name=sw0 port-id=2" -j acl ls sw0 2

# nic save / restore / inspect: the save file format (save.c), checked
# without the kernel. mksave BLOB... writes a file of blobs OWNER:HEXDATA.
e() { # WANT_RC "WANT_STDERR_SUBSTRING" ARGS... (stdin: the caller's)
	local want=$1 msg=$2 out rc
	shift 2
	out=$(XVSCTL_DRY_RUN=1 "$X" "$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" = "$want" ] && [[ "$out" == *"$msg"* ]]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: xvsctl $* -> $rc (want $want), stderr: $out (want: $msg)"
	fi
}
mksave() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
blobs = [a.split(':') for a in sys.argv[1:]]
body = b''.join(o.encode().ljust(32, b'\0') + struct.pack('>I', len(bytes.fromhex(d))) + bytes.fromhex(d) for o, d in blobs)
total = 104 + len(body) + 4
hdr = b'XVSSAVE\0' + struct.pack('>IIII', 1, total, len(blobs), 3) + b'sw0'.ljust(16, b'\0') + b'vm1'.ljust(64, b'\0')
data = hdr + body
sys.stdout.buffer.write(data + struct.pack('>I', zlib.crc32(data)))
PY
}
sv=$(mktemp -d)
trap 'rm -rf "$sv"' EXIT
t 2 nic save
t 2 nic save sw0
t 2 nic save sw0 vm1 extra
t 2 nic restore sw0
t 2 nic inspect extra
d "nic-save switch-name=sw0 port-name=vm1" nic save sw0 vm1
d "nic-save switch-name=sw0 port-id=4" nic save sw0 4
if command -v python3 >/dev/null; then
	mksave xvs_macfilter:0102020000000001020000000002 xvs_null:000102 >"$sv/good"
	d "nic-restore switch-name=sw1 port-name=vm2 blob=xvs_macfilter:14 blob=xvs_null:3" \
		nic restore sw1 vm2 <"$sv/good"
	d "switch sw0 port 3 (vm1) blobs 2 bytes 197
blob 0 owner xvs_macfilter bytes 14
blob 1 owner xvs_null bytes 3" nic inspect <"$sv/good"
	mksave >"$sv/empty"
	d "nic-restore switch-name=sw1 port-id=2" nic restore sw1 2 <"$sv/empty"
	head -c 150 "$sv/good" >"$sv/trunc"
	e 1 "nic restore: truncated: 150 of 197 bytes" nic restore sw1 vm2 <"$sv/trunc"
	head -c 50 "$sv/good" >"$sv/trunc"
	e 1 "truncated: 50 bytes, shorter than the header" nic restore sw1 vm2 <"$sv/trunc"
	cp "$sv/good" "$sv/bad"
	printf 'X' | dd of="$sv/bad" bs=1 seek=140 conv=notrunc 2>/dev/null
	e 1 "nic restore: corrupted: checksum mismatch" nic restore sw1 vm2 <"$sv/bad"
	e 1 "corrupted: checksum mismatch" nic inspect <"$sv/bad"
	cat "$sv/good" "$sv/good" >"$sv/bad"
	e 1 "corrupted: length 197 does not match the file's 394 bytes" nic restore sw1 vm2 <"$sv/bad"
	printf 'hello world' >"$sv/bad"
	e 1 "not an xvs save file (bad magic)" nic restore sw1 vm2 <"$sv/bad"
	: >"$sv/bad"
	e 1 "truncated: 0 bytes" nic inspect <"$sv/bad"
	cp "$sv/good" "$sv/bad"
	printf '\002' | dd of="$sv/bad" bs=1 seek=11 conv=notrunc 2>/dev/null
	e 1 "unsupported format version 2" nic restore sw1 vm2 <"$sv/bad"
fi

# --serve (serve.c) through its client, the xvsctl function of the
# selftests' lib.sh: the same exit codes and output as the program, the
# caller's stdin, stdout and stderr (closed ones too, offsets kept), and
# an error, not a hang, once the server is gone.
sv_ok() { # NAME CONDITION...
	local name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: --serve: $name"
	fi
}
same() { # ARGS...: through the server as from the program
	local want got wrc grc
	want=$(command xvsctl "$@" 2>&1 </tmp/xvsctl-args.$$)
	wrc=$?
	got=$(xvsctl "$@" 2>&1 </tmp/xvsctl-args.$$)
	grc=$?
	sv_ok "xvsctl $* (rc $grc, want $wrc)" [ "$grc" = "$wrc" ] &&
		sv_ok "xvsctl $*: output" [ "$got" = "$want" ]
}
# shellcheck source=../selftests/lib.sh
source ../selftests/lib.sh >/dev/null
printf 'not a save file' >/tmp/xvsctl-args.$$
sv_ok "the server started" [ -n "${XVSCTL_TO:-}" ]
same -V
same version
same -j version
same version	# (-j was the last command's, not this one's)
srv=$XVSCTL_SERVER
same bogus
sv_ok "a usage error returns to the server" \
	[ "$XVSCTL_SERVER" = "$srv" ] && kill -0 "$srv"
same switch add
same port add sw0 p1 id 0
same nic inspect
{ xvsctl -V; xvsctl -V; } >/tmp/xvsctl-args.$$.out
sv_ok "two commands into one file: both lines" \
	[ "$(grep -c '^xvsctl ' /tmp/xvsctl-args.$$.out)" = 2 ]
xvsctl -V >&- 2>/dev/null
sv_ok "closed stdout" [ $? = "$(command xvsctl -V >&- 2>/dev/null; echo $?)" ]
xvsctl bogus 2>&-
sv_ok "closed stderr: exit 2" [ $? = 2 ]
sv_ok "closed stdin" [ "$(xvsctl nic inspect <&- 2>&1)" = \
	"$(command xvsctl nic inspect </dev/null 2>&1)" ]
same -n xvs-no-such-netns version
same --netns
# A command in another network namespace (ip netns): the server comes back.
if [ "$(id -u)" = 0 ] && ns=xvs-args-$$ && ip netns add "$ns" 2>/dev/null; then
	same -n "$ns" version
	sv_ok "-n: the server back in its network namespace" \
		[ "$(readlink "/proc/$XVSCTL_SERVER/ns/net")" = "$(readlink /proc/self/ns/net)" ]
	ip netns del "$ns"
fi
# Output into a pipe without a reader: killed by SIGPIPE, silently.
exec {nopipe}> >(exec true)
wait $!
got=$(xvsctl version 2>&1 >&"$nopipe")
grc=$?
want=$(command xvsctl version 2>&1 >&"$nopipe")
wrc=$?
sv_ok "no reader: rc $grc, want $wrc (SIGPIPE)" [ "$grc" = "$wrc" ] &&
	sv_ok "no reader: killed by SIGPIPE" [ "$wrc" = $((128 + 13)) ] &&
	sv_ok "no reader: no message" [ -z "$got$want" ]
exec {nopipe}>&-
sv_ok "XVSCTL_DRY_RUN" [ "$(XVSCTL_DRY_RUN=1 xvsctl switch add x)" = \
	"switch-new switch-name=x" ]
# The server killed while its command waits for stdin (a FIFO this shell
# holds open).
mkfifo /tmp/xvsctl-args.$$.in
exec {hold}<>/tmp/xvsctl-args.$$.in
(sleep 1; pkill -f "^xvsctl --serve ${TMPDIR:-/tmp}/xvsctl-serve.$$.req") &
out=$(xvsctl nic inspect <&"$hold" 2>&1)
sv_ok "the server killed under a command: exit 1" [ $? = 1 ]
case $out in *"server is gone"*) rc=0 ;; *) rc=1 ;; esac
sv_ok "the server killed under a command: a message" [ "$rc" = 0 ]
exec {hold}>&-
wait
sv_ok "then the program runs" [ "$(xvsctl -V)" = "$(command xvsctl -V)" ]
# A request cut short ends a server with exit code 2.
mkfifo /tmp/xvsctl-args.$$.req /tmp/xvsctl-args.$$.rep
./xvsctl --serve /tmp/xvsctl-args.$$.req /tmp/xvsctl-args.$$.rep 2>/dev/null &
srv=$!
exec {req}>/tmp/xvsctl-args.$$.req {rep}</tmp/xvsctl-args.$$.rep
read -r -u "$rep" line
printf '%s\0' $$ 0 1 2 x >&"$req"
exec {req}>&-
wait "$srv"
sv_ok "ready, then a request without its number of arguments: exit 2" \
	[ $? = 2 ] && [ "$line" = ready ]
exec {rep}<&-
rm -f /tmp/xvsctl-args.$$ /tmp/xvsctl-args.$$.*

echo "test-args: $pass passed, $fail failed"
[ "$fail" = 0 ]
