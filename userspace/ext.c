// SPDX-License-Identifier: GPL-2.0
/*
 * ext.c - xvsctl ext list|enable|disable|order: the installed extensions
 * (capture, filter and forwarding modules) and their state on each switch.
 */
#include <ctype.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

void ext_usage(FILE *f)
{
	fputs("Usage: xvsctl [-s] ext list [-s] [switch SW]\n"
	      "       xvsctl ext enable NAME switch SW\n"
	      "       xvsctl ext disable NAME switch SW\n"
	      "       xvsctl ext order SW NAME...\n"
	      "       xvsctl ext help\n"
	      "list shows the installed extensions, their type, and for each switch\n"
	      "of this network namespace (or only SW) whether they are enabled and\n"
	      "their position in the switch's stack; -s (--stats) adds each enabled\n"
	      "extension's counters. order puts the named extensions first within\n"
	      "their class (capture, filter, forwarding), in the given order.\n",
	      f);
}

enum { CMD_ENABLE = CMD_HELP + 1, CMD_ORDER };

static const struct word ext_cmds[] = {
	{ "list", CMD_SHOW },
	{ "show", CMD_SHOW },
	{ "ls", CMD_SHOW },
	{ "enable", CMD_ENABLE },
	{ "disable", CMD_DEL },
	{ "order", CMD_ORDER },
	{ "help", CMD_HELP },
	{ NULL, 0 },
};

void check_ext_name(usage_fn usage, const char *s)
{
	check_len(usage, "extension name", s, XVS_EXT_NAME_LEN - 1, false);
	for (const char *p = s; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) &&
		    *p != '_' && *p != '-')
			usage_error(usage,
				    "extension name \"%s\" is not valid (a-z, 0-9, '_' and '-' only)",
				    s);
}

/* ---- list ---- */

/* The counters of XVS_A_EXT_STATS, in the order of enum xvs_ext_stats_attr. */
static const char *const ext_stat_names[] = {
	[XVS_EXT_STATS_INGRESS] = "ingress",
	[XVS_EXT_STATS_EGRESS] = "egress",
	[XVS_EXT_STATS_DROPPED] = "dropped",
	[XVS_EXT_STATS_EXCLUDED] = "excluded",
	[XVS_EXT_STATS_CONSUMED] = "consumed",
	[XVS_EXT_STATS_INJECTED] = "injected",
};

_Static_assert(ARRAY_SIZE(ext_stat_names) == __XVS_EXT_STATS_MAX,
	       "a name per extension counter");

/* An extension on one switch (EXT_GET with a switch). */
struct ext_on {
	char sw[IFNAMSIZ];
	bool enabled;
	bool has_pos;
	uint32_t pos;
	bool has_stat[__XVS_EXT_STATS_MAX];
	uint64_t stat[__XVS_EXT_STATS_MAX];
};

/* An installed extension and its state on the switches listed. */
struct ext {
	char name[XVS_EXT_NAME_LEN];
	bool has_type;
	uint32_t type;
	bool has_nswitches;	/* on how many switches, all netns */
	uint32_t nswitches;
	size_t non;
	struct ext_on *on;
};

struct ext_list {
	size_t n;
	struct ext *exts;
	size_t nsw;
	char (*sws)[IFNAMSIZ];
};

static void *xrealloc(void *p, size_t n, size_t size)
{
	p = realloc(p, n * size);
	if (!p) {
		fprintf(stderr, "xvsctl: out of memory\n");
		xvsctl_exit(EXIT_RUNTIME);
	}
	return p;
}

static struct ext *ext_get(struct ext_list *l, const char *name)
{
	struct ext *e;

	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->exts[i].name, name))
			return &l->exts[i];
	l->exts = xrealloc(l->exts, l->n + 1, sizeof(*l->exts));
	e = &l->exts[l->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	return e;
}

