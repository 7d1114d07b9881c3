// SPDX-License-Identifier: GPL-2.0
/*
 * Custom property commands of the "xvs" family: add, update and delete a
 * property (owner extension, id, instance, version, opaque value) of a port
 * or of a switch, and dump a port's or a switch's properties. Under RTNL
 * like every command; property.c stores them, applies the version rules
 * (an update keeps the major and does not lower the minor, a delete names
 * the version exactly) and offers each change to the owning extension,
 * which may veto it.
 */

#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ext.h"
#include "netlink.h"
#include "pernet.h"
#include "port.h"
#include "property.h"
#include "switch.h"

/* A property without PROP_VERSION in PROP_ADD is version 1.0. */
#define XVS_PROP_DEFAULT_VERSION	XVS_PROP_VERSION(1, 0)

/*
 * The port a property request names (PORT_ID or PORT_NAME), or NULL for
 * the switch itself (neither given).
 */
static struct xvs_port *xvs_nl_prop_port(struct xvs_switch *sw,
					 struct nlattr **attrs,
					 struct netlink_ext_ack *extack)
{
	if (!attrs[XVS_A_PORT_ID] && !attrs[XVS_A_PORT_NAME])
		return NULL;
	return xvs_port_find(sw, attrs[XVS_A_PORT_ID] ?
			     nla_get_u32(attrs[XVS_A_PORT_ID]) : 0,
			     attrs[XVS_A_PORT_NAME] ?
			     nla_data(attrs[XVS_A_PORT_NAME]) : NULL, extack);
}

/* PROP_ADD: a new property; its owner must be installed. PROP_REQUIRED
 * makes it required (port properties only).
 */
static int xvs_nl_prop_add(struct xvs_switch *sw, struct xvs_port *port,
			   const char *owner, struct xvs_property *prop,
			   struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;

	if (!xvs_ext_find(owner)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_EXT_NAME],
				    "No such extension installed");
		return -ENOENT;
	}
	prop->version = attrs[XVS_A_PROP_VERSION] ?
			nla_get_u32(attrs[XVS_A_PROP_VERSION]) :
			XVS_PROP_DEFAULT_VERSION;
	if (attrs[XVS_A_PROP_DATA]) {
		prop->len = nla_len(attrs[XVS_A_PROP_DATA]);
		prop->data = nla_data(attrs[XVS_A_PROP_DATA]);
	}
	return xvs_prop_add(sw, port, owner, prop,
			    nla_get_flag(attrs[XVS_A_PROP_REQUIRED]),
			    info->extack);
}

/*
 * PROP_SET: a new version (required: the same major, a minor not lower)
 * and maybe a new value (the old one stays when none is given).
 */
