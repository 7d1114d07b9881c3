// SPDX-License-Identifier: GPL-2.0
/*
 * nl.c - the generic netlink plumbing of xvsctl: the socket (with extended
 * ACKs), resolving the xvs family, building requests, waiting for ACKs and
 * reporting the kernel's extack message, dumps that are retried when a
 * concurrent change interrupted them, and the dry run (XVSCTL_DRY_RUN).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "names.h"
#include "cmds.h"
#include "nl.h"
#include "xvsctl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* How often a dump is run again when NLM_F_DUMP_INTR says it changed. */
#define DUMP_TRIES 10

/* One request and what came back for it. */
struct req {
	struct xnl *n;
	struct nl_msg *sent;
	uint32_t seq;
	const char *what;
	struct out *o;
	xnl_print_fn print;
	xnl_each_fn each;	/* instead of print (xnl_collect) */
	xnl_each_msg_fn each_msg;	/* the whole message (xnl_request) */
	void *arg;
	bool done;		/* ACK, error or end of dump seen */
	bool intr;		/* a dump message had NLM_F_DUMP_INTR */
	int error;		/* positive errno from the kernel, or 0 */
	char msg[512];		/* the extack message */
	const char *attr;	/* the attribute the extack points at */
	bool attr_missing;	/* ... which is missing from the request */
	char attr_buf[32];
};

static void oom(void)
{
	fprintf(stderr, "xvsctl: out of memory\n");
	xvsctl_exit(EXIT_RUNTIME);
}

void xnl_report_resolve_error(int err)
{
	if (err == -NLE_OBJ_NOTFOUND)
		fprintf(stderr,
			"xvsctl: the xvs module is not loaded (generic netlink family \"%s\" not found)\n",
			XVS_GENL_NAME);
	else
		fprintf(stderr,
			"xvsctl: cannot resolve generic netlink family \"%s\": %s\n",
			XVS_GENL_NAME, nl_geterror(err));
}

bool xnl_dry_run(void)
{
	const char *s = getenv("XVSCTL_DRY_RUN");

	return s && *s;
}

/*
 * The sockets xnl_open opened that xnl_close has not closed yet: those of
 * a command that exited on an error (xvsctl_exit) while one was open,
 * which xnl_close_leftovers closes for the server (serve.c). A command
 * opens one or two; the rest would go untracked (and only leak).
 */
static struct nl_sock *open_socks[8];

static void track_sock(struct nl_sock *sk, struct nl_sock *replace)
{
	for (size_t i = 0; i < ARRAY_SIZE(open_socks); i++) {
		if (open_socks[i] == replace) {
			open_socks[i] = sk;
			return;
		}
	}
}

void xnl_close_leftovers(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(open_socks); i++) {
		if (open_socks[i])
			nl_socket_free(open_socks[i]);
		open_socks[i] = NULL;
	}
}

int xnl_open(struct xnl *n)
{
	int one = 1;
	int err;

	if (xnl_dry_run()) {
		n->sk = NULL;
		n->family = 0;
		return EXIT_OK;
	}
	n->sk = nl_socket_alloc();
	if (!n->sk)
		oom();
	track_sock(n->sk, NULL);
	err = genl_connect(n->sk);
	if (err < 0) {
		fprintf(stderr, "xvsctl: cannot open a generic netlink socket: %s\n",
			nl_geterror(err));
		goto fail;
	}
	/* Error messages from the kernel; without them errnos only. */
	(void)setsockopt(nl_socket_get_fd(n->sk), SOL_NETLINK, NETLINK_EXT_ACK,
			 &one, sizeof(one));
	n->family = genl_ctrl_resolve(n->sk, XVS_GENL_NAME);
	if (n->family < 0) {
		xnl_report_resolve_error(n->family);
		goto fail;
	}
	/*
	 * From here on NLM_F_ACK is set per request (never on dumps), and the
	 * sequence numbers are checked by seq_cb.
	 */
	nl_socket_disable_auto_ack(n->sk);
	return EXIT_OK;
fail:
	xnl_close(n);
	return EXIT_RUNTIME;
}

