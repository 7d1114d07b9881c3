#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The netlink fuzzer (fuzz/nlfuzz.py), the short seeded slice make check
# runs: XVS_FUZZ_COUNT messages (20000) or XVS_FUZZ_SECONDS (15),
# whichever ends first, with seed XVS_FUZZ_SEED (1; "random" for a new
# one, printed). make fuzz runs the long form (1M messages, a new seed).
# After it the module must still work (a switch, a port and a NIC
# created, connected and deleted), the extension modules and xvs itself
# must unload, and xvs must load again.

import os
import random
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'fuzz'))
from xvs_badinput import Ksft, xvs_load  # noqa: E402
import nlfuzz  # noqa: E402
import xvs_sys  # noqa: E402


def sanity(t, fz):
    """A switch, a port, a NIC: created, connected, shown, deleted."""
    rt = xvs_sys.Rtnl()
    rt.link_add('xfs0', 'veth', peer='xfs1')
    steps = [
        ('switch-new', dict(switch_name='xfsan')),
        ('port-new', dict(switch_name='xfsan', port_name='s1')),
        ('nic-new', dict(switch_name='xfsan', port_name='s1',
                         nic_ifname='xfs0')),
        ('nic-connect', dict(switch_name='xfsan', port_name='s1')),
        ('port-get', dict(switch_name='xfsan', port_name='s1')),
        ('nic-disconnect', dict(switch_name='xfsan', port_name='s1')),
        ('nic-del', dict(switch_name='xfsan', port_name='s1')),
        ('port-del', dict(switch_name='xfsan', port_name='s1')),
        ('switch-del', dict(switch_name='xfsan')),
    ]
    bad = []
    for op, kw in steps:
        err, ext, _ = fz.ctl_req(op, **kw)
        if err:
            bad.append('%s: %s %s' % (op, xvs_sys.errname(err), ext))
    gone = xvs_sys.ifindex('xfsan') is None and \
        xvs_sys.master('xfs0') == ''
    rt.link_del('xfs0')
    rt.close()
    t.ok('after fuzzing: switch, port, NIC created, connected, deleted',
         not bad and gone, '\n'.join(bad) or 'xfsan or its NIC remained')


def main():
    xvs_load().close()
    was_loaded = True
    t = Ksft()
    count = int(os.environ.get('XVS_FUZZ_COUNT') or 20000)
    seconds = float(os.environ.get('XVS_FUZZ_SECONDS') or 15)
    seed = os.environ.get('XVS_FUZZ_SEED') or '1'
    seed = random.SystemRandom().randrange(1 << 31) if seed == 'random' \
        else int(seed)
    t.note('seed %d (XVS_FUZZ_SEED=%d reproduces this run), at most %d '
           'messages or %.0f s' % (seed, seed, count, seconds))
    fz = nlfuzz.Fuzzer(seed, log=print)
    try:
        fz.setup()
    except Exception as e:
        t.ok('fuzzer set up (extensions, veths, sockets)', False, e)
        t.exit()
    t0 = time.monotonic()
    try:
        fz.run(count, seconds, progress=int(os.environ.get(
            'XVS_FUZZ_PROGRESS') or 0))
    except Exception as e:
        fz.fail('the fuzzer stopped: %s: %s' % (type(e).__name__, e))
    for line in fz.summary():
        t.note(line)
    st = fz.stats
    t.ok('fuzz: %d messages (seed %d), every reply as the spec says'
         % (st['messages'], seed), not fz.failures and st['messages'] > 0,
         '\n'.join(fz.failures[:30]))
    t.ok('fuzz: dumps cut short midway (%d), NLM_F_DUMP_INTR checked in '
         '%d rounds' % (st['dumps'], fz.checked_consistency),
         st['dumps'] > 0 and fz.checked_consistency > 0)
    t.note('fuzzing took %.1f s' % (time.monotonic() - t0))
    sanity(t, fz)
    fz.teardown()
    bad = fz.unload_exts()
    t.ok('after fuzzing: the extension modules unload', not bad,
         '\n'.join(bad))
    err = xvs_sys.kmod_unload('xvs')
    t.ok('after fuzzing: xvs unloads', err == 0 and
         not xvs_sys.kmod_loaded('xvs'), xvs_sys.errname(err))
    if was_loaded:
        ko = os.path.join(os.environ.get('XVS_KO_DIR') or
                          os.path.join(os.path.dirname(HERE), 'kmod'),
                          'xvs.ko')
        err = xvs_sys.kmod_load(ko)
        t.ok('xvs loads again', err == 0, xvs_sys.errname(err))
    t.exit()


if __name__ == '__main__':
    main()
