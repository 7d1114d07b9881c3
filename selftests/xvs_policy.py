#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The YNL spec (Documentation/netlink/specs/xvs.yaml) is the contract of the
# xvs family. This test checks that
#  1. the spec describes uapi/linux/xvs.h name for name and value for value
#     (the C names the spec implies, as ynl-gen-c would render them);
#  2. the kernel's family agrees with the spec: version, multicast group,
#     the set of operations (both ways), do/dump support and permission flags
#     of each (CTRL_CMD_GETFAMILY);
#  3. the kernel's policy agrees with the spec, attribute by attribute: type,
#     string max length, integer range (CTRL_CMD_GETPOLICY), for every
#     operation's request attributes, and no attribute unknown to the spec.
# The kernel side is read with the kernel's own YNL library and nlctrl spec.

import glob
import os
import subprocess
import sys

KSFT_PASS, KSFT_FAIL, KSFT_SKIP = 0, 1, 4
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get('XVS_TOP') or os.path.dirname(HERE)
SPEC = os.path.join(TOP, 'Documentation', 'netlink', 'specs', 'xvs.yaml')

sys.dont_write_bytecode = True    # the tree may be read-only or shared
sys.path.insert(0, HERE)
from xvs_badinput import Ksft, fast_yaml, parse_uapi  # noqa: E402


def find_ksrc():
    """The kernel source tree with tools/net/ynl (the YNL library)."""
    cands = []
    if os.environ.get('KSRC'):
        cands.append(os.environ['KSRC'])
    caches = [os.environ.get('XDG_CACHE_HOME') or
              os.path.join(os.path.expanduser('~'), '.cache'),
              '/root/.cache']
    for c in caches:
        cands += sorted(glob.glob(os.path.join(c, 'xvs', 'src', '*',
                                               'linux-source-6.12')),
                        reverse=True)
    for c in cands:
        if os.path.exists(os.path.join(c, 'tools', 'net', 'ynl', 'lib',
                                       'ynl.py')):
            return c
    return None


def c_upper(name):
    return name.upper().replace('-', '_')


U32_MAX = (1 << 32) - 1
U64_MAX = (1 << 64) - 1
TYPE_MAX = {'u8': 0xff, 'u16': 0xffff, 'u32': U32_MAX, 'u64': U64_MAX}


class Spec:
    """The spec, with the C names and policy it implies."""

    def __init__(self, path):
        import yaml
        self.y = yaml.safe_load(open(path))
        y = self.y
        self.family = y['name']
        self.consts = {d['name']: d for d in y.get('definitions', [])}
        self.aset = y['attribute-sets'][0]
        self.attrs = {}
        val = 1
        for a in self.aset['attributes']:
            val = a.get('value', val)
            self.attrs[a['name']] = dict(a, value=val)
            val += 1
        self.ops = {}
        val = 1
        for op in y['operations']['list']:
            val = op.get('value', val)
            self.ops[op['name']] = dict(op, value=val)
            val += 1

    def enum_values(self, d):
        out = []
        val = d.get('value-start', 0)
        for e in d['entries']:
            name = e if isinstance(e, str) else e['name']
            if not isinstance(e, str) and 'value' in e:
                val = e['value']
            out.append((name, val))
            val += 1
        return out

    def limit(self, v):
        if isinstance(v, int):
            return v
        if v in self.consts:
            return self.consts[v]['value']
        raise ValueError('limit %s' % v)

    def policy(self, name):
        """(type, max-length or None, (min, max) or None) the spec implies
        for attribute name, the way ynl-gen-c renders the kernel policy."""
        a = self.attrs[name]
        t = a['type']
        checks = a.get('checks', {})
        if t == 'string':
            ml = checks.get('max-len')
            return ('string', self.limit(ml) if ml is not None else None,
                    None)
        if t in TYPE_MAX:
            lo, hi = 0, TYPE_MAX[t]
            if 'enum' in a:
                vals = [v for _, v in self.enum_values(self.consts[a['enum']])]
                lo2, hi2 = min(vals), max(vals)
                if lo2 != 0:
                    lo = lo2
                hi = hi2
            if 'min' in checks:
                lo = self.limit(checks['min'])
            if 'max' in checks:
                hi = self.limit(checks['max'])
            return (t, None, (lo, hi))
        if t == 'nest':
            return ('nested', None, None)
        if t == 'binary':
            el = checks.get('exact-len')
            return ('binary', self.limit(el) if el is not None else None,
                    None)
        return (t, None, None)

    def request_attrs(self, op, mode):
        return op.get(mode, {}).get('request', {}).get('attributes', [])