void xnl_close(struct xnl *n)
{
	if (n->sk) {
		track_sock(NULL, n->sk);
		nl_socket_free(n->sk);
	}
	n->sk = NULL;
}

struct nl_msg *xnl_msg(struct xnl *n, uint8_t cmd, int flags)
{
	return xnl_msg_size(n, cmd, flags, 0);
}

struct nl_msg *xnl_msg_size(struct xnl *n, uint8_t cmd, int flags,
			    size_t size)
{
	struct nl_msg *msg = size ? nlmsg_alloc_size(size + NLMSG_HDRLEN +
						     GENL_HDRLEN + 4096) :
				    nlmsg_alloc();

	if (!msg)
		oom();
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, n->family, 0, flags,
			 cmd, XVS_GENL_VERSION))
		oom();
	return msg;
}

static void put_failed(int attr)
{
	fprintf(stderr, "xvsctl: the request does not fit a message (attribute %s)\n",
		attr_name(attr) ? attr_name(attr) : "?");
	xvsctl_exit(EXIT_RUNTIME);
}

void xnl_put_str(struct nl_msg *msg, int attr, const char *s)
{
	if (nla_put_string(msg, attr, s) < 0)
		put_failed(attr);
}

void xnl_put_u32(struct nl_msg *msg, int attr, uint32_t v)
{
	if (nla_put_u32(msg, attr, v) < 0)
		put_failed(attr);
}

void xnl_put_u16(struct nl_msg *msg, int attr, uint16_t v)
{
	if (nla_put_u16(msg, attr, v) < 0)
		put_failed(attr);
}

void xnl_put_u8(struct nl_msg *msg, int attr, uint8_t v)
{
	if (nla_put_u8(msg, attr, v) < 0)
		put_failed(attr);
}

void xnl_put_u64(struct nl_msg *msg, int attr, uint64_t v)
{
	if (nla_put_u64(msg, attr, v) < 0)
		put_failed(attr);
}

void xnl_put_flag(struct nl_msg *msg, int attr)
{
	if (nla_put_flag(msg, attr) < 0)
		put_failed(attr);
}

void xnl_put_mac(struct nl_msg *msg, int attr, const uint8_t mac[6])
{
	if (nla_put(msg, attr, 6, mac) < 0)
		put_failed(attr);
}

void xnl_put_bin(struct nl_msg *msg, int attr, const void *data, size_t len)
{
	if (nla_put(msg, attr, (int)len, data) < 0)
		put_failed(attr);
}

struct nlattr *xnl_nest_start(struct nl_msg *msg, int attr)
{
	struct nlattr *nest = nla_nest_start(msg, attr | NLA_F_NESTED);

	if (!nest)
		put_failed(attr);
	return nest;
}

void xnl_nest_end(struct nl_msg *msg, struct nlattr *nest)
{
	nla_nest_end(msg, nest);
}

const char *xnl_str(const struct nlattr *a)
{
	const char *s;

	if (!a || nla_len(a) < 1)
		return NULL;
	s = nla_data(a);
	return memchr(s, '\0', nla_len(a)) ? s : NULL;
}

bool xnl_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) != sizeof(*v))
		return false;
	memcpy(v, nla_data(a), sizeof(*v));
	return true;
}

bool xnl_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || nla_len(a) != sizeof(*v))
		return false;
	memcpy(v, nla_data(a), sizeof(*v));
	return true;
}

bool xnl_mac(const struct nlattr *a, uint8_t mac[6])
{
	if (!a || nla_len(a) != 6)
		return false;
	memcpy(mac, nla_data(a), 6);
	return true;
}

bool xnl_u64(const struct nlattr *a, uint64_t *v)
{
	if (!a || nla_len(a) != sizeof(*v))
		return false;
	memcpy(v, nla_data(a), sizeof(*v));
	return true;
}

