// SPDX-License-Identifier: GPL-2.0
/*
 * ACL commands of the "xvs" family: add a rule to a port, delete one (or
 * all), dump a port's rules with their counters. Under RTNL like every
 * command; acl.c keeps the rules and compiles them for the data path.
 */

#include <net/genetlink.h>
#include <net/sock.h>

#include "acl.h"
#include "netlink.h"
#include "pernet.h"
#include "port.h"
#include "switch.h"

/* The attributes that describe a rule (all but the counters). */
static const int xvs_acl_rule_attrs[] = {
	XVS_A_ACL_DIR, XVS_A_ACL_ACTION, XVS_A_ACL_LOCAL, XVS_A_ACL_MAC,
	XVS_A_ACL_IPV4, XVS_A_ACL_IPV6, XVS_A_ACL_PREFIX_LEN,
};

/* The rule an ACL_ADD or ACL_DEL request gives, checked. */
static int xvs_nl_acl_spec(struct genl_info *info, struct xvs_acl_spec *spec)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct nlattr *plen = attrs[XVS_A_ACL_PREFIX_LEN];
	struct nlattr *addr = NULL;
	int i, err;

	if (XVS_REQUIRE(info, XVS_A_ACL_DIR,
			"ACL direction required (in, out or both)") ||
	    XVS_REQUIRE(info, XVS_A_ACL_ACTION,
			"ACL action required (allow, deny or meter)"))
		return -EINVAL;
	memset(spec, 0, sizeof(*spec));
	spec->dir = nla_get_u32(attrs[XVS_A_ACL_DIR]);
	spec->action = nla_get_u32(attrs[XVS_A_ACL_ACTION]);
	spec->local = nla_get_flag(attrs[XVS_A_ACL_LOCAL]);

	/* ACL_MAC, ACL_IPV4 and ACL_IPV6 follow each other. */
	for (i = XVS_A_ACL_MAC; i <= XVS_A_ACL_IPV6; i++) {
		if (!attrs[i])
			continue;
		if (addr) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[i],
					    "A rule has one address: a MAC address, an IPv4 or an IPv6 prefix");
			return -EINVAL;
		}
		addr = attrs[i];
	}
	if (!addr) {
		spec->kind = XVS_ACL_ANY;
	} else if (nla_type(addr) == XVS_A_ACL_MAC) {
		if (plen) {
			NL_SET_ERR_MSG_ATTR(extack, plen,
					    "A MAC address is matched whole: no prefix length");
			return -EINVAL;
		}
		spec->kind = XVS_ACL_MAC;
		memcpy(spec->addr.mac, nla_data(addr), ETH_ALEN);
	} else if (nla_type(addr) == XVS_A_ACL_IPV4) {
		spec->kind = XVS_ACL_IPV4;
		spec->addr.ip4 = nla_get_in_addr(addr);
		spec->plen = plen ? nla_get_u8(plen) : 32;
	} else {
		spec->kind = XVS_ACL_IPV6;
		spec->addr.ip6 = nla_get_in6_addr(addr);
		spec->plen = plen ? nla_get_u8(plen) : 128;
	}
	if (!addr && plen) {
		NL_SET_ERR_MSG_ATTR(extack, plen,
				    "A prefix length needs an IPv4 or IPv6 address");
		return -EINVAL;
	}
	err = xvs_acl_spec_check(spec, extack);
	if (err)	/* a prefix too long, host bits set, a side without address */
		NL_SET_BAD_ATTR(extack, plen && spec->plen >
				(spec->kind == XVS_ACL_IPV4 ? 32 : 128) ? plen :
				addr ?: attrs[XVS_A_ACL_LOCAL]);
	return err;
}

/* ACL_ALL: nothing else about a rule may come with it. */
static int xvs_nl_acl_all(struct genl_info *info)
{
	unsigned int i;

	if (info->genlhdr->cmd != XVS_CMD_ACL_DEL) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[XVS_A_ACL_ALL],
				    "ACL_ALL only goes with ACL_DEL (delete every rule)");
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(xvs_acl_rule_attrs); i++) {
		struct nlattr *a = info->attrs[xvs_acl_rule_attrs[i]];

		if (a) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "Delete every rule (ACL_ALL) or one rule, not both");
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * xvs_nl_acl_change() - ACL_ADD and ACL_DEL
 * @skb: the request
 * @info: the request's attributes: the switch, the port (PORT_ID or
 *	PORT_NAME), and the rule (ACL_DIR, ACL_ACTION, [ACL_LOCAL], at most
 *	one of ACL_MAC, ACL_IPV4, ACL_IPV6, [ACL_PREFIX_LEN]) or, for ACL_DEL
 *	only, ACL_ALL
 *
 * ACL_ADD refuses a rule equal to one the port has; ACL_DEL deletes the
 * rule equal to the one given, or every rule with ACL_ALL. The counters
 * (ACL_PACKETS, ACL_BYTES) are read-only and ignored here.
 *
 * Return: 0 or a negative errno, with an extack message.
 */
