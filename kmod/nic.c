// SPDX-License-Identifier: GPL-2.0
/*
 * NIC connections: a netdev attached to a port. Attaching makes the switch
 * the netdev's master and installs the switch's rx handler, which also maps
 * the netdev back to its port. A netdev that goes away takes its NIC through
 * disconnect and delete by itself; the port stays.
 *
 * Locking: RTNL for every change; the port's lock orders NIC references
 * against state changes and against @port->nic being replaced.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "datapath.h"
#include "ext.h"
#include "lifecycle.h"
#include "nic.h"
#include "port.h"
#include "property.h"

/**
 * xvs_port_of_dev() - the port a netdev is attached to
 * @dev: the netdev
 *
 * Context: RTNL.
 * Return: the port, or NULL when @dev is not a NIC of any switch.
 */
struct xvs_port *xvs_port_of_dev(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != xvs_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

static int xvs_nic_attach(struct xvs_port *port, struct xvs_nic *nic,
			  struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	struct net_device *sw_dev = port->sw->dev;
	struct net_device *master;
	int err;

	if (dev == sw_dev) {
		if (port->type != XVS_PORT_INTERNAL) {
			NL_SET_ERR_MSG(extack,
				       "The switch's own device can only be the NIC of its internal port");
			return -EINVAL;
		}
		rcu_assign_pointer(port->sw->host_port, port);
		goto hold;
	}
	if (xvs_dev_is_switch(dev)) {
		NL_SET_ERR_MSG(extack, "A switch cannot be attached to a switch");
		return -EINVAL;
	}
	if (dev->flags & IFF_LOOPBACK || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "Only Ethernet devices can be attached");
		return -EINVAL;
	}
	if (!net_eq(dev_net(dev), dev_net(sw_dev))) {
		NL_SET_ERR_MSG(extack, "Device is in another network namespace");
		return -EINVAL;
	}
	master = netdev_master_upper_dev_get(dev);
	if (master) {
		NL_SET_ERR_MSG(extack,
			       "Device already has a master (bridge, bond or switch)");
		return -EBUSY;
	}
	err = netdev_rx_handler_register(dev, xvs_handle_frame, port);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "Device is already in use by another bridge or switch");
		return err;
	}
	err = netdev_master_upper_dev_link(dev, sw_dev, NULL, NULL, extack);
	if (err) {
		netdev_rx_handler_unregister(dev);
		return err;
	}
hold:
	netdev_hold(dev, &nic->dev_tracker, GFP_KERNEL);
	nic->dev = dev;
	return 0;
}

/* Let go of the netdev: after this no frame of it reaches the switch. */
static void xvs_nic_detach(struct xvs_port *port, struct xvs_nic *nic)
{
	struct net_device *dev = nic->dev;

	if (!dev)
		return;
	if (dev != port->sw->dev) {
		netdev_upper_dev_unlink(dev, port->sw->dev);
		/* Waits for frames in flight (synchronize_net()). */
		netdev_rx_handler_unregister(dev);
	} else {
		RCU_INIT_POINTER(port->sw->host_port, NULL);
		synchronize_net();
	}
	nic->dev = NULL;
	netdev_put(dev, &nic->dev_tracker);
}

/**
 * xvs_nic_create() - NIC_CREATE: attach @dev to @port as NIC 0
 * @port: the port, without a NIC
 * @dev: the netdev
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0 or a negative errno: -EOPNOTSUPP validation port, -EBUSY @dev
 * already attached or the port has a NIC, -EINVAL @dev cannot be a NIC,
 * -ENOMEM, or the errno of xvs_lifecycle_next().
 */
int xvs_nic_create(struct xvs_port *port, struct net_device *dev,
		   struct netlink_ext_ack *extack)
{
	struct xvs_nic *nic;
	int next, err;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_NIC_CREATE, extack);
	if (next < 0)
		return next;
	if (port->validation) {
		NL_SET_ERR_MSG(extack, "A validation port never gets a NIC");
		return -EOPNOTSUPP;
	}
	nic = kzalloc(sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return -ENOMEM;
	nic->port = port;
	nic->index = 0;
	err = xvs_nic_attach(port, nic, dev, extack);
	if (err) {
		kfree(nic);
		return err;
	}
	strscpy(nic->ifname, dev->name, IFNAMSIZ);
	nic->ifindex = dev->ifindex;
	spin_lock_bh(&port->lock);
	port->nic = nic;
	spin_unlock_bh(&port->lock);
	/*
	 * The extensions may veto. The netdev is attached, but the port is
	 * not in NIC_CREATED: its frames are dropped, none is sent to it.
	 */
	err = xvs_ext_port_event(port, XVS_EVENT_NIC_CREATE, extack);
	if (err) {
		spin_lock_bh(&port->lock);
		port->nic = NULL;
		spin_unlock_bh(&port->lock);
		xvs_nic_detach(port, nic);
		kfree(nic);
		return err;
	}
	xvs_port_set_state(port, next, XVS_EVENT_NIC_CREATE);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_create, XVS_INTERNAL);

/**
 * xvs_nic_connect() - NIC_CONNECT
 * @port: the port, its NIC created
 * @extack: where to say why it failed
 *
 * A port with a required custom property connects only while the
 * property's owner is enabled on the switch.
 *
 * Context: RTNL.
 * Return: 0, -EOPNOTSUPP a required property's owner is not enabled on the
 * switch, or the errno of xvs_lifecycle_next().
 */