/* Name of the attribute at byte offset offs of the request we sent. */
static const char *attr_at(struct req *r, uint32_t offs)
{
	struct nlmsghdr *h = nlmsg_hdr(r->sent);
	const struct nlattr *a;
	uint16_t type;

	if (offs < NLMSG_HDRLEN + GENL_HDRLEN ||
	    (uint64_t)offs + NLA_HDRLEN > h->nlmsg_len)
		return NULL;
	a = (const struct nlattr *)((const char *)h + offs);
	type = a->nla_type & NLA_TYPE_MASK;
	if (attr_name(type))
		return attr_name(type);
	snprintf(r->attr_buf, sizeof(r->attr_buf), "%u", type);
	return r->attr_buf;
}

/*
 * The extended ACK TLVs of an error, ACK or end-of-dump message: they
 * follow hlen bytes of payload (struct nlmsgerr and the echoed request, or
 * the dump's error code).
 */
static void parse_extack(struct req *r, struct nlmsghdr *nlh, size_t hlen)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	unsigned char *data = nlmsg_data(nlh);
	int len = nlmsg_datalen(nlh);
	size_t off = NLMSG_ALIGN(hlen);
	const char *s;
	uint32_t v;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || len < 0 || off >= (size_t)len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(data + off),
		      len - (int)off, NULL) < 0)
		return;
	s = xnl_str(tb[NLMSGERR_ATTR_MSG]);
	if (s) {
		size_t l;

		snprintf(r->msg, sizeof(r->msg), "%s", s);
		l = strlen(r->msg);
		while (l && (r->msg[l - 1] == '\n' || r->msg[l - 1] == ' '))
			r->msg[--l] = '\0';
	}
	if (xnl_u32(tb[NLMSGERR_ATTR_MISS_TYPE], &v)) {
		r->attr_missing = true;
		r->attr = attr_name(v);
		if (!r->attr) {
			snprintf(r->attr_buf, sizeof(r->attr_buf), "%u", v);
			r->attr = r->attr_buf;
		}
	} else if (xnl_u32(tb[NLMSGERR_ATTR_OFFS], &v)) {
		r->attr = attr_at(r, v);
	}
}

/* Payload bytes of an error/ACK message before its TLVs. */
static size_t nlmsgerr_hlen(struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	size_t hlen = sizeof(*e);

	if (nlmsg_datalen(nlh) < (int)sizeof(*e))
		return (size_t)-1;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len > NLMSG_HDRLEN)
		hlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	return hlen;
}

static int seq_cb(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	/* Anything else is a leftover of an earlier request. */
	return nlmsg_hdr(msg)->nlmsg_seq == r->seq ? NL_OK : NL_SKIP;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[XVS_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *r = arg;

	if (nlh->nlmsg_type != r->n->family)
		return NL_SKIP;
	if (r->each_msg) {
		r->each_msg(r->arg, nlh);
		return NL_OK;
	}
	if (genlmsg_parse(nlh, 0, tb, XVS_A_MAX, NULL) < 0) {
		fprintf(stderr, "xvsctl: %s: ignoring a malformed reply\n", r->what);
		return NL_SKIP;
	}
	if (r->each)
		r->each(r->arg, tb);
	else if (r->print)
		r->print(r->o, tb);
	return NL_OK;
}

static int err_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	/* libnl hands us the payload of the NLMSG_ERROR message. */
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct req *r = arg;
	size_t hlen = nlmsgerr_hlen(nlh);

	(void)nla;
	r->error = e->error < 0 ? -e->error : e->error;
	if (hlen != (size_t)-1)
		parse_extack(r, nlh, hlen);
	r->done = true;
	return NL_STOP;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *r = arg;
	size_t hlen = nlmsgerr_hlen(nlh);

	if (hlen != (size_t)-1)
		parse_extack(r, nlh, hlen);
	if (r->msg[0])
		fprintf(stderr, "xvsctl: %s: warning: %s\n", r->what, r->msg);
	r->done = true;
	return NL_STOP;
}

