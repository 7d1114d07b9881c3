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
	      "       xvsctl switch set NAME type " SWITCH_TYPE_WORDS " [uplink DEV]\n"
	      "       xvsctl switch del NAME\n"
	      "       xvsctl switch show [NAME]\n"
	      "       xvsctl switch help\n"
	      "An external switch needs an uplink DEV; uplink alone implies type external.\n",
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
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

static void switch_print(struct out *o, struct nlattr **tb)
{
	const char *name = xnl_str(tb[XVS_A_SWITCH_NAME]);
	const char *uplink = xnl_str(tb[XVS_A_SWITCH_UPLINK]);
	uint32_t ifindex, id, type, ports;
	bool has_ifindex = xnl_u32(tb[XVS_A_SWITCH_IFINDEX], &ifindex);
	bool has_id = xnl_u32(tb[XVS_A_SWITCH_ID], &id);
	bool has_type = xnl_u32(tb[XVS_A_SWITCH_TYPE], &type);
	bool has_ports = xnl_u32(tb[XVS_A_SWITCH_PORTS], &ports);
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
	fputc('\n', o->f);
}

/* [type TYPE] [uplink DEV] of add and set. */
static void parse_type_uplink(struct args *a, bool type_required, int *type,
			      const char **uplink)
{
	bool seen_type = false, seen_uplink = false;

	*type = -1;
	*uplink = NULL;
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];
		const char *v;

		if (!strcmp(kw, "type")) {
			v = args_value(a, kw, &seen_type);
			*type = switch_type_parse(v);
			if (*type < 0)
				usage_error(a->usage,
					    "unknown switch type \"%s\" (expected %s)",
					    v, SWITCH_TYPE_WORDS);
		} else if (!strcmp(kw, "uplink")) {
			*uplink = args_value(a, kw, &seen_uplink);
			check_ifname(a->usage, "uplink device name", *uplink);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (*type < 0 && *uplink)
		*type = XVS_SWITCH_EXTERNAL;
	if (*type < 0 && type_required)
		usage_error(a->usage, "missing \"type %s\"", SWITCH_TYPE_WORDS);
	if (*type == XVS_SWITCH_EXTERNAL && !*uplink)
		usage_error(a->usage, "an external switch needs \"uplink DEV\"");
	if (*type >= 0 && *type != XVS_SWITCH_EXTERNAL && *uplink)
		usage_error(a->usage, "\"uplink\" goes only with type external");
}

static int switch_add_set(struct args *a, bool add)
{
	const char *name = args_next(a, "switch name");
	const char *uplink;
	struct nl_msg *msg;
	struct xnl n;
	int type, ret;

	check_ifname(a->usage, "switch name", name);
	parse_type_uplink(a, !add, &type, &uplink);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, add ? XVS_CMD_SWITCH_NEW : XVS_CMD_SWITCH_SET, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, name);
	if (type >= 0)
		xnl_put_u32(msg, XVS_A_SWITCH_TYPE, type);
	if (uplink)
		xnl_put_str(msg, XVS_A_SWITCH_UPLINK, uplink);
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
	default:
		switch_usage(stdout);
		return EXIT_OK;
	}
}