/* EXT_GET without a switch: the installed extensions. */
static void collect_ext(void *arg, struct nlattr **tb)
{
	struct ext_list *l = arg;
	const char *name;
	struct ext *e;

	if (!tb) {		/* the dump starts over */
		for (size_t i = 0; i < l->n; i++)
			free(l->exts[i].on);
		l->n = 0;
		return;
	}
	name = xnl_str(tb[XVS_A_EXT_NAME]);
	if (!name)
		return;
	e = ext_get(l, name);
	e->has_type = xnl_u32(tb[XVS_A_EXT_TYPE], &e->type);
	e->has_nswitches = xnl_u32(tb[XVS_A_EXT_SWITCHES], &e->nswitches);
}

/* SWITCH_GET dump: the switches of the netns. */
static void collect_switch(void *arg, struct nlattr **tb)
{
	struct ext_list *l = arg;
	const char *name;

	if (!tb) {
		l->nsw = 0;
		return;
	}
	name = xnl_str(tb[XVS_A_SWITCH_NAME]);
	if (!name)
		return;
	l->sws = xrealloc(l->sws, l->nsw + 1, sizeof(*l->sws));
	snprintf(l->sws[l->nsw++], IFNAMSIZ, "%s", name);
}

/* The state of e on switch sw, made if new. */
static struct ext_on *ext_on_get(struct ext *e, const char *sw)
{
	struct ext_on *on;

	for (size_t i = 0; i < e->non; i++)
		if (!strcmp(e->on[i].sw, sw))
			return &e->on[i];
	e->on = xrealloc(e->on, e->non + 1, sizeof(*e->on));
	on = &e->on[e->non++];
	memset(on, 0, sizeof(*on));
	snprintf(on->sw, sizeof(on->sw), "%s", sw);
	return on;
}

/* The switch whose extensions are being read (collect_ext_on). */
struct ext_on_dump {
	struct ext_list *l;
	const char *sw;
};

/* EXT_GET with a switch: each extension's state on it. */
static void collect_ext_on(void *arg, struct nlattr **tb)
{
	struct ext_on_dump *d = arg;
	struct nlattr *st[XVS_EXT_STATS_MAX + 1];
	const char *name;
	struct ext_on *on;
	struct ext *e;

	if (!tb) {
		for (size_t i = 0; i < d->l->n; i++) {
			e = &d->l->exts[i];
			for (size_t k = 0; k < e->non; k++)
				if (!strcmp(e->on[k].sw, d->sw))
					e->on[k] = e->on[--e->non];
		}
		return;
	}
	name = xnl_str(tb[XVS_A_EXT_NAME]);
	if (!name)
		return;
	e = ext_get(d->l, name);
	if (!e->has_type)
		e->has_type = xnl_u32(tb[XVS_A_EXT_TYPE], &e->type);
	on = ext_on_get(e, d->sw);
	on->enabled = tb[XVS_A_EXT_ENABLED] != NULL;
	on->has_pos = xnl_u32(tb[XVS_A_EXT_POSITION], &on->pos);
	if (!tb[XVS_A_EXT_STATS])
		return;
	if (nla_parse_nested(st, XVS_EXT_STATS_MAX, tb[XVS_A_EXT_STATS], NULL) < 0) {
		fprintf(stderr, "xvsctl: ignoring malformed extension counters\n");
		return;
	}
	for (int i = 0; i < __XVS_EXT_STATS_MAX; i++)
		if (ext_stat_names[i])
			on->has_stat[i] = xnl_u64(st[i], &on->stat[i]);
}

static const char *ext_type_str(const struct ext *e, char buf[24])
{
	if (!e->has_type)
		return "?";
	return name_or_number(ext_type_name(e->type), e->type, buf);
}

static void ext_stats_json(struct json *j, const struct ext_on *on)
{
	json_key(j, "stats");
	json_obj_open(j);
	for (int i = 0; i < __XVS_EXT_STATS_MAX; i++)
		if (ext_stat_names[i] && on->has_stat[i])
			json_kv_u64(j, ext_stat_names[i], on->stat[i]);
	json_obj_close(j);
}

