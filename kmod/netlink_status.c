// SPDX-License-Identifier: GPL-2.0
/*
 * STATUS_GET: the runtime status the enabled extensions give of a port or
 * a switch. Each extension's status op fills one message with items (a
 * key and a number or a text) through xvs_status_u64() and
 * xvs_status_text(); an extension without items gets no message. Read-only
 * and unprivileged, like every GET, within the caller's netns. Under RTNL.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include <xvs/extension.h>

#include "ext.h"
#include "netlink.h"
#include "pernet.h"
#include "port.h"
#include "switch.h"

/**
 * struct xvs_ext_status - an extension's status being filled
 * @skb: the dump's message, an %XVS_A_STATUS nest open in it
 * @items: items added so far
 */
struct xvs_ext_status {
	struct sk_buff *skb;
	unsigned int items;
};

/* Open an item nest with its key; NULL with *err set when it fails. */
static struct nlattr *xvs_status_item(struct xvs_ext_status *st,
				      const char *key, int *err)
{
	struct nlattr *item;
	size_t len = key ? strnlen(key, XVS_STATUS_KEY_LEN) : 0;

	*err = -EINVAL;
	if (!len || len >= XVS_STATUS_KEY_LEN)
		return NULL;
	*err = -EMSGSIZE;
	item = nla_nest_start(st->skb, XVS_A_STATUS_ITEM);
	if (!item)
		return NULL;
	if (nla_put_string(st->skb, XVS_STATUS_A_KEY, key)) {
		nla_nest_cancel(st->skb, item);
		return NULL;
	}
	*err = 0;
	return item;
}

/**
 * xvs_status_u64() - add a numeric item to an extension's status
 * @st: the status being filled (the status op's argument)
 * @key: the item's name, 1 to %XVS_STATUS_KEY_LEN - 1 bytes
 * @value: its value
 *
 * Context: the status op (RTNL).
 * Return: 0, -EINVAL a bad key, or -EMSGSIZE the message is full (return
 * it from the status op: the switch sends the status in a message of its
 * own).
 */
int xvs_status_u64(struct xvs_ext_status *st, const char *key, u64 value)
{
	struct nlattr *item;
	int err;

	item = xvs_status_item(st, key, &err);
	if (!item)
		return err;
	if (nla_put_u64_64bit(st->skb, XVS_STATUS_A_VALUE, value,
			      XVS_STATUS_A_PAD)) {
		nla_nest_cancel(st->skb, item);
		return -EMSGSIZE;
	}
	nla_nest_end(st->skb, item);
	st->items++;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_status_u64, XVS);

/**
 * xvs_status_text() - add a text item to an extension's status
 * @st: the status being filled (the status op's argument)
 * @key: the item's name, 1 to %XVS_STATUS_KEY_LEN - 1 bytes
 * @text: its value
 *
 * Context: the status op (RTNL).
 * Return: 0, -EINVAL a bad key, or -EMSGSIZE the message is full.
 */
int xvs_status_text(struct xvs_ext_status *st, const char *key, const char *text)
{
	struct nlattr *item;
	int err;

	item = xvs_status_item(st, key, &err);
	if (!item)
		return err;
	if (nla_put_string(st->skb, XVS_STATUS_A_TEXT, text ?: "")) {
		nla_nest_cancel(st->skb, item);
		return -EMSGSIZE;
	}
	nla_nest_end(st->skb, item);
	st->items++;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_status_text, XVS);

/* One extension's status of @port (NULL: the switch): a message, or none. */
static int xvs_status_fill(struct sk_buff *skb, struct netlink_callback *cb,
			   struct xvs_switch *sw, struct xvs_port *port,
			   struct xvs_ext_instance *inst)
{
	struct xvs_ext_status st = { .skb = skb };
	struct nlattr *nest;
	void *hdr;
	int err;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &xvs_genl_family, NLM_F_MULTI, XVS_CMD_STATUS_GET);
	if (!hdr)
		return -EMSGSIZE;
	err = -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    (port && (nla_put_u32(skb, XVS_A_PORT_ID, port->id) ||
		      nla_put_string(skb, XVS_A_PORT_NAME, port->name))) ||
	    nla_put_string(skb, XVS_A_EXT_NAME, inst->ext->name))
		goto cancel;
	nest = nla_nest_start(skb, XVS_A_STATUS);
	if (!nest)
		goto cancel;
	err = inst->ext->filled.status(inst, port, &st);
	if (err > 0)
		err = -EINVAL;
	if (err || !st.items)
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return err;
}

/**
 * xvs_nl_status_dump() - STATUS_GET: the status of a port (PORT_ID or
 *	PORT_NAME) or of the switch (neither), of every enabled extension or
 *	of the one EXT_NAME names
 * @skb: the dump's message
 * @cb: the dump; cb->args[0] is the stack position to go on from
 *
 * One message per extension with any status, in stack order: the switch,
 * the port, EXT_NAME, STATUS. A message that does not fit goes into the
 * next part of the dump; a change between two parts marks the dump
 * interrupted (NLM_F_DUMP_INTR).
 *
 * Return: the length of the message, 0 at the end, or a negative errno:
 * -ENOENT no such switch, port, or extension enabled on the switch.
 */
int xvs_nl_status_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[XVS_A_MAX + 1];
	const struct xvs_ext_chain *chain;
	unsigned int i = cb->args[0];
	struct xvs_port *port = NULL;
	const char *name = NULL;
	struct xvs_switch *sw;
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
	if (attrs[XVS_A_PORT_ID] || attrs[XVS_A_PORT_NAME]) {
		port = xvs_port_find(sw, attrs[XVS_A_PORT_ID] ?
				     nla_get_u32(attrs[XVS_A_PORT_ID]) : 0,
				     attrs[XVS_A_PORT_NAME] ?
				     nla_data(attrs[XVS_A_PORT_NAME]) : NULL,
				     cb->extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto out;
		}
	}
	if (attrs[XVS_A_EXT_NAME]) {
		name = nla_data(attrs[XVS_A_EXT_NAME]);
		if (!i && !xvs_ext_enabled(sw, name)) {
			NL_SET_ERR_MSG_ATTR(cb->extack, attrs[XVS_A_EXT_NAME],
					    "Extension is not enabled on this switch");
			err = -ENOENT;
			goto out;
		}
	}
	cb->seq = xvs_net(sock_net(skb->sk))->genid;
	chain = rtnl_dereference(sw->ext_chain);
	for (; chain && i < chain->n; i++) {
		unsigned int len = skb->len;

		if (name && strcmp(chain->all[i]->ext->name, name))
			continue;
		err = xvs_status_fill(skb, cb, sw, port, chain->all[i]);
		if (err)
			break;
		if (skb->len != len)
			nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	}
	cb->args[0] = i;
out:
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}
