// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: frames enter the switch from a NIC (its rx handler) or
 * from the host (the switch netdev's xmit, through the internal port),
 * get a forwarding context, learn their source MAC, get destinations from
 * the FDB (or every other connected port) and are sent to each.
 *
 * Runs under RCU with BH disabled, takes no lock and allocates nothing but
 * clones for extra destinations and new FDB entries. Frames only enter
 * from, and go to, a NIC in state NIC_CONNECTED (SPEC section 3): a port
 * publishes its netdev in @port->tx_dev while connected, and disconnect
 * waits for the frames in flight (xvs_port_set_state()).
 *
 * Extensions enabled on the switch run in between (when any is enabled
 * anywhere: a static key keeps the empty chain free): ingress hooks in
 * stack order once the frame entered (capture, filter, forwarding; a
 * forwarding extension replaces learning and the FDB), then egress hooks
 * in reverse stack order for each destination. Their drops and exclusions
 * are counted as XVS_DROP_EXTENSION on the port, on the extension's own
 * counters, and traced (xvs:xvs_ext_drop).
 *
 * The forwarding context lives in per-CPU storage, one per nesting level:
 * delivering a frame can make the switch run again on the same CPU (a
 * reply from the host stack, an extension's packet); past
 * XVS_FWD_MAX_DEPTH levels the frame is dropped as a loop.
 */

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>

#include "acl.h"
#include "compat.h"
#include "datapath.h"
#include "ext.h"
#include "fdb.h"
#include "fwd.h"
#include "policy.h"
#include "port.h"
#include "stats.h"
#include "switch.h"
#include "trace.h"

#define XVS_FWD_MAX_DEPTH	3

struct xvs_fwd_storage {
	unsigned int depth;
	struct xvs_fwd_ctx ctx[XVS_FWD_MAX_DEPTH];
};

static struct xvs_fwd_storage __percpu *xvs_fwd_storage;

static const enum skb_drop_reason xvs_skb_drop_reason[__XVS_DROP_MAX] = {
	[XVS_DROP_NIC_NOT_CONNECTED]	= SKB_DROP_REASON_DEV_READY,
	[XVS_DROP_LINK_DOWN]		= SKB_DROP_REASON_DEV_READY,
	[XVS_DROP_NO_DESTINATION]	= XVS_SKB_DROP_NO_TX_TARGET,
	[XVS_DROP_MTU]			= SKB_DROP_REASON_PKT_TOO_BIG,
	[XVS_DROP_LEARN_LIMIT]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_INVALID_SOURCE]	= XVS_SKB_DROP_MAC_INVALID_SOURCE,
	[XVS_DROP_NOMEM]		= SKB_DROP_REASON_NOMEM,
	[XVS_DROP_TX_ERROR]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_LOOP]			= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_EXTENSION]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_VLAN]			= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_SPOOF_GUARD]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_DHCP_GUARD]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_ROUTER_GUARD]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_ACL]			= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_RATE]			= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_STORM]		= SKB_DROP_REASON_NOT_SPECIFIED,
	[XVS_DROP_ISOLATED]		= SKB_DROP_REASON_NOT_SPECIFIED,
};

/* Count a drop on the switch and on @port (if any); free @skb (if any). */
static void xvs_dp_drop(struct xvs_switch *sw, struct xvs_port *port,
			struct sk_buff *skb, enum xvs_drop_reason reason,
			bool on_entry)
{
	xvs_stats_drop(sw->stats, reason, on_entry);
	if (port)
		xvs_stats_drop(port->stats, reason, on_entry);
	if (skb)
		kfree_skb_reason(skb, xvs_skb_drop_reason[reason]);
}

/*
 * Send one copy to one port; @skb->data is at the Ethernet header. @vid:
 * the frame's VLAN; @mirror: a mirror copy, which carries its VLAN's tag.
 */
static void xvs_dp_output(struct xvs_switch *sw, struct xvs_port *port,
			  struct sk_buff *skb, u16 vid, bool mirror)
{
	struct net_device *dev = rcu_dereference(port->tx_dev);
	unsigned int len = skb->len;
	int ret;

	const struct xvs_acl *acl;

