// SPDX-License-Identifier: GPL-2.0
/*
 * policy.c - the port policies of "xvsctl port set|validate": parsing them
 * from the command line, putting them in a request, printing them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

static const char *const vlan_modes[] = { "none", "access", "trunk" };
static const char *const mirror_modes[] = { "none", "source", "destination" };
static const char *const storm_classes[] = { "bcast", "mcast", "unknown" };
static const int storm_attrs[] = {
	XVS_A_PORT_STORM_BCAST, XVS_A_PORT_STORM_MCAST, XVS_A_PORT_STORM_UNKNOWN,
};

void policy_init(struct policy_req *p)
{
	memset(p, 0, sizeof(*p));
	p->spoof = p->dhcp = p->router = p->isolated = p->mirror = -1;
	for (int i = 0; i < 3; i++)
		p->storm[i] = -1;
}

static int word_index(const char *const *words, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(words[i], s))
			return i;
	return -1;
}

static int parse_on_off(struct args *a, const char *kw, int *v)
{
	const char *s;

	if (*v >= 0)
		usage_error(a->usage, "\"%s\" given twice", kw);
	s = args_next(a, kw);
	if (!strcmp(s, "on"))
		*v = 1;
	else if (!strcmp(s, "off"))
		*v = 0;
	else
		usage_error(a->usage, "%s: \"%s\" is not on or off", kw, s);
	return 1;
}

/* "10,20-30": VLANs 1..4094 into the trunk bitmap. */
static void parse_vlan_list(struct args *a, const char *s, uint8_t *bits)
{
	const char *p = s;

	while (*p) {
		char *end;
		unsigned long lo, hi;

		errno = 0;
		lo = strtoul(p, &end, 10);
		if (end == p || errno || lo < 1 || lo > XVS_VLAN_MAX)
			usage_error(a->usage, "allowed VLANs \"%s\": VLAN ids are 1..%u",
				    s, XVS_VLAN_MAX);
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtoul(p, &end, 10);
			if (end == p || errno || hi < lo || hi > XVS_VLAN_MAX)
				usage_error(a->usage, "allowed VLANs \"%s\": bad range", s);
		}
		for (unsigned long v = lo; v <= hi; v++)
			bits[v / 8] |= 1u << (v % 8);
		if (*end == ',' && end[1])
			end++;
		else if (*end)
			usage_error(a->usage, "allowed VLANs \"%s\": expected a list like 10,20-30", s);
		p = end;
	}
}

/* BITS[k|m|g]: bits per second. */
static uint64_t parse_rate(struct args *a, const char *s)
{
	uint64_t mult = 1;
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno || s[0] == '-')
		usage_error(a->usage, "rate \"%s\": expected BITS[k|m|g] per second", s);
	if (*end == 'k' || *end == 'K')
		mult = 1000;
	else if (*end == 'm' || *end == 'M')
		mult = 1000000;
	else if (*end == 'g' || *end == 'G')
		mult = 1000000000;
	if (mult != 1)
		end++;
	if (*end || (v && UINT64_MAX / mult < v))
		usage_error(a->usage, "rate \"%s\": expected BITS[k|m|g] per second", s);
	if (v * mult < 1000)
		usage_error(a->usage, "rate \"%s\": at least 1000 bits/s (or \"rate none\")", s);
	return v * mult;
}

