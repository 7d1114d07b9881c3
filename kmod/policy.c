// SPDX-License-Identifier: GPL-2.0
/*
 * Port policies, the control side: PORT_SET's policy attributes become a
 * new &struct xvs_port_policy, checked as a whole, offered (its standard
 * part: VLAN and the security guards) to the switch's forwarding
 * extension, then published under RCU in place of the old one, which is
 * freed after a grace period. A port whose policies are all at their
 * defaults has none (NULL): the data path then skips every policy with
 * one test.
 */

#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <xvs/extension.h>

#include "ext.h"
#include "policy.h"
#include "port.h"
#include "switch.h"

/* A rate limit's smallest rate and default burst (bytes). */
#define XVS_RATE_MIN		1000
#define XVS_BURST_MIN		16384

/* Attributes that change a policy (PORT_SET). */
static const int xvs_policy_attrs[] = {
	XVS_A_PORT_VLAN_MODE, XVS_A_PORT_VLAN_ID, XVS_A_PORT_VLAN_NATIVE,
	XVS_A_PORT_VLAN_TRUNK, XVS_A_PORT_MAC, XVS_A_PORT_SPOOF_GUARD,
	XVS_A_PORT_DHCP_GUARD, XVS_A_PORT_ROUTER_GUARD, XVS_A_PORT_ISOLATED,
	XVS_A_PORT_RATE, XVS_A_PORT_RATE_BURST, XVS_A_PORT_STORM_BCAST,
	XVS_A_PORT_STORM_MCAST, XVS_A_PORT_STORM_UNKNOWN, XVS_A_PORT_MIRROR,
};

static const int xvs_storm_attrs[__XVS_STORM_MAX] = {
	[XVS_STORM_BCAST]	= XVS_A_PORT_STORM_BCAST,
	[XVS_STORM_MCAST]	= XVS_A_PORT_STORM_MCAST,
	[XVS_STORM_UNKNOWN]	= XVS_A_PORT_STORM_UNKNOWN,
};

/* Everything after @rcu: what makes two policies equal. */
#define XVS_POLICY_BODY(p)	((const u8 *)(p) + sizeof(struct rcu_head))
#define XVS_POLICY_BODY_LEN	(sizeof(struct xvs_port_policy) -	\
				 sizeof(struct rcu_head))

/*
 * The burst of a rate limit, bytes: set, or 1/10 s at the rate (at least
 * XVS_BURST_MIN; above 343 Gbit/s, the most a u32 holds).
 */
static u32 xvs_policy_burst(const struct xvs_port_policy *p)
{
	if (!p->rate)
		return 0;
	return p->burst ?: clamp_t(u64, div_u64(p->rate, 80), XVS_BURST_MIN,
				   U32_MAX);
}

static bool xvs_policy_is_default(const struct xvs_port_policy *p)
{
	return !memchr_inv(XVS_POLICY_BODY(p), 0, XVS_POLICY_BODY_LEN);
}

static bool xvs_policy_std_equal(const struct xvs_port_policy *a,
				 const struct xvs_port_policy *b)
{
	return a->vlan_mode == b->vlan_mode && a->vlan_id == b->vlan_id &&
	       a->native_vid == b->native_vid &&
	       ether_addr_equal(a->mac, b->mac) &&
	       a->spoof_guard == b->spoof_guard &&
	       a->dhcp_guard == b->dhcp_guard &&
	       a->router_guard == b->router_guard &&
	       bitmap_equal(a->trunk, b->trunk, VLAN_N_VID);
}

static bool xvs_policy_std_default(const struct xvs_port_policy *p)
{
	static const struct xvs_port_policy none;

	return xvs_policy_std_equal(p, &none);
}

static void xvs_policy_to_std(const struct xvs_port_policy *p,
			      struct xvs_std_policy *std)
{
	std->vlan_mode = p->vlan_mode;
	std->vlan_id = p->vlan_id;
	std->native_vid = p->native_vid;
	std->trunk = p->trunk;
	ether_addr_copy(std->mac, p->mac);
	std->spoof_guard = p->spoof_guard;
	std->dhcp_guard = p->dhcp_guard;
	std->router_guard = p->router_guard;
}

