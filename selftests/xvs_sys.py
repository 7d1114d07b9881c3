# SPDX-License-Identifier: GPL-2.0
#
# System calls the hardening tests (fuzz, churn, fault injection, frames)
# make from their one python3 process instead of starting ip, insmod,
# rmmod or a shell for each step (a process costs 0.2-0.5 s under
# emulation): modules loaded and removed with finit_module/delete_module,
# links added, changed and deleted over a raw rtnetlink socket, network
# namespaces made with unshare() and left by setns(), taps opened on
# /dev/net/tun, and a few sysfs and procfs readers.

import contextlib
import ctypes
import errno
import fcntl
import os
import socket
import struct

libc = ctypes.CDLL(None, use_errno=True)

SYS_delete_module = 176
SYS_finit_module = 313
O_NONBLOCK = 0o4000
CLONE_NEWNET = 0x40000000

NETLINK_ROUTE = 0
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_DUMP = 0x300
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLM_F_EXCL = 0x200
NLM_F_CREATE = 0x400
NLM_F_ACK_TLVS = 0x200
NLM_F_CAPPED = 0x100
NLA_F_NESTED = 0x8000

RTM_NEWLINK = 16
RTM_DELLINK = 17
RTM_GETLINK = 18
RTM_NEWADDR = 20
IFLA_ADDRESS = 1
IFLA_IFNAME = 3
IFLA_MTU = 4
IFLA_MASTER = 10
IFLA_LINKINFO = 18
IFLA_NET_NS_FD = 28
IFLA_INFO_KIND = 1
IFLA_INFO_DATA = 2
VETH_INFO_PEER = 1
IFF_UP = 0x1
IFA_LOCAL = 2
IFA_ADDRESS = 1

TUNSETIFF = 0x400454ca
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
IFF_VNET_HDR = 0x4000


def _errno(ret):
    return ctypes.get_errno() if ret != 0 else 0


# ---- modules -------------------------------------------------------------

