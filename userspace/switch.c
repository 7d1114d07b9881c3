// SPDX-License-Identifier: GPL-2.0
/*
 * switch.c - xvsctl switch add|set|del|show.
 */
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

void switch_usage(FILE *f)
{
	fputs("Usage: xvsctl switch add NAME [type " SWITCH_TYPE_WORDS "] [uplink DEV]\n"
	      "       xvsctl switch set NAME [type " SWITCH_TYPE_WORDS "] [uplink DEV]\n"
	      "                              [ageing SECONDS] [learn-limit N]\n"
	      "       xvsctl switch del NAME\n"
	      "       xvsctl [-s] switch show [-s] [NAME]\n"
	      "       xvsctl switch property add|set|del|show NAME ...\n"
	      "       xvsctl switch status NAME [ext EXT]\n"
	      "       xvsctl switch help\n"
	      "An external switch needs an uplink DEV; uplink alone implies type external.\n"
	      "ageing: seconds a learned FDB entry lives without traffic (0..1000000,\n"
	      "0 = never ages); learn-limit: most learned FDB entries (0..1048576,\n"
	      "0 = no limit). -s (--stats) adds the switch's traffic counters.\n"
	      "'xvsctl switch property help' tells about custom properties. status\n"
	      "shows what the enabled extensions report of the switch (of the one\n"
	      "extension EXT, with ext).\n",
	      f);
}

static const struct word switch_cmds[] = {
	{ "add", CMD_ADD },
	{ "set", CMD_SET },
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

static void switch_print(struct out *o, struct nlattr **tb)
{
	const char *name = xnl_str(tb[XVS_A_SWITCH_NAME]);
	const char *uplink = xnl_str(tb[XVS_A_SWITCH_UPLINK]);
	uint32_t ifindex, id, type, ports, ageing, limit, learned;
	bool has_ifindex = xnl_u32(tb[XVS_A_SWITCH_IFINDEX], &ifindex);
	bool has_id = xnl_u32(tb[XVS_A_SWITCH_ID], &id);
	bool has_type = xnl_u32(tb[XVS_A_SWITCH_TYPE], &type);
	bool has_ports = xnl_u32(tb[XVS_A_SWITCH_PORTS], &ports);
	bool has_ageing = xnl_u32(tb[XVS_A_SWITCH_AGEING], &ageing);
	bool has_limit = xnl_u32(tb[XVS_A_SWITCH_LEARN_LIMIT], &limit);
	bool has_learned = xnl_u32(tb[XVS_A_SWITCH_FDB_LEARNED], &learned);
	char buf[24];
	const char *type_s = has_type ? name_or_number(switch_type_name(type), type, buf) : NULL;

	if (o->json) {
		struct json *j = &o->j;

		out_obj_begin(o);
		if (name)
			json_kv_string(j, "name", name);
		if (has_ifindex)
			json_kv_u64(j, "ifindex", ifindex);
		if (has_id)
			json_kv_u64(j, "id", id);
		if (type_s)
			json_kv_string(j, "type", type_s);
		if (uplink)
			json_kv_string(j, "uplink", uplink);
		if (has_ports)
			json_kv_u64(j, "ports", ports);
		if (has_ageing)
			json_kv_u64(j, "ageing", ageing);
		if (has_limit)
			json_kv_u64(j, "learn_limit", limit);
		if (has_learned)
			json_kv_u64(j, "fdb_learned", learned);
		stats_print(o, tb[XVS_A_STATS]);
		out_obj_end(o);
		return;
	}
	fputs("switch ", o->f);
	out_word(o->f, name ? name : "?");
	if (has_id)
		fprintf(o->f, " id %u", id);
	if (has_ifindex)
		fprintf(o->f, " ifindex %u", ifindex);
	if (type_s)
		fprintf(o->f, " type %s", type_s);
	if (has_ports)
		fprintf(o->f, " ports %u", ports);
	if (uplink) {
		fputs(" uplink ", o->f);
		out_word(o->f, uplink);
	}
	if (has_ageing)
		fprintf(o->f, " ageing %u", ageing);
	if (has_limit)
		fprintf(o->f, " learn-limit %u", limit);
	if (has_learned)
		fprintf(o->f, " fdb-learned %u", learned);
	fputc('\n', o->f);
	stats_print(o, tb[XVS_A_STATS]);
}

/* What add and set change; -1 / NULL: not given. */
struct switch_conf {
	int type;
	const char *uplink;
	int64_t ageing;
	int64_t learn_limit;
};

/*
 * [type TYPE] [uplink DEV] of add; set also takes [ageing SECONDS]
 * [learn-limit N] and needs at least one of them.
 */
static void parse_switch_conf(struct args *a, bool add, struct switch_conf *c)
{
	bool seen_type = false, seen_uplink = false;
	bool seen_ageing = false, seen_limit = false;

	c->type = -1;
	c->uplink = NULL;
	c->ageing = -1;
	c->learn_limit = -1;
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];
		const char *v;

		if (!strcmp(kw, "type")) {
			v = args_value(a, kw, &seen_type);
			c->type = switch_type_parse(v);
			if (c->type < 0)
				usage_error(a->usage,
					    "unknown switch type \"%s\" (expected %s)",
					    v, SWITCH_TYPE_WORDS);
		} else if (!strcmp(kw, "uplink")) {
			c->uplink = args_value(a, kw, &seen_uplink);
			check_ifname(a->usage, "uplink device name", c->uplink);
		} else if (!add && !strcmp(kw, "ageing")) {
			c->ageing = check_u32(a->usage, "ageing time",
					      args_value(a, kw, &seen_ageing),
					      0, AGEING_MAX);
		} else if (!add && !strcmp(kw, "learn-limit")) {
			c->learn_limit = check_u32(a->usage, "learn limit",
						   args_value(a, kw, &seen_limit),
						   0, LEARN_LIMIT_MAX);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (c->type < 0 && c->uplink)
		c->type = XVS_SWITCH_EXTERNAL;
	if (!add && c->type < 0 && c->ageing < 0 && c->learn_limit < 0)
		usage_error(a->usage,
			    "nothing to set (type, uplink, ageing or learn-limit)");
	if (c->type == XVS_SWITCH_EXTERNAL && !c->uplink)
		usage_error(a->usage, "an external switch needs \"uplink DEV\"");
	if (c->type >= 0 && c->type != XVS_SWITCH_EXTERNAL && c->uplink)
		usage_error(a->usage, "\"uplink\" goes only with type external");
}

static int switch_add_set(struct args *a, bool add)
{
	const char *name = args_next(a, "switch name");
	struct switch_conf c;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", name);
	parse_switch_conf(a, add, &c);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, add ? XVS_CMD_SWITCH_NEW : XVS_CMD_SWITCH_SET, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, name);
	if (c.type >= 0)
		xnl_put_u32(msg, XVS_A_SWITCH_TYPE, c.type);
	if (c.uplink)
		xnl_put_str(msg, XVS_A_SWITCH_UPLINK, c.uplink);
	if (c.ageing >= 0)
		xnl_put_u32(msg, XVS_A_SWITCH_AGEING, (uint32_t)c.ageing);
	if (c.learn_limit >= 0)
		xnl_put_u32(msg, XVS_A_SWITCH_LEARN_LIMIT, (uint32_t)c.learn_limit);
	ret = xnl_change(&n, msg, add ? "switch add" : "switch set", switch_print);
	xnl_close(&n);
	return ret;
}

