#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Churn under traffic (stress/churn.py) for XVS_CHURN_SECONDS (20 in make
# check, 600 in make stress), seed XVS_CHURN_SEED (1; "random" for a new
# one, printed), pktgen at XVS_CHURN_PPS frames/s (500). After it:
# every request was answered as the spec says, an enabled extension's
# module never unloaded, iperf3 finished without error, the port pktgen
# sends from counted every frame it sent, the counters of every switch and
# port add up, the state is consistent; then everything is deleted, the
# extension modules and xvs unload (every switch, port and NIC gone: a
# reference left would keep the module), xvs loads again, and the kernel
# is not tainted. XVS_CHURN_KMEMLEAK=1 also has kmemleak scan once xvs is
# unloaded (make stress; make check has the VM runner's final scan).
#
# 20 s in make check: about 300 operations on a 1-vCPU emulated VM with
# the debug kernel, each kind a dozen times or more: a regression check of
# the orderings between the control path and the frames in flight; the
# run that hunts for new ones is make stress.

import os
import random
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'stress'))
sys.path.insert(0, os.path.join(HERE, 'fuzz'))
from xvs_badinput import Ksft, xvs_load  # noqa: E402
import churn  # noqa: E402
import xvs_sys  # noqa: E402


def kmemleak(t):
    path = '/sys/kernel/debug/kmemleak'
    if not os.path.exists(path):
        t.skip('kmemleak: no leak once xvs is unloaded', 'no kmemleak')
        return
    # An object is reported when two scans in a row found it
    # unreferenced, and it is more than 5 s old.
    xvs_sys.write(path, 'scan')
    time.sleep(6)
    xvs_sys.write(path, 'scan')
    with open(path) as f:
        report = f.read()
    t.ok('kmemleak: no leak once xvs is unloaded',
         'unreferenced object' not in report, report[:3000])


T0 = time.monotonic()


def main():
    xvs_load().close()
    t = Ksft()
    seconds = float(os.environ.get('XVS_CHURN_SECONDS') or 20)
    pps = int(os.environ.get('XVS_CHURN_PPS') or 500)
    seed = os.environ.get('XVS_CHURN_SEED') or '1'
    seed = random.SystemRandom().randrange(1 << 31) if seed == 'random' \
        else int(seed)
    t.note('seed %d (XVS_CHURN_SEED=%d), %.0f s, pktgen %d frames/s' %
           (seed, seed, seconds, pps))
    c = churn.Churn(seed)
    try:
        c.setup()
    except Exception as e:
        t.ok('churn set up (cs0, containers, pktgen port)', False, e)
        c.cleanup()
        t.exit()
    n = 0
    t.note('set up in %.1f s' % (time.monotonic() - T0))
    rx0 = c.pg_port_rx()
    try:
        c.start_traffic(seconds + 1, pps)
        t.note('traffic started at %.1f s' % (time.monotonic() - T0))
        t0 = time.monotonic()
        n = c.run(seconds)
        elapsed = time.monotonic() - t0
    finally:
        sent, rc, out = c.stop_traffic()
    t.note('%d operations in %.1f s: %s' % (
        n, elapsed, ', '.join('%s %d' % kv for kv in sorted(c.counts.items()))))
    st = c.stats
    t.note('requests: %d succeeded; errors: %s' % (
        st['ok'], ', '.join('%s %d' % (xvs_sys.errname(k), v) for k, v in
                            sorted(st['errors'].items(), key=lambda x: -x[1]))))
    t.ok('churn: %d operations, every request answered as the spec says, '
         'no enabled extension unloaded' % n,
         not c.failures and n > 0, '\n'.join(c.failures[:30]))
    t.ok('iperf3 c1 -> c2 through cs0 finished without error', rc == 0,
         out[-2000:])
    counters = c.quiet_counters()
    pg = counters.get('cs0/cpg0', {})
    if sent is None:
        t.skip('pktgen: its port counted every frame it sent', 'no pktgen')
    else:
        t.ok('pktgen: port cpg0 of cs0 counted every frame it sent (%d)'
             % sent, sent > 0 and pg.get('rx-packets') == sent + rx0,
             'sent %s, before %s, counters %s' % (sent, rx0, pg))
    bad = []
    for name, ctr in sorted(counters.items()):
        bad += c.identities(name, ctr)
    t.ok('counters add up on every switch and port (%d)' % len(counters),
         not bad and counters, '\n'.join(bad[:10]))
    c.failures = []
    c.invariants('after the churn')
    t.ok('after the churn: ports, NICs, masters, extension counts '
         'consistent', not c.failures, '\n'.join(c.failures[:10]))
    c.cleanup()
    bad = c.unload()
    t.ok('extension modules unload', not bad, '\n'.join(bad))
    err = 1
    deadline = time.monotonic() + 20
    while err and time.monotonic() < deadline:
        err = xvs_sys.kmod_unload('xvs')     # a netns may still be going
        if err:
            time.sleep(0.3)
    t.ok('xvs unloads: no switch, port or NIC left holding it', err == 0,
         '%s (refcnt %s)' % (xvs_sys.errname(err),
                             xvs_sys.kmod_refcnt('xvs')))
    if os.environ.get('XVS_CHURN_KMEMLEAK') == '1' and err == 0:
        kmemleak(t)
    ko = os.path.join(os.environ.get('XVS_KO_DIR') or
                      os.path.join(os.path.dirname(HERE), 'kmod'), 'xvs.ko')
    if not xvs_sys.kmod_loaded('xvs'):
        err = xvs_sys.kmod_load(ko)
        t.ok('xvs loads again', err == 0, xvs_sys.errname(err))
    t.ok('no kernel warning (taint %d -> %d)' % (c.taint0, xvs_sys.taint()),
         xvs_sys.taint() == c.taint0)
    t.note('%.1f s in all' % (time.monotonic() - T0))
    t.exit()


if __name__ == '__main__':
    main()
