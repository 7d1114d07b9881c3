// SPDX-License-Identifier: GPL-2.0
/*
 * prop.c - xvsctl port property ... and xvsctl switch property ...: the
 * custom properties of a port or a switch. A property belongs to an
 * extension (its owner), has an id and an instance (0 unless the property
 * is a list), a version MAJOR.MINOR and an opaque value of up to
 * XVS_PROP_DATA_MAX bytes. The owner, when enabled on the switch, may veto
 * a change: its reason comes back as "vetoed by NAME: reason". set and del
 * name the version (set: the same major, a minor not lower; del: the
 * stored one), so that a stale writer is refused. A port property added
 * "required" keeps the port's NIC from connecting while its owner is not
 * enabled on the switch.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

#define PROPERTY_HELP \
	"PORT is a port id (digits only) or a port name; NAME the extension that\n" \
	"owns the property (it need not be enabled; if it is, it may veto the\n" \
	"change). instance defaults to 0; add defaults to version 1.0 and an\n" \
	"empty value. set needs a version with the property's major and a minor\n" \
	"not lower than its minor (another major: del and add), and keeps the\n" \
	"value unless given one; del needs the property's version exactly.\n" \
	"required (port add only): the port's NIC cannot connect while the owner\n" \
	"is not enabled on the switch. HEX is the value as hex\n" \
	"bytes (0a1b2c or 0a:1b:2c), TEXT the value as the bytes of the text\n" \
	"(no NUL); at most " XVS_STR(XVS_PROP_DATA_MAX) " bytes. show lists the properties, those\n" \
	"matching ext, id and instance when given.\n"

#define PROP_GRAMMAR \
	"ext NAME id N [instance N]\n" \
	"              [version MAJOR[.MINOR]] [data HEX | string TEXT]\n"
#define PROP_SET_GRAMMAR \
	"ext NAME id N [instance N]\n" \
	"              version MAJOR[.MINOR] [data HEX | string TEXT]\n"
#define PROP_DEL_GRAMMAR \
	"ext NAME id N [instance N] version MAJOR[.MINOR]\n"

void port_property_usage(FILE *f)
{
	fputs("Usage: xvsctl port property add SW PORT ext NAME id N [instance N]\n"
	      "              [version MAJOR[.MINOR]] [data HEX | string TEXT] [required]\n"
	      "       xvsctl port property set SW PORT " PROP_SET_GRAMMAR
	      "       xvsctl port property del SW PORT " PROP_DEL_GRAMMAR
	      "       xvsctl port property show SW PORT [ext NAME] [id N] [instance N]\n"
	      "       xvsctl port property help\n",
	      f);
	fputs(PROPERTY_HELP, f);
}

void switch_property_usage(FILE *f)
{
	fputs("Usage: xvsctl switch property add SW " PROP_GRAMMAR
	      "       xvsctl switch property set SW " PROP_SET_GRAMMAR
	      "       xvsctl switch property del SW " PROP_DEL_GRAMMAR
	      "       xvsctl switch property show SW [ext NAME] [id N] [instance N]\n"
	      "       xvsctl switch property help\n",
	      f);
	fputs(PROPERTY_HELP, f);
}

static const struct word prop_cmds[] = {
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

/* What the command line says of a property; the flags: given or not. */
struct prop_args {
	const char *sw;
	struct port_ref port;
	bool has_port;
	const char *ext;
	bool has_id, has_instance, has_version, has_data, required;
	uint32_t id, instance, version;
	uint8_t data[XVS_PROP_DATA_MAX];
	size_t len;
};

