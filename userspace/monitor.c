// SPDX-License-Identifier: GPL-2.0
/*
 * monitor.c - xvsctl monitor: print the lifecycle events of the xvs
 * "events" multicast group as they happen.
 */
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

/* Receive buffer asked for, so bursts of events (switch delete) fit. */
#define MONITOR_RCVBUF (4 << 20)

void monitor_usage(FILE *f)
{
	fputs("Usage: xvsctl monitor [count N]\n"
	      "       xvsctl monitor help\n"
	      "Prints each lifecycle event (and extension enable, disable and order\n"
	      "change) of this network namespace as it happens,\n"
	      "one line each (one JSON object per line with -j), until killed or,\n"
	      "with count, until N events were printed.\n",
	      f);
}

struct monitor {
	struct xnl n;
	unsigned long printed;
	unsigned long max;	/* 0: no limit */
	bool has_last_seq;
	uint64_t last_seq;
	bool stop;		/* count reached */
	bool family_gone;	/* the xvs family was unregistered */
};

static void print_event_json(struct out *o, struct nlattr **tb)
{
	struct json *j = &o->j;
	const char *s;
	uint64_t seq;
	uint32_t v;
	char buf[24];

	out_obj_begin(o);
	if (xnl_u64(tb[XVS_A_EVENT_SEQ], &seq))
		json_kv_u64(j, "seq", seq);
	if (xnl_u32(tb[XVS_A_EVENT], &v))
		json_kv_string(j, "event", name_or_number(event_name(v), v, buf));
	if ((s = xnl_str(tb[XVS_A_SWITCH_NAME])))
		json_kv_string(j, "switch", s);
	if (xnl_u32(tb[XVS_A_SWITCH_ID], &v))
		json_kv_u64(j, "switch_id", v);
	if (xnl_u32(tb[XVS_A_SWITCH_IFINDEX], &v))
		json_kv_u64(j, "switch_ifindex", v);
	if (xnl_u32(tb[XVS_A_PORT_ID], &v))
		json_kv_u64(j, "port_id", v);
	if ((s = xnl_str(tb[XVS_A_PORT_NAME])))
		json_kv_string(j, "port_name", s);
	if (xnl_u32(tb[XVS_A_OLD_STATE], &v))
		json_kv_string(j, "old_state", name_or_number(state_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_NEW_STATE], &v))
		json_kv_string(j, "new_state", name_or_number(state_name(v), v, buf));
	if (xnl_u32(tb[XVS_A_NIC_INDEX], &v))
		json_kv_u64(j, "nic_index", v);
	if ((s = xnl_str(tb[XVS_A_NIC_IFNAME])))
		json_kv_string(j, "nic_ifname", s);
	if ((s = xnl_str(tb[XVS_A_EXT_NAME])))
		json_kv_string(j, "ext", s);
	if (xnl_u32(tb[XVS_A_EXT_POSITION], &v))
		json_kv_u64(j, "ext_position", v);
	out_obj_end(o);
}

/*
 * [seq 12] sw0 port 3 (vm1): nic-connect nic-created -> nic-connected nic tap0
 * [seq 1] sw0: switch-create id 1 ifindex 5
 * [seq 13] sw0: ext-enable ext xvs_null position 1
 */
static void print_event(struct out *o, struct nlattr **tb)
{
	const char *sw = xnl_str(tb[XVS_A_SWITCH_NAME]);
	const char *port = xnl_str(tb[XVS_A_PORT_NAME]);
	const char *ifname = xnl_str(tb[XVS_A_NIC_IFNAME]);
	const char *ext = xnl_str(tb[XVS_A_EXT_NAME]);
	uint32_t v, old_state, new_state, port_id;
	bool has_port_id = xnl_u32(tb[XVS_A_PORT_ID], &port_id);
	FILE *f = o->f;
	uint64_t seq;
	char buf[24];

	if (o->json) {
		print_event_json(o, tb);
		return;
	}
	if (xnl_u64(tb[XVS_A_EVENT_SEQ], &seq))
		fprintf(f, "[seq %llu] ", (unsigned long long)seq);
	out_word(f, sw ? sw : "?");
	if (has_port_id)
		fprintf(f, " port %u", port_id);
	if (port) {
		fputs(has_port_id ? " (" : " port (", f);
		out_word(f, port);
		fputc(')', f);
	}
	if (xnl_u32(tb[XVS_A_EVENT], &v))
		fprintf(f, ": %s", name_or_number(event_name(v), v, buf));
	else
		fputs(": ?", f);
	if (xnl_u32(tb[XVS_A_OLD_STATE], &old_state) &&
	    xnl_u32(tb[XVS_A_NEW_STATE], &new_state)) {
		fprintf(f, " %s", name_or_number(state_name(old_state), old_state, buf));
		fprintf(f, " -> %s", name_or_number(state_name(new_state), new_state, buf));
	}
	if (ifname) {
		fputs(" nic ", f);
		out_word(f, ifname);
	}
	if (ext) {
		fputs(" ext ", f);
		out_word(f, ext);
		if (xnl_u32(tb[XVS_A_EXT_POSITION], &v))
			fprintf(f, " position %u", v);
	} else if (!has_port_id && !port) {
		if (xnl_u32(tb[XVS_A_SWITCH_ID], &v))
			fprintf(f, " id %u", v);
		if (xnl_u32(tb[XVS_A_SWITCH_IFINDEX], &v))
			fprintf(f, " ifindex %u", v);
	}
	fputc('\n', f);
}

