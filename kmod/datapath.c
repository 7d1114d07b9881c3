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
 * The forwarding context lives in per-CPU storage, one per nesting level:
 * delivering a frame can make the switch run again on the same CPU (a
 * reply from the host stack, an extension's packet); past
 * XVS_FWD_MAX_DEPTH levels the frame is dropped as a loop.
 */

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>

#include "compat.h"
#include "datapath.h"
#include "fdb.h"
#include "fwd.h"
#include "port.h"
#include "stats.h"
#include "switch.h"

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

/* Send one copy to one port; @skb->data is at the Ethernet header. */
static void xvs_dp_output(struct xvs_switch *sw, struct xvs_port *port,
			  struct sk_buff *skb)
{
	struct net_device *dev = rcu_dereference(port->tx_dev);
	unsigned int len = skb->len;
	int ret;

	if (unlikely(!dev)) {
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, false);
		return;
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
		xvs_dp_output(sw, d->port, copy);
	}
	if (last < 0)
		consume_skb(skb);
}

/* Every other connected port: broadcast, multicast, unknown unicast. */
static void xvs_dp_flood(struct xvs_fwd_ctx *ctx)
{
	const struct xvs_port_set *set = rcu_dereference(ctx->sw->connected);
	unsigned int i;

	ctx->flooded = true;
	if (!set)
		return;
	for (i = 0; i < set->n; i++) {
		struct xvs_port *p = set->ports[i];
		struct xvs_fwd_dest *d;

		if (p == ctx->src_port)
			continue;
		if (unlikely(ctx->ndests >= XVS_FWD_MAX_DESTS)) {
			xvs_dp_drop(ctx->sw, p, NULL, XVS_DROP_NOMEM, false);
			continue;
		}
		/* Unique by construction: no need for xvs_fwd_add_dest(). */
		d = &ctx->dests[ctx->ndests++];
		d->port = p;
		d->port_id = p->id;
		d->nic_index = 0;
		d->excluded = false;
	}
}

/*
 * A frame enters the switch from @src. @skb->data is at the Ethernet
 * header. Context: RCU, BH disabled.
 */
static void xvs_dp_ingress(struct xvs_switch *sw, struct xvs_port *src,
			   struct sk_buff *skb)
{
	struct xvs_fwd_storage *st = this_cpu_ptr(xvs_fwd_storage);
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	struct xvs_fdb_entry *e;
	struct xvs_fwd_ctx *ctx;
	int err;

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
	err = xvs_fdb_learn(&sw->fdb, eth->h_source, 0, src);
	if (unlikely(err == -ENOSPC)) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_LEARN_LIMIT, true);
		return;
	}

	ctx = &st->ctx[st->depth++];
	xvs_fwd_init(ctx, sw, src, src->id);
	e = is_unicast_ether_addr(eth->h_dest) ?
	    xvs_fdb_lookup(&sw->fdb, eth->h_dest, 0) : NULL;
	if (e) {
		struct xvs_port *dst = READ_ONCE(e->port);

		/* No hairpin: a frame never goes back where it came from. */
		if (dst != src)
			xvs_fwd_add_dest(ctx, dst, dst->id, 0);
	} else {
		xvs_dp_flood(ctx);
	}

	if (!ctx->ndests) {
		xvs_dp_drop(sw, src, skb, XVS_DROP_NO_DESTINATION, true);
	} else {
		xvs_stats_sent(src->stats, ctx->flooded);
		xvs_stats_sent(sw->stats, ctx->flooded);
		xvs_dp_deliver(ctx, skb);
	}
	st->depth--;
}

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
	skb_push(skb, ETH_HLEN);
	if (unlikely(READ_ONCE(port->state) != XVS_STATE_NIC_CONNECTED)) {
		xvs_stats_rx(port->stats, skb->len);
		xvs_stats_rx(sw->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, true);
		return RX_HANDLER_CONSUMED;
	}
	xvs_dp_ingress(sw, port, skb);
	return RX_HANDLER_CONSUMED;
}

/**
 * xvs_host_xmit() - the switch netdev's xmit: the host's frames enter the
 * switch through its internal port
 * @skb: the frame
 * @dev: the switch netdev
 *
 * Context: BH disabled, RCU.
 * Return: %NETDEV_TX_OK (the frame is always consumed).
 */
netdev_tx_t xvs_host_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(dev);
	struct xvs_port *port;

	skb_reset_mac_header(skb);
	port = rcu_dereference_bh(sw->host_port);
	if (unlikely(!port ||
		     READ_ONCE(port->state) != XVS_STATE_NIC_CONNECTED)) {
		xvs_stats_rx(sw->stats, skb->len);
		if (port)
			xvs_stats_rx(port->stats, skb->len);
		xvs_dp_drop(sw, port, skb, XVS_DROP_NIC_NOT_CONNECTED, true);
		return NETDEV_TX_OK;
	}
	xvs_dp_ingress(sw, port, skb);
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