bool policy_keyword(struct args *a, const char *kw, struct policy_req *p)
{
	const char *s;
	int i;

	if (!strcmp(kw, "vlan")) {
		if (p->vlan)
			usage_error(a->usage, "\"vlan\" given twice");
		p->vlan = true;
		s = args_next(a, "vlan mode (none, access or trunk)");
		i = word_index(vlan_modes, 3, s);
		if (i < 0)
			usage_error(a->usage, "vlan: \"%s\" is not none, access or trunk", s);
		p->vlan_mode = i;
		if (i == XVS_VLAN_ACCESS) {
			p->vlan_id = check_u32(a->usage, "VLAN id",
					       args_next(a, "VLAN id"), 1, XVS_VLAN_MAX);
		} else if (i == XVS_VLAN_TRUNK) {
			parse_vlan_list(a, args_next(a, "allowed VLANs"), p->trunk);
			if (args_more(a) && !strcmp(a->argv[a->i], "native")) {
				a->i++;
				p->native = check_u32(a->usage, "native VLAN",
						      args_next(a, "native VLAN"),
						      0, XVS_VLAN_MAX);
			}
		}
	} else if (!strcmp(kw, "mac")) {
		if (p->mac)
			usage_error(a->usage, "\"mac\" given twice");
		p->mac = true;
		s = args_next(a, "MAC");
		if (strcmp(s, "none"))
			check_mac(a->usage, "guest MAC", s, p->macv);
	} else if (!strcmp(kw, "spoof-guard")) {
		parse_on_off(a, kw, &p->spoof);
	} else if (!strcmp(kw, "dhcp-guard")) {
		parse_on_off(a, kw, &p->dhcp);
	} else if (!strcmp(kw, "router-guard")) {
		parse_on_off(a, kw, &p->router);
	} else if (!strcmp(kw, "isolated")) {
		parse_on_off(a, kw, &p->isolated);
	} else if (!strcmp(kw, "rate")) {
		if (p->rate)
			usage_error(a->usage, "\"rate\" given twice");
		p->rate = true;
		s = args_next(a, "rate (BITS[k|m|g] or none)");
		if (strcmp(s, "none")) {
			p->ratev = parse_rate(a, s);
			if (args_more(a) && !strcmp(a->argv[a->i], "burst")) {
				a->i++;
				p->burst = check_u32(a->usage, "burst",
						     args_next(a, "burst BYTES"),
						     1, UINT32_MAX);
			}
		}
	} else if (!strcmp(kw, "storm")) {
		s = args_next(a, "storm class (bcast, mcast, unknown or none)");
		if (!strcmp(s, "none")) {
			for (i = 0; i < 3; i++) {
				if (p->storm[i] >= 0)
					usage_error(a->usage, "storm %s given twice",
						    storm_classes[i]);
				p->storm[i] = 0;
			}
		} else {
			i = word_index(storm_classes, 3, s);
			if (i < 0)
				usage_error(a->usage,
					    "storm: \"%s\" is not bcast, mcast, unknown or none", s);
			if (p->storm[i] >= 0)
				usage_error(a->usage, "storm %s given twice", s);
			p->storm[i] = check_u32(a->usage, "storm limit (frames/s)",
						args_next(a, "storm limit PPS"),
						0, UINT32_MAX);
		}
	} else if (!strcmp(kw, "mirror")) {
		if (p->mirror >= 0)
			usage_error(a->usage, "\"mirror\" given twice");
		s = args_next(a, "mirror mode (none, source or destination)");
		p->mirror = word_index(mirror_modes, 3, s);
		if (p->mirror < 0)
			usage_error(a->usage,
				    "mirror: \"%s\" is not none, source or destination", s);
	} else {
		return false;
	}
	p->any = true;
	return true;
}

void policy_put(struct nl_msg *msg, const struct policy_req *p)
{
	if (p->vlan) {
		xnl_put_u32(msg, XVS_A_PORT_VLAN_MODE, p->vlan_mode);
		if (p->vlan_mode == XVS_VLAN_ACCESS)
			xnl_put_u16(msg, XVS_A_PORT_VLAN_ID, p->vlan_id);
		if (p->vlan_mode == XVS_VLAN_TRUNK) {
			xnl_put_u16(msg, XVS_A_PORT_VLAN_NATIVE, p->native);
			xnl_put_bin(msg, XVS_A_PORT_VLAN_TRUNK, p->trunk,
				    sizeof(p->trunk));
		}
	}
	if (p->mac)
		xnl_put_mac(msg, XVS_A_PORT_MAC, p->macv);
	if (p->spoof >= 0)
		xnl_put_u8(msg, XVS_A_PORT_SPOOF_GUARD, p->spoof);
	if (p->dhcp >= 0)
		xnl_put_u8(msg, XVS_A_PORT_DHCP_GUARD, p->dhcp);
	if (p->router >= 0)
		xnl_put_u8(msg, XVS_A_PORT_ROUTER_GUARD, p->router);
	if (p->isolated >= 0)
		xnl_put_u8(msg, XVS_A_PORT_ISOLATED, p->isolated);
	if (p->rate) {
		xnl_put_u64(msg, XVS_A_PORT_RATE, p->ratev);
		if (p->burst)
			xnl_put_u32(msg, XVS_A_PORT_RATE_BURST, p->burst);
	}
	for (int i = 0; i < 3; i++)
		if (p->storm[i] >= 0)
			xnl_put_u32(msg, storm_attrs[i], (uint32_t)p->storm[i]);
	if (p->mirror >= 0)
		xnl_put_u32(msg, XVS_A_PORT_MIRROR, p->mirror);
}