	if (unlikely(!dev)) {
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, false);
		return;
	}
	acl = rcu_dereference(port->acl);
	if (unlikely(acl) && !mirror &&
	    !xvs_acl_check(acl, XVS_ACL_DIR_IN, skb)) {
		xvs_dp_drop(sw, port, skb, XVS_DROP_ACL, false);
		return;
	}
	if (unlikely(vid)) {
		const struct xvs_port_policy *pol = rcu_dereference(port->policy);

		if (mirror || (xvs_vlan_tagged_out(pol, vid) &&
			       !READ_ONCE(port->std_ext)))
			__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vid);
	}
	if (unlikely(!netif_running(dev) || !netif_carrier_ok(dev))) {
		xvs_dp_drop(sw, port, skb, XVS_DROP_LINK_DOWN, false);
		return;
	}
	if (unlikely(len > dev->mtu + ETH_HLEN && !skb_is_gso(skb))) {
		xvs_dp_drop(sw, port, skb, XVS_DROP_MTU, false);
		return;
	}

	if (dev == sw->dev) {
		/*
		 * The internal port: up into the host's stack. The frame was
		 * "other host" on the NIC it came from; eth_type_trans() only
		 * says so again when it is not for the switch's address.
		 */
		skb->pkt_type = PACKET_HOST;
		skb->protocol = eth_type_trans(skb, dev);
		netif_rx(skb);
		ret = NET_XMIT_SUCCESS;
	} else {
		skb->dev = dev;
		skb_forward_csum(skb);
		ret = dev_queue_xmit(skb);
	}
	if (unlikely(net_xmit_eval(ret))) {
		xvs_dp_drop(sw, port, NULL, XVS_DROP_TX_ERROR, false);
		return;
	}
	xvs_stats_tx(port->stats, len);
	xvs_stats_tx(sw->stats, len);
}

/* Every destination not excluded gets a copy; the last one the frame. */
static void xvs_dp_deliver(struct xvs_fwd_ctx *ctx, struct sk_buff *skb)
{
	struct xvs_switch *sw = ctx->sw;
	int i, last = -1;

	for (i = 0; i < ctx->ndests; i++)
		if (!ctx->dests[i].excluded)
			last = i;
	for (i = 0; i <= last; i++) {
		struct xvs_fwd_dest *d = &ctx->dests[i];
		struct sk_buff *copy = skb;

		if (d->excluded)
			continue;
		if (i != last) {
			copy = skb_clone(skb, GFP_ATOMIC);
			if (unlikely(!copy)) {
				xvs_dp_drop(sw, d->port, NULL, XVS_DROP_NOMEM,
					    false);
				continue;
			}
		}
		xvs_dp_output(sw, d->port, copy, ctx->vid, d->mirror);
	}
	if (last < 0)
		consume_skb(skb);
}

/*
 * May a frame of @ctx go to port @p? Not outside its VLAN (unless a
 * forwarding extension enforces @p's VLAN policy), not from an isolated
 * port to another.
 */
static enum xvs_drop_reason xvs_dp_reach(const struct xvs_fwd_ctx *ctx,
					 const struct xvs_port *p)
{
	const struct xvs_port_policy *pol = rcu_dereference(p->policy);

	if (likely(!pol))
		return ctx->vid && !READ_ONCE(p->std_ext) ? XVS_DROP_VLAN : 0;
	if (!READ_ONCE(p->std_ext) && !xvs_vlan_member(pol, ctx->vid))
		return XVS_DROP_VLAN;
	if (ctx->isolated && pol->isolated)
		return XVS_DROP_ISOLATED;
	return 0;
}

/* Whether no policy can keep a frame of @ctx from any port. */
static bool xvs_dp_reach_all(const struct xvs_fwd_ctx *ctx)
{
	return !ctx->vid && !ctx->isolated && !READ_ONCE(ctx->sw->vlan_ports);
}

/**
 * xvs_fwd_flood() - make every other connected port a destination
 * @ctx: the forwarding context of the frame
 *
 * What the switch does with broadcast, multicast and unknown unicast; for
 * a forwarding extension's hook. Ports already in the list are skipped,
 * and so are ports outside the frame's VLAN and, for a frame from an
 * isolated port, isolated ones.
 *
 * Context: the data path (RCU, BH disabled).
 * Return: 0, or -ENOSPC when the list could not take every port (those
 * left out are counted as %XVS_DROP_NOMEM).
 */