static int switch_del(struct args *a)
{
	const char *name = args_next(a, "switch name");
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", name);
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_SWITCH_DEL, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, name);
	ret = xnl_change(&n, msg, "switch del", NULL);
	xnl_close(&n);
	return ret;
}

static int switch_show(struct args *a)
{
	const char *name = NULL;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	args_show_options(a);
	if (args_more(a)) {
		name = args_next(a, "switch name");
		check_ifname(a->usage, "switch name", name);
	}
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_SWITCH_GET, name ? NLM_F_ACK : NLM_F_DUMP);
	if (name)
		xnl_put_str(msg, XVS_A_SWITCH_NAME, name);
	ret = xnl_show(&n, msg, "switch show", switch_print);
	xnl_close(&n);
	return ret;
}

int do_switch(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = switch_usage };

	if (argc < 1)
		return switch_show(&a);
	if (is_help(argv[0])) {
		switch_usage(stdout);
		return EXIT_OK;
	}
	switch (match_command(argv[0], switch_cmds, switch_usage, "switch")) {
	case CMD_ADD:
		return switch_add_set(&a, true);
	case CMD_SET:
		return switch_add_set(&a, false);
	case CMD_DEL:
		return switch_del(&a);
	case CMD_SHOW:
		return switch_show(&a);
	case CMD_PROPERTY:
		return do_property(&a, false);
	case CMD_STATUS:
		return do_status(&a, false);
	default:
		switch_usage(stdout);
		return EXIT_OK;
	}
}
