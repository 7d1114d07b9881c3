// SPDX-License-Identifier: GPL-2.0
/*
 * port.c - xvsctl port add|set|del|show, and what other objects need of
 * ports: PORT on the command line, printing a port.
 */
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

void port_usage(FILE *f)
{
	fputs("Usage: xvsctl port add SW NAME [type " PORT_TYPE_WORDS "] [id N]\n"
	      "                       [friendly-name TEXT] [validate]\n"
	      "       xvsctl port set SW PORT [friendly-name TEXT] POLICY...\n"
	      "       xvsctl port validate SW POLICY...\n"
	      "       xvsctl port del SW PORT\n"
	      "       xvsctl [-s] port show [-s] SW [PORT]\n"
	      "       xvsctl port property add|set|del|show SW PORT ...\n"
	      "       xvsctl port status SW PORT [ext NAME]\n"
	      "       xvsctl port help\n"
	      "PORT is a port id (digits only) or a port name. -s (--stats) adds the\n"
	      "port's traffic counters. 'xvsctl port property help' tells about\n"
	      "custom properties. status shows what the enabled extensions report of\n"
	      "the port (of the one extension NAME, with ext).\n"
	      "POLICY is any of: vlan access ID | vlan trunk ALLOWED [native ID] |\n"
	      "  vlan none; mac MAC|none; spoof-guard on|off; dhcp-guard on|off;\n"
	      "  router-guard on|off; isolated on|off; rate BITS[k|m|g] [burst BYTES] |\n"
	      "  rate none; storm bcast|mcast|unknown PPS | storm none;\n"
	      "  mirror none|source|destination. ALLOWED is like 10,20-30.\n"
	      "validate checks policies on a temporary validation port (extensions\n"
	      "may veto them) and deletes it again.\n",
	      f);
}

static const struct word port_cmds[] = {
	{ "add", CMD_ADD },
	{ "set", CMD_SET },
	{ "validate", CMD_VALIDATE },
	{ "del", CMD_DEL },
	{ "delete", CMD_DEL },
	{ "show", CMD_SHOW },
	{ "list", CMD_SHOW },
	{ "ls", CMD_SHOW },
	{ "property", CMD_PROPERTY },
	{ "status", CMD_STATUS },
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

static uint32_t parse_port_id(usage_fn usage, const char *s)
{
	if (all_digits(s) && !s[strspn(s, "0")])
		usage_error(usage, "port id 0 is reserved (ids are 1..%u)", UINT32_MAX);
	return check_u32(usage, "port id", s, 1, UINT32_MAX);
}

static void check_port_name(usage_fn usage, const char *s)
{
	check_len(usage, "port name", s, XVS_PORT_NAME_LEN - 1, false);
}

void parse_port_ref(usage_fn usage, const char *s, struct port_ref *p)
{
	if (all_digits(s)) {
		p->id = parse_port_id(usage, s);
		p->name = NULL;
	} else {
		check_port_name(usage, s);
		p->id = 0;
		p->name = s;
	}
}

void put_port_ref(struct nl_msg *msg, const struct port_ref *p)
{
	if (p->id)
		xnl_put_u32(msg, XVS_A_PORT_ID, p->id);
	else
		xnl_put_str(msg, XVS_A_PORT_NAME, p->name);
}

static void port_print_json(struct out *o, struct nlattr **tb)
{
	const char *friendly = xnl_str(tb[XVS_A_PORT_FRIENDLY_NAME]);
	const char *s;
	struct json *j = &o->j;
	uint32_t v;
	char buf[24];

	out_obj_begin(o);
	if ((s = xnl_str(tb[XVS_A_SWITCH_NAME])))
		json_kv_string(j, "switch", s);
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		json_kv_u64(j, "id", v);
	if ((s = xnl_str(tb[XVS_A_PORT_NAME])))
		json_kv_string(j, "name", s);
	json_kv_string(j, "friendly_name", friendly ? friendly : "");
	if (xnl_u32(tb[XVS_A_PORT_TYPE], &v))
		json_kv_string(j, "type", name_or_number(port_type_name(v), v, buf));
	json_kv_bool(j, "validation", tb[XVS_A_PORT_VALIDATION] != NULL);
	if (xnl_u32(tb[XVS_A_PORT_STATE], &v))
		json_kv_string(j, "state", name_or_number(state_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_PORT_REFCNT], &v))
		json_kv_u64(j, "refcnt", v);
	if (tb[XVS_A_NIC_INDEX] || tb[XVS_A_NIC_IFNAME] || tb[XVS_A_NIC_IFINDEX]) {
		json_key(j, "nic");
		json_obj_open(j);
		if (xnl_u32(tb[XVS_A_NIC_INDEX], &v))
			json_kv_u64(j, "index", v);
		if ((s = xnl_str(tb[XVS_A_NIC_IFNAME])))
			json_kv_string(j, "ifname", s);
		if (xnl_u32(tb[XVS_A_NIC_IFINDEX], &v))
			json_kv_u64(j, "ifindex", v);
		if (xnl_u32(tb[XVS_A_NIC_REFCNT], &v))
			json_kv_u64(j, "refcnt", v);
		json_obj_close(j);
	} else {
		json_kv_null(j, "nic");
	}
	policy_print(o, tb);
	stats_print(o, tb[XVS_A_STATS]);
	out_obj_end(o);
}

