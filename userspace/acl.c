// SPDX-License-Identifier: GPL-2.0
/*
 * acl.c - xvsctl acl add|del|show: the ACL rules of a port. A rule has a
 * direction (in: toward the VM or container behind the port; out: what it
 * sends; both), an action (allow, deny, meter), a side (local: the port's
 * own address; remote: the other end) and an address (a MAC address, an
 * IPv4 or IPv6 prefix, or none: every frame). The longest prefix that
 * matches a frame decides; every rule counts the frames it decided.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <string.h>
#include <sys/socket.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

#define ACL_RULE \
	"dir in|out|both action allow|deny|meter\n" \
	"              [local|remote] [mac MAC | ip PREFIX]\n"

void acl_usage(FILE *f)
{
	fputs("Usage: xvsctl acl add SW PORT " ACL_RULE
	      "       xvsctl acl del SW PORT " ACL_RULE
	      "       xvsctl acl del SW PORT all\n"
	      "       xvsctl acl show SW PORT\n"
	      "       xvsctl acl help\n"
	      "PORT is a port id (digits only) or a port name. in is traffic toward\n"
	      "the VM or container behind the port, out the traffic it sends; local\n"
	      "is its own address (the source of out, the destination of in), remote\n"
	      "(the default) the other end's. PREFIX is an IPv4 or IPv6 prefix like\n"
	      "10.0.0.0/8 or 2001:db8::/32 (an address alone: the full length; the\n"
	      "bits past the length must be zero); no mac or ip: every frame. The\n"
	      "longest prefix that matches decides (IP, then MAC, then no address;\n"
	      "deny, then allow, then meter between equals); meter lets frames\n"
	      "through and counts them. del deletes the rule equal to the one given,\n"
	      "or every rule with all. show lists the rules with the frames (packets)\n"
	      "and bytes each decided.\n",
	      f);
}

static const struct word acl_cmds[] = {
	{ "add", CMD_ADD },
	{ "del", CMD_DEL },
	{ "delete", CMD_DEL },
	{ "show", CMD_SHOW },
	{ "list", CMD_SHOW },
	{ "ls", CMD_SHOW },
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

static const struct word acl_dirs[] = {
	{ "in", XVS_ACL_DIR_IN },
	{ "out", XVS_ACL_DIR_OUT },
	{ "both", XVS_ACL_DIR_BOTH },
	{ NULL, 0 },
};

static const struct word acl_actions[] = {
	{ "allow", XVS_ACL_ALLOW },
	{ "deny", XVS_ACL_DENY },
	{ "meter", XVS_ACL_METER },
	{ NULL, 0 },
};

static const char *const dir_names[] = {
	[XVS_ACL_DIR_IN] = "in",
	[XVS_ACL_DIR_OUT] = "out",
	[XVS_ACL_DIR_BOTH] = "both",
};

static const char *const action_names[] = {
	[XVS_ACL_ALLOW] = "allow",
	[XVS_ACL_DENY] = "deny",
	[XVS_ACL_METER] = "meter",
};

/* What the command line says of a rule. */
struct acl_args {
	const char *sw;
	struct port_ref port;
	bool all;
	int dir, action;	/* -1: not given */
	int side;		/* -1 not given, 0 remote, 1 local */
	bool has_mac;
	uint8_t mac[6];
	int family;		/* 0: no ip, AF_INET, AF_INET6 */
	uint8_t addr[16];
	int plen;		/* -1: not given (the full length) */
};

/* ADDR or ADDR/LEN, IPv4 or IPv6. */
static void parse_prefix(usage_fn usage, const char *s, struct acl_args *r)
{
	const char *slash = strchr(s, '/');
	char buf[INET6_ADDRSTRLEN + 1];
	size_t len = slash ? (size_t)(slash - s) : strlen(s);

	if (!len || len >= sizeof(buf))
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	r->family = strchr(buf, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(r->family, buf, r->addr) != 1)
		goto bad;
	r->plen = -1;
	if (slash)
		r->plen = (int)check_u32(usage,
					 r->family == AF_INET ? "IPv4 prefix length" :
					 "IPv6 prefix length", slash + 1, 0,
					 r->family == AF_INET ? 32 : 128);
	return;
bad:
	usage_error(usage,
		    "ip \"%s\" is not an IPv4 or IPv6 prefix (like 10.0.0.0/8, 10.0.0.1 or 2001:db8::/32)",
		    s);
}