def check_header(t, spec, consts, enums):
    """The spec against uapi/linux/xvs.h."""
    y = spec.y
    fam_key = c_upper(y.get('c-family-name', y['name'] + '_FAMILY_NAME'))
    ver_key = c_upper(y.get('c-version-name', y['name'] + '_FAMILY_VERSION'))
    t.ok('header: %s is "%s"' % (fam_key, y['name']),
         consts.get(fam_key) == y['name'], consts.get(fam_key))
    t.ok('header: %s is %d' % (ver_key, y.get('version', 1)),
         consts.get(ver_key) == y.get('version', 1), consts.get(ver_key))
    for grp in y['mcast-groups']['list']:
        key = c_upper(grp.get('c-define-name',
                              '%s-mcgrp-%s' % (y['name'], grp['name'])))
        t.ok('header: %s is "%s"' % (key, grp['name']),
             consts.get(key) == grp['name'], consts.get(key))
    for d in y.get('definitions', []):
        if d['type'] == 'const':
            key = c_upper('%s-%s' % (y['name'], d['name']))
            t.ok('header: %s is %s' % (key, d['value']),
                 consts.get(key) == d['value'], consts.get(key))
            continue
        ename = d.get('enum-name') or '%s-%s' % (y['name'], d['name'])
        ename = ename.replace('-', '_')
        pfx = d.get('name-prefix', '%s-%s-' % (y['name'], d['name']))
        want = [(c_upper(pfx + n), v) for n, v in spec.enum_values(d)]
        have = [(k, v) for k, v in enums.get(ename, []) if 'MAX' not in k]
        t.ok('header: enum %s matches the spec (%d values)' %
             (ename, len(want)), want == have,
             'spec:   %s\nheader: %s' % (want, have))
        if d.get('render-max'):
            n = max(v for _, v in want) + 1 if want else 0
            mx = [(k, v) for k, v in enums.get(ename, []) if 'MAX' in k]
            t.ok('header: enum %s has its max members' % ename,
                 len(mx) == 2 and mx[0][1] == n and mx[1][1] == n - 1, mx)
            gen = c_upper(pfx + 'max')
            if mx and mx[-1][0] != gen:
                t.note('enum %s: the header names its max %s, ynl-gen-c '
                       'would render %s' % (ename, mx[-1][0], gen))
    ename = spec.aset.get('enum-name',
                          '%s-%s' % (y['name'], spec.aset['name']))
    ename = ename.replace('-', '_')
    pfx = spec.aset.get('name-prefix', '%s-%s-a-' % (y['name'],
                                                     spec.aset['name']))
    want = [(c_upper(pfx + n), a['value']) for n, a in spec.attrs.items()]
    have = [(k, v) for k, v in enums.get(ename, []) if 'MAX' not in k]
    t.ok('header: enum %s matches the spec (%d attributes)' %
         (ename, len(want)), want == have,
         'spec:   %s\nheader: %s' % (want, have))
    t.ok('header: %s is the last attribute' % c_upper(pfx + 'max'),
         consts.get(c_upper(pfx + 'max')) == max(v for _, v in want))
    # The nested sets: stats and ext-stats are enums of their own; a set
    # without an enum (ext-order) reuses attributes of the main set, which
    # must keep their values there.
    for aset in y['attribute-sets'][1:]:
        if 'subset-of' in aset:
            continue
        vals, val = [], 1
        for a in aset['attributes']:
            val = a.get('value', val)
            vals.append((a['name'], val))
            val += 1
        if aset.get('enum-name', '') is None:
            bad = [(n, v) for n, v in vals
                   if n not in spec.attrs or spec.attrs[n]['value'] != v]
            t.ok('spec: set %s reuses attributes of %s, same values' %
                 (aset['name'], spec.aset['name']), not bad, bad)
            continue
        ename = aset.get('enum-name') or '%s-%s' % (y['name'], aset['name'])
        ename = ename.replace('-', '_')
        spfx = aset.get('name-prefix', '%s-%s-' % (y['name'], aset['name']))
        swant = [(c_upper(spfx + n), v) for n, v in vals]
        shave = [(k, v) for k, v in enums.get(ename, []) if 'MAX' not in k]
        t.ok('header: enum %s matches the spec (%d attributes)' %
             (ename, len(swant)), swant == shave,
             'spec:   %s\nheader: %s' % (swant, shave))
    ops = y['operations']
    ename = (ops.get('enum-name') or '%s-cmd' % y['name']).replace('-', '_')
    pfx = ops.get('name-prefix', '%s-cmd-' % y['name'])
    want = [(c_upper(pfx + n), o['value']) for n, o in spec.ops.items()]
    have = [(k, v) for k, v in enums.get(ename, [])
            if 'MAX' not in k and v != 0]
    t.ok('header: enum %s matches the spec (%d commands)' %
         (ename, len(want)), want == have,
         'spec:   %s\nheader: %s' % (want, have))


