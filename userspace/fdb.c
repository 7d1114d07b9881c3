// SPDX-License-Identifier: GPL-2.0
/*
 * fdb.c - xvsctl fdb add|del|flush|show: a switch's forwarding database,
 * the MAC addresses it learned and the static entries added by hand.
 */
#include <inttypes.h>
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

void fdb_usage(FILE *f)
{
	fputs("Usage: xvsctl fdb add SW MAC port PORT [vlan N]\n"
	      "       xvsctl fdb del SW MAC [vlan N]\n"
	      "       xvsctl fdb flush SW [port PORT] [static]\n"
	      "       xvsctl fdb show SW\n"
	      "       xvsctl fdb help\n"
	      "MAC is six hex bytes, e.g. 52:54:00:12:34:56; PORT a port id (digits\n"
	      "only) or a port name; N a VLAN id 0..4094 (default 0). add makes a\n"
	      "static entry; flush deletes the learned entries (of one port with\n"
	      "port, the static ones too with static).\n",
	      f);
}

static const struct word fdb_cmds[] = {
	{ "add", CMD_ADD },
	{ "del", CMD_DEL },
	{ "delete", CMD_DEL },
	{ "flush", CMD_FLUSH },
	{ "show", CMD_SHOW },
	{ "list", CMD_SHOW },
	{ "ls", CMD_SHOW },
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

static const char *mac_str(const uint8_t mac[6], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

static void fdb_print_json(struct out *o, struct nlattr **tb)
{
	struct json *j = &o->j;
	uint8_t mac[6];
	uint16_t vlan;
	uint32_t v;
	const char *s;
	char buf[18];

	out_obj_begin(o);
	if (xnl_mac(tb[XVS_A_FDB_MAC], mac))
		json_kv_string(j, "mac", mac_str(mac, buf));
	if (xnl_u16(tb[XVS_A_FDB_VLAN], &vlan))
		json_kv_u64(j, "vlan", vlan);
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		json_kv_u64(j, "port_id", v);
	if ((s = xnl_str(tb[XVS_A_PORT_NAME])))
		json_kv_string(j, "port", s);
	json_kv_bool(j, "static", tb[XVS_A_FDB_STATIC] != NULL);
	if (xnl_u32(tb[XVS_A_FDB_AGE], &v))
		json_kv_u64(j, "age_ms", v);
	else
		json_kv_null(j, "age_ms");
	out_obj_end(o);
}

/*
 * 52:54:00:12:34:56 vlan 0 port 3 (vm1) learned age 1.250s
 * 52:54:00:12:34:57 vlan 0 port 4 (vm2) static
 */
static void fdb_print(struct out *o, struct nlattr **tb)
{
	const char *name = xnl_str(tb[XVS_A_PORT_NAME]);
	FILE *f = o->f;
	uint8_t mac[6];
	uint16_t vlan;
	uint32_t v;
	char buf[18];

	if (o->json) {
		fdb_print_json(o, tb);
		return;
	}
	fputs(xnl_mac(tb[XVS_A_FDB_MAC], mac) ? mac_str(mac, buf) : "?", f);
	if (xnl_u16(tb[XVS_A_FDB_VLAN], &vlan))
		fprintf(f, " vlan %u", vlan);
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		fprintf(f, " port %u", v);
	if (name) {
		fputs(" (", f);
		out_word(f, name);
		fputc(')', f);
	}
	fputs(tb[XVS_A_FDB_STATIC] ? " static" : " learned", f);
	if (xnl_u32(tb[XVS_A_FDB_AGE], &v))
		fprintf(f, " age %u.%03us", v / 1000, v % 1000);
	fputc('\n', f);
}

static uint16_t parse_vlan(struct args *a, const char *kw, bool *seen)
{
	return (uint16_t)check_u32(a->usage, "VLAN id", args_value(a, kw, seen),
				   0, VLAN_MAX);
}

/* fdb add SW MAC port PORT [vlan N] | fdb del SW MAC [vlan N] */
static int fdb_add_del(struct args *a, bool add)
{
	const char *sw = args_next(a, "switch name");
	bool seen_port = false, seen_vlan = false;
	struct port_ref port = { 0 };
	struct nl_msg *msg;
	uint16_t vlan = 0;
	uint8_t mac[6];
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	check_mac(a->usage, "MAC address", args_next(a, "MAC address"), mac);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (add && !strcmp(kw, "port"))
			parse_port_ref(a->usage, args_value(a, kw, &seen_port), &port);
		else if (!strcmp(kw, "vlan"))
			vlan = parse_vlan(a, kw, &seen_vlan);
		else
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
	}
	if (add && !seen_port)
		usage_error(a->usage, "missing \"port PORT\"");
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, add ? XVS_CMD_FDB_ADD : XVS_CMD_FDB_DEL, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_mac(msg, XVS_A_FDB_MAC, mac);
	if (seen_vlan)
		xnl_put_u16(msg, XVS_A_FDB_VLAN, vlan);
	if (add)
		put_port_ref(msg, &port);
	ret = xnl_change(&n, msg, add ? "fdb add" : "fdb del", fdb_print);
	xnl_close(&n);
	return ret;
}

/* fdb flush SW [port PORT] [static] */
static int fdb_flush(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	bool seen_port = false, with_static = false;
	struct port_ref port = { 0 };
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "port")) {
			parse_port_ref(a->usage, args_value(a, kw, &seen_port), &port);
		} else if (!strcmp(kw, "static")) {
			if (with_static)
				usage_error(a->usage, "\"static\" given twice");
			with_static = true;
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_FDB_FLUSH, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	if (seen_port)
		put_port_ref(msg, &port);
	if (with_static)
		xnl_put_flag(msg, XVS_A_FDB_STATIC);
	ret = xnl_change(&n, msg, "fdb flush", NULL);
	xnl_close(&n);
	return ret;
}

static int fdb_show(struct args *a)
{
	const char *sw;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	args_show_options(a);
	sw = args_next(a, "switch name");
	check_ifname(a->usage, "switch name", sw);
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_FDB_GET, NLM_F_DUMP);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	ret = xnl_show(&n, msg, "fdb show", fdb_print);
	xnl_close(&n);
	return ret;
}

int do_fdb(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = fdb_usage };

	if (argc < 1)
		usage_error(fdb_usage, "missing fdb command");
	if (is_help(argv[0])) {
		fdb_usage(stdout);
		return EXIT_OK;
	}
	switch (match_command(argv[0], fdb_cmds, fdb_usage, "fdb")) {
	case CMD_ADD:
		return fdb_add_del(&a, true);
	case CMD_DEL:
		return fdb_add_del(&a, false);
	case CMD_FLUSH:
		return fdb_flush(&a);
	case CMD_SHOW:
		return fdb_show(&a);
	default:
		fdb_usage(stdout);
		return EXIT_OK;
	}
}