/* port 3 name vm1 type vm state nic-connected refs 0 nic tap0 (ifindex 7) */
void port_print(struct out *o, struct nlattr **tb)
{
	const char *name = xnl_str(tb[XVS_A_PORT_NAME]);
	const char *friendly = xnl_str(tb[XVS_A_PORT_FRIENDLY_NAME]);
	const char *ifname = xnl_str(tb[XVS_A_NIC_IFNAME]);
	FILE *f = o->f;
	uint32_t v;
	char buf[24];

	if (o->json) {
		port_print_json(o, tb);
		return;
	}
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		fprintf(f, "port %u", v);
	else
		fputs("port ?", f);
	if (name) {
		fputs(" name ", f);
		out_word(f, name);
	}
	if (xnl_u32(tb[XVS_A_PORT_TYPE], &v))
		fprintf(f, " type %s", name_or_number(port_type_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_PORT_STATE], &v))
		fprintf(f, " state %s", name_or_number(state_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_PORT_REFCNT], &v))
		fprintf(f, " refs %u", v);
	if (tb[XVS_A_NIC_INDEX] || ifname || tb[XVS_A_NIC_IFINDEX]) {
		fputs(" nic ", f);
		out_word(f, ifname ? ifname : "?");
		if (xnl_u32(tb[XVS_A_NIC_IFINDEX], &v))
			fprintf(f, " (ifindex %u)", v);
	}
	if (friendly && *friendly) {
		fputs(" friendly-name ", f);
		out_word(f, friendly);
	}
	if (tb[XVS_A_PORT_VALIDATION])
		fputs(" validation", f);
	fputc('\n', f);
	policy_print(o, tb);
	stats_print(o, tb[XVS_A_STATS]);
}

static void check_friendly(usage_fn usage, const char *s)
{
	check_len(usage, "friendly name", s, XVS_FRIENDLY_NAME_LEN - 1, true);
}

static int port_add(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	const char *name = args_next(a, "port name");
	bool seen_type = false, seen_id = false, seen_friendly = false;
	bool validate = false;
	const char *friendly = NULL;
	struct nl_msg *msg;
	uint32_t id = 0;
	struct xnl n;
	int type = -1;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	check_port_name(a->usage, name);
	if (all_digits(name))
		usage_error(a->usage,
			    "port name \"%s\" is all digits: it would read as a port id",
			    name);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];
		const char *v;

		if (!strcmp(kw, "type")) {
			v = args_value(a, kw, &seen_type);
			type = port_type_parse(v);
			if (type < 0)
				usage_error(a->usage,
					    "unknown port type \"%s\" (expected %s)",
					    v, PORT_TYPE_WORDS);
		} else if (!strcmp(kw, "id")) {
			id = parse_port_id(a->usage, args_value(a, kw, &seen_id));
		} else if (!strcmp(kw, "friendly-name")) {
			friendly = args_value(a, kw, &seen_friendly);
			check_friendly(a->usage, friendly);
		} else if (!strcmp(kw, "validate")) {
			if (validate)
				usage_error(a->usage, "\"validate\" given twice");
			validate = true;
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PORT_NEW, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_str(msg, XVS_A_PORT_NAME, name);
	if (id)
		xnl_put_u32(msg, XVS_A_PORT_ID, id);
	if (type >= 0)
		xnl_put_u32(msg, XVS_A_PORT_TYPE, type);
	if (friendly)
		xnl_put_str(msg, XVS_A_PORT_FRIENDLY_NAME, friendly);
	if (validate)
		xnl_put_flag(msg, XVS_A_PORT_VALIDATION);
	ret = xnl_change(&n, msg, "port add", port_print);
	xnl_close(&n);
	return ret;
}