def kmod_load(path, params=''):
    """finit_module(): 0, or the errno (EEXIST: loaded already)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as e:
        return e.errno
    try:
        ret = libc.syscall(SYS_finit_module, fd, params.encode(), 0)
        return _errno(ret)
    finally:
        os.close(fd)


def kmod_unload(name):
    """delete_module() without waiting: 0, or the errno (EWOULDBLOCK /
    EAGAIN: in use, ENOENT: not loaded)."""
    ret = libc.syscall(SYS_delete_module, name.encode(), O_NONBLOCK)
    return _errno(ret)


def kmod_loaded(name):
    return os.path.isdir('/sys/module/' + name)


def kmod_refcnt(name):
    try:
        with open('/sys/module/%s/refcnt' % name) as f:
            return int(f.read())
    except OSError:
        return None


def kernel_modules_dir():
    """The module dir (for modprobe -d) of the running kernel when it is
    one of the test kernels cached by scripts/test-kernel.sh (its
    UTS_VERSION is in /proc/version), or None."""
    import glob
    with open('/proc/version') as f:
        version = f.read()
    cache = os.path.join(os.environ.get('XDG_CACHE_HOME') or
                         os.path.expanduser('~/.cache'), 'xvs')
    for d in glob.glob(os.path.join(cache, 'kernel-*')):
        try:
            with open(os.path.join(d, 'include/generated/utsversion.h')) as f:
                uts = f.read().split('"')[1]
        except (OSError, IndexError):
            continue
        if uts in version and os.path.isdir(os.path.join(d, 'modules')):
            return os.path.join(d, 'modules')
    return None


# ---- sysfs, procfs ---------------------------------------------------------

def ifindex(dev):
    try:
        with open('/sys/class/net/%s/ifindex' % dev) as f:
            return int(f.read())
    except OSError:
        return None


def master(dev):
    """The master of dev ('' if none, None if dev does not exist)."""
    if not os.path.isdir('/sys/class/net/' + dev):
        return None
    try:
        return os.path.basename(os.readlink('/sys/class/net/%s/master' % dev))
    except OSError:
        return ''


def netdevs():
    return set(os.listdir('/sys/class/net'))


def taint():
    with open('/proc/sys/kernel/tainted') as f:
        return int(f.read())


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)


# ---- network namespaces -----------------------------------------------------

def netns_new():
    """A new network namespace, as an fd; this thread stays where it is.
    Closing the fd (with nothing else in it) lets the netns go."""
    home = os.open('/proc/thread-self/ns/net', os.O_RDONLY)
    try:
        if libc.unshare(CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), 'unshare(CLONE_NEWNET)')
        fd = os.open('/proc/thread-self/ns/net', os.O_RDONLY)
        if libc.setns(home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), 'setns back')
        return fd
    finally:
        os.close(home)


def netns_open(name):
    return os.open('/var/run/netns/' + name, os.O_RDONLY)


@contextlib.contextmanager
def in_netns(fd):
    """Run the block in the network namespace fd (sockets made there
    belong to it)."""
    home = os.open('/proc/thread-self/ns/net', os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), 'setns')
        yield
    finally:
        libc.setns(home, CLONE_NEWNET)
        os.close(home)


# ---- taps --------------------------------------------------------------------

def tap_open(name, vnet_hdr=False):
    """A tap device NAME that lives as long as the returned fd."""
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    flags = IFF_TAP | IFF_NO_PI | (IFF_VNET_HDR if vnet_hdr else 0)
    try:
        fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), flags))
    except OSError:
        os.close(fd)
        raise
    return fd


# ---- rtnetlink -------------------------------------------------------------

def _nla(atype, payload):
    pad = b'\0' * ((4 - len(payload) % 4) % 4)
    return struct.pack('HH', 4 + len(payload), atype) + payload + pad


def _str(atype, s):
    return _nla(atype, s.encode() + b'\0')


def _u32(atype, v):
    return _nla(atype, struct.pack('I', v))


class Rtnl:
    """A NETLINK_ROUTE socket for link changes; each call returns
    (errno, extack message): (0, '') on success."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_ROUTE)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0
        # Called right after each request is sent (fault injection).
        self.after_send = None

    def close(self):
        self.sock.close()

    def request(self, mtype, flags, body):
        self.seq += 1
        msg = struct.pack('IHHII', 16 + len(body), mtype,
                          NLM_F_REQUEST | NLM_F_ACK | flags,
                          self.seq, 0) + body
        self.sock.send(msg)
        if self.after_send:
            self.after_send()
        while True:
            data = self.sock.recv(65536)
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, seq, _ = struct.unpack_from('IHHII', data, off)
                if ln < 16:
                    break
                body_r = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if seq != self.seq or ty != NLMSG_ERROR:
                    continue
                err = -struct.unpack_from('i', body_r)[0]
                msg = ''
                if fl & NLM_F_ACK_TLVS:
                    skip = 4 + 16 if fl & NLM_F_CAPPED else \
                        4 + struct.unpack_from('I', body_r, 4)[0]
                    skip = (skip + 3) & ~3
                    o = skip
                    while o + 4 <= len(body_r):
                        aln, aty = struct.unpack_from('HH', body_r, o)
                        if aln < 4:
                            break
                        if aty == 1:
                            msg = body_r[o + 4:o + aln].split(b'\0')[0] \
                                .decode(errors='replace')
                        o += (aln + 3) & ~3
                return err, msg

    @staticmethod
    def _ifinfo(index=0, flags=0, change=0):
        return struct.pack('BxHiII', socket.AF_UNSPEC, 0, index, flags, change)

    def links(self):
        """{name: master's name ('' for none)} of every netdev of the
        socket's netns, in one dump (sysfs costs a stat and a readlink
        per device)."""
        self.seq += 1
        body = self._ifinfo()
        self.sock.send(struct.pack('IHHII', 16 + len(body), RTM_GETLINK,
                                   NLM_F_REQUEST | NLM_F_DUMP, self.seq, 0)
                       + body)
        names, masters = {}, {}
        done = False
        while not done:
            data = self.sock.recv(1 << 16)
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, seq, _ = struct.unpack_from('IHHII', data, off)
                if ln < 16:
                    break
                if seq == self.seq and ty == RTM_NEWLINK:
                    idx = struct.unpack_from('i', data, off + 20)[0]
                    o = off + 32
                    while o + 4 <= off + ln:
                        aln, aty = struct.unpack_from('HH', data, o)
                        if aln < 4:
                            break
                        if aty == IFLA_IFNAME:
                            names[idx] = data[o + 4:o + aln].split(b'\0')[0] \
                                .decode(errors='surrogateescape')
                        elif aty == IFLA_MASTER:
                            masters[idx] = struct.unpack_from('I', data,
                                                              o + 4)[0]
                        o += (aln + 3) & ~3
                elif seq == self.seq and ty in (NLMSG_DONE, NLMSG_ERROR):
                    done = True
                off += (ln + 3) & ~3
        return {n: names.get(masters.get(i), '') for i, n in names.items()}

    def link_add(self, name, kind, peer=None, peer_ns_fd=None, attrs=b'',
                 peer_attrs=b''):
        """ip link add NAME type KIND [peer PEER [netns FD]]."""
        data = b''
        if peer is not None:
            p = self._ifinfo() + _str(IFLA_IFNAME, peer) + peer_attrs
            if peer_ns_fd is not None:
                p += _u32(IFLA_NET_NS_FD, peer_ns_fd)
            data = _nla(IFLA_INFO_DATA | NLA_F_NESTED,
                        _nla(VETH_INFO_PEER | NLA_F_NESTED, p))
        info = _nla(IFLA_LINKINFO | NLA_F_NESTED,
                    _str(IFLA_INFO_KIND, kind) + data)
        body = self._ifinfo() + _str(IFLA_IFNAME, name) + attrs + info
        return self.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, body)

    def link_del(self, name):
        return self.request(RTM_DELLINK, 0,
                            self._ifinfo() + _str(IFLA_IFNAME, name))

    def link_set(self, name, up=None, master=None, mtu=None, ns_fd=None,
                 address=None):
        """ip link set NAME [up|down] [master IFINDEX|nomaster (0)]
        [mtu N] [netns FD] [address MAC-BYTES]."""
        flags = change = 0
        if up is not None:
            change = IFF_UP
            flags = IFF_UP if up else 0
        body = self._ifinfo(flags=flags, change=change) + \
            _str(IFLA_IFNAME, name)
        if master is not None:
            body += _u32(IFLA_MASTER, master)
        if mtu is not None:
            body += _u32(IFLA_MTU, mtu)
        if ns_fd is not None:
            body += _u32(IFLA_NET_NS_FD, ns_fd)
        if address is not None:
            body += _nla(IFLA_ADDRESS, address)
        return self.request(RTM_NEWLINK, 0, body)

    def addr_add(self, dev, ipv4, prefix):
        """ip addr add IPV4/PREFIX dev DEV (in the socket's netns, which
        must be this thread's too: the name is looked up there)."""
        idx = socket.if_nametoindex(dev)
        a = socket.inet_aton(ipv4)
        body = struct.pack('BBBBI', socket.AF_INET, prefix, 0, 0, idx) + \
            _nla(IFA_LOCAL, a) + _nla(IFA_ADDRESS, a)
        return self.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, body)


def check(result, what):
    """Raise unless an Rtnl call succeeded."""
    err, msg = result
    if err:
        raise OSError(err, '%s: %s%s' % (what, os.strerror(err),
                                         ' (%s)' % msg if msg else ''))


def errname(e):
    """'ENOENT' for 2 or -2, 'success' for 0."""
    if not e:
        return 'success'
    return errno.errorcode.get(abs(e), str(e))