/* The VLAN attributes of PORT_SET onto @p. */
static int xvs_policy_parse_vlan(struct xvs_port_policy *p,
				 struct nlattr **attrs,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	unsigned int i;

	a = attrs[XVS_A_PORT_VLAN_MODE];
	if (a && nla_get_u32(a) != p->vlan_mode) {
		/* A new mode starts from nothing. */
		p->vlan_mode = nla_get_u32(a);
		p->vlan_id = 0;
		p->native_vid = 0;
		bitmap_zero(p->trunk, VLAN_N_VID);
	}
	a = attrs[XVS_A_PORT_VLAN_ID];
	if (a) {
		if (p->vlan_mode != XVS_VLAN_ACCESS) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "A VLAN id is for access ports (vlan access ID)");
			return -EINVAL;
		}
		p->vlan_id = nla_get_u16(a);
	}
	a = attrs[XVS_A_PORT_VLAN_NATIVE];
	if (a) {
		if (p->vlan_mode != XVS_VLAN_TRUNK) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "A native VLAN is for trunk ports");
			return -EINVAL;
		}
		p->native_vid = nla_get_u16(a);
	}
	a = attrs[XVS_A_PORT_VLAN_TRUNK];
	if (a) {
		const u8 *bytes = nla_data(a);

		if (p->vlan_mode != XVS_VLAN_TRUNK) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "Allowed VLANs are for trunk ports");
			return -EINVAL;
		}
		bitmap_zero(p->trunk, VLAN_N_VID);
		for (i = 0; i < VLAN_N_VID; i++)
			if (bytes[i / 8] & BIT(i % 8))
				__set_bit(i, p->trunk);
	}

	switch (p->vlan_mode) {
	case XVS_VLAN_ACCESS:
		if (!p->vlan_id) {
			NL_SET_ERR_MSG(extack,
				       "An access port needs its VLAN id (1-4094)");
			return -EINVAL;
		}
		break;
	case XVS_VLAN_TRUNK:
		return xvs_vlan_check_trunk(p->trunk, extack);
	}
	return 0;
}

/* PORT_SET's policy attributes applied to a copy of the old policy. */
static int xvs_policy_parse(struct xvs_port_policy *p, struct nlattr **attrs,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	unsigned int i;
	int err;

	err = xvs_policy_parse_vlan(p, attrs, extack);
	if (err)
		return err;

	a = attrs[XVS_A_PORT_MAC];
	if (a) {
		const u8 *mac = nla_data(a);

		if (!is_zero_ether_addr(mac) && !is_valid_ether_addr(mac)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "The guest MAC must be a unicast address (or 00:00:00:00:00:00 for none)");
			return -EINVAL;
		}
		ether_addr_copy(p->mac, mac);
	}
	if (attrs[XVS_A_PORT_SPOOF_GUARD])
		p->spoof_guard = nla_get_u8(attrs[XVS_A_PORT_SPOOF_GUARD]);
	if (p->spoof_guard && is_zero_ether_addr(p->mac)) {
		NL_SET_ERR_MSG(extack,
			       "The MAC spoofing guard needs the guest's MAC (port set ... mac MAC)");
		return -EINVAL;
	}
	if (attrs[XVS_A_PORT_DHCP_GUARD])
		p->dhcp_guard = nla_get_u8(attrs[XVS_A_PORT_DHCP_GUARD]);
	if (attrs[XVS_A_PORT_ROUTER_GUARD])
		p->router_guard = nla_get_u8(attrs[XVS_A_PORT_ROUTER_GUARD]);
	if (attrs[XVS_A_PORT_ISOLATED])
		p->isolated = nla_get_u8(attrs[XVS_A_PORT_ISOLATED]);
	if (attrs[XVS_A_PORT_MIRROR])
		p->mirror = nla_get_u32(attrs[XVS_A_PORT_MIRROR]);

	a = attrs[XVS_A_PORT_RATE];
	if (a) {
		p->rate = nla_get_u64(a);
		p->burst = 0;
		if (p->rate && p->rate < XVS_RATE_MIN) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "A rate limit must be at least 1000 bits/s (0: no limit)");
			return -EINVAL;
		}
	}
	a = attrs[XVS_A_PORT_RATE_BURST];
	if (a) {
		if (!p->rate && nla_get_u32(a)) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "A burst needs a rate limit");
			return -EINVAL;
		}
		p->burst = nla_get_u32(a);
	}
	if (p->rate) {
		p->rate_ns_per_byte = xvs_meter_byte_cost(p->rate);
		p->rate_tolerance = xvs_meter_rate_cost(p->rate_ns_per_byte,
							xvs_policy_burst(p));
	} else {
		p->rate_ns_per_byte = 0;
		p->rate_tolerance = 0;
	}
	for (i = 0; i < __XVS_STORM_MAX; i++)
		if (attrs[xvs_storm_attrs[i]])
			p->storm[i] = nla_get_u32(attrs[xvs_storm_attrs[i]]);
	return 0;
}