/* NLMSG_DONE: carries the dump's error code (and extack) if it failed. */
static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *r = arg;
	int err;

	if (nlmsg_datalen(nlh) >= (int)sizeof(err)) {
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
		if (err < 0) {
			r->error = -err;
			parse_extack(r, nlh, sizeof(err));
		}
	}
	r->done = true;
	return NL_STOP;
}

static int intr_cb(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->intr = true;
	return NL_OK;
}

/* Send msg and read until its ACK, error or end of dump. */
static int run(struct req *r, struct nl_msg *msg)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int err, ret = EXIT_OK;

	if (!cb)
		oom();
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, seq_cb, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, r);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, intr_cb, r);
	nl_cb_err(cb, NL_CB_CUSTOM, err_cb, r);

	r->sent = msg;
	err = nl_send_auto(r->n->sk, msg);
	if (err < 0) {
		fprintf(stderr, "xvsctl: %s: sending the request: %s\n",
			r->what, nl_geterror(err));
		ret = EXIT_RUNTIME;
		goto out;
	}
	r->seq = nlmsg_hdr(msg)->nlmsg_seq;
	while (!r->done) {
		err = nl_recvmsgs(r->n->sk, cb);
		if (err < 0 && !r->done) {
			fprintf(stderr, "xvsctl: %s: receiving the reply: %s\n",
				r->what, nl_geterror(err));
			ret = EXIT_RUNTIME;
			goto out;
		}
	}
out:
	nl_cb_put(cb);
	return ret;
}

/* xvsctl: WHAT: MSG[, [missing ]attribute NAME] (STRERROR) */
static void report(const struct req *r)
{
	fprintf(stderr, "xvsctl: %s: ", r->what);
	if (!r->msg[0] && !r->attr) {
		fprintf(stderr, "%s\n", strerror(r->error));
		return;
	}
	fputs(r->msg, stderr);
	if (r->attr)
		fprintf(stderr, "%s%sattribute %s", r->msg[0] ? ", " : "",
			r->attr_missing ? "missing " : "", r->attr);
	fprintf(stderr, " (%s)\n", strerror(r->error));
}