int xvs_fwd_flood(struct xvs_fwd_ctx *ctx)
{
	const struct xvs_port_set *set = rcu_dereference(ctx->sw->connected);
	bool fresh = !ctx->ndests, all = xvs_dp_reach_all(ctx);
	unsigned int i, n = xvs_port_set_len(set);
	int ret = 0;

	ctx->flooded = true;
	for (i = 0; i < n; i++) {
		struct xvs_port *p = READ_ONCE(set->ports[i]);
		struct xvs_fwd_dest *d;

		if (!p || p == ctx->src_port)
			continue;
		if (unlikely(!all) && xvs_dp_reach(ctx, p))
			continue;
		if (unlikely(ctx->ndests >= XVS_FWD_MAX_DESTS)) {
			xvs_dp_drop(ctx->sw, p, NULL, XVS_DROP_NOMEM, false);
			ret = -ENOSPC;
			continue;
		}
		/* Unique by construction when the list was empty. */
		if (!fresh) {
			xvs_fwd_add_dest(ctx, p, p->id, 0);
			continue;
		}
		d = &ctx->dests[ctx->ndests++];
		d->port = p;
		d->port_id = p->id;
		d->nic_index = 0;
		d->excluded = false;
		d->mirror = false;
	}
	return ret;
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_flood, XVS);

/**
 * xvs_fwd_add_dest_id() - add a port as a destination, by id
 * @ctx: the forwarding context of the frame
 * @port_id: the port's id
 *
 * For a forwarding extension's hook. A port whose NIC is not connected is
 * added all the same: the frame is dropped there and counted
 * (%XVS_DROP_NIC_NOT_CONNECTED).
 *
 * Context: the data path (RCU, BH disabled).
 * Return: 0, -ENOENT no such port, -EEXIST a destination already, -EINVAL
 * the frame's own source port (no hairpin), -EACCES the port is outside
 * the frame's VLAN or both ports are isolated, -ENOSPC the list is full.
 */
int xvs_fwd_add_dest_id(struct xvs_fwd_ctx *ctx, u32 port_id)
{
	struct xvs_port *port = xa_load(&ctx->sw->ports, port_id);

	if (!port || READ_ONCE(port->state) == XVS_STATE_NONE)
		return -ENOENT;
	if (!xvs_dp_reach_all(ctx) && xvs_dp_reach(ctx, port))
		return -EACCES;
	return xvs_fwd_add_dest(ctx, port, port_id, 0);
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_add_dest_id, XVS);

enum xvs_ext_ctr {
	XVS_EXT_CTR_INGRESS,
	XVS_EXT_CTR_EGRESS,
	XVS_EXT_CTR_DROPPED,
	XVS_EXT_CTR_EXCLUDED,
	XVS_EXT_CTR_CONSUMED,
	XVS_EXT_CTR_INJECTED,
};

static void xvs_ext_count(struct xvs_ext_instance *inst, enum xvs_ext_ctr ctr)
{
	struct xvs_ext_pcpu_stats *s = this_cpu_ptr(inst->stats);
	u64_stats_t *c;

	switch (ctr) {
	case XVS_EXT_CTR_INGRESS:
		c = &s->ingress;
		break;
	case XVS_EXT_CTR_EGRESS:
		c = &s->egress;
		break;
	case XVS_EXT_CTR_DROPPED:
		c = &s->dropped;
		break;
	case XVS_EXT_CTR_EXCLUDED:
		c = &s->excluded;
		break;
	case XVS_EXT_CTR_CONSUMED:
		c = &s->consumed;
		break;
	default:
		c = &s->injected;
		break;
	}
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(c);
	u64_stats_update_end(&s->syncp);
}

/*
 * The ingress hooks of @chain from the @first one on. Return: true when
 * the frame goes on, false when an extension dropped or took it.
 */