/* nlctrl notification: stop when the xvs family goes away. */
static void ctrl_notify(struct monitor *m, struct nlmsghdr *nlh)
{
	struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const char *name;

	if (!genlmsg_valid_hdr(nlh, 0) || gnlh->cmd != CTRL_CMD_DELFAMILY)
		return;
	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0)
		return;
	name = xnl_str(tb[CTRL_ATTR_FAMILY_NAME]);
	if (name && !strcmp(name, XVS_GENL_NAME))
		m->family_gone = true;
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[XVS_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct monitor *m = arg;
	struct genlmsghdr *gnlh;
	struct out o;
	uint64_t seq;

	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		ctrl_notify(m, nlh);
		return m->family_gone ? NL_STOP : NL_SKIP;
	}
	if (nlh->nlmsg_type != m->n.family || !genlmsg_valid_hdr(nlh, 0))
		return NL_SKIP;
	gnlh = nlmsg_data(nlh);
	if (gnlh->cmd != XVS_CMD_EVENT)
		return NL_SKIP;
	if (genlmsg_parse(nlh, 0, tb, XVS_A_MAX, NULL) < 0) {
		fprintf(stderr, "xvsctl: monitor: ignoring a malformed event\n");
		return NL_SKIP;
	}
	if (xnl_u64(tb[XVS_A_EVENT_SEQ], &seq)) {
		if (m->has_last_seq && seq != m->last_seq + 1)
			fprintf(stderr,
				"xvsctl: monitor: event sequence jumped from %llu to %llu\n",
				(unsigned long long)m->last_seq,
				(unsigned long long)seq);
		m->has_last_seq = true;
		m->last_seq = seq;
	}
	out_begin(&o, stdout, opts.json, false, false);
	print_event(&o, tb);
	out_end(&o);
	fflush(stdout);
	m->printed++;
	if (m->max && m->printed >= m->max) {
		m->stop = true;
		return NL_STOP;
	}
	return NL_OK;
}

static void on_signal(int sig)
{
	(void)sig;
	/* Every printed line was flushed already. */
	_exit(EXIT_OK);
}

static int monitor(struct monitor *m)
{
	struct nl_sock *sk = m->n.sk;
	int grp, ctrl_grp, err, size = MONITOR_RCVBUF;
	struct sigaction sa = { .sa_handler = on_signal };
	struct nl_cb *cb;

	grp = genl_ctrl_resolve_grp(sk, XVS_GENL_NAME, XVS_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		fprintf(stderr,
			"xvsctl: monitor: no multicast group \"%s\" in family \"%s\": %s\n",
			XVS_GENL_MCGRP_EVENTS, XVS_GENL_NAME, nl_geterror(grp));
		return EXIT_RUNTIME;
	}
	/* Optional: tells us when the module is unloaded. */
	ctrl_grp = genl_ctrl_resolve_grp(sk, "nlctrl", "notify");

	nl_socket_disable_seq_check(sk);
	if (setsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_RCVBUFFORCE,
		       &size, sizeof(size)) < 0)
		(void)nl_socket_set_buffer_size(sk, size, 0);
	err = nl_socket_add_membership(sk, grp);
	if (err < 0) {
		fprintf(stderr, "xvsctl: monitor: joining the \"%s\" group: %s\n",
			XVS_GENL_MCGRP_EVENTS, nl_geterror(err));
		return EXIT_RUNTIME;
	}
	if (ctrl_grp >= 0)
		(void)nl_socket_add_membership(sk, ctrl_grp);

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	cb = nl_cb_clone(nl_socket_get_cb(sk));
	if (!cb) {
		fprintf(stderr, "xvsctl: out of memory\n");
		return EXIT_RUNTIME;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, event_cb, m);
	while (!m->stop && !m->family_gone) {
		err = nl_recvmsgs(sk, cb);
		if (err == -NLE_NOMEM) {
			/* ENOBUFS: the socket overran, events were dropped. */
			fprintf(stderr, "xvsctl: monitor: events lost (receive buffer overrun)\n");
			m->has_last_seq = false;
			continue;
		}
		if (err < 0 && !m->stop && !m->family_gone) {
			fprintf(stderr, "xvsctl: monitor: %s\n", nl_geterror(err));
			nl_cb_put(cb);
			return EXIT_RUNTIME;
		}
	}
	nl_cb_put(cb);
	if (m->family_gone) {
		fprintf(stderr, "xvsctl: monitor: the xvs module was unloaded\n");
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int do_monitor(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 0, .usage = monitor_usage };
	struct monitor m = { 0 };
	bool seen_count = false;
	int ret;

	if (argc > 0 && is_help(argv[0])) {
		monitor_usage(stdout);
		return EXIT_OK;
	}
	while (args_more(&a)) {
		const char *kw = a.argv[a.i++];

		if (!strcmp(kw, "count"))
			m.max = check_u32(a.usage, "count",
					  args_value(&a, kw, &seen_count), 1,
					  UINT32_MAX);
		else
			usage_error(a.usage, "unknown keyword \"%s\"", kw);
	}
	if (xnl_dry_run()) {
		/* No request to print: it would join the events group. */
		printf("monitor %s", XVS_GENL_MCGRP_EVENTS);
		if (m.max)
			printf(" count=%lu", m.max);
		putchar('\n');
		return EXIT_OK;
	}
	ret = xnl_open(&m.n);
	if (ret)
		return ret;
	ret = monitor(&m);
	xnl_close(&m.n);
	return ret;
}