/* How the dry run prints an attribute's value. */
static void print_request_attr(struct nlattr *a)
{
	const unsigned char *d = nla_data(a);
	char ip[INET6_ADDRSTRLEN];
	struct nlattr *sub;
	uint8_t mac[6];
	char sep;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	const char *s;
	int rem;

	switch (nla_type(a)) {
	case XVS_A_SWITCH_NAME:
	case XVS_A_SWITCH_UPLINK:
	case XVS_A_PORT_NAME:
	case XVS_A_PORT_FRIENDLY_NAME:
	case XVS_A_NIC_IFNAME:
	case XVS_A_EXT_NAME:
	case XVS_A_PORT_POLICY_OWNER:
		s = xnl_str(a);
		if (!s)
			break;
		putchar('=');
		out_word(stdout, s);
		return;
	case XVS_A_PORT_VALIDATION:
	case XVS_A_FDB_STATIC:
	case XVS_A_EXT_ENABLED:
	case XVS_A_ACL_LOCAL:
	case XVS_A_ACL_ALL:
	case XVS_A_PROP_REQUIRED:
		if (nla_len(a))
			break;
		return;
	case XVS_A_EXT_ORDER:
		/* ext-order=[a,b,c] (ext-name attributes) */
		putchar('=');
		sep = '[';
		nla_for_each_nested(sub, a, rem) {
			putchar(sep);
			sep = ',';
			s = nla_type(sub) == XVS_A_EXT_NAME ? xnl_str(sub) : NULL;
			out_word(stdout, s ? s : "?");
		}
		fputs(sep == '[' ? "[]" : "]", stdout);
		return;
	case XVS_A_PORT_VLAN_TRUNK: {
		char vlans[20000];

		if (nla_len(a) != XVS_VLAN_BITMAP_LEN)
			break;
		format_vlan_list(a, vlans, sizeof(vlans));
		printf("=%s", vlans);
		return;
	}
	case XVS_A_PROP_DATA:
		break;
	case XVS_A_BLOB: {
		/* blob=OWNER:LEN */
		const char *owner = NULL;
		int len = -1;

		nla_for_each_nested(sub, a, rem) {
			if (nla_type(sub) == XVS_BLOB_A_OWNER)
				owner = xnl_str(sub);
			else if (nla_type(sub) == XVS_BLOB_A_DATA)
				len = nla_len(sub);
		}
		putchar('=');
		out_word(stdout, owner ? owner : "?");
		printf(":%d", len);
		return;
	}
	case XVS_A_ACL_IPV4:
	case XVS_A_ACL_IPV6:
		if ((nla_len(a) != 4 && nla_len(a) != 16) ||
		    !inet_ntop(nla_len(a) == 4 ? AF_INET : AF_INET6, d, ip,
			       sizeof(ip)))
			break;
		printf("=%s", ip);
		return;
	case XVS_A_PORT_SPOOF_GUARD:
	case XVS_A_PORT_DHCP_GUARD:
	case XVS_A_PORT_ROUTER_GUARD:
	case XVS_A_PORT_ISOLATED:
	case XVS_A_ACL_PREFIX_LEN:
		if (nla_len(a) != 1)
			break;
		printf("=%u", d[0]);
		return;
	case XVS_A_FDB_MAC:
	case XVS_A_PORT_MAC:
	case XVS_A_ACL_MAC:
		if (!xnl_mac(a, mac))
			break;
		printf("=%02x:%02x:%02x:%02x:%02x:%02x",
		       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		return;
	case XVS_A_FDB_VLAN:
	case XVS_A_PORT_VLAN_ID:
	case XVS_A_PORT_VLAN_NATIVE:
		if (!xnl_u16(a, &v16))
			break;
		printf("=%u", v16);
		return;
	case XVS_A_EVENT_SEQ:
	case XVS_A_PORT_RATE:
	case XVS_A_ACL_PACKETS:
	case XVS_A_ACL_BYTES:
		if (!xnl_u64(a, &v64))
			break;
		printf("=%llu", (unsigned long long)v64);
		return;
	default:
		if (!xnl_u32(a, &v32))
			break;
		printf("=%u", v32);
		return;
	}
	fputs("=0x", stdout);
	for (int i = 0; i < nla_len(a); i++)
		printf("%02x", d[i]);
}

/* Dry run: "COMMAND [dump] ATTR=VALUE ..." of a request, on stdout. */
static void print_request(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	const char *name = cmd_name(g->cmd);
	struct nlattr *a;
	int rem;

	if (name)
		fputs(name, stdout);
	else
		printf("%u", g->cmd);
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		fputs(" dump", stdout);
	nla_for_each_attr(a, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), rem) {
		name = attr_name(nla_type(a));
		putchar(' ');
		if (name)
			fputs(name, stdout);
		else
			printf("%u", nla_type(a));
		print_request_attr(a);
	}
	putchar('\n');
}

int xnl_change(struct xnl *n, struct nl_msg *msg, const char *what,
	       xnl_print_fn print)
{
	struct req r = { .n = n, .what = what };
	struct out o;
	int ret;

	if (xnl_dry_run()) {
		print_request(msg);
		nlmsg_free(msg);
		return EXIT_OK;
	}
	out_begin(&o, stdout, opts.json, opts.pretty, false);
	r.o = &o;
	r.print = opts.json ? print : NULL;
	ret = run(&r, msg);
	nlmsg_free(msg);
	if (ret)
		return ret;
	if (r.error) {
		report(&r);
		return EXIT_RUNTIME;
	}
	out_end(&o);
	return EXIT_OK;
}