static bool xvs_ext_ingress(struct xvs_fwd_ctx *ctx,
			    const struct xvs_ext_chain *chain,
			    unsigned int first, struct sk_buff *skb)
{
	struct xvs_switch *sw = ctx->sw;
	unsigned int i;

	for (i = first; i < chain->ningress; i++) {
		struct xvs_ext_instance *inst = chain->ingress[i];
		enum xvs_ext_verdict v;

		ctx->ext_slot = inst->slot;
		xvs_ext_count(inst, XVS_EXT_CTR_INGRESS);
		v = chain->ingress_fn[i](inst, skb, ctx);
		if (likely(v == XVS_EXT_PASS))
			continue;
		if (v == XVS_EXT_CONSUMED) {
			xvs_ext_count(inst, XVS_EXT_CTR_CONSUMED);
			xvs_stats_consumed(sw->stats);
			if (ctx->src_port)
				xvs_stats_consumed(ctx->src_port->stats);
			return false;
		}
		xvs_ext_count(inst, XVS_EXT_CTR_DROPPED);
		trace_xvs_ext_drop(sw->dev->name, inst->ext->name,
				   ctx->src_port_id, false, ctx->reason, skb);
		xvs_dp_drop(sw, ctx->src_port, skb, XVS_DROP_EXTENSION, true);
		return false;
	}
	return true;
}

/* The egress hooks, in reverse stack order, for every destination. */
static void xvs_ext_egress(struct xvs_fwd_ctx *ctx,
			   const struct xvs_ext_chain *chain,
			   struct sk_buff *skb)
{
	unsigned int i, j;

	for (i = 0; i < ctx->ndests; i++) {
		struct xvs_fwd_dest *d = &ctx->dests[i];

		for (j = 0; j < chain->negress && !d->excluded; j++) {
			struct xvs_ext_instance *inst = chain->egress[j];

			ctx->ext_slot = inst->slot;
			xvs_ext_count(inst, XVS_EXT_CTR_EGRESS);
			if (likely(chain->egress_fn[j](inst, skb, ctx, d) ==
				   XVS_EXT_PASS))
				continue;
			d->excluded = true;
			xvs_ext_count(inst, XVS_EXT_CTR_EXCLUDED);
			trace_xvs_ext_drop(ctx->sw->dev->name, inst->ext->name,
					   d->port_id, true, ctx->reason, skb);
			/* A reason is set by the hook that drops, if any. */
			ctx->reason = NULL;
			xvs_dp_drop(ctx->sw, d->port, NULL, XVS_DROP_EXTENSION,
				    false);
		}
	}
}

/*
 * The policies of @src on a frame it sends, before the switch learns or
 * forwards it: the guards, the VLAN (@vid; the tag comes off), the
 * bandwidth limit. Return: 0 or the drop reason.
 */
static enum xvs_drop_reason xvs_dp_policy_in(struct xvs_port *src,
					     const struct xvs_port_policy *pol,
					     struct sk_buff *skb, u16 *vid)
{
	int reason, err;

	if (!READ_ONCE(src->std_ext)) {
		reason = xvs_guard_check(pol, skb);
		if (reason)
			return reason;
		err = xvs_vlan_classify(pol, skb, vid);
		if (err)
			return err == -ENOMEM ? XVS_DROP_NOMEM : XVS_DROP_VLAN;
	}
	return 0;
}

/* Over the port's bandwidth limit? */
static bool xvs_dp_over_rate(struct xvs_port *src,
			     const struct xvs_port_policy *pol,
			     unsigned int len)
{
	return !xvs_meter_conform(&src->rate_meter, ktime_get_ns(),
				  xvs_meter_rate_cost(pol->rate_ns_per_byte,
						      len),
				  pol->rate_tolerance);
}

/*
 * Over the port's storm limit for the frame's class? @unknown: a unicast
 * frame to a MAC the FDB does not know.
 */
static bool xvs_dp_over_storm(struct xvs_port *src,
			      const struct xvs_port_policy *pol,
			      const struct ethhdr *eth, bool unknown)
{
	enum xvs_storm_class c;

	if (is_broadcast_ether_addr(eth->h_dest))
		c = XVS_STORM_BCAST;
	else if (is_multicast_ether_addr(eth->h_dest))
		c = XVS_STORM_MCAST;
	else if (unknown)
		c = XVS_STORM_UNKNOWN;
	else
		return false;
	if (!pol->storm[c])
		return false;
	return !xvs_meter_conform(&src->storm_meter[c], ktime_get_ns(),
				  NSEC_PER_SEC / pol->storm[c],
				  NSEC_PER_SEC / 10);
}