int xvs_nl_acl_change(struct sk_buff *skb, struct genl_info *info)
{
	bool all = nla_get_flag(info->attrs[XVS_A_ACL_ALL]);
	u8 cmd = info->genlhdr->cmd;
	struct xvs_acl_spec spec;
	struct xvs_port *port;
	int err;

	err = all ? xvs_nl_acl_all(info) : xvs_nl_acl_spec(info, &spec);
	if (err)
		return err;
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
	if (cmd == XVS_CMD_ACL_ADD) {
		if (port->state == XVS_STATE_PORT_TEARDOWN) {
			NL_SET_ERR_MSG(info->extack, "Port is being torn down");
			err = -ESHUTDOWN;
			goto out;
		}
		err = xvs_acl_add(&port->acl, &spec, info->extack);
	} else if (all) {
		xvs_acl_flush(&port->acl);
	} else {
		err = xvs_acl_del(&port->acl, &spec, info->extack);
	}
	if (!err)
		xvs_net_changed(genl_info_net(info));
out:
	rtnl_unlock();
	return err;
}

static int xvs_acl_fill(struct sk_buff *skb, struct netlink_callback *cb,
			struct xvs_port *port, const struct xvs_acl_spec *s,
			const struct xvs_acl_counters *c)
{
	struct xvs_switch *sw = port->sw;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &xvs_genl_family, NLM_F_MULTI, XVS_CMD_ACL_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, XVS_A_PORT_ID, port->id) ||
	    nla_put_string(skb, XVS_A_PORT_NAME, port->name) ||
	    nla_put_u32(skb, XVS_A_ACL_DIR, s->dir) ||
	    nla_put_u32(skb, XVS_A_ACL_ACTION, s->action) ||
	    (s->local && nla_put_flag(skb, XVS_A_ACL_LOCAL)))
		goto cancel;
	switch (s->kind) {
	case XVS_ACL_MAC:
		if (nla_put(skb, XVS_A_ACL_MAC, ETH_ALEN, s->addr.mac))
			goto cancel;
		break;
	case XVS_ACL_IPV4:
		if (nla_put_in_addr(skb, XVS_A_ACL_IPV4, s->addr.ip4) ||
		    nla_put_u8(skb, XVS_A_ACL_PREFIX_LEN, s->plen))
			goto cancel;
		break;
	case XVS_ACL_IPV6:
		if (nla_put_in6_addr(skb, XVS_A_ACL_IPV6, &s->addr.ip6) ||
		    nla_put_u8(skb, XVS_A_ACL_PREFIX_LEN, s->plen))
			goto cancel;
		break;
	}
	if (nla_put_u64_64bit(skb, XVS_A_ACL_PACKETS, c->packets, XVS_A_PAD) ||
	    nla_put_u64_64bit(skb, XVS_A_ACL_BYTES, c->bytes, XVS_A_PAD))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/**
 * xvs_nl_acl_dump() - ACL_GET: dump the ACL rules of a port
 * @skb: the dump's message
 * @cb: the dump; the request names the switch and the port (PORT_ID or
 *	PORT_NAME)
 *
 * One message per rule, in the order they were added: the switch, the
 * port, ACL_DIR, ACL_ACTION, [ACL_LOCAL], the address (ACL_MAC, or
 * ACL_IPV4 / ACL_IPV6 and ACL_PREFIX_LEN; none for a rule that matches
 * every frame), ACL_PACKETS and ACL_BYTES. A change between two parts of
 * the dump marks it interrupted (NLM_F_DUMP_INTR).
 *
 * Return: the length of the message, 0 at the end, or a negative errno.
 */
int xvs_nl_acl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr *attrs[XVS_A_MAX + 1];
	unsigned int i = cb->args[0];
	const struct xvs_acl *acl;
	struct xvs_port *port;
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
	port = xvs_port_find(sw, attrs[XVS_A_PORT_ID] ?
			     nla_get_u32(attrs[XVS_A_PORT_ID]) : 0,
			     attrs[XVS_A_PORT_NAME] ?
			     nla_data(attrs[XVS_A_PORT_NAME]) : NULL,
			     cb->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	cb->seq = xvs_net(sock_net(skb->sk))->genid;
	acl = rtnl_dereference(port->acl);
	for (; i < xvs_acl_count(acl); i++) {
		struct xvs_acl_counters c;
		struct xvs_acl_spec spec;

		xvs_acl_get(acl, i, &spec, &c);
		err = xvs_acl_fill(skb, cb, port, &spec, &c);
		if (err)
			break;
		nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	}
	cb->args[0] = i;
out:
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}
