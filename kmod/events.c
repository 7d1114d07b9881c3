// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle events to userspace: one XVS_CMD_EVENT message per transition
 * on the "events" multicast group of the switch's network namespace, each
 * with a per-namespace sequence number. Every transition happens under RTNL,
 * so events leave in the order the transitions happened.
 */

#include <linux/rtnetlink.h>
#include <net/genetlink.h>

#include "events.h"
#include "netlink.h"
#include "pernet.h"
#include "port.h"
#include "switch.h"

/* Off while the family is not registered (module load and unload). */
static bool xvs_events_on;

/**
 * xvs_events_enable() - start or stop sending events
 * @on: whether the family is registered
 */
void xvs_events_enable(bool on)
{
	rtnl_lock();
	xvs_events_on = on;
	rtnl_unlock();
}

static struct sk_buff *xvs_event_new(struct xvs_switch *sw,
				     enum xvs_event event, void **hdr)
{
	struct net *net = dev_net(sw->dev);
	u64 seq = ++xvs_net(net)->event_seq;
	struct sk_buff *skb;

	ASSERT_RTNL();
	if (!xvs_events_on ||
	    !genl_has_listeners(&xvs_genl_family, net, XVS_MCGRP_EVENTS_ID))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	*hdr = genlmsg_put(skb, 0, 0, &xvs_genl_family, 0, XVS_CMD_EVENT);
	if (!*hdr ||
	    nla_put_u32(skb, XVS_A_EVENT, event) ||
	    nla_put_u64_64bit(skb, XVS_A_EVENT_SEQ, seq, XVS_A_PAD) ||
	    nla_put_string(skb, XVS_A_SWITCH_NAME, sw->dev->name) ||
	    nla_put_u32(skb, XVS_A_SWITCH_IFINDEX, sw->dev->ifindex) ||
	    nla_put_u32(skb, XVS_A_SWITCH_ID, sw->id)) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

static void xvs_event_send(struct xvs_switch *sw, struct sk_buff *skb,
			   void *hdr)
{
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&xvs_genl_family, dev_net(sw->dev), skb, 0,
				XVS_MCGRP_EVENTS_ID, GFP_KERNEL);
}

/**
 * xvs_event_port() - announce a port or NIC transition
 * @port: the port, already in its new state
 * @event: what happened
 * @old_state: the state before
 *
 * Context: RTNL.
 */
void xvs_event_port(struct xvs_port *port, enum xvs_event event,
		    enum xvs_conn_state old_state)
{
	struct sk_buff *skb;
	void *hdr;

	skb = xvs_event_new(port->sw, event, &hdr);
	if (!skb)
		return;
	if (nla_put_u32(skb, XVS_A_OLD_STATE, old_state) ||
	    nla_put_u32(skb, XVS_A_NEW_STATE, port->state) ||
	    xvs_nl_fill_port_ids(skb, port)) {
		nlmsg_free(skb);
		return;
	}
	xvs_event_send(port->sw, skb, hdr);
}

/**
 * xvs_event_switch() - announce a switch's creation or deletion
 * @sw: the switch
 * @event: XVS_EVENT_SWITCH_CREATE or XVS_EVENT_SWITCH_DELETE
 *
 * Context: RTNL.
 */
void xvs_event_switch(struct xvs_switch *sw, enum xvs_event event)
{
	struct sk_buff *skb;
	void *hdr;

	skb = xvs_event_new(sw, event, &hdr);
	if (skb)
		xvs_event_send(sw, skb, hdr);
}

/**
 * xvs_event_ext() - announce an extension enabled, disabled or reordered
 * @sw: the switch
 * @event: XVS_EVENT_EXT_ENABLE, XVS_EVENT_EXT_DISABLE or XVS_EVENT_EXT_ORDER
 * @name: the extension's name (NULL for a reorder)
 * @position: its place in the stack after the event, or -1
 *
 * Context: RTNL.
 */
void xvs_event_ext(struct xvs_switch *sw, enum xvs_event event,
		   const char *name, int position)
{
	struct sk_buff *skb;
	void *hdr;

	skb = xvs_event_new(sw, event, &hdr);
	if (!skb)
		return;
	if ((name && nla_put_string(skb, XVS_A_EXT_NAME, name)) ||
	    (position >= 0 &&
	     nla_put_u32(skb, XVS_A_EXT_POSITION, position))) {
		nlmsg_free(skb);
		return;
	}
	xvs_event_send(sw, skb, hdr);
}
