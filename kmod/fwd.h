/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_FWD_H
#define _XVS_FWD_H

#include <linux/types.h>
#include <linux/xvs.h>

struct xvs_port;
struct xvs_switch;

/* Most destinations one frame can have; more connected ports are not
 * flooded to (counted as %XVS_DROP_NOMEM on the switch).
 */
#define XVS_FWD_MAX_DESTS	256

/* The default port id: a frame from it was made by an extension. */
#define XVS_DEFAULT_PORT_ID	0

/**
 * struct xvs_fwd_dest - one destination of a frame
 * @port: the destination port (RCU: valid while the frame crosses)
 * @port_id: its id
 * @nic_index: the NIC on it (0)
 * @excluded: taken out of delivery; once set, never cleared
 */
struct xvs_fwd_dest {
	struct xvs_port *port;
	u32 port_id;
	u8 nic_index;
	bool excluded;
};

/**
 * struct xvs_fwd_ctx - what the switch knows of a frame while it crosses
 * @sw: the switch
 * @src_port: the port the frame came from, NULL for the default port
 * @src_port_id: its id (%XVS_DEFAULT_PORT_ID for extension-made frames)
 * @src_nic_index: the NIC it came from (0)
 * @trusted: the frame came from the default port: built-in port
 *	policies are skipped
 * @flooded: the destinations are every other connected port
 * @ndests: entries used in @dests
 * @dests: the destination list; destinations are only ever added or
 *	excluded, never removed
 *
 * Lives in per-CPU storage for the time of one frame (see datapath.c);
 * extensions will read and edit it through accessors.
 */
struct xvs_fwd_ctx {
	struct xvs_switch *sw;
	struct xvs_port *src_port;
	u32 src_port_id;
	u8 src_nic_index;
	bool trusted;
	bool flooded;
	u16 ndests;
	struct xvs_fwd_dest dests[XVS_FWD_MAX_DESTS];
};

void xvs_fwd_init(struct xvs_fwd_ctx *ctx, struct xvs_switch *sw,
		  struct xvs_port *src, u32 src_id);
int xvs_fwd_add_dest(struct xvs_fwd_ctx *ctx, struct xvs_port *port,
		     u32 port_id, u8 nic_index);
int xvs_fwd_exclude(struct xvs_fwd_ctx *ctx, u32 port_id, u8 nic_index);
unsigned int xvs_fwd_count(const struct xvs_fwd_ctx *ctx);

#endif /* _XVS_FWD_H */
