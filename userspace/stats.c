// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - the traffic counters of a switch or a port (the XVS_A_STATS
 * nest), printed by switch show and port show with -s.
 */
#include <inttypes.h>

#include <netlink/attr.h>

#include "cmds.h"
#include "names.h"
#include "xvsctl.h"

/* The drop reason's name with '_' for '-' (JSON keys), in buf. */
static const char *snake(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '-' ? '_' : name[i];
	buf[i] = '\0';
	return buf;
}

static void kv_json(struct json *j, struct nlattr **tb, int attr,
		    const char *key)
{
	uint64_t v;

	if (xnl_u64(tb[attr], &v))
		json_kv_u64(j, key, v);
}

static void kv_text(FILE *f, struct nlattr **tb, int attr, const char *key)
{
	uint64_t v;

	if (xnl_u64(tb[attr], &v))
		fprintf(f, " %s %" PRIu64, key, v);
}

/* The counter attribute of each drop reason. */
static const int drop_attr[] = {
	[XVS_DROP_NIC_NOT_CONNECTED] = XVS_STATS_DROP_NIC_NOT_CONNECTED,
	[XVS_DROP_LINK_DOWN] = XVS_STATS_DROP_LINK_DOWN,
	[XVS_DROP_NO_DESTINATION] = XVS_STATS_DROP_NO_DESTINATION,
	[XVS_DROP_MTU] = XVS_STATS_DROP_MTU,
	[XVS_DROP_LEARN_LIMIT] = XVS_STATS_DROP_LEARN_LIMIT,
	[XVS_DROP_INVALID_SOURCE] = XVS_STATS_DROP_INVALID_SOURCE,
	[XVS_DROP_NOMEM] = XVS_STATS_DROP_NOMEM,
	[XVS_DROP_TX_ERROR] = XVS_STATS_DROP_TX_ERROR,
	[XVS_DROP_LOOP] = XVS_STATS_DROP_LOOP,
	[XVS_DROP_EXTENSION] = XVS_STATS_DROP_EXTENSION,
	[XVS_DROP_VLAN] = XVS_STATS_DROP_VLAN,
	[XVS_DROP_SPOOF_GUARD] = XVS_STATS_DROP_SPOOF_GUARD,
	[XVS_DROP_DHCP_GUARD] = XVS_STATS_DROP_DHCP_GUARD,
	[XVS_DROP_ROUTER_GUARD] = XVS_STATS_DROP_ROUTER_GUARD,
	[XVS_DROP_ACL] = XVS_STATS_DROP_ACL,
	[XVS_DROP_RATE] = XVS_STATS_DROP_RATE,
	[XVS_DROP_STORM] = XVS_STATS_DROP_STORM,
	[XVS_DROP_ISOLATED] = XVS_STATS_DROP_ISOLATED,
};
_Static_assert(sizeof(drop_attr) / sizeof(drop_attr[0]) == __XVS_DROP_MAX,
	       "a counter per drop reason");

static void stats_json(struct json *j, struct nlattr **tb)
{
	char buf[32];

	json_key(j, "stats");
	json_obj_open(j);
	kv_json(j, tb, XVS_STATS_RX_PACKETS, "rx_packets");
	kv_json(j, tb, XVS_STATS_RX_BYTES, "rx_bytes");
	kv_json(j, tb, XVS_STATS_TX_PACKETS, "tx_packets");
	kv_json(j, tb, XVS_STATS_TX_BYTES, "tx_bytes");
	kv_json(j, tb, XVS_STATS_FORWARDED, "forwarded");
	kv_json(j, tb, XVS_STATS_FLOODED, "flooded");
	kv_json(j, tb, XVS_STATS_CONSUMED, "consumed");
	kv_json(j, tb, XVS_STATS_RX_DROPPED, "rx_dropped");
	kv_json(j, tb, XVS_STATS_TX_DROPPED, "tx_dropped");
	json_key(j, "drops");
	json_obj_open(j);
	for (uint32_t r = 0; r < __XVS_DROP_MAX; r++)
		kv_json(j, tb, drop_attr[r],
			snake(drop_reason_name(r), buf, sizeof(buf)));
	json_obj_close(j);
	json_obj_close(j);
}

/*
 *     rx packets 12 bytes 1584 forwarded 9 flooded 2 consumed 0 dropped 1
 *     tx packets 10 bytes 1320 dropped 0
 *     drops nic-not-connected 0 link-down 0 no-destination 1 mtu 0 ...
 */
static void stats_text(FILE *f, struct nlattr **tb)
{
	fputs("    rx", f);
	kv_text(f, tb, XVS_STATS_RX_PACKETS, "packets");
	kv_text(f, tb, XVS_STATS_RX_BYTES, "bytes");
	kv_text(f, tb, XVS_STATS_FORWARDED, "forwarded");
	kv_text(f, tb, XVS_STATS_FLOODED, "flooded");
	kv_text(f, tb, XVS_STATS_CONSUMED, "consumed");
	kv_text(f, tb, XVS_STATS_RX_DROPPED, "dropped");
	fputs("\n    tx", f);
	kv_text(f, tb, XVS_STATS_TX_PACKETS, "packets");
	kv_text(f, tb, XVS_STATS_TX_BYTES, "bytes");
	kv_text(f, tb, XVS_STATS_TX_DROPPED, "dropped");
	fputs("\n    drops", f);
	for (uint32_t r = 0; r < __XVS_DROP_MAX; r++)
		kv_text(f, tb, drop_attr[r],
			drop_reason_name(r));
	fputc('\n', f);
}

void stats_print(struct out *o, const struct nlattr *nest)
{
	struct nlattr *tb[XVS_STATS_MAX + 1];

	if (!opts.stats || !nest)
		return;
	if (nla_parse_nested(tb, XVS_STATS_MAX, (struct nlattr *)nest, NULL) < 0) {
		fprintf(stderr, "xvsctl: ignoring malformed counters\n");
		return;
	}
	if (o->json)
		stats_json(&o->j, tb);
	else
		stats_text(o->f, tb);
}
