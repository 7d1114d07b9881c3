/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_FWD_H
#define _XVS_FWD_H

#include <linux/types.h>
#include <xvs/extension.h>

struct xvs_port;
struct xvs_switch;

/*
 * The forwarding context (&struct xvs_fwd_ctx, &struct xvs_fwd_dest) is
 * public: extensions read it. The core's own functions on it:
 */
void xvs_fwd_init(struct xvs_fwd_ctx *ctx, struct xvs_switch *sw,
		  struct xvs_port *src, u32 src_id);
int xvs_fwd_add_dest(struct xvs_fwd_ctx *ctx, struct xvs_port *port,
		     u32 port_id, u8 nic_index);

#endif /* _XVS_FWD_H */