/* MAJOR[.MINOR], each 0..65535. */
static uint32_t parse_version(usage_fn usage, const char *s)
{
	const char *dot = strchr(s, '.');
	char major[8];
	uint32_t maj, min = 0;
	size_t len = dot ? (size_t)(dot - s) : strlen(s);

	if (!len || len >= sizeof(major))
		usage_error(usage,
			    "version \"%s\" is not valid (expected MAJOR.MINOR, each 0..65535)",
			    s);
	memcpy(major, s, len);
	major[len] = '\0';
	maj = check_u32(usage, "major version", major, 0, 65535);
	if (dot)
		min = check_u32(usage, "minor version", dot + 1, 0, 65535);
	return XVS_PROP_VERSION(maj, min);
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * HEX: pairs of hex digits, optionally all separated by ':' (0a0b0c or
 * 0a:0b:0c); "" is an empty value.
 */
static size_t parse_hex(usage_fn usage, const char *s, uint8_t *out)
{
	size_t n = 0;
	const char *p = s;

	while (*p) {
		int hi = hexval((unsigned char)p[0]);
		int lo = hi < 0 ? -1 : hexval((unsigned char)p[1]);

		if (hi < 0 || lo < 0)
			usage_error(usage,
				    "data \"%s\" is not hex bytes (like 0a1b2c or 0a:1b:2c)",
				    s);
		if (n == XVS_PROP_DATA_MAX)
			usage_error(usage, "data is longer than %d bytes",
				    XVS_PROP_DATA_MAX);
		out[n++] = (uint8_t)(hi << 4 | lo);
		p += 2;
		if (*p == ':' && p[1])
			p++;
		else if (*p == ':')
			usage_error(usage,
				    "data \"%s\" is not hex bytes (like 0a1b2c or 0a:1b:2c)",
				    s);
	}
	return n;
}

static void parse_prop_args(struct args *a, int cmd, bool on_port,
			    struct prop_args *p)
{
	bool seen_ext = false, seen_id = false, seen_inst = false;
	bool seen_ver = false, seen_data = false, seen_req = false;

	p->sw = args_next(a, "switch name");
	check_ifname(a->usage, "switch name", p->sw);
	if (on_port) {
		parse_port_ref(a->usage, args_next(a, "port"), &p->port);
		p->has_port = true;
	}
	while (args_more(a)) {
		const char *kw = a->argv[a->i++];
		const char *v;

		if (!strcmp(kw, "ext")) {
			p->ext = args_value(a, kw, &seen_ext);
			check_ext_name(a->usage, p->ext);
		} else if (!strcmp(kw, "id")) {
			p->id = check_u32(a->usage, "property id",
					  args_value(a, kw, &seen_id), 0, UINT32_MAX);
			p->has_id = true;
		} else if (!strcmp(kw, "instance")) {
			p->instance = check_u32(a->usage, "property instance",
						args_value(a, kw, &seen_inst),
						0, UINT32_MAX);
			p->has_instance = true;
		} else if (cmd == CMD_ADD && on_port && !strcmp(kw, "required")) {
			if (seen_req)
				usage_error(a->usage, "\"required\" given twice");
			seen_req = p->required = true;
		} else if (cmd == CMD_ADD && !strcmp(kw, "required")) {
			usage_error(a->usage,
				    "\"required\" is for port properties only (checked when the NIC connects)");
		} else if (cmd != CMD_SHOW && !strcmp(kw, "version")) {
			p->version = parse_version(a->usage,
						   args_value(a, kw, &seen_ver));
			p->has_version = true;
		} else if ((cmd == CMD_ADD || cmd == CMD_SET) &&
			   !strcmp(kw, "data")) {
			v = args_value(a, kw, &seen_data);
			p->len = parse_hex(a->usage, v, p->data);
			p->has_data = true;
		} else if ((cmd == CMD_ADD || cmd == CMD_SET) &&
			   !strcmp(kw, "string")) {
			v = args_value(a, kw, &seen_data);
			p->len = strlen(v);
			if (p->len > XVS_PROP_DATA_MAX)
				usage_error(a->usage,
					    "string is longer than %d bytes",
					    XVS_PROP_DATA_MAX);
			memcpy(p->data, v, p->len);
			p->has_data = true;
		} else {
			usage_error(a->usage, "unknown keyword \"%s\"", kw);
		}
	}
	if (cmd == CMD_SHOW)
		return;
	if (!p->ext)
		usage_error(a->usage, "missing \"ext NAME\" (the owner of the property)");
	if (!p->has_id)
		usage_error(a->usage, "missing \"id N\"");
	if ((cmd == CMD_SET || cmd == CMD_DEL) && !p->has_version)
		usage_error(a->usage, cmd == CMD_SET ?
			    "missing \"version MAJOR.MINOR\" (the property's major, a minor not lower)" :
			    "missing \"version MAJOR.MINOR\" (the property's version)");
}

/* The attributes that name the switch and the port (if any). */
static void put_target(struct nl_msg *msg, const struct prop_args *p)
{
	xnl_put_str(msg, XVS_A_SWITCH_NAME, p->sw);
	if (p->has_port)
		put_port_ref(msg, &p->port);
}

static int prop_change(struct args *a, int cmd, bool on_port)
{
	static const uint8_t cmds[] = {
		[CMD_ADD] = XVS_CMD_PROP_ADD,
		[CMD_SET] = XVS_CMD_PROP_SET,
		[CMD_DEL] = XVS_CMD_PROP_DEL,
	};
	static const char *const what[2][3] = {
		{ "switch property add", "switch property set",
		  "switch property del" },
		{ "port property add", "port property set",
		  "port property del" },
	};
	struct prop_args p = { 0 };
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	parse_prop_args(a, cmd, on_port, &p);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, cmds[cmd], NLM_F_ACK);
	put_target(msg, &p);
	xnl_put_str(msg, XVS_A_EXT_NAME, p.ext);
	xnl_put_u32(msg, XVS_A_PROP_ID, p.id);
	if (p.has_instance)
		xnl_put_u32(msg, XVS_A_PROP_INSTANCE, p.instance);
	if (p.has_version)
		xnl_put_u32(msg, XVS_A_PROP_VERSION, p.version);
	if (p.has_data)
		xnl_put_bin(msg, XVS_A_PROP_DATA, p.data, p.len);
	if (p.required)
		xnl_put_flag(msg, XVS_A_PROP_REQUIRED);
	ret = xnl_change(&n, msg, what[on_port][cmd - CMD_ADD], NULL);
	xnl_close(&n);
	return ret;
}

