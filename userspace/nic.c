// SPDX-License-Identifier: GPL-2.0
/*
 * nic.c - xvsctl nic add|connect|disconnect|del|show: the netdev attached
 * to a port.
 */
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

void nic_usage(FILE *f)
{
	fputs("Usage: xvsctl nic add SW PORT dev IFNAME [index N]\n"
	      "       xvsctl nic connect SW PORT [index N]\n"
	      "       xvsctl nic disconnect SW PORT [index N]\n"
	      "       xvsctl nic del SW PORT [index N]\n"
	      "       xvsctl nic show SW [PORT]\n"
	      "       xvsctl nic save SW PORT > FILE\n"
	      "       xvsctl nic restore SW PORT < FILE\n"
	      "       xvsctl nic inspect < FILE\n"
	      "       xvsctl nic help\n"
	      "PORT is a port id (digits only) or a port name. The NIC index is 0\n"
	      "(the default); 1..32 are reserved. save writes the state the\n"
	      "extensions keep for the NIC (a checksummed file); restore hands it\n"
	      "to the extensions of another port (exit code 3: restored, but some\n"
	      "blobs were not claimed); inspect checks a file and lists its blobs.\n",
	      f);
}

static const struct word nic_cmds[] = {
	{ "add", CMD_ADD },
	{ "connect", CMD_CONNECT },
	{ "disconnect", CMD_DISCONNECT },
	{ "del", CMD_DEL },
	{ "delete", CMD_DEL },
	{ "show", CMD_SHOW },
	{ "list", CMD_SHOW },
	{ "ls", CMD_SHOW },
	{ "save", CMD_SAVE },
	{ "restore", CMD_RESTORE },
	{ "inspect", CMD_INSPECT },
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

/* nic 0 port 3 (vm1) dev tap0 ifindex 7 state nic-connected refs 1 */
static void nic_print(struct out *o, struct nlattr **tb)
{
	const char *name = xnl_str(tb[XVS_A_PORT_NAME]);
	const char *ifname = xnl_str(tb[XVS_A_NIC_IFNAME]);
	FILE *f = o->f;
	uint32_t v;
	char buf[24];

	if (o->json) {
		port_print(o, tb);
		return;
	}
	if (xnl_u32(tb[XVS_A_NIC_INDEX], &v))
		fprintf(f, "nic %u", v);
	else
		fputs("nic ?", f);
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		fprintf(f, " port %u", v);
	if (name) {
		fputs(" (", f);
		out_word(f, name);
		fputc(')', f);
	}
	if (ifname) {
		fputs(" dev ", f);
		out_word(f, ifname);
	}
	if (xnl_u32(tb[XVS_A_NIC_IFINDEX], &v))
		fprintf(f, " ifindex %u", v);
	if (xnl_u32(tb[XVS_A_PORT_STATE], &v))
		fprintf(f, " state %s", name_or_number(state_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_NIC_REFCNT], &v))
		fprintf(f, " refs %u", v);
	fputc('\n', f);
}

/* nic add|connect|disconnect|del SW PORT ... */
static int nic_change(struct args *a, int cmd)
{
	static const struct {
		uint8_t genl_cmd;
		const char *what;
	} cmds[] = {
		[CMD_ADD] = { XVS_CMD_NIC_NEW, "nic add" },
		[CMD_CONNECT] = { XVS_CMD_NIC_CONNECT, "nic connect" },
		[CMD_DISCONNECT] = { XVS_CMD_NIC_DISCONNECT, "nic disconnect" },
		[CMD_DEL] = { XVS_CMD_NIC_DEL, "nic del" },
	};
	const char *sw = args_next(a, "switch name");
	bool seen_dev = false, seen_index = false;
	const char *dev = NULL;
	struct port_ref port;
	struct nl_msg *msg;
	uint32_t index = 0;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	parse_port_ref(a->usage, args_next(a, "port"), &port);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (cmd == CMD_ADD && !strcmp(kw, "dev")) {
			dev = args_value(a, kw, &seen_dev);
			check_ifname(a->usage, "device name", dev);
		} else if (!strcmp(kw, "index")) {
			index = check_u32(a->usage, "NIC index",
					  args_value(a, kw, &seen_index), 0,
					  XVS_NIC_INDEX_MAX);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (cmd == CMD_ADD && !dev)
		usage_error(a->usage, "missing \"dev IFNAME\"");
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, cmds[cmd].genl_cmd, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	put_port_ref(msg, &port);
	if (dev)
		xnl_put_str(msg, XVS_A_NIC_IFNAME, dev);
	if (seen_index)
		xnl_put_u32(msg, XVS_A_NIC_INDEX, index);
	ret = xnl_change(&n, msg, cmds[cmd].what, port_print);
	xnl_close(&n);
	return ret;
}

static int nic_show(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct port_ref port = { 0 };
	bool one = false;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	if (args_more(a)) {
		parse_port_ref(a->usage, args_next(a, "port"), &port);
		one = true;
	}
	args_end(a);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_NIC_GET, one ? NLM_F_ACK : NLM_F_DUMP);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	if (one)
		put_port_ref(msg, &port);
	ret = xnl_show(&n, msg, "nic show", nic_print);
	xnl_close(&n);
	return ret;
}

int do_nic(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = nic_usage };
	int cmd;

	if (argc < 1)
		usage_error(nic_usage, "missing nic command");
	if (is_help(argv[0])) {
		nic_usage(stdout);
		return EXIT_OK;
	}
	cmd = match_command(argv[0], nic_cmds, nic_usage, "nic");
	switch (cmd) {
	case CMD_ADD:
	case CMD_CONNECT:
	case CMD_DISCONNECT:
	case CMD_DEL:
		return nic_change(&a, cmd);
	case CMD_SHOW:
		return nic_show(&a);
	case CMD_SAVE:
	case CMD_RESTORE:
	case CMD_INSPECT:
		return nic_save_cmd(&a, cmd);
	default:
		nic_usage(stdout);
		return EXIT_OK;
	}
}
