/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_NETLINK_H
#define _XVS_NETLINK_H

#include <net/genetlink.h>

struct xvs_port;

/* Multicast groups, in the order of the family's mcgrps. */
enum xvs_mcgrp {
	XVS_MCGRP_EVENTS_ID,
};

extern struct genl_family xvs_genl_family;

int xvs_nl_fill_port_ids(struct sk_buff *skb, struct xvs_port *port);
int xvs_netlink_init(void);
void xvs_netlink_exit(void);

#endif /* _XVS_NETLINK_H */