static int parse_word(struct args *a, const char *kw, bool *seen,
		      const struct word *words, const char *expected)
{
	const char *v = args_value(a, kw, seen);
	int id = match_word(v, words);

	if (id < 0)
		usage_error(a->usage, "%s \"%s\" is not valid (expected %s)",
			    kw, v, expected);
	return id;
}

static void parse_acl_args(struct args *a, int cmd, struct acl_args *r)
{
	bool seen_dir = false, seen_action = false, seen_addr = false;

	r->dir = r->action = r->side = r->plen = -1;
	r->sw = args_next(a, "switch name");
	check_ifname(a->usage, "switch name", r->sw);
	parse_port_ref(a->usage, args_next(a, "port"), &r->port);
	if (cmd == CMD_SHOW) {
		args_end(a);
		return;
	}
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "dir")) {
			r->dir = parse_word(a, kw, &seen_dir, acl_dirs,
					    "in, out or both");
		} else if (!strcmp(kw, "action")) {
			r->action = parse_word(a, kw, &seen_action, acl_actions,
					       "allow, deny or meter");
		} else if (!strcmp(kw, "local") || !strcmp(kw, "remote")) {
			if (r->side >= 0)
				usage_error(a->usage,
					    "\"%s\": the side is given already (local or remote, once)",
					    kw);
			r->side = !strcmp(kw, "local");
		} else if (!strcmp(kw, "mac")) {
			if (seen_addr)
				usage_error(a->usage,
					    "a rule has one address: mac MAC or ip PREFIX, once");
			check_mac(a->usage, "MAC address",
				  args_value(a, kw, &seen_addr), r->mac);
			r->has_mac = true;
		} else if (!strcmp(kw, "ip")) {
			if (seen_addr)
				usage_error(a->usage,
					    "a rule has one address: mac MAC or ip PREFIX, once");
			parse_prefix(a->usage, args_value(a, kw, &seen_addr), r);
		} else if (cmd == CMD_DEL && !strcmp(kw, "all")) {
			if (r->all)
				usage_error(a->usage, "\"all\" given twice");
			r->all = true;
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (r->all) {
		if (seen_dir || seen_action || r->side >= 0 || seen_addr)
			usage_error(a->usage,
				    "\"all\" deletes every rule of the port: give no rule with it");
		return;
	}
	if (!seen_dir)
		usage_error(a->usage, "missing \"dir in|out|both\"");
	if (!seen_action)
		usage_error(a->usage, "missing \"action allow|deny|meter\"");
	if (r->side == 1 && !seen_addr)
		usage_error(a->usage,
			    "\"local\" needs an address (mac MAC or ip PREFIX): a rule without one matches every frame");
}

static int acl_change(struct args *a, int cmd)
{
	struct acl_args r = { 0 };
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	parse_acl_args(a, cmd, &r);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, cmd == CMD_ADD ? XVS_CMD_ACL_ADD : XVS_CMD_ACL_DEL,
		      NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, r.sw);
	put_port_ref(msg, &r.port);
	if (r.all) {
		xnl_put_flag(msg, XVS_A_ACL_ALL);
	} else {
		xnl_put_u32(msg, XVS_A_ACL_DIR, (uint32_t)r.dir);
		xnl_put_u32(msg, XVS_A_ACL_ACTION, (uint32_t)r.action);
		if (r.side == 1)
			xnl_put_flag(msg, XVS_A_ACL_LOCAL);
		if (r.has_mac)
			xnl_put_mac(msg, XVS_A_ACL_MAC, r.mac);
		if (r.family)
			xnl_put_bin(msg, r.family == AF_INET ? XVS_A_ACL_IPV4 :
				    XVS_A_ACL_IPV6, r.addr,
				    r.family == AF_INET ? 4 : 16);
		if (r.plen >= 0) {
			uint8_t plen = (uint8_t)r.plen;

			xnl_put_bin(msg, XVS_A_ACL_PREFIX_LEN, &plen, 1);
		}
	}
	ret = xnl_change(&n, msg, cmd == CMD_ADD ? "acl add" : "acl del", NULL);
	xnl_close(&n);
	return ret;
}

static const char *table_name(const char *const *tbl, size_t n, uint32_t v,
			      char *buf)
{
	return name_or_number(v < n ? tbl[v] : NULL, v, buf);
}

