// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit helper: a plain Ethernet netdev to attach as a NIC. What it is
 * given to send, it drops; it frees itself when unregistered.
 */

#include <linux/etherdevice.h>
#include <linux/netdevice.h>

#include "test_netdev.h"

static netdev_tx_t xvs_test_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops xvs_test_netdev_ops = {
	.ndo_start_xmit = xvs_test_xmit,
};

static void xvs_test_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &xvs_test_netdev_ops;
	dev->needs_free_netdev = true;
	eth_hw_addr_random(dev);
}

/**
 * xvs_test_netdev() - register a test netdev
 * @name_fmt: its name, with a %d for the kernel to number
 *
 * Context: RTNL.
 * Return: the netdev (down), or NULL.
 */
struct net_device *xvs_test_netdev(const char *name_fmt)
{
	struct net_device *dev;

	dev = alloc_netdev(0, name_fmt, NET_NAME_ENUM, xvs_test_setup);
	if (dev && register_netdevice(dev)) {
		free_netdev(dev);
		dev = NULL;
	}
	return dev;
}
