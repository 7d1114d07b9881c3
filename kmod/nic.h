/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_NIC_H
#define _XVS_NIC_H

#include <linux/netdevice.h>

struct xvs_port;

/**
 * struct xvs_nic - a netdev connected to a port
 * @port: the port
 * @index: NIC index on the port (0)
 * @dev: the netdev, NULL once it was detached (it went away, or the NIC was
 *	deleted while references kept the NIC object alive)
 * @dev_tracker: tracks the reference on @dev
 * @ifname: @dev's name, kept for events after @dev is gone
 * @ifindex: @dev's ifindex, likewise
 * @refs: references taken with xvs_nic_ref() (under the port's lock)
 * @delete_pending: NIC_DELETE was asked for and waits for @refs to drop
 */
struct xvs_nic {
	struct xvs_port *port;
	u32 index;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	char ifname[IFNAMSIZ];
	int ifindex;
	unsigned int refs;
	bool delete_pending;
};

int xvs_nic_create(struct xvs_port *port, struct net_device *dev,
		   struct netlink_ext_ack *extack);
int xvs_nic_connect(struct xvs_port *port, struct netlink_ext_ack *extack);
int xvs_nic_disconnect(struct xvs_port *port, struct netlink_ext_ack *extack);
int xvs_nic_delete(struct xvs_port *port, struct netlink_ext_ack *extack);
void xvs_nic_remove(struct xvs_port *port);
void xvs_nic_release(struct xvs_port *port);
struct xvs_port *xvs_port_of_dev(const struct net_device *dev);

int xvs_nic_ref(struct xvs_port *port);
void xvs_nic_unref(struct xvs_port *port);

int xvs_nic_init(void);
void xvs_nic_exit(void);

#endif /* _XVS_NIC_H */