static int port_set(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	const char *friendly = NULL;
	bool seen_friendly = false;
	struct policy_req pol;
	struct port_ref port;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	policy_init(&pol);
	check_ifname(a->usage, "switch name", sw);
	parse_port_ref(a->usage, args_next(a, "port"), &port);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "friendly-name")) {
			friendly = args_value(a, kw, &seen_friendly);
			check_friendly(a->usage, friendly);
		} else if (!policy_keyword(a, kw, &pol)) {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (!friendly && !pol.any)
		usage_error(a->usage, "nothing to set (give \"friendly-name TEXT\" or a policy)");
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PORT_SET, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	put_port_ref(msg, &port);
	if (friendly)
		xnl_put_str(msg, XVS_A_PORT_FRIENDLY_NAME, friendly);
	policy_put(msg, &pol);
	ret = xnl_change(&n, msg, "port set", port_print);
	xnl_close(&n);
	return ret;
}

/*
 * port validate SW POLICY...: a validation port gets the policies (the
 * switch and its extensions check them), is shown, and is deleted again.
 */
static int port_validate(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct policy_req pol;
	struct nl_msg *msg;
	struct xnl n;
	char name[XVS_PORT_NAME_LEN];
	int ret, del;

	policy_init(&pol);
	check_ifname(a->usage, "switch name", sw);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!policy_keyword(a, kw, &pol))
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
	}
	if (!pol.any)
		usage_error(a->usage, "nothing to validate (give a policy)");
	snprintf(name, sizeof(name), "validate-%ld", (long)getpid());
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PORT_NEW, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_str(msg, XVS_A_PORT_NAME, name);
	xnl_put_flag(msg, XVS_A_PORT_VALIDATION);
	ret = xnl_change(&n, msg, "port validate (creating the validation port)",
			 NULL);
	if (ret) {
		xnl_close(&n);
		return ret;
	}
	msg = xnl_msg(&n, XVS_CMD_PORT_SET, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_str(msg, XVS_A_PORT_NAME, name);
	policy_put(msg, &pol);
	ret = xnl_change(&n, msg, "port validate", port_print);
	msg = xnl_msg(&n, XVS_CMD_PORT_DEL, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_str(msg, XVS_A_PORT_NAME, name);
	del = xnl_change(&n, msg, "port validate (deleting the validation port)",
			 NULL);
	xnl_close(&n);
	if (!ret && !del && !xnl_dry_run() && !opts.json)
		printf("policies valid on switch %s\n", sw);
	return ret ? ret : del;
}

static int port_del(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct port_ref port;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	parse_port_ref(a->usage, args_next(a, "port"), &port);
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PORT_DEL, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	put_port_ref(msg, &port);
	ret = xnl_change(&n, msg, "port del", NULL);
	xnl_close(&n);
	return ret;
}

static int port_show(struct args *a)
{
	const char *sw;
	struct port_ref port = { 0 };
	bool one = false;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	args_show_options(a);
	sw = args_next(a, "switch name");
	check_ifname(a->usage, "switch name", sw);
	if (args_more(a)) {
		parse_port_ref(a->usage, args_next(a, "port"), &port);
		one = true;
	}
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PORT_GET, one ? NLM_F_ACK : NLM_F_DUMP);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	if (one)
		put_port_ref(msg, &port);
	ret = xnl_show(&n, msg, "port show", port_print);
	xnl_close(&n);
	return ret;
}

int do_port(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = port_usage };

	if (argc < 1)
		usage_error(port_usage, "missing port command");
	if (is_help(argv[0])) {
		port_usage(stdout);
		return EXIT_OK;
	}
	switch (match_command(argv[0], port_cmds, port_usage, "port")) {
	case CMD_ADD:
		return port_add(&a);
	case CMD_SET:
		return port_set(&a);
	case CMD_VALIDATE:
		return port_validate(&a);
	case CMD_DEL:
		return port_del(&a);
	case CMD_SHOW:
		return port_show(&a);
	case CMD_PROPERTY:
		return do_property(&a, true);
	case CMD_STATUS:
		return do_status(&a, true);
	default:
		port_usage(stdout);
		return EXIT_OK;
	}
}
