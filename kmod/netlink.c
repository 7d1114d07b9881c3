// SPDX-License-Identifier: GPL-2.0
/*
 * The "xvs" generic netlink family: switch, port and NIC commands; FDB,
 * extension and custom property commands have files of their own (see
 * Documentation/api.rst and Documentation/netlink/specs/xvs.yaml).
 *
 * Every command runs under RTNL, the one lock of the control path. Dumps
 * take RTNL per batch and mark themselves interrupted (NLM_F_DUMP_INTR)
 * when the namespace's generation moved on between batches.
 */

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "events.h"
#include "netlink.h"
#include "nic.h"
#include "pernet.h"
#include "policy.h"
#include "port.h"
#include "switch.h"

/* XVS_A_EXT_ORDER: a nest of XVS_A_EXT_NAME, nothing else. */
static const struct nla_policy xvs_ext_order_policy[XVS_A_EXT_NAME + 1] = {
	[XVS_A_EXT_NAME]	= { .type = NLA_NUL_STRING,
				    .len = XVS_EXT_NAME_LEN - 1 },
};

/* XVS_A_BLOB: one extension's saved state of a NIC. */
const struct nla_policy xvs_blob_policy[XVS_BLOB_A_MAX + 1] = {
	[XVS_BLOB_A_OWNER]	= { .type = NLA_NUL_STRING,
				    .len = XVS_EXT_NAME_LEN - 1 },
	[XVS_BLOB_A_DATA]	= { .type = NLA_BINARY,
				    .len = XVS_BLOB_DATA_MAX },
};

static struct netlink_range_validation xvs_ageing_range = {
	.max = XVS_AGEING_MAX,
};

static struct netlink_range_validation xvs_learn_limit_range = {
	.max = XVS_LEARN_LIMIT_MAX,
};