/* Count @p in (@d = 1) or out of (-1) the switch's policy counters. */
static void xvs_policy_count(struct xvs_switch *sw,
			     const struct xvs_port_policy *p, int d)
{
	if (p->mirror == XVS_MIRROR_SOURCE)
		WRITE_ONCE(sw->mirror_sources, sw->mirror_sources + d);
	else if (p->mirror == XVS_MIRROR_DESTINATION)
		WRITE_ONCE(sw->mirror_dests, sw->mirror_dests + d);
	if (p->vlan_mode != XVS_VLAN_NONE)
		WRITE_ONCE(sw->vlan_ports, sw->vlan_ports + d);
}

/* Put @new (NULL: defaults) in place of the port's policy. */
static void xvs_policy_publish(struct xvs_port *port,
			       struct xvs_port_policy *new,
			       const struct xvs_extension *owner)
{
	struct xvs_port_policy *old = rtnl_dereference(port->policy);
	static const struct xvs_port_policy none;
	const struct xvs_port_policy *o = old ?: &none, *n = new ?: &none;
	unsigned int i;

	if (o->rate != n->rate || o->rate_tolerance != n->rate_tolerance)
		xvs_meter_reset(&port->rate_meter);
	for (i = 0; i < __XVS_STORM_MAX; i++)
		if (o->storm[i] != n->storm[i])
			xvs_meter_reset(&port->storm_meter[i]);
	xvs_policy_count(port->sw, o, -1);
	xvs_policy_count(port->sw, n, 1);
	port->std_owner = owner;
	WRITE_ONCE(port->std_ext, !!owner);
	rcu_assign_pointer(port->policy, new);
	if (old)
		kfree_rcu(old, rcu);
}

/**
 * xvs_policy_given() - does a request set any policy?
 * @attrs: the request's attributes
 *
 * Return: true when it carries a policy attribute.
 */
bool xvs_policy_given(struct nlattr **attrs)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xvs_policy_attrs); i++)
		if (attrs[xvs_policy_attrs[i]])
			return true;
	return false;
}

/**
 * xvs_policy_set() - apply PORT_SET's policy attributes to a port
 * @port: the port
 * @attrs: the request's attributes; those not given keep their value
 * @extack: where to say why it failed
 *
 * All or nothing. The standard policies are offered to the switch's
 * forwarding extension first, when they change.
 *
 * Context: RTNL.
 * Return: 0, -EINVAL an invalid combination (the extack says which),
 * -ENOMEM, or the forwarding extension's veto errno.
 */
int xvs_policy_set(struct xvs_port *port, struct nlattr **attrs,
		   struct netlink_ext_ack *extack)
{
	const struct xvs_port_policy *old = rtnl_dereference(port->policy);
	const struct xvs_extension *owner = port->std_owner;
	struct xvs_port_policy *p;
	struct xvs_std_policy std;
	int err;

	ASSERT_RTNL();
	if (!xvs_policy_given(attrs))
		return 0;

	p = old ? kmemdup(old, sizeof(*p), GFP_KERNEL) :
		  kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	err = xvs_policy_parse(p, attrs, extack);
	if (err)
		goto err_free;

	if (!old || !xvs_policy_std_equal(old, p)) {
		xvs_policy_to_std(p, &std);
		err = xvs_ext_std_policy(port->sw, port, &std, &owner, extack);
		if (err)
			goto err_free;
		if (xvs_policy_std_default(p))
			owner = NULL;
	}
	if (xvs_policy_is_default(p)) {
		kfree(p);
		p = NULL;
	}
	xvs_policy_publish(port, p, owner);
	return 0;

err_free:
	kfree(p);
	return err;
}

/**
 * xvs_policy_std_offer_all() - a forwarding extension was enabled: offer
 *	it the standard policies of every port that has some
 * @sw: the switch
 *
 * A port whose policies it declines (or vetoes: too late for that) stays
 * with the switch.
 *
 * Context: RTNL.
 */
