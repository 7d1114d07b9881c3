#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The report of 'make bench': reads the raw figures selftests/vm/bench
# wrote in each VM boot and writes, in OUTDIR,
#
#   latest.json     everything: the ratios (top-level "ratios"), the targets
#                   met or missed, medians and spreads, every run ("runs"),
#                   the kernel, the vCPUs and the TCG/KVM mode of each boot
#   latest.md       the tables (also printed)
#   forwarding.dat  the forwarding table for bench/forwarding.gp
#
#   bench/report.py OUTDIR BOOTDIR...
#
# A BOOTDIR holds bench-raw.txt (the guest's lines) and boot.txt (what the
# host knows: QEMU's accelerator, -icount, vCPUs, host load). The exit code
# is 1 when any run failed or a ratio the issue asks for is missing.

import datetime
import json
import os
import statistics
import subprocess
import sys

SIZES = ['64', '1500']
FWD_KINDS = ['floor', 'xvs', 'xvs+1null', 'xvs+4null', 'xvs+policy',
             'bridge', 'ovs']
FWD_LABEL = {
    'floor': 'floor: tc matchall + mirred redirect',
    'xvs': 'xvs',
    'xvs+1null': 'xvs, 1 xvs_null extension',
    'xvs+4null': 'xvs, 4 xvs_null extensions',
    'xvs+policy': 'xvs, VLAN 10 (access ports) + 100 ACL rules',
    'bridge': 'Linux bridge',
    'ovs': 'OVS kernel datapath, 1 exact-match flow',
}
CTL_METHODS = ['xvs-nl', 'xvs-ip', 'bridge', 'ovs']
CTL_LABEL = {
    'xvs-nl': 'xvs, generic netlink batches',
    'xvs-ip': 'xvs, ip -batch (link set master)',
    'bridge': 'bridge, ip -batch (link set master)',
    'ovs': 'OVS, one ovs-dpctl add-if / del-if',
}

# The targets of the issue: (ratio key, what, comparison, bound).
TARGETS = [
    ('xvs_vs_bridge_64', 'xvs >= 1.3x Linux bridge, 64 B', '>=', 1.3),
    ('xvs_vs_ovs_64', 'xvs >= 1.1x OVS kernel datapath, 64 B', '>=', 1.1),
    ('xvs_vs_floor_64', 'xvs >= 0.85x tc-redirect floor, 64 B', '>=', 0.85),
    ('null4_vs_native_64', '4 no-op extensions <= 5% slower, 64 B', '>=', 0.95),
    ('two_flows_vs_one', '2 flows on 2 vCPUs >= 1.8x 1 flow', '>=', 1.8),
    ('attach_4000_vs_1000', 'attaching 4000 ports <= 4.5x 1000', '<=', 4.5),
    ('fdb_100k_vs_1', '100000 learned MACs cost <= 10% of the rate', '>=', 0.9),
    ('policy_vs_native_64', 'a VLAN + 100 ACL rules cost <= 15%, 64 B', '>=',
     0.85),
]


def parse_raw(path):
    meta, runs, errors, unsupported = {}, [], [], []
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w:
                continue
            if w[0] == 'meta' and len(w) >= 2:
                meta.setdefault(w[1], ' '.join(w[2:]))
            elif w[0] == 'run' and len(w) >= 7:
                r = {'section': w[1], 'config': w[2], 'param': w[3],
                     'round': int(w[4]), 'value': int(w[5]), 'unit': w[6]}
                for kv in w[7:]:
                    k, _, v = kv.partition('=')
                    r[k] = int(v) if v.isdigit() else v
                runs.append(r)
            elif w[0] in ('error', 'unsupported') and len(w) >= 5:
                e = {'section': w[1], 'config': w[2], 'param': w[3],
                     'round': w[4], 'message': ' '.join(w[5:])}
                (errors if w[0] == 'error' else unsupported).append(e)
    return meta, runs, errors, unsupported