static const struct nla_policy xvs_policy[XVS_A_MAX + 1] = {
	[XVS_A_PAD]		= { .type = NLA_UNSPEC },
	[XVS_A_SWITCH_NAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[XVS_A_SWITCH_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[XVS_A_SWITCH_ID]	= { .type = NLA_U32 },
	[XVS_A_SWITCH_TYPE]	= NLA_POLICY_MAX(NLA_U32, XVS_SWITCH_TYPE_MAX),
	[XVS_A_SWITCH_UPLINK]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[XVS_A_SWITCH_PORTS]	= { .type = NLA_U32 },
	[XVS_A_PORT_ID]		= NLA_POLICY_MIN(NLA_U32, 1),
	[XVS_A_PORT_NAME]	= { .type = NLA_NUL_STRING,
				    .len = XVS_PORT_NAME_LEN - 1 },
	[XVS_A_PORT_FRIENDLY_NAME] = { .type = NLA_NUL_STRING,
				       .len = XVS_FRIENDLY_NAME_LEN - 1 },
	[XVS_A_PORT_TYPE]	= NLA_POLICY_MAX(NLA_U32, XVS_PORT_TYPE_MAX),
	[XVS_A_PORT_VALIDATION]	= { .type = NLA_FLAG },
	[XVS_A_PORT_STATE]	= NLA_POLICY_MAX(NLA_U32, XVS_STATE_MAX),
	[XVS_A_PORT_REFCNT]	= { .type = NLA_U32 },
	[XVS_A_NIC_INDEX]	= NLA_POLICY_MAX(NLA_U32, XVS_NIC_INDEX_MAX),
	[XVS_A_NIC_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[XVS_A_NIC_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[XVS_A_NIC_REFCNT]	= { .type = NLA_U32 },
	[XVS_A_EVENT]		= NLA_POLICY_MAX(NLA_U32, XVS_EVENT_MAX),
	[XVS_A_OLD_STATE]	= NLA_POLICY_MAX(NLA_U32, XVS_STATE_MAX),
	[XVS_A_NEW_STATE]	= NLA_POLICY_MAX(NLA_U32, XVS_STATE_MAX),
	[XVS_A_EVENT_SEQ]	= { .type = NLA_U64 },
	[XVS_A_SWITCH_AGEING]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&xvs_ageing_range),
	[XVS_A_SWITCH_LEARN_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32,
							   &xvs_learn_limit_range),
	[XVS_A_SWITCH_FDB_LEARNED] = { .type = NLA_U32 },
	[XVS_A_STATS]		= { .type = NLA_NESTED },
	[XVS_A_FDB_MAC]		= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[XVS_A_FDB_VLAN]	= NLA_POLICY_MAX(NLA_U16, XVS_VLAN_MAX),
	[XVS_A_FDB_STATIC]	= { .type = NLA_FLAG },
	[XVS_A_FDB_AGE]		= { .type = NLA_U32 },
	[XVS_A_EXT_NAME]	= { .type = NLA_NUL_STRING,
				    .len = XVS_EXT_NAME_LEN - 1 },
	[XVS_A_EXT_TYPE]	= NLA_POLICY_MAX(NLA_U32, XVS_EXT_TYPE_MAX),
	[XVS_A_EXT_ENABLED]	= { .type = NLA_FLAG },
	[XVS_A_EXT_POSITION]	= NLA_POLICY_MAX(NLA_U32, XVS_EXT_MAX_ENABLED - 1),
	[XVS_A_EXT_SWITCHES]	= { .type = NLA_U32 },
	[XVS_A_EXT_ORDER]	= NLA_POLICY_NESTED(xvs_ext_order_policy),
	[XVS_A_EXT_STATS]	= { .type = NLA_NESTED },
	[XVS_A_PROP_ID]		= { .type = NLA_U32 },
	[XVS_A_PROP_INSTANCE]	= { .type = NLA_U32 },
	[XVS_A_PROP_VERSION]	= { .type = NLA_U32 },
	[XVS_A_PROP_DATA]	= { .type = NLA_BINARY, .len = XVS_PROP_DATA_MAX },
	[XVS_A_PORT_VLAN_MODE]	= NLA_POLICY_MAX(NLA_U32, XVS_VLAN_MODE_MAX),
	[XVS_A_PORT_VLAN_ID]	= NLA_POLICY_RANGE(NLA_U16, 1, XVS_VLAN_MAX),
	[XVS_A_PORT_VLAN_NATIVE] = NLA_POLICY_MAX(NLA_U16, XVS_VLAN_MAX),
	[XVS_A_PORT_VLAN_TRUNK]	= NLA_POLICY_EXACT_LEN(XVS_VLAN_BITMAP_LEN),
	[XVS_A_PORT_MAC]	= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[XVS_A_PORT_SPOOF_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[XVS_A_PORT_DHCP_GUARD]	= NLA_POLICY_MAX(NLA_U8, 1),
	[XVS_A_PORT_ROUTER_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[XVS_A_PORT_ISOLATED]	= NLA_POLICY_MAX(NLA_U8, 1),
	[XVS_A_PORT_RATE]	= { .type = NLA_U64 },
	[XVS_A_PORT_RATE_BURST]	= { .type = NLA_U32 },
	[XVS_A_PORT_STORM_BCAST] = { .type = NLA_U32 },
	[XVS_A_PORT_STORM_MCAST] = { .type = NLA_U32 },
	[XVS_A_PORT_STORM_UNKNOWN] = { .type = NLA_U32 },
	[XVS_A_PORT_MIRROR]	= NLA_POLICY_MAX(NLA_U32, XVS_MIRROR_MODE_MAX),
	[XVS_A_PORT_POLICY_OWNER] = { .type = NLA_NUL_STRING,
				      .len = XVS_EXT_NAME_LEN - 1 },
	[XVS_A_ACL_DIR]		= NLA_POLICY_RANGE(NLA_U32, XVS_ACL_DIR_IN,
						   XVS_ACL_DIR_MAX),
	[XVS_A_ACL_ACTION]	= NLA_POLICY_MAX(NLA_U32, XVS_ACL_ACTION_MAX),
	[XVS_A_ACL_LOCAL]	= { .type = NLA_FLAG },
	[XVS_A_ACL_MAC]		= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[XVS_A_ACL_IPV4]	= NLA_POLICY_EXACT_LEN(4),
	[XVS_A_ACL_IPV6]	= NLA_POLICY_EXACT_LEN(16),
	[XVS_A_ACL_PREFIX_LEN]	= NLA_POLICY_MAX(NLA_U8, 128),
	[XVS_A_ACL_PACKETS]	= { .type = NLA_U64 },
	[XVS_A_ACL_BYTES]	= { .type = NLA_U64 },
	[XVS_A_ACL_ALL]		= { .type = NLA_FLAG },
	[XVS_A_PROP_REQUIRED]	= { .type = NLA_FLAG },
	[XVS_A_STATUS]		= { .type = NLA_NESTED },
	[XVS_A_BLOB]		= NLA_POLICY_NESTED(xvs_blob_policy),
	[XVS_A_BLOB_UNCLAIMED]	= { .type = NLA_NUL_STRING,
				    .len = XVS_EXT_NAME_LEN - 1 },
};

static const char *xvs_nla_str(struct nlattr **attrs, int type)
{
	return attrs[type] ? nla_data(attrs[type]) : NULL;
}

/**
 * xvs_nl_switch() - the switch a request names (SWITCH_NAME or IFINDEX)
 * @net: the requester's network namespace
 * @attrs: the request's attributes
 * @extack: where to say why none was found
 *
 * Context: RTNL.
 * Return: the switch or an ERR_PTR (see xvs_switch_find()).
 */
struct xvs_switch *xvs_nl_switch(struct net *net, struct nlattr **attrs,
				 struct netlink_ext_ack *extack)
{
	return xvs_switch_find(net, xvs_nla_str(attrs, XVS_A_SWITCH_NAME),
			       attrs[XVS_A_SWITCH_IFINDEX] ?
			       nla_get_u32(attrs[XVS_A_SWITCH_IFINDEX]) : 0,
			       extack);
}

/**
 * xvs_nl_port() - the port a request names (switch, and PORT_ID or NAME)
 * @info: the request
 *
 * Context: RTNL.
 * Return: the port or an ERR_PTR (see xvs_port_find()).
 */
struct xvs_port *xvs_nl_port(struct genl_info *info)
{
	struct xvs_switch *sw;

	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	return xvs_port_find(sw, info->attrs[XVS_A_PORT_ID] ?
			     nla_get_u32(info->attrs[XVS_A_PORT_ID]) : 0,
			     xvs_nla_str(info->attrs, XVS_A_PORT_NAME),
			     info->extack);
}

/* NIC commands address NIC 0; 1..32 are reserved for team members. */
static int xvs_nl_nic_index(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[XVS_A_NIC_INDEX];

	if (attr && nla_get_u32(attr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "NIC indexes 1-32 are reserved for teamed uplink members");
		return -EOPNOTSUPP;
	}
	return 0;
}

static int xvs_fill_switch(struct sk_buff *skb, struct xvs_switch *sw,
			   u32 portid, u32 seq, int flags, u8 cmd)
{
	struct xvs_port *ext = sw->external_port;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &xvs_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, XVS_A_SWITCH_ID, sw->id) ||
	    nla_put_u32(skb, XVS_A_SWITCH_TYPE, sw->type) ||
	    nla_put_u32(skb, XVS_A_SWITCH_PORTS, sw->nports) ||
	    nla_put_u32(skb, XVS_A_SWITCH_AGEING,
			xvs_fdb_ageing_seconds(&sw->fdb)) ||
	    nla_put_u32(skb, XVS_A_SWITCH_LEARN_LIMIT, READ_ONCE(sw->fdb.limit)) ||
	    nla_put_u32(skb, XVS_A_SWITCH_FDB_LEARNED,
			atomic_read(&sw->fdb.learned)) ||
	    xvs_stats_fill(skb, XVS_A_STATS, sw->stats) ||
	    (ext && ext->nic &&
	     nla_put_string(skb, XVS_A_SWITCH_UPLINK, ext->nic->ifname))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * xvs_nl_fill_port_ids() - the attributes that name a port and its NIC
 * @skb: the message
 * @port: the port
 *
 * Return: 0 or -EMSGSIZE.
 */
int xvs_nl_fill_port_ids(struct sk_buff *skb, struct xvs_port *port)
{
	struct xvs_nic *nic = port->nic;

	if (nla_put_u32(skb, XVS_A_PORT_ID, port->id) ||
	    nla_put_string(skb, XVS_A_PORT_NAME, port->name))
		return -EMSGSIZE;
	if (nic && (nla_put_u32(skb, XVS_A_NIC_INDEX, nic->index) ||
		    nla_put_string(skb, XVS_A_NIC_IFNAME, nic->ifname) ||
		    nla_put_u32(skb, XVS_A_NIC_IFINDEX, nic->ifindex)))
		return -EMSGSIZE;
	return 0;
}

static int xvs_fill_port(struct sk_buff *skb, struct xvs_port *port,
			 u32 portid, u32 seq, int flags, u8 cmd)
{
	struct xvs_switch *sw = port->sw;
	unsigned int refs, nic_refs = 0;
	void *hdr;

	spin_lock_bh(&port->lock);
	refs = port->refs;
	if (port->nic)
		nic_refs = port->nic->refs;
	spin_unlock_bh(&port->lock);

	hdr = genlmsg_put(skb, portid, seq, &xvs_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    xvs_nl_fill_port_ids(skb, port) ||
	    nla_put_string(skb, XVS_A_PORT_FRIENDLY_NAME, port->friendly_name) ||
	    nla_put_u32(skb, XVS_A_PORT_TYPE, port->type) ||
	    (port->validation && nla_put_flag(skb, XVS_A_PORT_VALIDATION)) ||
	    nla_put_u32(skb, XVS_A_PORT_STATE, port->state) ||
	    nla_put_u32(skb, XVS_A_PORT_REFCNT, refs) ||
	    xvs_stats_fill(skb, XVS_A_STATS, port->stats) ||
	    xvs_policy_fill(skb, port) ||
	    (port->nic && nla_put_u32(skb, XVS_A_NIC_REFCNT, nic_refs))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int xvs_reply_switch(struct genl_info *info, struct sk_buff *msg,
			    struct xvs_switch *sw)
{
	int err = xvs_fill_switch(msg, sw, info->snd_portid, info->snd_seq, 0,
				  info->genlhdr->cmd);

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int xvs_reply_port(struct genl_info *info, struct sk_buff *msg,
			  struct xvs_port *port)
{
	int err = xvs_fill_port(msg, port, info->snd_portid, info->snd_seq, 0,
				info->genlhdr->cmd);

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* ---- switches ---- */

static int xvs_nl_switch_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	enum xvs_switch_type type = XVS_SWITCH_PRIVATE;
	struct net_device *uplink = NULL;
	struct xvs_switch *sw;
	struct sk_buff *msg;
	int err;

	if (XVS_REQUIRE(info, XVS_A_SWITCH_NAME, "Switch name required"))
		return -EINVAL;
	if (attrs[XVS_A_SWITCH_TYPE])
		type = nla_get_u32(attrs[XVS_A_SWITCH_TYPE]);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	if (attrs[XVS_A_SWITCH_UPLINK]) {
		uplink = __dev_get_by_name(net, nla_data(attrs[XVS_A_SWITCH_UPLINK]));
		if (!uplink) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_SWITCH_UPLINK],
					    "No such uplink device");
			err = -ENOENT;
			goto out;
		}
	}
	if (type != XVS_SWITCH_EXTERNAL && uplink) {
		NL_SET_ERR_MSG(info->extack, "Only an external switch has an uplink");
		err = -EINVAL;
		goto out;
	}
	if (type == XVS_SWITCH_EXTERNAL && !uplink) {
		NL_SET_ERR_MSG(info->extack, "An external switch needs an uplink");
		err = -EINVAL;
		goto out;
	}
	sw = xvs_switch_create(net, nla_data(attrs[XVS_A_SWITCH_NAME]),
			       info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (type != XVS_SWITCH_PRIVATE) {
		err = xvs_switch_set_type(sw, type, uplink, info->extack);
		if (err) {
			unregister_netdevice(sw->dev);
			goto out;
		}
	}
	err = xvs_reply_switch(info, msg, sw);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

static int xvs_nl_switch_del(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw))
		err = PTR_ERR(sw);
	else
		unregister_netdevice(sw->dev);
	rtnl_unlock();
	return err;
}

static int xvs_nl_switch_get(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_switch *sw;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		rtnl_unlock();
		nlmsg_free(msg);
		return PTR_ERR(sw);
	}
	err = xvs_reply_switch(info, msg, sw);
	rtnl_unlock();
	return err;
}

static int xvs_nl_switch_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xvs_net *xn = xvs_net(sock_net(skb->sk));
	long skip = cb->args[0], i = 0;
	struct xvs_switch *sw;
	int err = 0;

	rtnl_lock();
	cb->seq = xn->genid;
	list_for_each_entry(sw, &xn->switches, list) {
		if (i++ < skip)
			continue;
		err = xvs_fill_switch(skb, sw, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      XVS_CMD_SWITCH_GET);
		if (err) {
			i--;
			break;
		}
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	}
	rtnl_unlock();
	cb->args[0] = i;
	return err && !skb->len ? err : skb->len;
}

static int xvs_nl_switch_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	struct net_device *uplink = NULL;
	struct xvs_switch *sw;
	struct sk_buff *msg;
	int err;

	if (!attrs[XVS_A_SWITCH_TYPE] && !attrs[XVS_A_SWITCH_AGEING] &&
	    !attrs[XVS_A_SWITCH_LEARN_LIMIT]) {
		NL_SET_ERR_MSG(info->extack,
			       "Nothing to change: give a switch type, ageing time or learning limit");
		return -EINVAL;
	}
	if (attrs[XVS_A_SWITCH_UPLINK] && !attrs[XVS_A_SWITCH_TYPE]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_SWITCH_UPLINK],
				    "An uplink is set together with the switch type");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = xvs_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[XVS_A_SWITCH_UPLINK]) {
		uplink = __dev_get_by_name(net, nla_data(attrs[XVS_A_SWITCH_UPLINK]));
		if (!uplink) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_SWITCH_UPLINK],
					    "No such uplink device");
			err = -ENOENT;
			goto out;
		}
	}
	if (attrs[XVS_A_SWITCH_TYPE]) {
		err = xvs_switch_set_type(sw, nla_get_u32(attrs[XVS_A_SWITCH_TYPE]),
					  uplink, info->extack);
		if (err)
			goto out;
	}
	if (attrs[XVS_A_SWITCH_AGEING])
		xvs_fdb_set_ageing(&sw->fdb,
				   nla_get_u32(attrs[XVS_A_SWITCH_AGEING]));
	if (attrs[XVS_A_SWITCH_LEARN_LIMIT])
		WRITE_ONCE(sw->fdb.limit,
			   nla_get_u32(attrs[XVS_A_SWITCH_LEARN_LIMIT]));
	xvs_net_changed(net);
	err = xvs_reply_switch(info, msg, sw);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/* ---- ports ---- */