/* "10,20-30" from the trunk bitmap. */
void format_vlan_list(const struct nlattr *a, char *buf, size_t len)
{
	const uint8_t *bits = nla_data(a);
	size_t n = 0;

	buf[0] = '\0';
	if (nla_len(a) != XVS_VLAN_BITMAP_LEN)
		return;
	for (int v = 0; v < 4096 && n + 12 < len; v++) {
		int hi = v;

		if (!(bits[v / 8] & (1u << (v % 8))))
			continue;
		while (hi + 1 < 4096 && (bits[(hi + 1) / 8] & (1u << ((hi + 1) % 8))))
			hi++;
		n += snprintf(buf + n, len - n, n ? ",%d" : "%d", v);
		if (hi > v)
			n += snprintf(buf + n, len - n, "-%d", hi);
		v = hi;
	}
}

static const char *on_off(const struct nlattr *a)
{
	return a && nla_len(a) >= 1 && *(const uint8_t *)nla_data(a) ? "on" : "off";
}

static bool is_on(const struct nlattr *a)
{
	return a && nla_len(a) >= 1 && *(const uint8_t *)nla_data(a);
}

/* Any policy not at its default? */
static bool policy_set_any(struct nlattr **tb)
{
	uint32_t v;
	uint64_t r;
	uint8_t mac[6];
	static const uint8_t zero[6];

	if ((xnl_u32(tb[XVS_A_PORT_VLAN_MODE], &v) && v) ||
	    (xnl_mac(tb[XVS_A_PORT_MAC], mac) && memcmp(mac, zero, 6)) ||
	    is_on(tb[XVS_A_PORT_SPOOF_GUARD]) || is_on(tb[XVS_A_PORT_DHCP_GUARD]) ||
	    is_on(tb[XVS_A_PORT_ROUTER_GUARD]) || is_on(tb[XVS_A_PORT_ISOLATED]) ||
	    (xnl_u64(tb[XVS_A_PORT_RATE], &r) && r) ||
	    (xnl_u32(tb[XVS_A_PORT_MIRROR], &v) && v) ||
	    tb[XVS_A_PORT_POLICY_OWNER])
		return true;
	for (int i = 0; i < 3; i++)
		if (xnl_u32(tb[storm_attrs[i]], &v) && v)
			return true;
	return false;
}