static void ext_list_json(struct out *o, const struct ext_list *l)
{
	struct json *j = &o->j;
	char buf[24];

	for (size_t i = 0; i < l->n; i++) {
		const struct ext *e = &l->exts[i];

		out_obj_begin(o);
		json_kv_string(j, "name", e->name);
		json_kv_string(j, "type", ext_type_str(e, buf));
		if (e->has_nswitches)
			json_kv_u64(j, "enabled_switches", e->nswitches);
		json_key(j, "switches");
		json_arr_open(j);
		for (size_t k = 0; k < e->non; k++) {
			const struct ext_on *on = &e->on[k];

			json_obj_open(j);
			json_kv_string(j, "switch", on->sw);
			json_kv_bool(j, "enabled", on->enabled);
			if (on->has_pos)
				json_kv_u64(j, "position", on->pos);
			else
				json_kv_null(j, "position");
			if (opts.stats && on->enabled)
				ext_stats_json(j, on);
			json_obj_close(j);
		}
		json_arr_close(j);
		out_obj_end(o);
	}
}

/*
 * NAME            TYPE        SWITCH          STATE     POSITION
 * xvs_capture     capture     sw0             enabled   0
 *     ingress 12 egress 30 dropped 0 excluded 0 consumed 0 injected 0
 * xvs_null        filter      sw0             disabled  -
 */
static void ext_list_text(FILE *f, const struct ext_list *l)
{
	const char *fmt = "%-20s %-11s %-15s %-9s %s\n";
	char buf[24], pos[12];

	if (!l->n)
		return;
	fprintf(f, fmt, "NAME", "TYPE", "SWITCH", "STATE", "POSITION");
	for (size_t i = 0; i < l->n; i++) {
		const struct ext *e = &l->exts[i];

		if (!e->non)
			fprintf(f, fmt, e->name, ext_type_str(e, buf), "-", "-", "-");
		for (size_t k = 0; k < e->non; k++) {
			const struct ext_on *on = &e->on[k];

			if (on->has_pos)
				snprintf(pos, sizeof(pos), "%u", on->pos);
			else
				snprintf(pos, sizeof(pos), "-");
			fprintf(f, fmt, e->name, ext_type_str(e, buf), on->sw,
				on->enabled ? "enabled" : "disabled", pos);
			if (!opts.stats || !on->enabled)
				continue;
			fputs("   ", f);
			for (int s = 0; s < __XVS_EXT_STATS_MAX; s++)
				if (ext_stat_names[s] && on->has_stat[s])
					fprintf(f, " %s %" PRIu64,
						ext_stat_names[s], on->stat[s]);
			fputc('\n', f);
		}
	}
}

static void ext_list_free(struct ext_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->exts[i].on);
	free(l->exts);
	free(l->sws);
}

/*
 * ext list [switch SW]: the installed extensions (EXT_GET), the switches
 * (SWITCH_GET, or SW), then each switch's view of the extensions (EXT_GET
 * with the switch). A switch deleted meanwhile is left out.
 */