static int xvs_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct xvs_port_params params = {};
	struct xvs_switch *sw;
	struct xvs_port *port;
	struct sk_buff *msg;
	int err;

	if (XVS_REQUIRE(info, XVS_A_PORT_NAME, "Port name required"))
		return -EINVAL;
	params.name = nla_data(attrs[XVS_A_PORT_NAME]);
	params.friendly_name = xvs_nla_str(attrs, XVS_A_PORT_FRIENDLY_NAME);
	if (attrs[XVS_A_PORT_ID])
		params.id = nla_get_u32(attrs[XVS_A_PORT_ID]);
	if (attrs[XVS_A_PORT_TYPE])
		params.type = nla_get_u32(attrs[XVS_A_PORT_TYPE]);
	params.validation = nla_get_flag(attrs[XVS_A_PORT_VALIDATION]);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = xvs_port_create(sw, &params, info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = xvs_reply_port(info, msg, port);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

static int xvs_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_port *port;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		rtnl_unlock();
		nlmsg_free(msg);
		return PTR_ERR(port);
	}
	if (info->genlhdr->cmd == XVS_CMD_NIC_GET && !port->nic) {
		rtnl_unlock();
		nlmsg_free(msg);
		NL_SET_ERR_MSG(info->extack, "Port has no NIC");
		return -ENODEV;
	}
	err = xvs_reply_port(info, msg, port);
	rtnl_unlock();
	return err;
}

