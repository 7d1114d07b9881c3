/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel API differences between the kernels xvs builds for
 * (Debian 12's 6.1 and 6.12), kept out of the code that uses them.
 */
#ifndef _XVS_COMPAT_H
#define _XVS_COMPAT_H

#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <net/dropreason.h>

static inline void xvs_dev_set_netns_local(struct net_device *dev)
{
#ifdef NETIF_F_NETNS_LOCAL
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
}

/* The switch's xmit takes no queue lock. */
static inline void xvs_dev_set_lltx(struct net_device *dev)
{
#ifdef NETIF_F_LLTX
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/* Core drop reasons that 6.1 does not have yet (probed by kmod/Kbuild). */
#ifdef XVS_HAVE_DROP_NO_TX_TARGET
#define XVS_SKB_DROP_NO_TX_TARGET	SKB_DROP_REASON_NO_TX_TARGET
#define XVS_SKB_DROP_MAC_INVALID_SOURCE	SKB_DROP_REASON_MAC_INVALID_SOURCE
#else
#define XVS_SKB_DROP_NO_TX_TARGET	SKB_DROP_REASON_NOT_SPECIFIED
#define XVS_SKB_DROP_MAC_INVALID_SOURCE	SKB_DROP_REASON_NOT_SPECIFIED
#endif

/*
 * An extack message with arguments: 6.2 and later have NL_SET_ERR_MSG_FMT();
 * 6.1 gets @fallback, a fixed string saying the same without them.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define XVS_ERR_MSG_FMT(extack, fallback, fmt, ...) do {		\
	(void)(fallback);						\
	NL_SET_ERR_MSG_FMT(extack, fmt, ##__VA_ARGS__);			\
} while (0)
#define XVS_HAVE_ERR_MSG_FMT	1
#else
#define XVS_ERR_MSG_FMT(extack, fallback, fmt, ...) do {		\
	(void)(fmt);							\
	NL_SET_ERR_MSG(extack, fallback);				\
} while (0)
#define XVS_HAVE_ERR_MSG_FMT	0
#endif

#endif /* _XVS_COMPAT_H */