static void mac_text(const struct nlattr *a, char *buf, size_t len)
{
	uint8_t m[6];
	static const uint8_t zero[6];

	if (!xnl_mac(a, m) || !memcmp(m, zero, 6))
		snprintf(buf, len, "none");
	else
		snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x",
			 m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void policy_print_json(struct json *j, struct nlattr **tb)
{
	char buf[20000], mac[20];
	uint32_t v = 0;
	uint16_t v16;
	uint64_t r = 0;
	const char *s;

	json_key(j, "policy");
	json_obj_open(j);
	xnl_u32(tb[XVS_A_PORT_VLAN_MODE], &v);
	json_key(j, "vlan");
	json_obj_open(j);
	json_kv_string(j, "mode", v < 3 ? vlan_modes[v] : "?");
	if (xnl_u16(tb[XVS_A_PORT_VLAN_ID], &v16))
		json_kv_u64(j, "id", v16);
	if (xnl_u16(tb[XVS_A_PORT_VLAN_NATIVE], &v16))
		json_kv_u64(j, "native", v16);
	if (tb[XVS_A_PORT_VLAN_TRUNK]) {
		format_vlan_list(tb[XVS_A_PORT_VLAN_TRUNK], buf, sizeof(buf));
		json_kv_string(j, "allowed", buf);
	}
	json_obj_close(j);
	mac_text(tb[XVS_A_PORT_MAC], mac, sizeof(mac));
	if (strcmp(mac, "none"))
		json_kv_string(j, "mac", mac);
	else
		json_kv_null(j, "mac");
	json_kv_bool(j, "spoof_guard", is_on(tb[XVS_A_PORT_SPOOF_GUARD]));
	json_kv_bool(j, "dhcp_guard", is_on(tb[XVS_A_PORT_DHCP_GUARD]));
	json_kv_bool(j, "router_guard", is_on(tb[XVS_A_PORT_ROUTER_GUARD]));
	json_kv_bool(j, "isolated", is_on(tb[XVS_A_PORT_ISOLATED]));
	xnl_u64(tb[XVS_A_PORT_RATE], &r);
	json_kv_u64(j, "rate", r);
	v = 0;
	xnl_u32(tb[XVS_A_PORT_RATE_BURST], &v);
	json_kv_u64(j, "burst", v);
	json_key(j, "storm");
	json_obj_open(j);
	for (int i = 0; i < 3; i++) {
		v = 0;
		xnl_u32(tb[storm_attrs[i]], &v);
		json_kv_u64(j, storm_classes[i], v);
	}
	json_obj_close(j);
	v = 0;
	xnl_u32(tb[XVS_A_PORT_MIRROR], &v);
	json_kv_string(j, "mirror", v < 3 ? mirror_modes[v] : "?");
	s = xnl_str(tb[XVS_A_PORT_POLICY_OWNER]);
	if (s)
		json_kv_string(j, "enforced_by", s);
	else
		json_kv_null(j, "enforced_by");
	json_obj_close(j);
}

/*
 *     policy vlan trunk 10,20-30 native 5 mac 52:54:00:00:00:01 spoof-guard on
 *       dhcp-guard off router-guard off isolated off rate 10000000 burst 125000
 *       storm bcast 100 mcast 0 unknown 0 mirror none
 * Only for a port with a policy not at its default (or with -s).
 */
void policy_print(struct out *o, struct nlattr **tb)
{
	char buf[20000], mac[20];
	uint32_t v = 0;
	uint16_t v16;
	uint64_t r = 0;
	const char *s;
	FILE *f = o->f;

	if (o->json) {
		policy_print_json(&o->j, tb);
		return;
	}
	if (!tb[XVS_A_PORT_VLAN_MODE] || (!policy_set_any(tb) && !opts.stats))
		return;
	xnl_u32(tb[XVS_A_PORT_VLAN_MODE], &v);
	fprintf(f, "    policy vlan %s", v < 3 ? vlan_modes[v] : "?");
	if (xnl_u16(tb[XVS_A_PORT_VLAN_ID], &v16))
		fprintf(f, " %u", v16);
	if (tb[XVS_A_PORT_VLAN_TRUNK]) {
		format_vlan_list(tb[XVS_A_PORT_VLAN_TRUNK], buf, sizeof(buf));
		fprintf(f, " %s", buf);
		if (xnl_u16(tb[XVS_A_PORT_VLAN_NATIVE], &v16) && v16)
			fprintf(f, " native %u", v16);
	}
	mac_text(tb[XVS_A_PORT_MAC], mac, sizeof(mac));
	fprintf(f, " mac %s spoof-guard %s dhcp-guard %s router-guard %s isolated %s",
		mac, on_off(tb[XVS_A_PORT_SPOOF_GUARD]),
		on_off(tb[XVS_A_PORT_DHCP_GUARD]), on_off(tb[XVS_A_PORT_ROUTER_GUARD]),
		on_off(tb[XVS_A_PORT_ISOLATED]));
	xnl_u64(tb[XVS_A_PORT_RATE], &r);
	if (r) {
		v = 0;
		xnl_u32(tb[XVS_A_PORT_RATE_BURST], &v);
		fprintf(f, " rate %" PRIu64 " burst %u", r, v);
	} else {
		fputs(" rate none", f);
	}
	fputs(" storm", f);
	for (int i = 0; i < 3; i++) {
		v = 0;
		xnl_u32(tb[storm_attrs[i]], &v);
		fprintf(f, " %s %u", storm_classes[i], v);
	}
	v = 0;
	xnl_u32(tb[XVS_A_PORT_MIRROR], &v);
	fprintf(f, " mirror %s", v < 3 ? mirror_modes[v] : "?");
	s = xnl_str(tb[XVS_A_PORT_POLICY_OWNER]);
	if (s) {
		fputs(" enforced-by ", f);
		out_word(f, s);
	}
	fputc('\n', f);
}