static int xvs_nl_prop_set(struct xvs_switch *sw, struct xvs_port *port,
			   const char *owner, struct xvs_property *prop,
			   struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	const struct xvs_prop *old;
	u8 *copy = NULL;
	int err;

	old = xvs_prop_find(sw, port, owner, prop->id, prop->instance);
	if (!old) {
		if (port)
			NL_SET_ERR_MSG(info->extack, "No such property on the port");
		else
			NL_SET_ERR_MSG(info->extack, "No such property on the switch");
		return -ENOENT;
	}
	prop->version = nla_get_u32(attrs[XVS_A_PROP_VERSION]);
	if (attrs[XVS_A_PROP_DATA]) {
		prop->len = nla_len(attrs[XVS_A_PROP_DATA]);
		prop->data = nla_data(attrs[XVS_A_PROP_DATA]);
	} else if (old->p.len) {
		/* The update may free the old value before it copies. */
		copy = kmemdup(old->p.data, old->p.len, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		prop->len = old->p.len;
		prop->data = copy;
	}
	err = xvs_prop_update(sw, port, owner, prop, info->extack);
	kfree(copy);
	return err;
}

/**
 * xvs_nl_prop_change() - PROP_ADD, PROP_SET and PROP_DEL
 * @skb: the request
 * @info: the request's attributes: the switch, the port (PORT_ID or
 *	PORT_NAME; none for a property of the switch), EXT_NAME (the owner),
 *	PROP_ID, PROP_INSTANCE (0 when absent); PROP_VERSION (1.0 when absent),
 *	PROP_DATA and PROP_REQUIRED for add; PROP_VERSION (required) and
 *	PROP_DATA for set; PROP_VERSION (required) for delete
 *
 * The owner of the property, when enabled on the switch, may veto the
 * change; its reason comes back in the extack.
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int xvs_nl_prop_change(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	u8 cmd = info->genlhdr->cmd;
	struct xvs_property prop = {};
	struct xvs_port *port;
	struct xvs_switch *sw;
	const char *owner;
	int err;

	if (XVS_REQUIRE(info, XVS_A_EXT_NAME,
			"Extension name (the owner of the property) required") ||
	    XVS_REQUIRE(info, XVS_A_PROP_ID, "Property id required"))
		return -EINVAL;
	if (cmd == XVS_CMD_PROP_DEL && attrs[XVS_A_PROP_DATA]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_PROP_DATA],
				    "A property is deleted by owner, id, instance and version only");
		return -EINVAL;
	}
	if (cmd != XVS_CMD_PROP_ADD && attrs[XVS_A_PROP_REQUIRED]) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[XVS_A_PROP_REQUIRED],
				    "A property is made required when it is added (delete it and add it to change that)");
		return -EINVAL;
	}
	if (cmd == XVS_CMD_PROP_SET &&
	    XVS_REQUIRE(info, XVS_A_PROP_VERSION,
			"Property version required (same major, minor not lower)"))
		return -EINVAL;
	if (cmd == XVS_CMD_PROP_DEL &&
	    XVS_REQUIRE(info, XVS_A_PROP_VERSION,
			"Property version required: a delete names the property's version"))
		return -EINVAL;
	owner = nla_data(attrs[XVS_A_EXT_NAME]);
	prop.id = nla_get_u32(attrs[XVS_A_PROP_ID]);
	if (attrs[XVS_A_PROP_INSTANCE])
		prop.instance = nla_get_u32(attrs[XVS_A_PROP_INSTANCE]);

	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = xvs_nl_prop_port(sw, attrs, info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	switch (cmd) {
	case XVS_CMD_PROP_ADD:
		err = xvs_nl_prop_add(sw, port, owner, &prop, info);
		break;
	case XVS_CMD_PROP_SET:
		err = xvs_nl_prop_set(sw, port, owner, &prop, info);
		break;
	default:
		err = xvs_prop_delete(sw, port, owner, prop.id, prop.instance,
				      nla_get_u32(attrs[XVS_A_PROP_VERSION]),
				      info->extack);
		break;
	}
	if (!err)
		xvs_net_changed(genl_info_net(info));
out:
	rtnl_unlock();
	return err;
}

static int xvs_prop_fill(struct sk_buff *skb, struct netlink_callback *cb,
			 struct xvs_switch *sw, struct xvs_port *port,
			 const struct xvs_prop *p)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &xvs_genl_family, NLM_F_MULTI, XVS_CMD_PROP_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    (port && (nla_put_u32(skb, XVS_A_PORT_ID, port->id) ||
		      nla_put_string(skb, XVS_A_PORT_NAME, port->name))) ||
	    nla_put_string(skb, XVS_A_EXT_NAME, p->owner) ||
	    nla_put_u32(skb, XVS_A_PROP_ID, p->p.id) ||
	    nla_put_u32(skb, XVS_A_PROP_INSTANCE, p->p.instance) ||
	    nla_put_u32(skb, XVS_A_PROP_VERSION, p->p.version) ||
	    nla_put(skb, XVS_A_PROP_DATA, p->p.len, p->p.data) ||
	    (p->required && nla_put_flag(skb, XVS_A_PROP_REQUIRED))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/**
 * xvs_nl_prop_dump() - PROP_GET: dump the custom properties of a port
 *	(PORT_ID or PORT_NAME) or of the switch (neither)
 * @skb: the dump's message
 * @cb: the dump
 *
 * One message per property: the switch, the port, EXT_NAME (the owner),
 * PROP_ID, PROP_INSTANCE, PROP_VERSION, PROP_DATA, PROP_REQUIRED (when it
 * is).
 *
 * Return: the length of the message, 0 at the end, or a negative errno.
 */
int xvs_nl_prop_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[XVS_A_MAX + 1];
	long skip = cb->args[0], i = 0;
	struct xvs_port *port;
	struct xvs_switch *sw;
	struct xvs_prop *p;
	int err;

	err = xvs_nl_dump_attrs(cb, attrs);
	if (err)
		return err;
	rtnl_lock();
	sw = xvs_nl_switch(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	port = xvs_nl_prop_port(sw, attrs, cb->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	cb->seq = xvs_net(sock_net(skb->sk))->genid;
	list_for_each_entry(p, xvs_prop_list(sw, port), list) {
		if (i++ < skip)
			continue;
		err = xvs_prop_fill(skb, cb, sw, port, p);
		if (err) {
			i--;
			break;
		}
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	}
	cb->args[0] = i;
out:
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}