/**
 * xvs_nl_dump_attrs() - the attributes of a dump request
 * @cb: the dump
 * @attrs: XVS_A_MAX + 1 entries to fill
 *
 * The attributes were validated by the genetlink core; they are parsed
 * here again, the same way on 6.1 and 6.12.
 *
 * Return: 0 or a negative errno (with an extack message).
 */
int xvs_nl_dump_attrs(struct netlink_callback *cb, struct nlattr **attrs)
{
	return nlmsg_parse(cb->nlh, GENL_HDRLEN, attrs, XVS_A_MAX, xvs_policy,
			   cb->extack);
}

/**
 * xvs_nl_dump_switch() - the switch a dump request names
 * @skb: the dump's message
 * @cb: the dump
 *
 * Context: RTNL.
 * Return: the switch or an ERR_PTR.
 */
struct xvs_switch *xvs_nl_dump_switch(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	struct nlattr *attrs[XVS_A_MAX + 1];
	int err;

	err = xvs_nl_dump_attrs(cb, attrs);
	if (err)
		return ERR_PTR(err);
	return xvs_nl_switch(sock_net(skb->sk), attrs, cb->extack);
}

/* PORT_GET and NIC_GET dumps: the ports (with a NIC) of one switch. */
static int xvs_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	u8 cmd = ((struct genlmsghdr *)nlmsg_data(cb->nlh))->cmd;
	struct xvs_switch *sw;
	struct xvs_port *port;
	unsigned long id;
	int err = 0;

	rtnl_lock();
	sw = xvs_nl_dump_switch(skb, cb);
	if (IS_ERR(sw)) {
		rtnl_unlock();
		return PTR_ERR(sw);
	}
	cb->seq = xvs_net(sock_net(skb->sk))->genid;
	xa_for_each_start(&sw->ports, id, port, cb->args[0]) {
		if (cmd == XVS_CMD_NIC_GET && !port->nic)
			continue;
		err = xvs_fill_port(skb, port, NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI, cmd);
		if (err)
			break;
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
		cb->args[0] = id + 1;
	}
	rtnl_unlock();
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int xvs_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_port *port;
	int err;

	rtnl_lock();
	port = xvs_nl_port(info);
	err = IS_ERR(port) ? PTR_ERR(port) :
	      xvs_port_teardown(port, info->extack);
	rtnl_unlock();
	return err;
}

