// SPDX-License-Identifier: GPL-2.0
/*
 * status.c - xvsctl port status and xvsctl switch status: the read-only
 * runtime status the extensions enabled on a switch report of a port or of
 * the switch, one line (or JSON object) per extension that reports any,
 * in stack order.
 */
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

struct status_args {
	const char *sw;
	struct port_ref port;
	bool has_port;
	const char *ext;
};

static void status_item(struct out *o, struct nlattr *item)
{
	struct nlattr *tb[XVS_STATUS_A_MAX + 1];
	const char *key, *text;
	uint64_t v;
	bool has_v;

	if (nla_parse_nested(tb, XVS_STATUS_A_MAX, item, NULL) < 0)
		return;
	key = xnl_str(tb[XVS_STATUS_A_KEY]);
	if (!key)
		return;
	text = xnl_str(tb[XVS_STATUS_A_TEXT]);
	has_v = xnl_u64(tb[XVS_STATUS_A_VALUE], &v);
	if (o->json) {
		json_key(&o->j, key);
		if (has_v)
			json_u64(&o->j, v);
		else
			json_string(&o->j, text);
		return;
	}
	fputc(' ', o->f);
	out_word(o->f, key);
	if (has_v) {
		fprintf(o->f, " %llu", (unsigned long long)v);
	} else {
		fputc(' ', o->f);
		out_word(o->f, text ? text : "");
	}
}

/*
 * port 3 (vm1) ext xvs_macfilter allowed-macs 1 dropped 0
 * switch sw0 ext xvs_null ingress 4 egress 4 properties-seen 2
 */
static void status_print(struct out *o, struct nlattr **tb)
{
	const char *sw = xnl_str(tb[XVS_A_SWITCH_NAME]);
	const char *port = xnl_str(tb[XVS_A_PORT_NAME]);
	const char *ext = xnl_str(tb[XVS_A_EXT_NAME]);
	struct nlattr *nest = tb[XVS_A_STATUS], *item;
	bool has_port_id;
	uint32_t port_id;
	int rem;

	has_port_id = xnl_u32(tb[XVS_A_PORT_ID], &port_id);
	if (o->json) {
		struct json *j = &o->j;

		out_obj_begin(o);
		if (sw)
			json_kv_string(j, "switch", sw);
		if (has_port_id)
			json_kv_u64(j, "port_id", port_id);
		if (port)
			json_kv_string(j, "port", port);
		if (ext)
			json_kv_string(j, "ext", ext);
		json_key(j, "status");
		json_obj_open(j);
		if (nest)
			nla_for_each_nested(item, nest, rem)
				if (nla_type(item) == XVS_A_STATUS_ITEM)
					status_item(o, item);
		json_obj_close(j);
		out_obj_end(o);
		return;
	}
	if (has_port_id || port) {
		fputs("port", o->f);
		if (has_port_id)
			fprintf(o->f, " %u", port_id);
		if (port) {
			fputs(" (", o->f);
			out_word(o->f, port);
			fputc(')', o->f);
		}
	} else {
		fputs("switch ", o->f);
		out_word(o->f, sw ? sw : "?");
	}
	fputs(" ext ", o->f);
	out_word(o->f, ext ? ext : "?");
	if (nest)
		nla_for_each_nested(item, nest, rem)
			if (nla_type(item) == XVS_A_STATUS_ITEM)
				status_item(o, item);
	fputc('\n', o->f);
}

int do_status(struct args *a, bool on_port)
{
	struct status_args s = { 0 };
	bool seen_ext = false;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	s.sw = args_next(a, "switch name");
	check_ifname(a->usage, "switch name", s.sw);
	if (on_port) {
		parse_port_ref(a->usage, args_next(a, "port"), &s.port);
		s.has_port = true;
	}
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "ext")) {
			s.ext = args_value(a, kw, &seen_ext);
			check_ext_name(a->usage, s.ext);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_STATUS_GET, NLM_F_DUMP);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, s.sw);
	if (s.has_port)
		put_port_ref(msg, &s.port);
	if (s.ext)
		xnl_put_str(msg, XVS_A_EXT_NAME, s.ext);
	ret = xnl_show(&n, msg, on_port ? "port status" : "switch status",
		       status_print);
	xnl_close(&n);
	return ret;
}