/* The filter of show (ext, id, instance), for prop_print. */
static struct prop_args show_filter;

static bool printable(const uint8_t *d, size_t len)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (d[i] < 0x20 || d[i] >= 0x7f)
			return false;
	return true;
}

/*
 * port 3 (vm1) ext xvs_macfilter id 1 instance 0 version 1.0 data 5254... (6 bytes)
 * switch sw0 ext xvs_l2fwd id 1 instance 0 version 1.0 data 6869 (2 bytes) string hi
 * (then " required" for a required property)
 */
static void prop_print(struct out *o, struct nlattr **tb)
{
	const char *sw = xnl_str(tb[XVS_A_SWITCH_NAME]);
	const char *port = xnl_str(tb[XVS_A_PORT_NAME]);
	const char *ext = xnl_str(tb[XVS_A_EXT_NAME]);
	const struct nlattr *data = tb[XVS_A_PROP_DATA];
	uint32_t port_id, id, instance, version;
	bool has_port_id = xnl_u32(tb[XVS_A_PORT_ID], &port_id);
	bool has_id = xnl_u32(tb[XVS_A_PROP_ID], &id);
	bool has_instance = xnl_u32(tb[XVS_A_PROP_INSTANCE], &instance);
	bool has_version = xnl_u32(tb[XVS_A_PROP_VERSION], &version);
	bool required = tb[XVS_A_PROP_REQUIRED] != NULL;
	const uint8_t *d = data ? nla_data(data) : NULL;
	size_t len = data ? (size_t)nla_len(data) : 0;
	FILE *f = o->f;

	if ((show_filter.ext && (!ext || strcmp(ext, show_filter.ext))) ||
	    (show_filter.has_id && (!has_id || id != show_filter.id)) ||
	    (show_filter.has_instance &&
	     (!has_instance || instance != show_filter.instance)))
		return;
	if (o->json) {
		struct json *j = &o->j;
		char hex[2 * XVS_PROP_DATA_MAX + 1];

		out_obj_begin(o);
		if (sw)
			json_kv_string(j, "switch", sw);
		if (has_port_id)
			json_kv_u64(j, "port_id", port_id);
		if (port)
			json_kv_string(j, "port", port);
		if (ext)
			json_kv_string(j, "ext", ext);
		if (has_id)
			json_kv_u64(j, "id", id);
		if (has_instance)
			json_kv_u64(j, "instance", instance);
		if (has_version) {
			char v[16];

			snprintf(v, sizeof(v), "%u.%u", version >> 16,
				 version & 0xffff);
			json_kv_string(j, "version", v);
		}
		if (len > XVS_PROP_DATA_MAX)
			len = XVS_PROP_DATA_MAX;
		for (size_t i = 0; i < len; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		hex[2 * len] = '\0';
		json_kv_string(j, "data", hex);
		json_kv_u64(j, "data_len", len);
		json_kv_bool(j, "required", required);
		out_obj_end(o);
		return;
	}
	if (has_port_id || port) {
		fputs("port", f);
		if (has_port_id)
			fprintf(f, " %u", port_id);
		if (port) {
			fputs(" (", f);
			out_word(f, port);
			fputc(')', f);
		}
	} else {
		fputs("switch ", f);
		out_word(f, sw ? sw : "?");
	}
	fputs(" ext ", f);
	out_word(f, ext ? ext : "?");
	if (has_id)
		fprintf(f, " id %u", id);
	if (has_instance)
		fprintf(f, " instance %u", instance);
	if (has_version)
		fprintf(f, " version %u.%u", version >> 16, version & 0xffff);
	fputs(" data ", f);
	if (!len)
		fputs("\"\"", f);
	for (size_t i = 0; i < len; i++)
		fprintf(f, "%02x", d[i]);
	fprintf(f, " (%zu byte%s)", len, len == 1 ? "" : "s");
	if (printable(d, len)) {
		char s[XVS_PROP_DATA_MAX + 1];

		memcpy(s, d, len < XVS_PROP_DATA_MAX ? len : XVS_PROP_DATA_MAX);
		s[len < XVS_PROP_DATA_MAX ? len : XVS_PROP_DATA_MAX] = '\0';
		fputs(" string ", f);
		out_word(f, s);
	}
	if (required)
		fputs(" required", f);
	fputc('\n', f);
}

static int prop_show(struct args *a, bool on_port)
{
	struct nl_msg *msg;
	struct xnl n;
	int ret;

	show_filter = (struct prop_args){ 0 };	/* (the server runs many) */
	parse_prop_args(a, CMD_SHOW, on_port, &show_filter);
	ret = xnl_open(&n);
	if (ret)
		return ret;
	msg = xnl_msg(&n, XVS_CMD_PROP_GET, NLM_F_DUMP);
	put_target(msg, &show_filter);
	ret = xnl_show(&n, msg, on_port ? "port property show" :
		       "switch property show", prop_print);
	xnl_close(&n);
	return ret;
}

int do_property(struct args *a, bool on_port)
{
	usage_fn usage = on_port ? port_property_usage : switch_property_usage;
	const char *word;
	int cmd;

	a->usage = usage;
	if (!args_more(a))
		usage_error(usage, "missing property command");
	word = a->argv[a->i++];
	if (is_help(word)) {
		usage(stdout);
		return EXIT_OK;
	}
	cmd = match_command(word, prop_cmds, usage, "property");
	switch (cmd) {
	case CMD_ADD:
	case CMD_SET:
	case CMD_DEL:
		return prop_change(a, cmd, on_port);
	case CMD_SHOW:
		return prop_show(a, on_port);
	default:
		usage(stdout);
		return EXIT_OK;
	}
}
