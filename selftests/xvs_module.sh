#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module itself: it loads, shows up in sysfs with its version, unloads
# cleanly and loads again.

source "$(dirname "$0")/lib.sh"
require_root

was_loaded=0
[ -d /sys/module/xvs ] && was_loaded=1

check "module loads" xvs_load
check "module is in /sys/module" test -d /sys/module/xvs
check "module reports its version" grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' /sys/module/xvs/version
check "module unloads" rmmod xvs
check_fail "module is gone after unload" test -d /sys/module/xvs
check "module loads again" insmod "$XVS_KO_DIR/xvs.ko"
check "load message in the kernel log" sh -c "dmesg | grep -q 'xvs .* loaded'"
[ "$was_loaded" = 1 ] || rmmod xvs

xvs_exit
