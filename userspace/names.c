// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - the words xvsctl uses for the values of the xvs API (switch and
 * port types, connection states, events, attributes, drop reasons,
 * commands, extension types) and back.
 */
#include <stdio.h>
#include <string.h>

#include <linux/xvs.h>

#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const switch_types[] = {
	[XVS_SWITCH_PRIVATE] = "private",
	[XVS_SWITCH_INTERNAL] = "internal",
	[XVS_SWITCH_EXTERNAL] = "external",
};

static const char *const port_types[] = {
	[XVS_PORT_VM] = "vm",
	[XVS_PORT_CONTAINER] = "container",
	[XVS_PORT_INTERNAL] = "internal",
	[XVS_PORT_EXTERNAL] = "external",
};

static const char *const states[] = {
	[XVS_STATE_NONE] = "none",
	[XVS_STATE_PORT_CREATED] = "port-created",
	[XVS_STATE_NIC_CREATED] = "nic-created",
	[XVS_STATE_NIC_CONNECTED] = "nic-connected",
	[XVS_STATE_NIC_DISCONNECTED] = "nic-disconnected",
	[XVS_STATE_NIC_DELETED] = "nic-deleted",
	[XVS_STATE_PORT_TEARDOWN] = "port-teardown",
};

static const char *const events[] = {
	[XVS_EVENT_SWITCH_CREATE] = "switch-create",
	[XVS_EVENT_SWITCH_DELETE] = "switch-delete",
	[XVS_EVENT_PORT_CREATE] = "port-create",
	[XVS_EVENT_PORT_UPDATE] = "port-update",
	[XVS_EVENT_PORT_TEARDOWN] = "port-teardown",
	[XVS_EVENT_PORT_DELETE] = "port-delete",
	[XVS_EVENT_NIC_CREATE] = "nic-create",
	[XVS_EVENT_NIC_CONNECT] = "nic-connect",
	[XVS_EVENT_NIC_UPDATE] = "nic-update",
	[XVS_EVENT_NIC_DISCONNECT] = "nic-disconnect",
	[XVS_EVENT_NIC_DELETE] = "nic-delete",
	[XVS_EVENT_EXT_ENABLE] = "ext-enable",
	[XVS_EVENT_EXT_DISABLE] = "ext-disable",
	[XVS_EVENT_EXT_ORDER] = "ext-order",
};