def check_family(t, spec, ynl, fam, mcgrps):
    y = spec.y
    t.ok('family: version %d' % y.get('version', 1),
         fam.get('version') == y.get('version', 1), fam.get('version'))
    for grp in y['mcast-groups']['list']:
        t.ok('family: multicast group "%s"' % grp['name'],
             grp['name'] in mcgrps, sorted(mcgrps))
    extra = set(mcgrps) - {g['name'] for g in y['mcast-groups']['list']}
    t.ok('family: no multicast group the spec does not know', not extra,
         sorted(extra))
    kops = {}
    for item in fam.get('ops', []):
        for o in item.values():
            kops[o['id']] = o.get('flags', set())
    want = {o['value']: n for n, o in spec.ops.items()
            if 'do' in o or 'dump' in o}
    async_ops = {o['value']: n for n, o in spec.ops.items()
                 if 'event' in o or 'notify' in o}
    for val, name in sorted(want.items()):
        op = spec.ops[name]
        flags = kops.get(val)
        if not t.ok('op %s (%d) exists in the kernel' % (name, val),
                    flags is not None, sorted(kops)):
            continue
        t.ok('op %s: do %s' % (name, 'supported' if 'do' in op else 'absent'),
             ('cmd-cap-do' in flags) == ('do' in op), flags)
        t.ok('op %s: dump %s' %
             (name, 'supported' if 'dump' in op else 'absent'),
             ('cmd-cap-dump' in flags) == ('dump' in op), flags)
        sflags = set(op.get('flags', []))
        t.ok('op %s: permission %s' %
             (name, ','.join(sorted(sflags)) or 'none'),
             {f for f in flags if 'admin' in f} == sflags, flags)
        t.ok('op %s: has a policy' % name,
             'cmd-cap-haspol' in flags or not (
                 spec.request_attrs(op, 'do') or
                 spec.request_attrs(op, 'dump')), flags)
    for val in sorted(set(kops) - set(want)):
        what = ('a notification in the spec' if val in async_ops
                else 'unknown to the spec')
        t.ok('kernel op %d is in the spec' % val, False,
             'the kernel registers op %d, %s' % (val, what))


def kernel_policies(ynl):
    """{op id: {'do': idx, 'dump': idx}}, {idx: {attr id: policy}}."""
    op_pol = {}
    pols = {}
    for msg in ynl.dump('getpolicy', {'family-name': 'xvs'}):
        if 'op-policy' in msg:
            p = dict(msg['op-policy'])
            op_pol[p.pop('op-id')] = p
        if 'policy' in msg:
            p = dict(msg['policy'])
            pols.setdefault(p.pop('policy-id'), {})[p.pop('attr-id')] = p
    return op_pol, pols


def check_attr(t, spec, where, name, kp):
    st, smax, srange = spec.policy(name)
    ktype = kp.get('type')
    if st == 'string':
        good = ktype in ('nul-string', 'string')
        if ktype == 'string':
            t.note('%s %s: NLA_STRING, the spec implies NLA_NUL_STRING '
                   '(unterminated strings are accepted)' % (where, name))
    else:
        good = ktype == st
    t.ok('%s %s: type %s' % (where, name, st), good, 'kernel: %s' % kp)
    if st == 'string':
        t.ok('%s %s: max length %s' % (where, name, smax),
             kp.get('max-length') == smax, 'kernel: %s' % kp)
    if st == 'binary' and smax is not None:
        t.ok('%s %s: exactly %d bytes' % (where, name, smax),
             kp.get('min-length') == smax and kp.get('max-length') == smax,
             'kernel: %s' % kp)
    if srange and ktype == st:
        krange = (kp.get('min-value-u', kp.get('min-value-s', 0)),
                  kp.get('max-value-u', kp.get('max-value-s')))
        t.ok('%s %s: range %d..%d' % (where, name, srange[0], srange[1]),
             krange == srange, 'kernel: %s' % kp)


def check_nested(t, spec, idx, aset, kpol):
    """Nested policy idx against its set aset: the same attributes, the
    types and maximum lengths the spec gives."""
    attrs, val = {}, 1
    for a in aset['attributes']:
        val = a.get('value', val)
        if a['type'] != 'unused':
            attrs[val] = a
        val += 1
    t.ok('policy[%d] (set %s): the attributes of the spec' %
         (idx, aset['name']), sorted(kpol) == sorted(attrs),
         'kernel %s, spec %s' % (sorted(kpol), sorted(attrs)))
    for aval, a in sorted(attrs.items()):
        kp = kpol.get(aval, {})
        ml = a.get('checks', {}).get('max-len')
        want = {'string': 'nul-string'}.get(a['type'], a['type'])
        good = kp.get('type') == want and (
            ml is None or kp.get('max-length') == spec.limit(ml))
        t.ok('policy[%d] %s %s: type %s, max length %s' %
             (idx, aset['name'], a['name'], want, ml), good,
             'kernel: %s' % kp)


