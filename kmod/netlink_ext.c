// SPDX-License-Identifier: GPL-2.0
/*
 * Extension commands of the "xvs" family: list the installed extensions
 * (and their state on one switch), enable and disable one on a switch, and
 * reorder a switch's extensions. Under RTNL like every command; the work is
 * done by ext.c, which says what went wrong in the extack.
 */

#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "ext.h"
#include "netlink.h"
#include "pernet.h"
#include "switch.h"

static int xvs_ext_stats_fill(struct sk_buff *skb,
			      const struct xvs_ext_instance *inst)
{
	struct xvs_ext_stats s;
	struct nlattr *nest;

	xvs_ext_stats_read(inst, &s);
	nest = nla_nest_start(skb, XVS_A_EXT_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, XVS_EXT_STATS_INGRESS, s.ingress,
			      XVS_EXT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_EXT_STATS_EGRESS, s.egress,
			      XVS_EXT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_EXT_STATS_DROPPED, s.dropped,
			      XVS_EXT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_EXT_STATS_EXCLUDED, s.excluded,
			      XVS_EXT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_EXT_STATS_CONSUMED, s.consumed,
			      XVS_EXT_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_EXT_STATS_INJECTED, s.injected,
			      XVS_EXT_STATS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * One extension: name, type and, without @sw, on how many switches it is
 * enabled; with @sw, the switch and the extension's state on it.
 */
static int xvs_ext_fill(struct sk_buff *skb, struct netlink_callback *cb,
			struct xvs_extension *ext, struct xvs_switch *sw)
{
	struct xvs_ext_instance *inst;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &xvs_genl_family, NLM_F_MULTI, XVS_CMD_EXT_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_EXT_NAME, ext->name) ||
	    nla_put_u32(skb, XVS_A_EXT_TYPE, ext->type))
		goto cancel;
	if (!sw) {
		if (nla_put_u32(skb, XVS_A_EXT_SWITCHES, ext->nswitches))
			goto cancel;
		goto end;
	}
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, XVS_A_SWITCH_ID, sw->id))
		goto cancel;
	inst = xvs_ext_instance_of(sw, ext);
	if (inst &&
	    (nla_put_flag(skb, XVS_A_EXT_ENABLED) ||
	     nla_put_u32(skb, XVS_A_EXT_POSITION,
			 xvs_ext_position(sw, inst)) ||
	     xvs_ext_stats_fill(skb, inst)))
		goto cancel;
end:
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * xvs_nl_ext_dump() - EXT_GET: dump the installed extensions
 * @skb: the dump's message
 * @cb: the dump
 *
 * Without a switch selector, one message per installed extension (name,
 * type, number of switches it is enabled on). With SWITCH_NAME or
 * SWITCH_IFINDEX, one message per installed extension with its state on
 * that switch (enabled, position in the stack, counters).
 *
 * Return: the length of the message, 0 at the end, or a negative errno.
 */
int xvs_nl_ext_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[XVS_A_MAX + 1];
	struct xvs_extension *ext;
	struct xvs_switch *sw = NULL;
	unsigned int i;
	int err;

	err = xvs_nl_dump_attrs(cb, attrs);
	if (err)
		return err;
	rtnl_lock();
	if (attrs[XVS_A_SWITCH_NAME] || attrs[XVS_A_SWITCH_IFINDEX]) {
		sw = xvs_nl_switch(sock_net(skb->sk), attrs, cb->extack);
		if (IS_ERR(sw)) {
			rtnl_unlock();
			return PTR_ERR(sw);
		}
		cb->seq = xvs_net(sock_net(skb->sk))->genid;
	}
	err = 0;
	for (i = cb->args[0]; (ext = xvs_ext_nth(i)); i++) {
		err = xvs_ext_fill(skb, cb, ext, sw);
		if (err)
			break;
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	}
	cb->args[0] = i;
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}

/* The switch (SWITCH_NAME or SWITCH_IFINDEX) and EXT_NAME of a request. */
static struct xvs_switch *xvs_nl_ext_switch(struct genl_info *info,
					    const char **name)
{
	struct xvs_switch *sw;

	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (!IS_ERR(sw))
		*name = nla_data(info->attrs[XVS_A_EXT_NAME]);
	return sw;
}

/* EXT_ENABLE and EXT_DISABLE: the same request, one call apart. */
static int xvs_nl_ext_switch_op(struct genl_info *info, bool enable)
{
	struct xvs_switch *sw;
	const char *name;
	int err;

	if (XVS_REQUIRE(info, XVS_A_EXT_NAME, "Extension name required"))
		return -EINVAL;
	rtnl_lock();
	sw = xvs_nl_ext_switch(info, &name);
	if (IS_ERR(sw))
		err = PTR_ERR(sw);
	else if (enable)
		err = xvs_ext_enable(sw, name, info->extack);
	else
		err = xvs_ext_disable(sw, name, info->extack);
	if (!err)
		xvs_net_changed(genl_info_net(info));
	rtnl_unlock();
	return err;
}

/**
 * xvs_nl_ext_enable() - EXT_ENABLE: enable an extension on a switch
 * @skb: the request
 * @info: the request's attributes (switch, EXT_NAME)
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int xvs_nl_ext_enable(struct sk_buff *skb, struct genl_info *info)
{
	return xvs_nl_ext_switch_op(info, true);
}

/**
 * xvs_nl_ext_disable() - EXT_DISABLE: disable an extension on a switch
 * @skb: the request
 * @info: the request's attributes (switch, EXT_NAME)
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int xvs_nl_ext_disable(struct sk_buff *skb, struct genl_info *info)
{
	return xvs_nl_ext_switch_op(info, false);
}

/*
 * The names of an EXT_ORDER nest, in their order, into @names (at most
 * XVS_EXT_MAX_ENABLED; the policy let only EXT_NAME strings in).
 */
static int xvs_nl_ext_order_names(struct nlattr *nest, const char **names,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	int rem, n = 0, i;

	nla_for_each_nested(attr, nest, rem) {
		if (nla_type(attr) != XVS_A_EXT_NAME) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "The order holds extension names only");
			return -EINVAL;
		}
		if (n == XVS_EXT_MAX_ENABLED) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "The order names more extensions than can be enabled");
			return -E2BIG;
		}
		for (i = 0; i < n; i++) {
			if (!strcmp(names[i], nla_data(attr))) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "Extension named twice in the order");
				return -EINVAL;
			}
		}
		names[n++] = nla_data(attr);
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "The order names no extension");
		return -EINVAL;
	}
	return n;
}

/**
 * xvs_nl_ext_order() - EXT_ORDER: reorder the extensions of a switch
 * @skb: the request
 * @info: the request's attributes (switch, EXT_ORDER: a nest of EXT_NAME)
 *
 * Within each class the named extensions come first, in the given order.
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int xvs_nl_ext_order(struct sk_buff *skb, struct genl_info *info)
{
	const char *names[XVS_EXT_MAX_ENABLED];
	struct xvs_switch *sw;
	int n, err;

	if (XVS_REQUIRE(info, XVS_A_EXT_ORDER,
			"Extension order required (a nest of extension names)"))
		return -EINVAL;
	n = xvs_nl_ext_order_names(info->attrs[XVS_A_EXT_ORDER], names,
				   info->extack);
	if (n < 0)
		return n;
	rtnl_lock();
	sw = xvs_nl_switch(genl_info_net(info), info->attrs, info->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) :
	      xvs_ext_reorder(sw, names, n, info->extack);
	if (!err)
		xvs_net_changed(genl_info_net(info));
	rtnl_unlock();
	return err;
}