static const char *const attrs[] = {
	[XVS_A_UNSPEC] = "unspec",
	[XVS_A_PAD] = "pad",
	[XVS_A_SWITCH_NAME] = "switch-name",
	[XVS_A_SWITCH_IFINDEX] = "switch-ifindex",
	[XVS_A_SWITCH_ID] = "switch-id",
	[XVS_A_SWITCH_TYPE] = "switch-type",
	[XVS_A_SWITCH_UPLINK] = "switch-uplink",
	[XVS_A_SWITCH_PORTS] = "switch-ports",
	[XVS_A_PORT_ID] = "port-id",
	[XVS_A_PORT_NAME] = "port-name",
	[XVS_A_PORT_FRIENDLY_NAME] = "port-friendly-name",
	[XVS_A_PORT_TYPE] = "port-type",
	[XVS_A_PORT_VALIDATION] = "port-validation",
	[XVS_A_PORT_STATE] = "port-state",
	[XVS_A_PORT_REFCNT] = "port-refcnt",
	[XVS_A_NIC_INDEX] = "nic-index",
	[XVS_A_NIC_IFNAME] = "nic-ifname",
	[XVS_A_NIC_IFINDEX] = "nic-ifindex",
	[XVS_A_NIC_REFCNT] = "nic-refcnt",
	[XVS_A_EVENT] = "event",
	[XVS_A_OLD_STATE] = "old-state",
	[XVS_A_NEW_STATE] = "new-state",
	[XVS_A_EVENT_SEQ] = "event-seq",
	[XVS_A_SWITCH_AGEING] = "switch-ageing",
	[XVS_A_SWITCH_LEARN_LIMIT] = "switch-learn-limit",
	[XVS_A_SWITCH_FDB_LEARNED] = "switch-fdb-learned",
	[XVS_A_STATS] = "stats",
	[XVS_A_FDB_MAC] = "fdb-mac",
	[XVS_A_FDB_VLAN] = "fdb-vlan",
	[XVS_A_FDB_STATIC] = "fdb-static",
	[XVS_A_FDB_AGE] = "fdb-age",
	[XVS_A_EXT_NAME] = "ext-name",
	[XVS_A_EXT_TYPE] = "ext-type",
	[XVS_A_EXT_ENABLED] = "ext-enabled",
	[XVS_A_EXT_POSITION] = "ext-position",
	[XVS_A_EXT_SWITCHES] = "ext-switches",
	[XVS_A_EXT_ORDER] = "ext-order",
	[XVS_A_EXT_STATS] = "ext-stats",
	[XVS_A_PROP_ID] = "prop-id",
	[XVS_A_PROP_INSTANCE] = "prop-instance",
	[XVS_A_PROP_VERSION] = "prop-version",
	[XVS_A_PROP_DATA] = "prop-data",
	[XVS_A_PORT_VLAN_MODE] = "port-vlan-mode",
	[XVS_A_PORT_VLAN_ID] = "port-vlan-id",
	[XVS_A_PORT_VLAN_NATIVE] = "port-vlan-native",
	[XVS_A_PORT_VLAN_TRUNK] = "port-vlan-trunk",
	[XVS_A_PORT_MAC] = "port-mac",
	[XVS_A_PORT_SPOOF_GUARD] = "port-spoof-guard",
	[XVS_A_PORT_DHCP_GUARD] = "port-dhcp-guard",
	[XVS_A_PORT_ROUTER_GUARD] = "port-router-guard",
	[XVS_A_PORT_ISOLATED] = "port-isolated",
	[XVS_A_PORT_RATE] = "port-rate",
	[XVS_A_PORT_RATE_BURST] = "port-rate-burst",
	[XVS_A_PORT_STORM_BCAST] = "port-storm-bcast",
	[XVS_A_PORT_STORM_MCAST] = "port-storm-mcast",
	[XVS_A_PORT_STORM_UNKNOWN] = "port-storm-unknown",
	[XVS_A_PORT_MIRROR] = "port-mirror",
	[XVS_A_PORT_POLICY_OWNER] = "port-policy-owner",
	[XVS_A_ACL_DIR] = "acl-dir",
	[XVS_A_ACL_ACTION] = "acl-action",
	[XVS_A_ACL_LOCAL] = "acl-local",
	[XVS_A_ACL_MAC] = "acl-mac",
	[XVS_A_ACL_IPV4] = "acl-ipv4",
	[XVS_A_ACL_IPV6] = "acl-ipv6",
	[XVS_A_ACL_PREFIX_LEN] = "acl-prefix-len",
	[XVS_A_ACL_PACKETS] = "acl-packets",
	[XVS_A_ACL_BYTES] = "acl-bytes",
	[XVS_A_ACL_ALL] = "acl-all",
	[XVS_A_PROP_REQUIRED] = "prop-required",
	[XVS_A_STATUS] = "status",
	[XVS_A_BLOB] = "blob",
	[XVS_A_BLOB_UNCLAIMED] = "blob-unclaimed",
};

static const char *const drop_reasons[] = {
	[XVS_DROP_NIC_NOT_CONNECTED] = "nic-not-connected",
	[XVS_DROP_LINK_DOWN] = "link-down",
	[XVS_DROP_NO_DESTINATION] = "no-destination",
	[XVS_DROP_MTU] = "mtu",
	[XVS_DROP_LEARN_LIMIT] = "learn-limit",
	[XVS_DROP_INVALID_SOURCE] = "invalid-source",
	[XVS_DROP_NOMEM] = "nomem",
	[XVS_DROP_TX_ERROR] = "tx-error",
	[XVS_DROP_LOOP] = "loop",
	[XVS_DROP_EXTENSION] = "extension",
	[XVS_DROP_VLAN] = "vlan",
	[XVS_DROP_SPOOF_GUARD] = "spoof-guard",
	[XVS_DROP_DHCP_GUARD] = "dhcp-guard",
	[XVS_DROP_ROUTER_GUARD] = "router-guard",
	[XVS_DROP_ACL] = "acl",
	[XVS_DROP_RATE] = "rate",
	[XVS_DROP_STORM] = "storm",
	[XVS_DROP_ISOLATED] = "isolated",
};