static int xvs_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_port *port;
	struct sk_buff *msg;
	int err;

	if (!info->attrs[XVS_A_PORT_FRIENDLY_NAME] &&
	    !xvs_policy_given(info->attrs)) {
		NL_SET_ERR_MSG(info->extack,
			       "Nothing to change: give a friendly name or a policy");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	port = xvs_nl_port(info);
	err = IS_ERR(port) ? PTR_ERR(port) :
	      xvs_port_update(port,
			      xvs_nla_str(info->attrs, XVS_A_PORT_FRIENDLY_NAME),
			      info->attrs, info->extack);
	if (err) {
		rtnl_unlock();
		nlmsg_free(msg);
		return err;
	}
	err = xvs_reply_port(info, msg, port);
	rtnl_unlock();
	return err;
}

/* ---- NICs ---- */

static int xvs_nl_nic_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	struct net_device *dev;
	struct xvs_port *port;
	struct sk_buff *msg;
	int err;

	err = xvs_nl_nic_index(info);
	if (err)
		return err;
	if (!attrs[XVS_A_NIC_IFNAME] && !attrs[XVS_A_NIC_IFINDEX]) {
		NL_SET_ERR_MSG(info->extack, "NIC device name or ifindex required");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, XVS_A_NIC_IFNAME);
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	if (attrs[XVS_A_NIC_IFNAME])
		dev = __dev_get_by_name(net, nla_data(attrs[XVS_A_NIC_IFNAME]));
	else
		dev = __dev_get_by_index(net, nla_get_u32(attrs[XVS_A_NIC_IFINDEX]));
	if (!dev) {
		NL_SET_ERR_MSG(info->extack, "No such NIC device in this network namespace");
		err = -ENOENT;
		goto out;
	}
	err = xvs_nic_create(port, dev, info->extack);
	if (err)
		goto out;
	err = xvs_reply_port(info, msg, port);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/* NIC_CONNECT, NIC_DISCONNECT and NIC_DEL: one transition each. */