static bool xvs_dp_mirrored(const struct xvs_port *p)
{
	const struct xvs_port_policy *pol = rcu_dereference(p->policy);

	return pol && pol->mirror == XVS_MIRROR_SOURCE;
}

/*
 * Port mirroring: when the frame comes from or goes to a mirror source,
 * every mirror destination that does not get it anyway gets a copy.
 */
static void xvs_dp_mirror(struct xvs_fwd_ctx *ctx)
{
	const struct xvs_port_set *set;
	bool mirrored = ctx->src_port && xvs_dp_mirrored(ctx->src_port);
	unsigned int i, j, nset, n = ctx->ndests;

	for (i = 0; i < n && !mirrored; i++)
		mirrored = !ctx->dests[i].excluded &&
			   xvs_dp_mirrored(ctx->dests[i].port);
	if (!mirrored)
		return;
	set = rcu_dereference(ctx->sw->connected);
	nset = xvs_port_set_len(set);
	for (i = 0; i < nset; i++) {
		struct xvs_port *p = READ_ONCE(set->ports[i]);
		const struct xvs_port_policy *pol;

		if (!p)
			continue;
		pol = rcu_dereference(p->policy);
		if (p == ctx->src_port || !pol ||
		    pol->mirror != XVS_MIRROR_DESTINATION)
			continue;
		for (j = 0; j < n; j++)
			if (ctx->dests[j].port == p)
				break;
		if (j < n || xvs_fwd_add_dest(ctx, p, p->id, 0))
			continue;
		ctx->dests[ctx->ndests - 1].mirror = true;
	}
}

/*
 * A frame enters the switch from @src (NULL: from the default port, made
 * by an extension), with the extensions of @chain from its @first ingress
 * hook on (NULL: none). @skb->data is at the Ethernet header.
 * Context: RCU, BH disabled.
 */