def check_policy(t, spec, op_pol, pols):
    name_of = {a['value']: n for n, a in spec.attrs.items()}
    by_val = {o['value']: (n, o) for n, o in spec.ops.items()}
    checked = set()
    for val, idxs in sorted(op_pol.items()):
        if val not in by_val:
            continue        # reported by check_family
        name, op = by_val[val]
        for mode in ('do', 'dump'):
            req = spec.request_attrs(op, mode)
            if mode not in idxs:
                t.ok('policy %s %s: exists' % (name, mode),
                     not req, 'the kernel has no policy for it')
                continue
            kpol = pols.get(idxs[mode], {})
            for a in req:
                aval = spec.attrs[a]['value']
                if not t.ok('policy %s %s: accepts %s' % (name, mode, a),
                            aval in kpol, sorted(kpol)):
                    continue
                key = (idxs[mode], aval)
                if key in checked:
                    continue
                checked.add(key)
                where = 'policy' if len(pols) == 1 else \
                    'policy[%d]' % idxs[mode]
                check_attr(t, spec, where, a, kpol[aval])
    # Whatever else the kernel accepts must be known to the spec, with the
    # same type; attributes no request lists are only noted.
    in_requests = {a for o in spec.ops.values() for m in ('do', 'dump')
                   for a in spec.request_attrs(o, m)}
    # The policy of a nest whose set has an enum of its own (blob) is
    # checked against that set, not the main one.
    own_sets = {}
    for kpol in pols.values():
        for aval, kp in kpol.items():
            aset = spec.attrs.get(name_of.get(aval), {}).get(
                'nested-attributes')
            if kp.get('type') == 'nested' and 'policy-idx' in kp and aset:
                own_sets[kp['policy-idx']] = aset
    for idx, aset in sorted(own_sets.items()):
        y = next(x for x in spec.y['attribute-sets'] if x['name'] == aset)
        if y.get('enum-name', '') is None:
            del own_sets[idx]       # reuses the main set's attributes
            continue
        check_nested(t, spec, idx, y, pols.get(idx, {}))
    for idx, kpol in sorted(pols.items()):
        if idx in own_sets:
            continue
        for aval, kp in sorted(kpol.items()):
            name = name_of.get(aval)
            if not t.ok('policy[%d] attribute %d is in the spec' %
                        (idx, aval), name is not None, kp):
                continue
            if (idx, aval) in checked:
                continue
            checked.add((idx, aval))
            if name not in in_requests:
                t.note('the kernel accepts %s (never in a request of the '
                       'spec) as %s' % (name, kp))
            check_attr(t, spec, 'policy[%d]' % idx, name, kp)


def main():
    t = Ksft()
    try:
        import yaml  # noqa: F401
    except ImportError:
        print('SKIP: python3-yaml is not installed')
        sys.exit(KSFT_SKIP)
    fast_yaml()
    spec = Spec(SPEC)
    consts, enums = parse_uapi()
    check_header(t, spec, consts, enums)

    ksrc = find_ksrc()
    if not ksrc:
        t.skip('kernel side: YNL library', 'no kernel source with '
               'tools/net/ynl (run scripts/test-kernel.sh once, or set KSRC)')
        t.exit()
    if os.geteuid() != 0:
        t.skip('kernel side', 'needs root')
        t.exit()
    sys.path.insert(0, os.path.join(ksrc, 'tools', 'net', 'ynl'))
    from lib import YnlFamily

    if not os.path.isdir('/sys/module/xvs'):
        ko = os.path.join(os.environ.get('XVS_KO_DIR') or
                          os.path.join(TOP, 'kmod'), 'xvs.ko')
        out = subprocess.run(['insmod', ko], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        if not t.ok('xvs.ko loads', out.returncode == 0, out.stdout):
            t.exit()
    ctrl = YnlFamily(os.path.join(ksrc, 'Documentation', 'netlink', 'specs',
                                  'nlctrl.yaml'), '')
    try:
        fam = ctrl.do('getfamily', {'family-name': spec.family})
    except Exception as e:
        t.ok('family %s is registered' % spec.family, False, e)
        t.exit()
    t.ok('family %s is registered' % spec.family, bool(fam), fam)
    mcgrps = {}
    for item in fam.get('mcast-groups', []):
        for g in item.values():
            mcgrps[g['name']] = g['id']
    check_family(t, spec, ctrl, fam, mcgrps)
    op_pol, pols = kernel_policies(ctrl)
    t.ok('policy dump: every op with a request has a policy', bool(op_pol),
         op_pol)
    check_policy(t, spec, op_pol, pols)
    t.exit()


if __name__ == '__main__':
    main()
