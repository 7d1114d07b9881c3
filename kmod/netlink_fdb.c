// SPDX-License-Identifier: GPL-2.0
/*
 * FDB commands of the "xvs" family: add and delete static entries, dump a
 * switch's FDB, flush learned (and static) entries. Under RTNL like every
 * command; the FDB itself is walked under RCU.
 */

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "fdb.h"
#include "netlink.h"
#include "port.h"
#include "switch.h"

static u16 xvs_nl_vlan(struct genl_info *info)
{
	struct nlattr *attr = info->attrs[XVS_A_FDB_VLAN];

	return attr ? nla_get_u16(attr) : 0;
}

int xvs_nl_fdb_add(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_port *port;
	int err;

	if (XVS_REQUIRE(info, XVS_A_FDB_MAC, "MAC address required"))
		return -EINVAL;
	if (!info->attrs[XVS_A_PORT_ID] && !info->attrs[XVS_A_PORT_NAME]) {
		NL_SET_ERR_MSG(info->extack, "Port id or port name required");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, XVS_A_PORT_ID);
		return -EINVAL;
	}
	rtnl_lock();
	port = xvs_nl_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	if (port->state == XVS_STATE_PORT_TEARDOWN) {
		NL_SET_ERR_MSG(info->extack, "Port is being torn down");
		err = -ESHUTDOWN;
		goto out;
	}
	if (port->validation) {
		NL_SET_ERR_MSG(info->extack,
			       "A validation port never carries traffic");
		err = -EOPNOTSUPP;
		goto out;
	}
	err = xvs_fdb_add_static(&port->sw->fdb,
				 nla_data(info->attrs[XVS_A_FDB_MAC]),
				 xvs_nl_vlan(info), port, info->extack);
out:
	rtnl_unlock();
	return err;
}

int xvs_nl_fdb_del(struct sk_buff *skb, struct genl_info *info)
{
	struct xvs_switch *sw;
	int err;

	if (XVS_REQUIRE(info, XVS_A_FDB_MAC, "MAC address required"))
		return -EINVAL;
	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      xvs_fdb_del(&sw->fdb, nla_data(info->attrs[XVS_A_FDB_MAC]),
			  xvs_nl_vlan(info), info->extack);
	rtnl_unlock();
	return err;
}

int xvs_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct xvs_port *port = NULL;
	struct xvs_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[XVS_A_PORT_ID] || attrs[XVS_A_PORT_NAME]) {
		port = xvs_nl_port(info);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto out;
		}
	}
	xvs_fdb_flush(&sw->fdb, port, nla_get_flag(attrs[XVS_A_FDB_STATIC]));
out:
	rtnl_unlock();
	return err;
}

struct xvs_fdb_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct xvs_switch *sw;
};

static int xvs_fdb_fill(struct xvs_fdb_entry *e, void *arg)
{
	struct xvs_fdb_dump *d = arg;
	struct xvs_port *port = READ_ONCE(e->port);
	struct sk_buff *skb = d->skb;
	u64 age;
	void *hdr;

	age = jiffies64_to_msecs(jiffies - READ_ONCE(e->updated));

	hdr = genlmsg_put(skb, NETLINK_CB(d->cb->skb).portid,
			  d->cb->nlh->nlmsg_seq, &xvs_genl_family, NLM_F_MULTI,
			  XVS_CMD_FDB_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, d->sw->dev->name) ||
	    nla_put(skb, XVS_A_FDB_MAC, ETH_ALEN, e->key.mac) ||
	    nla_put_u16(skb, XVS_A_FDB_VLAN, e->key.vlan) ||
	    nla_put_u32(skb, XVS_A_PORT_ID, port->id) ||
	    nla_put_string(skb, XVS_A_PORT_NAME, port->name) ||
	    (e->is_static && nla_put_flag(skb, XVS_A_FDB_STATIC)) ||
	    (!e->is_static &&
	     nla_put_u32(skb, XVS_A_FDB_AGE, min_t(u64, age, U32_MAX)))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int xvs_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct xvs_fdb_dump d = { .skb = skb, .cb = cb };

	rtnl_lock();
	d.sw = xvs_nl_dump_switch(skb, cb);
	if (IS_ERR(d.sw)) {
		rtnl_unlock();
		return PTR_ERR(d.sw);
	}
	cb->args[0] = xvs_fdb_for_each(&d.sw->fdb, cb->args[0], xvs_fdb_fill,
				       &d);
	rtnl_unlock();
	return skb->len;
}