int xvs_nic_connect(struct xvs_port *port, struct netlink_ext_ack *extack)
{
	int next, err;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_NIC_CONNECT, extack);
	if (next < 0)
		return next;
	err = xvs_prop_check_required(port, extack);
	if (err)
		return err;
	xvs_port_set_state(port, next, XVS_EVENT_NIC_CONNECT);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_connect, XVS_INTERNAL);

/**
 * xvs_nic_disconnect() - NIC_DISCONNECT
 * @port: the port, its NIC connected
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0 or the errno of xvs_lifecycle_next().
 */
int xvs_nic_disconnect(struct xvs_port *port, struct netlink_ext_ack *extack)
{
	int next;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_NIC_DISCONNECT, extack);
	if (next < 0)
		return next;
	xvs_port_set_state(port, next, XVS_EVENT_NIC_DISCONNECT);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_disconnect, XVS_INTERNAL);

/**
 * xvs_nic_release() - NIC_DELETE, if it was asked for and nothing holds
 * the NIC any more
 * @port: the port
 *
 * Context: RTNL.
 */
void xvs_nic_release(struct xvs_port *port)
{
	struct xvs_nic *nic = port->nic;
	bool ready;

	ASSERT_RTNL();
	if (!nic)
		return;
	spin_lock_bh(&port->lock);
	ready = nic->delete_pending && !nic->refs;
	spin_unlock_bh(&port->lock);
	if (!ready)
		return;

	xvs_nic_detach(port, nic);
	xvs_port_set_state(port, XVS_STATE_NIC_DELETED, XVS_EVENT_NIC_DELETE);
	spin_lock_bh(&port->lock);
	port->nic = NULL;
	spin_unlock_bh(&port->lock);
	kfree(nic);
}

/**
 * xvs_nic_delete() - NIC_DELETE, now or once the NIC's references drain
 * @port: the port, its NIC created or disconnected
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -EBUSY a deletion already waits for references, or the errno
 * of xvs_lifecycle_next().
 */
int xvs_nic_delete(struct xvs_port *port, struct netlink_ext_ack *extack)
{
	int next;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_NIC_DELETE, extack);
	if (next < 0)
		return next;
	if (port->nic->delete_pending) {
		NL_SET_ERR_MSG(extack,
			       "NIC deletion already waits for its references to be dropped");
		return -EBUSY;
	}
	spin_lock_bh(&port->lock);
	port->nic->delete_pending = true;
	spin_unlock_bh(&port->lock);
	xvs_nic_release(port);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_delete, XVS_INTERNAL);

/**
 * xvs_nic_remove() - disconnect and delete a NIC whatever its state
 * @port: the port, with a NIC
 *
 * For a netdev that goes away and for a switch being deleted. The netdev is
 * let go of at once; NIC_DELETE waits for the NIC's references.
 *
 * Context: RTNL.
 */
void xvs_nic_remove(struct xvs_port *port)
{
	struct xvs_nic *nic = port->nic;

	ASSERT_RTNL();
	if (port->state == XVS_STATE_NIC_CONNECTED)
		xvs_port_set_state(port, XVS_STATE_NIC_DISCONNECTED,
				   XVS_EVENT_NIC_DISCONNECT);
	xvs_nic_detach(port, nic);
	spin_lock_bh(&port->lock);
	nic->delete_pending = true;
	spin_unlock_bh(&port->lock);
	xvs_nic_release(port);
}

/**
 * xvs_nic_ref() - take a reference on a port's NIC
 * @port: the port
 *
 * Allowed only while the NIC is connected. Dropping a reference taken here
 * is always allowed; NIC_DELETE waits for the last one.
 *
 * Context: any.
 * Return: 0, or the errno of xvs_lifecycle_check().
 */
int xvs_nic_ref(struct xvs_port *port)
{
	int err;

	spin_lock_bh(&port->lock);
	err = xvs_lifecycle_check(port->state, XVS_OP_REF_NIC, NULL);
	if (!err)
		port->nic->refs++;
	spin_unlock_bh(&port->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_ref, XVS);

/**
 * xvs_nic_unref() - drop a reference taken with xvs_nic_ref()
 * @port: the port
 *
 * Context: any.
 */
void xvs_nic_unref(struct xvs_port *port)
{
	struct xvs_nic *nic;
	bool release;

	spin_lock_bh(&port->lock);
	nic = port->nic;
	if (WARN_ON_ONCE(!nic || !nic->refs)) {
		spin_unlock_bh(&port->lock);
		return;
	}
	release = !--nic->refs && nic->delete_pending;
	spin_unlock_bh(&port->lock);
	if (release)
		xvs_port_schedule_release(port);
}
EXPORT_SYMBOL_NS_GPL(xvs_nic_unref, XVS);

static int xvs_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct xvs_port *port;

	port = xvs_port_of_dev(dev);
	if (!port || !port->nic)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		xvs_nic_remove(port);
		break;
	case NETDEV_CHANGENAME:
		strscpy(port->nic->ifname, dev->name, sizeof(port->nic->ifname));
		fallthrough;
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGEADDR:
		if (port->state == XVS_STATE_NIC_CONNECTED)
			xvs_port_set_state(port, port->state,
					   XVS_EVENT_NIC_UPDATE);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block xvs_netdev_notifier = {
	.notifier_call = xvs_netdev_event,
};

int xvs_nic_init(void)
{
	return register_netdevice_notifier(&xvs_netdev_notifier);
}

void xvs_nic_exit(void)
{
	unregister_netdevice_notifier(&xvs_netdev_notifier);
}
