/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel API differences between the kernels xvs builds for
 * (Debian 12's 6.1 and 6.12), kept out of the code that uses them.
 */
#ifndef _XVS_COMPAT_H
#define _XVS_COMPAT_H

#include <linux/netdevice.h>

static inline void xvs_dev_set_netns_local(struct net_device *dev)
{
#ifdef NETIF_F_NETNS_LOCAL
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
}

#endif /* _XVS_COMPAT_H */