void xvs_policy_std_offer_all(struct xvs_switch *sw)
{
	const struct xvs_extension *owner;
	struct xvs_port_policy *p;
	struct xvs_std_policy std;
	struct xvs_port *port;
	unsigned long id;

	ASSERT_RTNL();
	xa_for_each(&sw->ports, id, port) {
		p = rtnl_dereference(port->policy);
		if (!p || xvs_policy_std_default(p))
			continue;
		xvs_policy_to_std(p, &std);
		if (xvs_ext_std_policy(sw, port, &std, &owner, NULL))
			owner = NULL;
		port->std_owner = owner;
		WRITE_ONCE(port->std_ext, !!owner);
	}
}

/**
 * xvs_policy_std_release() - a forwarding extension is being disabled:
 *	the switch takes back the standard policies it enforced
 * @sw: the switch
 * @ext: the extension
 *
 * Context: RTNL.
 */
void xvs_policy_std_release(struct xvs_switch *sw,
			    const struct xvs_extension *ext)
{
	struct xvs_port *port;
	unsigned long id;

	ASSERT_RTNL();
	xa_for_each(&sw->ports, id, port) {
		if (port->std_owner != ext)
			continue;
		port->std_owner = NULL;
		WRITE_ONCE(port->std_ext, false);
	}
}

/**
 * xvs_policy_port_destroy() - the port is being deleted
 * @port: the port
 *
 * Its policy stays (the data path may still see the port until a grace
 * period passes; it is freed with the port) but no longer counts as a
 * mirror source or destination.
 *
 * Context: RTNL.
 */
void xvs_policy_port_destroy(struct xvs_port *port)
{
	const struct xvs_port_policy *p = rtnl_dereference(port->policy);

	if (p)
		xvs_policy_count(port->sw, p, -1);
	port->std_owner = NULL;
}

/**
 * xvs_policy_fill() - a port's policies as PORT_GET attributes
 * @skb: the message
 * @port: the port
 *
 * Context: RTNL.
 * Return: 0 or -EMSGSIZE.
 */
int xvs_policy_fill(struct sk_buff *skb, const struct xvs_port *port)
{
	const struct xvs_port_policy *p = rtnl_dereference(port->policy);
	static const struct xvs_port_policy none;
	u8 bytes[XVS_VLAN_BITMAP_LEN];
	unsigned int i;

	if (!p)
		p = &none;
	if (nla_put_u32(skb, XVS_A_PORT_VLAN_MODE, p->vlan_mode) ||
	    (p->vlan_mode == XVS_VLAN_ACCESS &&
	     nla_put_u16(skb, XVS_A_PORT_VLAN_ID, p->vlan_id)))
		return -EMSGSIZE;
	if (p->vlan_mode == XVS_VLAN_TRUNK) {
		memset(bytes, 0, sizeof(bytes));
		for_each_set_bit(i, p->trunk, VLAN_N_VID)
			bytes[i / 8] |= BIT(i % 8);
		if (nla_put_u16(skb, XVS_A_PORT_VLAN_NATIVE, p->native_vid) ||
		    nla_put(skb, XVS_A_PORT_VLAN_TRUNK, sizeof(bytes), bytes))
			return -EMSGSIZE;
	}
	if (nla_put(skb, XVS_A_PORT_MAC, ETH_ALEN, p->mac) ||
	    nla_put_u8(skb, XVS_A_PORT_SPOOF_GUARD, p->spoof_guard) ||
	    nla_put_u8(skb, XVS_A_PORT_DHCP_GUARD, p->dhcp_guard) ||
	    nla_put_u8(skb, XVS_A_PORT_ROUTER_GUARD, p->router_guard) ||
	    nla_put_u8(skb, XVS_A_PORT_ISOLATED, p->isolated) ||
	    nla_put_u64_64bit(skb, XVS_A_PORT_RATE, p->rate, XVS_A_PAD) ||
	    nla_put_u32(skb, XVS_A_PORT_RATE_BURST, xvs_policy_burst(p)) ||
	    nla_put_u32(skb, XVS_A_PORT_STORM_BCAST, p->storm[XVS_STORM_BCAST]) ||
	    nla_put_u32(skb, XVS_A_PORT_STORM_MCAST, p->storm[XVS_STORM_MCAST]) ||
	    nla_put_u32(skb, XVS_A_PORT_STORM_UNKNOWN,
			p->storm[XVS_STORM_UNKNOWN]) ||
	    nla_put_u32(skb, XVS_A_PORT_MIRROR, p->mirror) ||
	    (port->std_owner &&
	     nla_put_string(skb, XVS_A_PORT_POLICY_OWNER,
			    port->std_owner->name)))
		return -EMSGSIZE;
	return 0;
}