static const char *const cmds[] = {
	[XVS_CMD_UNSPEC] = "unspec",
	[XVS_CMD_SWITCH_NEW] = "switch-new",
	[XVS_CMD_SWITCH_DEL] = "switch-del",
	[XVS_CMD_SWITCH_GET] = "switch-get",
	[XVS_CMD_SWITCH_SET] = "switch-set",
	[XVS_CMD_PORT_NEW] = "port-new",
	[XVS_CMD_PORT_DEL] = "port-del",
	[XVS_CMD_PORT_GET] = "port-get",
	[XVS_CMD_PORT_SET] = "port-set",
	[XVS_CMD_NIC_NEW] = "nic-new",
	[XVS_CMD_NIC_CONNECT] = "nic-connect",
	[XVS_CMD_NIC_DISCONNECT] = "nic-disconnect",
	[XVS_CMD_NIC_DEL] = "nic-del",
	[XVS_CMD_NIC_GET] = "nic-get",
	[XVS_CMD_EVENT] = "event",
	[XVS_CMD_FDB_ADD] = "fdb-add",
	[XVS_CMD_FDB_DEL] = "fdb-del",
	[XVS_CMD_FDB_GET] = "fdb-get",
	[XVS_CMD_FDB_FLUSH] = "fdb-flush",
	[XVS_CMD_EXT_GET] = "ext-get",
	[XVS_CMD_EXT_ENABLE] = "ext-enable",
	[XVS_CMD_EXT_DISABLE] = "ext-disable",
	[XVS_CMD_EXT_ORDER] = "ext-order",
	[XVS_CMD_PROP_ADD] = "prop-add",
	[XVS_CMD_PROP_SET] = "prop-set",
	[XVS_CMD_PROP_DEL] = "prop-del",
	[XVS_CMD_PROP_GET] = "prop-get",
	[XVS_CMD_ACL_ADD] = "acl-add",
	[XVS_CMD_ACL_DEL] = "acl-del",
	[XVS_CMD_ACL_GET] = "acl-get",
	[XVS_CMD_STATUS_GET] = "status-get",
	[XVS_CMD_NIC_SAVE] = "nic-save",
	[XVS_CMD_NIC_RESTORE] = "nic-restore",
};

static const char *const ext_types[] = {
	[XVS_EXT_CAPTURE] = "capture",
	[XVS_EXT_FILTER] = "filter",
	[XVS_EXT_FORWARDING] = "forwarding",
};

_Static_assert(ARRAY_SIZE(switch_types) == __XVS_SWITCH_TYPE_MAX, "switch types");
_Static_assert(ARRAY_SIZE(port_types) == __XVS_PORT_TYPE_MAX, "port types");
_Static_assert(ARRAY_SIZE(states) == __XVS_STATE_MAX, "states");
_Static_assert(ARRAY_SIZE(events) == __XVS_EVENT_MAX, "events");
_Static_assert(ARRAY_SIZE(attrs) == __XVS_A_MAX, "attributes");
_Static_assert(ARRAY_SIZE(drop_reasons) == __XVS_DROP_MAX, "drop reasons");
_Static_assert(ARRAY_SIZE(cmds) == __XVS_CMD_MAX, "commands");
_Static_assert(ARRAY_SIZE(ext_types) == __XVS_EXT_TYPE_MAX, "extension types");

static const char *lookup(const char *const *tbl, size_t n, uint32_t v)
{
	return v < n ? tbl[v] : NULL;
}

static int parse(const char *const *tbl, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (tbl[i] && !strcmp(tbl[i], s))
			return (int)i;
	return -1;
}

const char *switch_type_name(uint32_t v)
{
	return lookup(switch_types, ARRAY_SIZE(switch_types), v);
}

const char *port_type_name(uint32_t v)
{
	return lookup(port_types, ARRAY_SIZE(port_types), v);
}

const char *state_name(uint32_t v)
{
	return lookup(states, ARRAY_SIZE(states), v);
}

const char *event_name(uint32_t v)
{
	return lookup(events, ARRAY_SIZE(events), v);
}

const char *attr_name(uint32_t v)
{
	return lookup(attrs, ARRAY_SIZE(attrs), v);
}

const char *drop_reason_name(uint32_t v)
{
	return lookup(drop_reasons, ARRAY_SIZE(drop_reasons), v);
}

const char *cmd_name(uint32_t v)
{
	return lookup(cmds, ARRAY_SIZE(cmds), v);
}

const char *ext_type_name(uint32_t v)
{
	return lookup(ext_types, ARRAY_SIZE(ext_types), v);
}

int switch_type_parse(const char *s)
{
	return parse(switch_types, ARRAY_SIZE(switch_types), s);
}

int port_type_parse(const char *s)
{
	return parse(port_types, ARRAY_SIZE(port_types), s);
}

const char *name_or_number(const char *name, uint32_t v, char *buf)
{
	if (name)
		return name;
	snprintf(buf, 24, "unknown(%u)", v);
	return buf;
}