static void xvs_dp_ingress(struct xvs_switch *sw, struct xvs_port *src,
			   u32 src_id, struct sk_buff *skb,
			   const struct xvs_ext_chain *chain,
			   unsigned int first)
{
	struct xvs_fwd_storage *st = this_cpu_ptr(xvs_fwd_storage);
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	bool native = !chain || !chain->forwarding;
	const struct xvs_port_policy *pol = NULL;
	enum xvs_drop_reason reason;
	struct xvs_fdb_entry *e;
	struct xvs_fwd_ctx *ctx;
	bool unknown = false;
	u16 vid = 0;
	int err;

	if (src)
		xvs_stats_rx(src->stats, skb->len);
	xvs_stats_rx(sw->stats, skb->len);

	if (unlikely(st->depth >= XVS_FWD_MAX_DEPTH)) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_LOOP, true);
		return;
	}
	if (unlikely(!is_valid_ether_addr(eth->h_source))) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_INVALID_SOURCE, true);
		return;
	}
	if (src) {
		const struct xvs_acl *acl = rcu_dereference(src->acl);

		pol = rcu_dereference(src->policy);
		if (unlikely(pol)) {
			reason = xvs_dp_policy_in(src, pol, skb, &vid);
			if (reason) {
				xvs_dp_drop(sw, src, skb, reason, true);
				return;
			}
			/* The tag may have come out of the data. */
			eth = (const struct ethhdr *)skb->data;
		}
		if (unlikely(acl) &&
		    !xvs_acl_check(acl, XVS_ACL_DIR_OUT, skb)) {
			xvs_dp_drop(sw, src, skb, XVS_DROP_ACL, true);
			return;
		}
		if (unlikely(pol) && pol->rate &&
		    xvs_dp_over_rate(src, pol, skb->len)) {
			xvs_dp_drop(sw, src, skb, XVS_DROP_RATE, true);
			return;
		}
	}
	/* Learning is native forwarding's; frames of port 0 teach nothing. */
	if (native && src) {
		err = xvs_fdb_learn(&sw->fdb, eth->h_source, vid, src);
		if (unlikely(err == -ENOSPC)) {
			xvs_dp_drop(sw, src, skb, XVS_DROP_LEARN_LIMIT, true);
			return;
		}
	}

	ctx = &st->ctx[st->depth++];
	xvs_fwd_init(ctx, sw, src, src_id);
	ctx->vid = vid;
	ctx->isolated = pol && pol->isolated;
	if (chain) {
		ctx->chain = chain;
		ctx->ext_data_init = 0;
		if (!xvs_ext_ingress(ctx, chain, first, skb))
			goto out;
	}
	if (native) {
		e = is_unicast_ether_addr(eth->h_dest) ?
		    xvs_fdb_lookup(&sw->fdb, eth->h_dest, vid) : NULL;
		if (e) {
			struct xvs_port *dst = READ_ONCE(e->port);

			/* No hairpin: never back where it came from. */
			reason = dst == src || xvs_dp_reach_all(ctx) ? 0 :
				 xvs_dp_reach(ctx, dst);
			if (unlikely(reason)) {
				xvs_dp_drop(sw, src, skb, reason, true);
				goto out;
			}
			if (dst != src)
				xvs_fwd_add_dest(ctx, dst, dst->id, 0);
		} else {
			unknown = is_unicast_ether_addr(eth->h_dest);
			xvs_fwd_flood(ctx);
		}
	}
	if (unlikely(pol) && xvs_dp_over_storm(src, pol, eth, unknown)) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_STORM, true);
		goto out;
	}

	if (!ctx->ndests) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_NO_DESTINATION, true);
		goto out;
	}
	if (src)
		xvs_stats_sent(src->stats, ctx->flooded);
	xvs_stats_sent(sw->stats, ctx->flooded);
	if (chain && chain->negress)
		xvs_ext_egress(ctx, chain, skb);
	if (unlikely(READ_ONCE(sw->mirror_dests)) &&
	    READ_ONCE(sw->mirror_sources))
		xvs_dp_mirror(ctx);
	xvs_dp_deliver(ctx, skb);
out:
	st->depth--;
}

/* The switch's extension chain, when any extension is enabled anywhere. */
static const struct xvs_ext_chain *xvs_dp_chain(const struct xvs_switch *sw)
{
	if (static_branch_unlikely(&xvs_ext_active))
		return rcu_dereference(sw->ext_chain);
	return NULL;
}

/**
 * xvs_ext_inject() - an extension sends a frame into the switch
 * @inst: the extension's instance
 * @skb: the frame, @skb->data at its Ethernet header; always consumed
 * @src_port_id: the port it enters from; %XVS_DEFAULT_PORT_ID (0) for a
 *	frame the extension made itself, which is trusted and skips built-in
 *	port policies and learning
 *
 * The frame runs through the ingress hooks below the injecting extension
 * (those after it in stack order), then forwarding and egress as any other.
 * A source port must have its NIC connected (SPEC section 3: extension
 * traffic only through a connected NIC).
 *
 * Context: any but hard IRQ; takes RCU and disables BH.
 * Return: 0 (the frame entered the switch, whatever became of it there),
 * -ESRCH the instance is not enabled any more, -ENOENT no such port,
 * -ENOTCONN its NIC is not connected, -EINVAL shorter than an Ethernet
 * header.
 */
