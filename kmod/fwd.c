// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding context of a frame: where it came from, whether it is
 * trusted, and its destination list. Destinations are added (never twice)
 * or excluded (for good); nothing removes one.
 */

#include <linux/errno.h>
#include <linux/export.h>

#include "fwd.h"

/**
 * xvs_fwd_init() - start the context of a frame entering the switch
 * @ctx: the context
 * @sw: the switch
 * @src: the source port, NULL for the default port
 * @src_id: the source port id (%XVS_DEFAULT_PORT_ID for extension-made
 *	frames, which are trusted)
 */
void xvs_fwd_init(struct xvs_fwd_ctx *ctx, struct xvs_switch *sw,
		  struct xvs_port *src, u32 src_id)
{
	ctx->sw = sw;
	ctx->src_port = src;
	ctx->src_port_id = src_id;
	ctx->src_nic_index = 0;
	ctx->trusted = src_id == XVS_DEFAULT_PORT_ID;
	ctx->flooded = false;
	ctx->isolated = false;
	ctx->vid = 0;
	ctx->ext_slot = 0;
	ctx->reason = NULL;
	ctx->chain = NULL;
	ctx->ndests = 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_init, XVS_INTERNAL);

/**
 * xvs_fwd_add_dest() - add a destination
 * @ctx: the context
 * @port: the destination port
 * @port_id: its id
 * @nic_index: the NIC on it
 *
 * Return: 0, -EEXIST already a destination (excluded or not), -EINVAL the
 * frame's own source, -ENOSPC the list is full.
 */
int xvs_fwd_add_dest(struct xvs_fwd_ctx *ctx, struct xvs_port *port,
		     u32 port_id, u8 nic_index)
{
	struct xvs_fwd_dest *d;
	unsigned int i;

	if (port_id == ctx->src_port_id && nic_index == ctx->src_nic_index &&
	    !ctx->trusted)
		return -EINVAL;
	for (i = 0; i < ctx->ndests; i++)
		if (ctx->dests[i].port_id == port_id &&
		    ctx->dests[i].nic_index == nic_index)
			return -EEXIST;
	if (ctx->ndests >= XVS_FWD_MAX_DESTS)
		return -ENOSPC;
	d = &ctx->dests[ctx->ndests++];
	d->port = port;
	d->port_id = port_id;
	d->nic_index = nic_index;
	d->excluded = false;
	d->mirror = false;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_add_dest, XVS_INTERNAL);

/**
 * xvs_fwd_exclude() - take a destination out of delivery, for good
 * @ctx: the context
 * @port_id: the destination's port id
 * @nic_index: its NIC index
 *
 * Return: 0 (excluding twice is fine) or -ENOENT not a destination.
 */
int xvs_fwd_exclude(struct xvs_fwd_ctx *ctx, u32 port_id, u8 nic_index)
{
	unsigned int i;

	for (i = 0; i < ctx->ndests; i++) {
		if (ctx->dests[i].port_id == port_id &&
		    ctx->dests[i].nic_index == nic_index) {
			ctx->dests[i].excluded = true;
			return 0;
		}
	}
	return -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_exclude, XVS);

/**
 * xvs_fwd_count() - destinations still to deliver to
 * @ctx: the context
 *
 * Return: the number of destinations not excluded.
 */
unsigned int xvs_fwd_count(const struct xvs_fwd_ctx *ctx)
{
	unsigned int i, n = 0;

	for (i = 0; i < ctx->ndests; i++)
		n += !ctx->dests[i].excluded;
	return n;
}
EXPORT_SYMBOL_NS_GPL(xvs_fwd_count, XVS);