static int ext_list(struct args *a)
{
	struct ext_list l = { 0 };
	const char *sw = NULL;
	bool seen_sw = false;
	struct nl_msg *msg;
	struct xnl n;
	struct out o;
	int ret, kerr;

	args_show_options(a);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "switch")) {
			sw = args_value(a, kw, &seen_sw);
			check_ifname(a->usage, "switch name", sw);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_EXT_GET, NLM_F_DUMP);
	ret = xnl_collect(&n, msg, "ext list", collect_ext, &l, NULL);
	if (ret)
		goto out;
	if (sw) {
		l.sws = xrealloc(NULL, 1, sizeof(*l.sws));
		snprintf(l.sws[0], IFNAMSIZ, "%s", sw);
		l.nsw = 1;
	} else {
		msg = xnl_msg(&n, XVS_CMD_SWITCH_GET, NLM_F_DUMP);
		ret = xnl_collect(&n, msg, "ext list", collect_switch, &l, NULL);
		if (ret)
			goto out;
	}
	for (size_t i = 0; i < l.nsw; i++) {
		struct ext_on_dump d = { .l = &l, .sw = l.sws[i] };

		msg = xnl_msg(&n, XVS_CMD_EXT_GET, NLM_F_DUMP);
		xnl_put_str(msg, XVS_A_SWITCH_NAME, l.sws[i]);
		/* The switch asked for must exist; others may have gone. */
		ret = xnl_collect(&n, msg, "ext list", collect_ext_on, &d,
				  sw ? NULL : &kerr);
		if (ret)
			goto out;
	}
	if (xnl_dry_run())
		goto out;
	out_begin(&o, stdout, opts.json, opts.pretty, true);
	if (o.json)
		ext_list_json(&o, &l);
	else
		ext_list_text(stdout, &l);
	out_end(&o);
out:
	ext_list_free(&l);
	xnl_close(&n);
	return ret;
}

/* ---- enable, disable, order ---- */

/* ext enable|disable NAME switch SW */
static int ext_enable(struct args *a, bool enable)
{
	const char *name = args_next(a, "extension name");
	const char *sw = NULL;
	bool seen_sw = false;
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	check_ext_name(a->usage, name);
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];

		if (!strcmp(kw, "switch")) {
			sw = args_value(a, kw, &seen_sw);
			check_ifname(a->usage, "switch name", sw);
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (!sw)
		usage_error(a->usage, "missing \"switch SW\"");
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, enable ? XVS_CMD_EXT_ENABLE : XVS_CMD_EXT_DISABLE,
		      NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	xnl_put_str(msg, XVS_A_EXT_NAME, name);
	ret = xnl_change(&n, msg, enable ? "ext enable" : "ext disable", NULL);
	xnl_close(&n);
	return ret;
}

/* ext order SW NAME... */
static int ext_order(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct nlattr *nest;
	struct nl_msg *msg;
	int first, count;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	if (!args_more(a))
		usage_error(a->usage, "missing extension names");
	first = a->i;
	count = a->argc - first;
	if (count > XVS_EXT_MAX_ENABLED)
		usage_error(a->usage,
			    "%d extension names: at most %d can be enabled on a switch",
			    count, XVS_EXT_MAX_ENABLED);
	for (int i = first; i < a->argc; i++) {
		check_ext_name(a->usage, a->argv[i]);
		for (int k = first; k < i; k++)
			if (!strcmp(a->argv[k], a->argv[i]))
				usage_error(a->usage, "extension \"%s\" named twice",
					    a->argv[i]);
	}
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_EXT_ORDER, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	nest = xnl_nest_start(msg, XVS_A_EXT_ORDER);
	for (int i = first; i < a->argc; i++)
		xnl_put_str(msg, XVS_A_EXT_NAME, a->argv[i]);
	xnl_nest_end(msg, nest);
	ret = xnl_change(&n, msg, "ext order", NULL);
	xnl_close(&n);
	return ret;
}

int do_ext(int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1, .usage = ext_usage };

	if (argc < 1) {
		a.i = 0;
		return ext_list(&a);
	}
	if (is_help(argv[0])) {
		ext_usage(stdout);
		return EXIT_OK;
	}
	switch (match_command(argv[0], ext_cmds, ext_usage, "ext")) {
	case CMD_SHOW:
		return ext_list(&a);
	case CMD_ENABLE:
		return ext_enable(&a, true);
	case CMD_DEL:
		return ext_enable(&a, false);
	case CMD_ORDER:
		return ext_order(&a);
	default:
		ext_usage(stdout);
		return EXIT_OK;
	}
}