/* The rule's address as text: a MAC, PREFIX/LEN, or NULL (none). */
static const char *acl_addr(struct nlattr **tb, char *buf, size_t size,
			    bool *is_mac)
{
	const struct nlattr *a4 = tb[XVS_A_ACL_IPV4], *a6 = tb[XVS_A_ACL_IPV6];
	const struct nlattr *pl = tb[XVS_A_ACL_PREFIX_LEN];
	char ip[INET6_ADDRSTRLEN];
	uint8_t mac[6];

	*is_mac = false;
	if (xnl_mac(tb[XVS_A_ACL_MAC], mac)) {
		*is_mac = true;
		snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x",
			 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		return buf;
	}
	if ((a4 && nla_len(a4) == 4 &&
	     inet_ntop(AF_INET, nla_data(a4), ip, sizeof(ip))) ||
	    (a6 && nla_len(a6) == 16 &&
	     inet_ntop(AF_INET6, nla_data(a6), ip, sizeof(ip)))) {
		if (pl && nla_len(pl) >= 1)
			snprintf(buf, size, "%s/%u", ip,
				 *(const uint8_t *)nla_data(pl));
		else
			snprintf(buf, size, "%s", ip);
		return buf;
	}
	return NULL;
}

/*
 * dir in action deny remote ip 10.0.0.0/8 packets 3 bytes 294
 * dir both action meter packets 0 bytes 0
 */
static void acl_print(struct out *o, struct nlattr **tb)
{
	char dbuf[24], abuf[24], addr[INET6_ADDRSTRLEN + 8];
	const char *side = tb[XVS_A_ACL_LOCAL] ? "local" : "remote";
	uint64_t packets = 0, bytes = 0;
	const char *port, *sw, *text;
	uint32_t dir = 0, action = 0, v;
	FILE *f = o->f;
	bool is_mac;

	xnl_u32(tb[XVS_A_ACL_DIR], &dir);
	xnl_u32(tb[XVS_A_ACL_ACTION], &action);
	xnl_u64(tb[XVS_A_ACL_PACKETS], &packets);
	xnl_u64(tb[XVS_A_ACL_BYTES], &bytes);
	text = acl_addr(tb, addr, sizeof(addr), &is_mac);
	if (o->json) {
		struct json *j = &o->j;

		out_obj_begin(o);
		if ((sw = xnl_str(tb[XVS_A_SWITCH_NAME])))
			json_kv_string(j, "switch", sw);
		if (xnl_u32(tb[XVS_A_PORT_ID], &v))
			json_kv_u64(j, "port_id", v);
		if ((port = xnl_str(tb[XVS_A_PORT_NAME])))
			json_kv_string(j, "port", port);
		json_kv_string(j, "dir", table_name(dir_names, ARRAY_SIZE(dir_names),
						    dir, dbuf));
		json_kv_string(j, "action",
			       table_name(action_names, ARRAY_SIZE(action_names),
					  action, abuf));
		json_kv_string(j, "side", text ? side : NULL);
		json_kv_string(j, "mac", text && is_mac ? text : NULL);
		json_kv_string(j, "ip", text && !is_mac ? text : NULL);
		json_kv_u64(j, "packets", packets);
		json_kv_u64(j, "bytes", bytes);
		out_obj_end(o);
		return;
	}
	fprintf(f, "dir %s action %s",
		table_name(dir_names, ARRAY_SIZE(dir_names), dir, dbuf),
		table_name(action_names, ARRAY_SIZE(action_names), action, abuf));
	if (text)
		fprintf(f, " %s %s %s", side, is_mac ? "mac" : "ip", text);
	fprintf(f, " packets %" PRIu64 " bytes %" PRIu64 "\n", packets, bytes);
}

static int acl_show(struct args *a)
{
	struct acl_args r = { 0 };
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	parse_acl_args(a, CMD_SHOW, &r);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_ACL_GET, NLM_F_DUMP);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, r.sw);
	put_port_ref(msg, &r.port);
	ret = xnl_show(&n, msg, "acl show", acl_print);
	xnl_close(&n);
	return ret;
}

int do_acl(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = acl_usage };
	int cmd;

	if (argc < 1)
		usage_error(acl_usage, "missing acl command");
	if (is_help(argv[0])) {
		acl_usage(stdout);
		return EXIT_OK;
	}
	cmd = match_command(argv[0], acl_cmds, acl_usage, "acl");
	switch (cmd) {
	case CMD_ADD:
	case CMD_DEL:
		return acl_change(&a, cmd);
	case CMD_SHOW:
		return acl_show(&a);
	default:
		acl_usage(stdout);
		return EXIT_OK;
	}
}