int xvs_ext_inject(struct xvs_ext_instance *inst, struct sk_buff *skb,
		   u32 src_port_id)
{
	struct xvs_switch *sw = inst->sw;
	const struct xvs_ext_chain *chain;
	struct xvs_port *port = NULL;
	unsigned int i, pos, first;
	int err = 0;

	local_bh_disable();
	rcu_read_lock();
	chain = rcu_dereference(sw->ext_chain);
	for (pos = 0; chain && pos < chain->n; pos++)
		if (chain->all[pos] == inst)
			break;
	if (!chain || pos == chain->n) {
		err = -ESRCH;
		goto drop;
	}
	if (src_port_id != XVS_DEFAULT_PORT_ID) {
		port = xa_load(&sw->ports, src_port_id);
		if (!port) {
			err = -ENOENT;
			goto drop;
		}
		if (READ_ONCE(port->state) != XVS_STATE_NIC_CONNECTED) {
			err = -ENOTCONN;
			goto drop;
		}
	}
	if (unlikely(skb->len < ETH_HLEN)) {
		err = -EINVAL;
		goto drop;
	}
	/* The first ingress hook below the injecting extension. */
	for (first = 0; first < chain->ningress; first++) {
		for (i = 0; i < chain->n; i++)
			if (chain->all[i] == chain->ingress[first])
				break;
		if (i > pos)
			break;
	}
	skb_reset_mac_header(skb);
	xvs_ext_count(inst, XVS_EXT_CTR_INJECTED);
	xvs_dp_ingress(sw, port, src_port_id, skb, chain, first);
	goto out;
drop:
	kfree_skb(skb);
out:
	rcu_read_unlock();
	local_bh_enable();
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_inject, XVS);

/**
 * xvs_handle_frame() - the rx handler of every NIC netdev but the switch's
 * @pskb: the received frame
 *
 * Context: softirq, RCU.
 * Return: %RX_HANDLER_CONSUMED, or %RX_HANDLER_PASS for frames the stack
 * looped back to itself.
 */
rx_handler_result_t xvs_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct xvs_port *port = rcu_dereference(skb->dev->rx_handler_data);
	struct xvs_switch *sw = port->sw;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		xvs_dp_drop(sw, port, NULL, XVS_DROP_NOMEM, true);
		return RX_HANDLER_CONSUMED;
	}
	/*
	 * No Ethernet header in front of the data: a frame that never had
	 * one (an L3 packet redirected here by tc or BPF). Pushing one
	 * would make a header of whatever is in the headroom.
	 */
	if (unlikely(skb_mac_offset(skb) != -ETH_HLEN)) {
		xvs_stats_rx(port->stats, skb->len);
		xvs_stats_rx(sw->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_INVALID_SOURCE, true);
		return RX_HANDLER_CONSUMED;
	}
	skb_push(skb, ETH_HLEN);
	if (unlikely(READ_ONCE(port->state) != XVS_STATE_NIC_CONNECTED)) {
		xvs_stats_rx(port->stats, skb->len);
		xvs_stats_rx(sw->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, true);
		return RX_HANDLER_CONSUMED;
	}
	xvs_dp_ingress(sw, port, port->id, skb, xvs_dp_chain(sw), 0);
	return RX_HANDLER_CONSUMED;
}

/**
 * xvs_host_xmit() - the switch netdev's xmit: the host's frames enter the
 * switch through its internal port
 * @skb: the frame
 * @dev: the switch netdev
 *
 * The IP stack calls it under rcu_read_lock(), but packet sockets and
 * pktgen only with BH disabled (rcu_read_lock_bh()): take the RCU read
 * lock the data path's rcu_dereference()s (and the FDB's rhashtable)
 * check for.
 *
 * Context: BH disabled.
 * Return: %NETDEV_TX_OK (the frame is always consumed).
 */
netdev_tx_t xvs_host_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(dev);
	struct xvs_port *port;

	skb_reset_mac_header(skb);
	rcu_read_lock();
	port = rcu_dereference(sw->host_port);
	if (unlikely(!port ||
		     READ_ONCE(port->state) != XVS_STATE_NIC_CONNECTED)) {
		xvs_stats_rx(sw->stats, skb->len);
		if (port)
			xvs_stats_rx(port->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, true);
		goto out;
	}
	/* Shorter than an Ethernet header (tc or BPF redirects L3 packets). */
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		xvs_stats_rx(sw->stats, skb->len);
		xvs_stats_rx(port->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_INVALID_SOURCE, true);
		goto out;
	}
	xvs_dp_ingress(sw, port, port->id, skb, xvs_dp_chain(sw), 0);
out:
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

int xvs_datapath_init(void)
{
	xvs_fwd_storage = alloc_percpu(struct xvs_fwd_storage);
	return xvs_fwd_storage ? 0 : -ENOMEM;
}

void xvs_datapath_exit(void)
{
	free_percpu(xvs_fwd_storage);
}