static int xvs_nl_nic_change(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_port *port;
	struct sk_buff *msg;
	int err;

	err = xvs_nl_nic_index(info);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	switch (info->genlhdr->cmd) {
	case XVS_CMD_NIC_CONNECT:
		err = xvs_nic_connect(port, info->extack);
		break;
	case XVS_CMD_NIC_DISCONNECT:
		err = xvs_nic_disconnect(port, info->extack);
		break;
	default:
		err = xvs_nic_delete(port, info->extack);
		break;
	}
	if (err)
		goto out;
	err = xvs_reply_port(info, msg, port);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

static const struct genl_small_ops xvs_genl_ops[] = {
	{ .cmd = XVS_CMD_SWITCH_NEW, .doit = xvs_nl_switch_new,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_SWITCH_DEL, .doit = xvs_nl_switch_del,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_SWITCH_GET, .doit = xvs_nl_switch_get,
	  .dumpit = xvs_nl_switch_dump },
	{ .cmd = XVS_CMD_SWITCH_SET, .doit = xvs_nl_switch_set,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_PORT_NEW, .doit = xvs_nl_port_new,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_PORT_DEL, .doit = xvs_nl_port_del,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_PORT_GET, .doit = xvs_nl_port_get,
	  .dumpit = xvs_nl_port_dump },
	{ .cmd = XVS_CMD_PORT_SET, .doit = xvs_nl_port_set,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_NEW, .doit = xvs_nl_nic_new,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_CONNECT, .doit = xvs_nl_nic_change,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_DISCONNECT, .doit = xvs_nl_nic_change,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_DEL, .doit = xvs_nl_nic_change,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_GET, .doit = xvs_nl_port_get,
	  .dumpit = xvs_nl_port_dump },
	{ .cmd = XVS_CMD_FDB_ADD, .doit = xvs_nl_fdb_add,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_FDB_DEL, .doit = xvs_nl_fdb_del,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_FDB_GET, .dumpit = xvs_nl_fdb_dump },
	{ .cmd = XVS_CMD_FDB_FLUSH, .doit = xvs_nl_fdb_flush,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_EXT_GET, .dumpit = xvs_nl_ext_dump },
	{ .cmd = XVS_CMD_EXT_ENABLE, .doit = xvs_nl_ext_enable,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_EXT_DISABLE, .doit = xvs_nl_ext_disable,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_EXT_ORDER, .doit = xvs_nl_ext_order,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_PROP_ADD, .doit = xvs_nl_prop_change,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_PROP_SET, .doit = xvs_nl_prop_change,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_PROP_DEL, .doit = xvs_nl_prop_change,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = XVS_CMD_PROP_GET, .dumpit = xvs_nl_prop_dump },
	{ .cmd = XVS_CMD_ACL_ADD, .doit = xvs_nl_acl_change,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_ACL_DEL, .doit = xvs_nl_acl_change,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_ACL_GET, .dumpit = xvs_nl_acl_dump },
	{ .cmd = XVS_CMD_STATUS_GET, .dumpit = xvs_nl_status_dump },
	{ .cmd = XVS_CMD_NIC_SAVE, .doit = xvs_nl_nic_save,
	  .flags = GENL_UNS_ADMIN_PERM },
	{ .cmd = XVS_CMD_NIC_RESTORE, .doit = xvs_nl_nic_restore,
	  .flags = GENL_ADMIN_PERM },
};

static const struct genl_multicast_group xvs_mcgrps[] = {
	[XVS_MCGRP_EVENTS_ID] = { .name = XVS_GENL_MCGRP_EVENTS },
};

struct genl_family xvs_genl_family __ro_after_init = {
	.name		= XVS_GENL_NAME,
	.version	= XVS_GENL_VERSION,
	.maxattr	= XVS_A_MAX,
	.policy		= xvs_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= xvs_genl_ops,
	.n_small_ops	= ARRAY_SIZE(xvs_genl_ops),
	.mcgrps		= xvs_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(xvs_mcgrps),
};

int xvs_netlink_init(void)
{
	int err = genl_register_family(&xvs_genl_family);

	if (!err)
		xvs_events_enable(true);
	return err;
}

void xvs_netlink_exit(void)
{
	xvs_events_enable(false);
	genl_unregister_family(&xvs_genl_family);
}