def parse_boot(path):
    info = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                k, _, v = line.strip().partition(' ')
                if k:
                    info[k] = v
    return info


def stats(values):
    if not values:
        return None
    med = statistics.median(values)
    return {
        'median': med, 'min': min(values), 'max': max(values),
        'spread_pct': round((max(values) - min(values)) * 100.0 / med, 2)
        if med else None,
        'n': len(values),
    }


def ratio(a, b, nd=3):
    if a is None or b is None or not b:
        return None
    return round(a / b, nd)


def med(d, *keys):
    for k in keys:
        if d is None:
            return None
        d = d.get(k)
    return d['median'] if d else None


def fmt(v, nd=2):
    if v is None:
        return 'n/a'
    if isinstance(v, float):
        return '%.*f' % (nd, v)
    return str(v)


def rate(v):
    """A rate in frames/s, whole."""
    return 'n/a' if v is None else '%.0f' % v


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: report.py OUTDIR BOOTDIR...')
    outdir, bootdirs = sys.argv[1], sys.argv[2:]
    os.makedirs(outdir, exist_ok=True)

    boots, all_runs, errors, unsupported = {}, [], [], []
    for d in bootdirs:
        name = os.path.basename(os.path.normpath(d))
        raw = os.path.join(d, 'bench-raw.txt')
        info = parse_boot(os.path.join(d, 'boot.txt'))
        if not os.path.exists(raw):
            errors.append({'boot': name, 'section': 'boot', 'config': 'all',
                           'param': '-', 'round': '0',
                           'message': 'no figures: the VM failed (%s)' %
                           info.get('status', 'did not run')})
            boots[name] = {'host': info}
            continue
        meta, runs, errs, unsup = parse_raw(raw)
        for r in runs:
            r['boot'] = name
        for e in errs + unsup:
            e['boot'] = name
        if info.get('status', '0') != '0':
            errs.append({'boot': name, 'section': 'boot', 'config': 'all',
                         'param': '-', 'round': '0',
                         'message': 'the VM run exited %s' % info['status']})
        boots[name] = {'host': info, 'guest': meta}
        all_runs += runs
        errors += errs
        unsupported += unsup

    def runs_of(boot, section):
        return [r for r in all_runs if r['boot'] == boot and
                r['section'] == section]

    main_boot = next((b for b in boots if runs_of(b, 'fwd')), 'main')

    # ---- forwarding --------------------------------------------------------
    fwd = {}
    icount = boots.get(main_boot, {}).get('host', {}).get('icount') == 'yes'
    for size in SIZES:
        fwd[size] = {}
        for kind in FWD_KINDS:
            v = [r['value'] for r in runs_of(main_boot, 'fwd')
                 if r['config'] == kind and r['param'] == size]
            s = stats(v)
            if s:
                s['runs'] = v
                if icount:
                    s['instructions_per_frame'] = round(1e9 / s['median'])
                fwd[size][kind] = s
        for kind, s in fwd[size].items():
            s['vs_bridge'] = ratio(s['median'], med(fwd[size], 'bridge'))
            s['vs_floor'] = ratio(s['median'], med(fwd[size], 'floor'))
            s['vs_xvs'] = ratio(s['median'], med(fwd[size], 'xvs'))

    # ---- fdb ----------------------------------------------------------------
    fdb = {}
    for r in runs_of(main_boot, 'fdb'):
        fdb.setdefault(r['config'], {}).setdefault(r['param'], []).append(
            r['value'])
    fdb = {k: {n: dict(stats(v), runs=v) for n, v in d.items()}
           for k, d in fdb.items()}
    for k, d in fdb.items():
        for n, s in d.items():
            s['vs_1'] = ratio(s['median'], med(d, '1'))

    # ---- control plane ------------------------------------------------------
    ctl = {}
    for r in runs_of(main_boot, 'ctl'):
        ctl.setdefault(r['config'], {}).setdefault(r['param'], []).append(
            r['value'] / 1e6)
    ctl = {m: {p: dict(stats(v), runs=[round(x, 3) for x in v])
               for p, v in d.items()} for m, d in ctl.items()}
    for u in unsupported:
        if u['section'] == 'ctl':
            ctl.setdefault(u['config'], {})[u['param']] = {
                'unsupported': u['message']}
    create = boots.get(main_boot, {}).get('guest', {}).get('veth_create_ns')

    # ---- multi-core ---------------------------------------------------------
    mc = {}
    for b in boots:
        rs = runs_of(b, 'mc')
        if not rs:
            continue
        host = boots[b]['host']
        d = {'accel': host.get('accel'), 'icount': host.get('icount'),
             'vcpus': host.get('vcpus'), 'configs': {}}
        try:
            d['host_other_load_cores'] = round(
                float(host['host_other_load_cpu_s']) / float(host['wall_s']), 2)
        except (KeyError, ValueError, ZeroDivisionError):
            d['host_other_load_cores'] = None
        for kind in sorted({r['config'] for r in rs},
                           key=lambda k: FWD_KINDS.index(k)
                           if k in FWD_KINDS else 99):
            one = {r['round']: r['value'] for r in rs
                   if r['config'] == kind and r['param'] == '1'}
            two = {r['round']: r['value'] for r in rs
                   if r['config'] == kind and r['param'] == '2'}
            pairs = [round(two[k] / one[k], 3) for k in sorted(one)
                     if k in two and one[k]]
            d['configs'][kind] = {
                '1': stats(list(one.values())), '2': stats(list(two.values())),
                'pair_ratios': pairs,
                'two_vs_one': round(statistics.median(pairs), 3)
                if pairs else None,
            }
        mc[b] = d
    # The multi-core figure: vCPUs that really run in parallel
    # (MTTCG or KVM), not -icount's round robin.
    par = next((b for b in mc if mc[b]['icount'] != 'yes'), None)
    rr = next((b for b in mc if mc[b]['icount'] == 'yes'), None)

    def mc_ratio(boot, kind):
        if boot is None:
            return None
        return mc[boot]['configs'].get(kind, {}).get('two_vs_one')

    def ctl_ratio(m, op, big='4000', small='1000'):
        return ratio(med(ctl.get(m), '%s-%s' % (op, big)),
                     med(ctl.get(m), '%s-%s' % (op, small)))

    r64 = fwd['64']
    r1500 = fwd['1500']
    ratios = {
        'xvs_vs_bridge_64': ratio(med(r64, 'xvs'), med(r64, 'bridge')),
        'xvs_vs_ovs_64': ratio(med(r64, 'xvs'), med(r64, 'ovs')),
        'xvs_vs_floor_64': ratio(med(r64, 'xvs'), med(r64, 'floor')),
        'null4_vs_native_64': ratio(med(r64, 'xvs+4null'), med(r64, 'xvs')),
        'two_flows_vs_one': mc_ratio(par, 'xvs'),
        'attach_4000_vs_1000': ctl_ratio('xvs-nl', 'attach'),
        'fdb_100k_vs_1': ratio(med(fdb.get('xvs'), '100000'),
                               med(fdb.get('xvs'), '1')),
        'policy_vs_native_64': ratio(med(r64, 'xvs+policy'),
                                     med(r64, 'xvs')),
        # More of the same boot, for the reader.
        'null1_vs_native_64': ratio(med(r64, 'xvs+1null'), med(r64, 'xvs')),
        'bridge_vs_floor_64': ratio(med(r64, 'bridge'), med(r64, 'floor')),
        'ovs_vs_floor_64': ratio(med(r64, 'ovs'), med(r64, 'floor')),
        'xvs_vs_bridge_1500': ratio(med(r1500, 'xvs'), med(r1500, 'bridge')),
        'xvs_vs_ovs_1500': ratio(med(r1500, 'xvs'), med(r1500, 'ovs')),
        'xvs_vs_floor_1500': ratio(med(r1500, 'xvs'), med(r1500, 'floor')),
        'null4_vs_native_1500': ratio(med(r1500, 'xvs+4null'),
                                      med(r1500, 'xvs')),
        'two_flows_vs_one_floor': mc_ratio(par, 'floor'),
        'two_flows_vs_one_bridge': mc_ratio(par, 'bridge'),
        'two_flows_vs_one_ovs': mc_ratio(par, 'ovs'),
        # xvs's scaling over the floor's, in the same boot: how much of
        # what the host let 2 vCPUs do xvs got.
        'two_flows_vs_one_rel_floor': ratio(mc_ratio(par, 'xvs'),
                                            mc_ratio(par, 'floor')),
        # -icount runs vCPUs one at a time: 1 flow's instructions per
        # frame over 2 flows' (1.0: a second flow costs nothing extra).
        'two_flows_vs_one_icount_rr': mc_ratio(rr, 'xvs'),
        'detach_4000_vs_1000': ctl_ratio('xvs-nl', 'detach'),
        'attach_4000_vs_1000_iplink': ctl_ratio('xvs-ip', 'attach'),
        'attach_4000_vs_1000_ovs': ctl_ratio('ovs', 'attach'),
        'fdb_1k_vs_1': ratio(med(fdb.get('xvs'), '1000'),
                             med(fdb.get('xvs'), '1')),
        'bridge_fdb_100k_vs_1': ratio(med(fdb.get('bridge'), '100000'),
                                      med(fdb.get('bridge'), '1')),
    }
    targets = []
    for key, what, op, bound in TARGETS:
        v = ratios[key]
        met = None if v is None else (v >= bound if op == '>=' else v <= bound)
        targets.append({'key': key, 'target': what, 'ratio': v,
                        'bound': '%s %s' % (op, bound), 'met': met})

    host = boots.get(main_boot, {}).get('host', {})
    guest = boots.get(main_boot, {}).get('guest', {})
    try:
        commit = subprocess.run(['git', 'describe', '--always', '--dirty'],
                                capture_output=True, text=True,
                                cwd=os.path.dirname(os.path.abspath(__file__))
                                ).stdout.strip()
    except OSError:
        commit = None
    mode = host.get('accel', '?') + ('+icount' if icount else '')
    report = {
        'generated': datetime.datetime.now(datetime.timezone.utc)
        .strftime('%Y-%m-%dT%H:%M:%SZ'),
        'commit': commit,
        'kernel': guest.get('kernel'),
        'kernel_version': guest.get('kernel_version'),
        'kernel_flavour': host.get('flavour'),
        'kernel_debug_options': host.get('debug_options', '').split(),
        'vcpus': int(guest['vcpus']) if guest.get('vcpus') else None,
        'mode': mode,
        'accel': host.get('accel'),
        'icount': icount,
        'host_cpu': host.get('host_cpu'),
        'qemu': host.get('qemu'),
        'method': {
            'runs_per_configuration': int(guest.get('runs', 0) or 0),
            'frames_per_run': int(guest.get('frames', 0) or 0),
            'statistic': 'median of the runs; spread = (max - min) / median',
            'forwarding': 'pktgen netif_receive into veth a0 (switch port) '
                          '-> switch -> veth b0, counted at its peer b1; '
                          'pktgen times its own runs; configurations '
                          'alternate within each round',
            'icount_note': 'under TCG with -icount the guest clock counts '
                           'instructions (1 ns each): instructions per '
                           'frame = 1e9 / rate' if icount else None,
        },
        'boots': {b: {**{k: v for k, v in d.get('host', {}).items()},
                      'guest_vcpus': d.get('guest', {}).get('vcpus'),
                      'clocksource': d.get('guest', {}).get('clocksource')}
                  for b, d in boots.items()},
        'ratios': ratios,
        'targets': targets,
        'forwarding': fwd,
        'fdb': fdb,
        'control_plane_ms': ctl,
        'veth_pairs_created_ns': create,
        'multicore': mc,
        'runs': all_runs,
        'errors': errors,
        'unsupported': unsupported,
    }
    with open(os.path.join(outdir, 'latest.json'), 'w') as f:
        json.dump(report, f, indent=1, sort_keys=False)
        f.write('\n')

    # ---- forwarding.dat (kpps) ---------------------------------------------
    with open(os.path.join(outdir, 'forwarding.dat'), 'w') as f:
        f.write('# config  64:median min max  1500:median min max (kpps)\n')
        for kind in FWD_KINDS:
            cols = []
            for size in SIZES:
                s = fwd[size].get(kind)
                cols += ['%.1f' % (s[k] / 1000) for k in
                         ('median', 'min', 'max')] if s else ['0', '0', '0']
            f.write('"%s" %s\n' % (kind, ' '.join(cols)))

    # ---- Markdown ----------------------------------------------------------
    md = []
    runs_n = guest.get('runs', '?')
    md.append('Kernel %s (bench flavour, %s), %s, %s vCPU; %s runs per '
              'configuration, alternating; median, spread = (max - min) / '
              'median.' % (guest.get('kernel', '?'),
                           'no debug options' if not host.get('debug_options')
                           else 'debug: ' + host['debug_options'],
                           'TCG with -icount' if icount else mode,
                           guest.get('vcpus', '?'), runs_n))
    md.append('')
    md.append('| forwarding, veth -> switch -> veth | 64 B frames/s | spread '
              '| instr./frame | vs bridge | vs floor | 1500 B frames/s | '
              'spread | vs bridge | vs floor |')
    md.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for kind in FWD_KINDS:
        a, b = fwd['64'].get(kind), fwd['1500'].get(kind)
        if not a and not b:
            md.append('| %s | failed | | | | | failed | | | |' %
                      FWD_LABEL[kind])
            continue
        a = a or {}
        b = b or {}
        md.append('| %s | %s | %s%% | %s | %s | %s | %s | %s%% | %s | %s |' % (
            FWD_LABEL[kind], rate(a.get('median')), fmt(a.get('spread_pct'), 1),
            fmt(a.get('instructions_per_frame')), fmt(a.get('vs_bridge')),
            fmt(a.get('vs_floor')), rate(b.get('median')),
            fmt(b.get('spread_pct'), 1), fmt(b.get('vs_bridge')),
            fmt(b.get('vs_floor'))))
    md.append('')
    md.append('| target (issue 7) | ratio | met |')
    md.append('|---|---:|---|')
    for t in targets:
        md.append('| %s | %s | %s |' % (
            t['target'], fmt(t['ratio']),
            'n/a' if t['met'] is None else ('yes' if t['met'] else '**no**')))
    md.append('')
    if mc:
        md.append('| 2 flows vs 1 (median of per-round ratios) | ' +
                  ' | '.join('%s (%s, %s vCPUs%s)' % (
                      b, ('TCG -icount round robin' if mc[b]['icount'] == 'yes'
                          else (mc[b]['accel'] or '?').upper() +
                          (' MTTCG, real time' if mc[b]['accel'] == 'tcg'
                           else '')), mc[b]['vcpus'],
                      '' if mc[b]['icount'] == 'yes' or
                      mc[b]['host_other_load_cores'] is None else
                      '; other host load %.1f of %s cores' % (
                          mc[b]['host_other_load_cores'],
                          boots[b]['host'].get('host_cpus', '?')))
                      for b in mc) + ' |')
        md.append('|---|' + '---:|' * len(mc))
        kinds = [k for k in FWD_KINDS if any(k in mc[b]['configs'] for b in mc)]
        for kind in kinds:
            cells = []
            for b in mc:
                c = mc[b]['configs'].get(kind)
                if c and c['two_vs_one'] is not None:
                    cells.append('%s (%s -> %s frames/s)' % (
                        fmt(c['two_vs_one']),
                        rate(c['1']['median'] if c['1'] else None),
                        rate(c['2']['median'] if c['2'] else None)))
                else:
                    cells.append('n/a')
            md.append('| %s | %s |' % (FWD_LABEL.get(kind, kind),
                                      ' | '.join(cells)))
        md.append('')
        for b in mc:
            load = mc[b]['host_other_load_cores']
            if mc[b]['icount'] != 'yes' and load is not None and load > 0.5:
                md.append('%s: while it ran, other processes kept %.1f of '
                          'the host\'s %s cores busy: its ratios measure the '
                          'host more than the switches (per-round ratios of '
                          'xvs: %s).' % (
                              b, load, boots[b]['host'].get('host_cpus', '?'),
                              ', '.join('%.2f' % r for r in
                                        mc[b]['configs'].get('xvs', {})
                                        .get('pair_ratios', []))))
                md.append('')
    if ctl:
        sizes = sorted({p.split('-')[1] for d in ctl.values() for p in d},
                       key=int)
        hdr = ['attach %s' % n for n in sizes] + ['ratio'] + \
              ['detach %s' % n for n in sizes] + ['ratio']
        md.append('| control plane, ms | ' + ' | '.join(hdr) + ' |')
        md.append('|---|' + '---:|' * len(hdr))
        for m in CTL_METHODS:
            d = ctl.get(m, {})
            cells = []
            for op in ('attach', 'detach'):
                for n in sizes:
                    s = d.get('%s-%s' % (op, n))
                    if s is None and 'unsupported' in d.get('attach-%s' % n, {}):
                        cells.append('unsupported')
                    elif s is None:
                        cells.append('n/a')
                    elif 'unsupported' in s:
                        cells.append('unsupported')
                    else:
                        cells.append('%.0f' % s['median'])
                cells.append(fmt(ratio(med(d, '%s-%s' % (op, sizes[-1])),
                                       med(d, '%s-%s' % (op, sizes[0]))))
                             if len(sizes) > 1 and all(
                                 'median' in d.get('%s-%s' % (op, n), {})
                                 for n in (sizes[0], sizes[-1])) else 'n/a')
            md.append('| %s | %s |' % (CTL_LABEL[m], ' | '.join(cells)))
        md.append('')
    if fdb:
        ns = sorted({n for d in fdb.values() for n in d}, key=int)
        md.append('| learned MACs, 64 B frames/s | ' + ' | '.join(ns) +
                  ' | %s vs 1 |' % ns[-1])
        md.append('|---|' + '---:|' * (len(ns) + 1))
        for k in ('xvs', 'bridge'):
            if k not in fdb:
                continue
            md.append('| %s | %s | %s |' % (
                FWD_LABEL[k], ' | '.join(rate(med(fdb[k], n)) for n in ns),
                fmt(ratio(med(fdb[k], ns[-1]), med(fdb[k], '1')))))
        md.append('')
    for e in errors:
        md.append('- error: %s %s %s %s (round %s): %s' % (
            e['boot'], e['section'], e['config'], e['param'], e['round'],
            e['message']))
    seen = set()
    for u in unsupported:
        key = (u['section'], u['config'], u['param'], u['message'])
        if key not in seen:
            seen.add(key)
            md.append('- unsupported (every round): %s %s %s: %s' % key)
    text = '\n'.join(md).rstrip() + '\n'
    with open(os.path.join(outdir, 'latest.md'), 'w') as f:
        f.write(text)
    sys.stdout.write(text)
    missing = [t['key'] for t in targets if t['ratio'] is None]
    if missing:
        print('report: no figure for %s' % ', '.join(missing), file=sys.stderr)
    return 1 if errors or missing else 0


if __name__ == '__main__':
    sys.exit(main())