int xnl_show(struct xnl *n, struct nl_msg *msg, const char *what,
	     xnl_print_fn print)
{
	bool dump = nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP;
	int ret = EXIT_RUNTIME;

	if (xnl_dry_run()) {
		print_request(msg);
		nlmsg_free(msg);
		return EXIT_OK;
	}
	for (int try = 0; try < DUMP_TRIES; try++) {
		struct req r = { .n = n, .what = what, .print = print };
		struct nl_msg *copy = nlmsg_convert(nlmsg_hdr(msg));
		char *buf = NULL;
		size_t len = 0;
		struct out o;
		FILE *f;

		if (!copy)
			oom();
		f = open_memstream(&buf, &len);
		if (!f)
			oom();
		out_begin(&o, f, opts.json, opts.pretty, true);
		r.o = &o;
		ret = run(&r, copy);
		out_end(&o);
		fclose(f);
		nlmsg_free(copy);
		if (ret == EXIT_OK && r.error) {
			report(&r);
			ret = EXIT_RUNTIME;
		}
		if (ret == EXIT_OK && dump && r.intr) {
			if (getenv("XVSCTL_DEBUG"))
				fprintf(stderr, "xvsctl: %s: dump interrupted (NLM_F_DUMP_INTR), reading it again\n",
					what);
			free(buf);
			ret = EXIT_RUNTIME;
			continue;
		}
		if (ret == EXIT_OK)
			fwrite(buf, 1, len, stdout);
		free(buf);
		nlmsg_free(msg);
		return ret;
	}
	fprintf(stderr,
		"xvsctl: %s: the listing changed while it was read, %d times in a row (NLM_F_DUMP_INTR); giving up\n",
		what, DUMP_TRIES);
	nlmsg_free(msg);
	return EXIT_RUNTIME;
}

int xnl_collect(struct xnl *n, struct nl_msg *msg, const char *what,
		xnl_each_fn each, void *arg, int *kerr)
{
	bool dump = nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP;
	int ret = EXIT_RUNTIME;

	if (kerr)
		*kerr = 0;
	if (xnl_dry_run()) {
		print_request(msg);
		nlmsg_free(msg);
		return EXIT_OK;
	}
	for (int try = 0; try < DUMP_TRIES; try++) {
		struct req r = { .n = n, .what = what, .each = each, .arg = arg };
		struct nl_msg *copy = nlmsg_convert(nlmsg_hdr(msg));

		if (!copy)
			oom();
		if (try)
			each(arg, NULL);
		ret = run(&r, copy);
		nlmsg_free(copy);
		if (ret == EXIT_OK && r.error) {
			if (kerr) {
				*kerr = r.error;
			} else {
				report(&r);
				ret = EXIT_RUNTIME;
			}
		}
		if (ret == EXIT_OK && !r.error && dump && r.intr) {
			if (getenv("XVSCTL_DEBUG"))
				fprintf(stderr, "xvsctl: %s: dump interrupted (NLM_F_DUMP_INTR), reading it again\n",
					what);
			ret = EXIT_RUNTIME;
			continue;
		}
		nlmsg_free(msg);
		return ret;
	}
	fprintf(stderr,
		"xvsctl: %s: the listing changed while it was read, %d times in a row (NLM_F_DUMP_INTR); giving up\n",
		what, DUMP_TRIES);
	nlmsg_free(msg);
	return EXIT_RUNTIME;
}

void xnl_big_buffers(struct xnl *n, int bytes)
{
	if (!n->sk)
		return;
	(void)nl_socket_set_buffer_size(n->sk, bytes, bytes);
	(void)nl_socket_set_msg_buf_size(n->sk, bytes);
}

int xnl_request(struct xnl *n, struct nl_msg *msg, const char *what,
		xnl_each_msg_fn each_msg, void *arg)
{
	struct req r = { .n = n, .what = what, .each_msg = each_msg,
			 .arg = arg };
	int ret;

	if (xnl_dry_run()) {
		print_request(msg);
		nlmsg_free(msg);
		return EXIT_OK;
	}
	ret = run(&r, msg);
	nlmsg_free(msg);
	if (ret)
		return ret;
	if (r.error) {
		report(&r);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
