# SPDX-License-Identifier: GPL-2.0
#
# A small reader of the xvs YNL spec (Documentation/netlink/specs/xvs.yaml)
# for the hardening tests: attribute sets (names, numbers, types, checks,
# nests), operations (command numbers, do/dump requests and replies,
# permission flags), enums and constants, numbered the way YNL numbers
# them. Not the kernel's YNL library: that one costs seconds to import
# under emulation and validates with jsonschema; the tests need only the
# numbers and the shapes.

import os

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get('XVS_TOP') or os.path.dirname(os.path.dirname(HERE))
SPEC = os.path.join(TOP, 'Documentation', 'netlink', 'specs', 'xvs.yaml')

# Payload sizes of the fixed-size types.
INT_SIZE = {'u8': 1, 'u16': 2, 'u32': 4, 'u64': 8,
            's8': 1, 's16': 2, 's32': 4, 's64': 8}


def load_yaml(path):
    """The spec as python data. Parsing YAML (importing yaml, mostly)
    takes seconds under emulation: the result is kept as JSON in
    $TMPDIR (the VM's tmpfs) for the next test, keyed by the spec's
    size and mtime."""
    import json
    st = os.stat(path)
    cache = os.path.join(os.environ.get('TMPDIR') or '/tmp',
                         'xvs-spec-%d-%d-%d.json' % (st.st_ino, st.st_size,
                                                     st.st_mtime_ns))
    try:
        with open(cache) as f:
            return json.load(f)
    except (OSError, ValueError):
        pass
    import yaml
    with open(path) as f:
        if hasattr(yaml, 'CSafeLoader'):    # libyaml: ~10x faster
            data = yaml.load(f, Loader=yaml.CSafeLoader)
        else:
            data = yaml.safe_load(f)
    try:
        tmp = '%s.%d' % (cache, os.getpid())
        with open(tmp, 'w') as f:
            json.dump(data, f)
        os.rename(tmp, cache)
    except OSError:
        pass
    return data


class Attr:
    """One attribute of a set: name, number, type and its checks."""

    def __init__(self, spec, aset, raw, value):
        self.name = raw['name']
        self.value = value
        self.type = raw['type']
        self.set = aset
        self.nested = raw.get('nested-attributes')
        self.multi = bool(raw.get('multi-attr'))
        self.enum = raw.get('enum')
        checks = raw.get('checks') or {}
        self.checks = {k: spec.const(v) for k, v in checks.items()}
        self.size = INT_SIZE.get(self.type)

    def bounds(self):
        """(min, max) of an integer attribute: its checks, its enum, or
        the type's range."""
        if self.size is None:
            return None
        bits = self.size * 8
        if self.type.startswith('s'):
            lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        else:
            lo, hi = 0, (1 << bits) - 1
        if self.enum and self.enum in self.set.spec.enums:
            hi = len(self.set.spec.enums[self.enum]) - 1
        lo = self.checks.get('min', lo)
        hi = self.checks.get('max', hi)
        return lo, hi

    def __repr__(self):
        return '%s(%d, %s)' % (self.name, self.value, self.type)


class AttrSet:
    def __init__(self, spec, raw):
        self.spec = spec
        self.name = raw['name']
        self.attrs = {}
        self.by_value = {}
        val = 1
        for a in raw['attributes']:
            if 'value' in a:
                val = a['value']
            attr = Attr(spec, self, a, val)
            self.attrs[attr.name] = attr
            self.by_value[val] = attr
            val += 1
        self.max = max(self.by_value) if self.by_value else 0

    def __getitem__(self, name):
        return self.attrs[name]


class Op:
    """One operation: its command number, and the attributes of its do
    and dump requests and replies (None when it has no do or no dump)."""

    def __init__(self, spec, raw, value):
        self.name = raw['name']
        self.value = value
        self.set = spec.sets[raw.get('attribute-set', spec.default_set)]
        self.flags = set(raw.get('flags') or [])
        self.event = 'event' in raw or 'notify' in raw
        self.do_req = self.do_rep = self.dump_req = self.dump_rep = None
        if 'do' in raw:
            self.do_req = self._attrs(raw['do'].get('request'))
            self.do_rep = self._attrs(raw['do'].get('reply'))
        if 'dump' in raw:
            self.dump_req = self._attrs(raw['dump'].get('request'))
            self.dump_rep = self._attrs(raw['dump'].get('reply'))
        self.has_do = 'do' in raw
        self.has_dump = 'dump' in raw

    @staticmethod
    def _attrs(part):
        if not part:
            return []
        return list(part.get('attributes') or [])

    @property
    def admin(self):
        """The permission the spec asks of a caller: 'admin-perm' (the
        initial user namespace), 'uns-admin-perm' (the netns' owner), or
        None."""
        for f in ('admin-perm', 'uns-admin-perm'):
            if f in self.flags:
                return f
        return None

    def __repr__(self):
        return 'Op(%s=%d)' % (self.name, self.value)


class Spec:
    def __init__(self, path=SPEC):
        raw = load_yaml(path)
        self.raw = raw
        self.name = raw['name']
        self.version = raw.get('version', 1)
        self.consts = {}
        self.enums = {}
        for d in raw.get('definitions') or []:
            if d['type'] == 'const':
                self.consts[d['name']] = d['value']
            elif d['type'] in ('enum', 'flags'):
                names = []
                for e in d['entries']:
                    names.append(e['name'] if isinstance(e, dict) else e)
                self.enums[d['name']] = names
        self.sets = {}
        for s in raw['attribute-sets']:
            self.sets[s['name']] = AttrSet(self, s)
        self.default_set = raw['attribute-sets'][0]['name']
        self.ops = {}
        self.ops_by_value = {}
        val = 1
        for o in raw['operations']['list']:
            if 'value' in o:
                val = o['value']
            op = Op(self, o, val)
            self.ops[op.name] = op
            self.ops_by_value[val] = op
            val += 1
        self.mcgrps = [g['name'] for g in
                       (raw.get('mcast-groups') or {}).get('list', [])]

    def const(self, v):
        """A check's value: a number, or the name of a constant."""
        if isinstance(v, str):
            return self.consts.get(v, v)
        return v

    def requests(self):
        """The (op, dump) pairs a client may send."""
        out = []
        for op in self.ops.values():
            if op.has_do:
                out.append((op, False))
            if op.has_dump:
                out.append((op, True))
        return out
