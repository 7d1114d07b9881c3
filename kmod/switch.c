// SPDX-License-Identifier: GPL-2.0
/*
 * Switches: a netdev of rtnl link kind "xvs" whose private area is the
 * switch. Created by "ip link add NAME type xvs" or XVS_CMD_SWITCH_NEW,
 * deleted with its netdev (ip link del, XVS_CMD_SWITCH_DEL, its netns going
 * away, module unload): ndo_uninit takes every port through the rest of its
 * lifecycle. "ip link set DEV master NAME" / "nomaster" attach and detach
 * ports in one step.
 */

#include <linux/etherdevice.h>
#include <linux/idr.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <net/rtnetlink.h>

#include "compat.h"
#include "datapath.h"
#include "events.h"
#include "ext.h"
#include "nic.h"
#include "pernet.h"
#include "port.h"
#include "property.h"
#include "switch.h"

static DEFINE_IDA(xvs_switch_ida);
/* Set (under RTNL) while the module unloads: no new switches. */
static bool xvs_switches_closed;

/**
 * xvs_dev_is_switch() - is @dev an xvs switch?
 * @dev: a netdev
 *
 * Return: true for a switch netdev.
 */
bool xvs_dev_is_switch(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &xvs_link_ops;
}

static int xvs_switch_dev_init(struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(dev);
	int id, err;

	INIT_LIST_HEAD(&sw->props);
	sw->stats = xvs_stats_alloc();
	if (!sw->stats)
		return -ENOMEM;
	err = xvs_fdb_init(&sw->fdb);
	if (err)
		goto err_fdb;
	id = ida_alloc_min(&xvs_switch_ida, 1, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto err_id;
	}
	sw->dev = dev;
	sw->id = id;
	sw->type = XVS_SWITCH_PRIVATE;
	xa_init_flags(&sw->ports, XA_FLAGS_ALLOC1);
	hash_init(sw->port_names);
	list_add_tail(&sw->list, &xvs_net(dev_net(dev))->switches);
	xvs_net_changed(dev_net(dev));
	return 0;

err_id:
	xvs_fdb_destroy(&sw->fdb);
err_fdb:
	free_percpu(sw->stats);
	sw->stats = NULL;
	return err;
}

static void xvs_switch_dev_uninit(struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(dev);

	sw->dying = true;
	xvs_switch_destroy_ports(sw);
	/* After the ports: the extensions saw them go. */
	xvs_ext_switch_destroy(sw);
	list_del(&sw->list);
	xvs_net_changed(dev_net(dev));
	/*
	 * Not for a netdev whose registration failed, even one the core
	 * unregisters because a NETDEV_REGISTER notifier failed: it never
	 * existed.
	 */
	if (sw->announced)
		xvs_event_switch(sw, XVS_EVENT_SWITCH_DELETE);
	ida_free(&xvs_switch_ida, sw->id);
}

/*
 * After the last reference on the netdev is gone: every port was deleted
 * (each held one) and no frame is in flight (their NICs were detached).
 */
static void xvs_switch_destructor(struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(dev);

	WARN_ON_ONCE(!xa_empty(&sw->ports));
	xa_destroy(&sw->ports);
	xvs_fdb_destroy(&sw->fdb);
	xvs_prop_flush(&sw->props);
	kvfree(rcu_dereference_protected(sw->connected, true));
	free_percpu(sw->stats);
}

/*
 * ip -s link show: the whole switch. rx = frames that entered it (from
 * any port), tx = frames it sent, rx_dropped / tx_dropped = drops before /
 * after a destination was chosen.
 */
static void xvs_switch_get_stats64(struct net_device *dev,
				   struct rtnl_link_stats64 *stats)
{
	struct xvs_switch *sw = netdev_priv(dev);
	struct xvs_stats s;

	xvs_stats_read(sw->stats, &s);
	stats->rx_packets = s.rx_packets;
	stats->rx_bytes = s.rx_bytes;
	stats->tx_packets = s.tx_packets;
	stats->tx_bytes = s.tx_bytes;
	stats->rx_dropped = s.rx_dropped;
	stats->tx_dropped = s.tx_dropped;
	stats->multicast = s.flooded;
}

/*
 * A set of @cap slots holding the live ports of @old (none if NULL), in
 * their order, each told its new slot. A few bytes per port, and this must
 * not fail: the transition it publishes has happened (a port that left
 * must never be kept, and a connect that could not be published would say
 * it succeeded while the port gets no floods).
 */
static struct xvs_port_set *xvs_port_set_copy(const struct xvs_port_set *old,
					      unsigned int cap)
{
	struct xvs_port_set *set;
	unsigned int i;

	set = kvzalloc(struct_size(set, ports, cap), GFP_KERNEL | __GFP_NOFAIL);
	set->cap = cap;
	for (i = 0; old && i < old->n; i++) {
		struct xvs_port *port = old->ports[i];

		if (!port)
			continue;
		port->conn_slot = set->n;
		set->ports[set->n++] = port;
	}
	set->live = set->n;
	return set;
}

static void xvs_switch_publish_connected(struct xvs_switch *sw,
					 struct xvs_port_set *set)
{
	struct xvs_port_set *old;

	old = rcu_replace_pointer(sw->connected, set, lockdep_rtnl_is_held());
	if (old)
		kvfree_rcu(old, rcu);
}

/**
 * xvs_switch_port_connected() - add a port to the connected set
 * @sw: the switch
 * @port: its port that entered NIC_CONNECTED
 *
 * Appended in place while the set has room (readers see the entry before
 * the count that covers it), else copied into a set twice as large.
 *
 * Context: RTNL.
 */
void xvs_switch_port_connected(struct xvs_switch *sw, struct xvs_port *port)
{
	struct xvs_port_set *set = rtnl_dereference(sw->connected);

	if (!set || set->n == set->cap) {
		set = xvs_port_set_copy(set, max(16U, set ? 2 * set->live : 0));
		xvs_switch_publish_connected(sw, set);
	}
	port->conn_slot = set->n;
	WRITE_ONCE(set->ports[set->n], port);
	set->live++;
	/* Pairs with xvs_port_set_len(): the entry, then the count. */
	smp_store_release(&set->n, set->n + 1);
}

/**
 * xvs_switch_port_disconnected() - take a port out of the connected set
 * @sw: the switch
 * @port: its port that left NIC_CONNECTED
 *
 * Its slot becomes NULL; the set is compacted once half its slots are.
 * Readers that still hold the port are done with it after the grace
 * period its caller waits for.
 *
 * Context: RTNL.
 */
void xvs_switch_port_disconnected(struct xvs_switch *sw,
				  struct xvs_port *port)
{
	struct xvs_port_set *set = rtnl_dereference(sw->connected);

	if (WARN_ON_ONCE(!set || port->conn_slot >= set->n ||
			 set->ports[port->conn_slot] != port))
		return;
	WRITE_ONCE(set->ports[port->conn_slot], NULL);
	set->live--;
	if (set->n > 16 && set->live < set->n / 2)
		xvs_switch_publish_connected(sw,
					     xvs_port_set_copy(set, 2 * set->live));
}

static enum xvs_port_type xvs_port_type_of(const struct net_device *dev)
{
	const char *kind = dev->rtnl_link_ops ? dev->rtnl_link_ops->kind : "";

	if (!strcmp(kind, "tun"))
		return XVS_PORT_VM;
	if (!strcmp(kind, "veth"))
		return XVS_PORT_CONTAINER;
	return XVS_PORT_EXTERNAL;
}

/* ip link set DEV master SW: a port named after DEV, NIC created and connected. */
static int xvs_switch_add_slave(struct net_device *sw_dev,
				struct net_device *dev,
				struct netlink_ext_ack *extack)
{
	struct xvs_switch *sw = netdev_priv(sw_dev);
	struct xvs_port_params params = {
		.name = dev->name,
		.type = xvs_port_type_of(dev),
	};
	struct xvs_port *port;
	int err;

	if (params.type == XVS_PORT_EXTERNAL)
		return xvs_switch_set_type(sw, XVS_SWITCH_EXTERNAL, dev, extack);

	port = xvs_port_create(sw, &params, extack);
	if (IS_ERR(port))
		return PTR_ERR(port);
	err = xvs_nic_create(port, dev, extack);
	if (!err)
		err = xvs_nic_connect(port, extack);
	if (err)
		xvs_port_destroy(port);
	return err;
}

/* ip link set DEV nomaster: the rest of the lifecycle, the port is gone. */
static int xvs_switch_del_slave(struct net_device *sw_dev,
				struct net_device *dev)
{
	struct xvs_switch *sw = netdev_priv(sw_dev);
	struct xvs_port *port = xvs_port_of_dev(dev);

	if (!port || port->sw != sw)
		return -EINVAL;
	if (port == sw->external_port)
		return xvs_switch_set_type(sw, XVS_SWITCH_PRIVATE, NULL, NULL);
	xvs_port_destroy(port);
	return 0;
}

static const struct net_device_ops xvs_switch_netdev_ops = {
	.ndo_init	= xvs_switch_dev_init,
	.ndo_uninit	= xvs_switch_dev_uninit,
	.ndo_start_xmit	= xvs_host_xmit,
	.ndo_get_stats64 = xvs_switch_get_stats64,
	.ndo_add_slave	= xvs_switch_add_slave,
	.ndo_del_slave	= xvs_switch_del_slave,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

static void xvs_switch_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &xvs_switch_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = xvs_switch_destructor;
	dev->priv_flags |= IFF_NO_QUEUE;
	xvs_dev_set_netns_local(dev);
	xvs_dev_set_lltx(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
}

static int xvs_link_validate(struct nlattr *tb[], struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG(extack, "Invalid Ethernet address");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

/* SWITCH_CREATE, once the switch netdev is registered. */
static void xvs_switch_announce(struct xvs_switch *sw)
{
	sw->announced = true;
	xvs_event_switch(sw, XVS_EVENT_SWITCH_CREATE);
}

static int xvs_link_newlink(struct net *src_net, struct net_device *dev,
			    struct nlattr *tb[], struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	int err = register_netdevice(dev);

	if (!err)
		xvs_switch_announce(netdev_priv(dev));
	return err;
}

static void xvs_link_dellink(struct net_device *dev, struct list_head *head)
{
	unregister_netdevice_queue(dev, head);
}

struct rtnl_link_ops xvs_link_ops __read_mostly = {
	.kind		= XVS_LINK_KIND,
	.priv_size	= sizeof(struct xvs_switch),
	.setup		= xvs_switch_setup,
	.validate	= xvs_link_validate,
	.newlink	= xvs_link_newlink,
	.dellink	= xvs_link_dellink,
};

/**
 * xvs_switch_create() - create a private switch and its netdev
 * @net: the network namespace
 * @name: the switch (netdev) name
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: the switch, or an ERR_PTR: -EINVAL bad name, -EEXIST name taken,
 * -ENOMEM.
 */
struct xvs_switch *xvs_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	int err;

	ASSERT_RTNL();
	if (xvs_switches_closed) {
		NL_SET_ERR_MSG(extack, "The xvs module is being unloaded");
		return ERR_PTR(-ESHUTDOWN);
	}
	if (!dev_valid_name(name)) {
		NL_SET_ERR_MSG(extack, "Invalid switch name");
		return ERR_PTR(-EINVAL);
	}
	if (__dev_get_by_name(net, name)) {
		NL_SET_ERR_MSG(extack, "A device with this name already exists");
		return ERR_PTR(-EEXIST);
	}
	dev = alloc_netdev(sizeof(struct xvs_switch), name, NET_NAME_USER,
			   xvs_switch_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->rtnl_link_ops = &xvs_link_ops;
	dev_net_set(dev, net);
	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG(extack, "Could not register the switch device");
		free_netdev(dev);
		return ERR_PTR(err);
	}
	xvs_switch_announce(netdev_priv(dev));
	return netdev_priv(dev);
}
EXPORT_SYMBOL_NS_GPL(xvs_switch_create, XVS_INTERNAL);

/**
 * xvs_switch_find() - the switch with this name or ifindex
 * @net: the network namespace
 * @name: the switch name, or NULL
 * @ifindex: the switch ifindex, used when @name is NULL
 * @extack: where to say why none was found
 *
 * Context: RTNL.
 * Return: the switch, or ERR_PTR(-ENOENT) / ERR_PTR(-EINVAL) (neither given).
 */
struct xvs_switch *xvs_switch_find(struct net *net, const char *name,
				   int ifindex, struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	ASSERT_RTNL();
	if (!name && !ifindex) {
		NL_SET_ERR_MSG(extack, "Switch name or ifindex required");
		return ERR_PTR(-EINVAL);
	}
	dev = name ? __dev_get_by_name(net, name) : __dev_get_by_index(net, ifindex);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "No such switch");
		return ERR_PTR(-ENOENT);
	}
	if (!xvs_dev_is_switch(dev)) {
		NL_SET_ERR_MSG(extack, "Device is not an xvs switch");
		return ERR_PTR(-ENOENT);
	}
	return netdev_priv(dev);
}

/* A port whose NIC is a host device: the switch itself, or the uplink. */
static struct xvs_port *xvs_switch_host_port(struct xvs_switch *sw,
					     enum xvs_port_type type,
					     struct net_device *dev,
					     struct netlink_ext_ack *extack)
{
	struct xvs_port_params params = { .name = dev->name, .type = type };
	struct xvs_port *port;
	int err;

	port = xvs_port_create(sw, &params, extack);
	if (IS_ERR(port))
		return port;
	err = xvs_nic_create(port, dev, extack);
	if (!err)
		err = xvs_nic_connect(port, extack);
	if (err) {
		xvs_port_destroy(port);
		return ERR_PTR(err);
	}
	return port;
}

/**
 * xvs_switch_set_type() - make a switch private, internal or external
 * @sw: the switch
 * @type: the new type
 * @uplink: the uplink netdev of an external switch (NULL: keep the current)
 * @extack: where to say why it failed
 *
 * An internal switch gets an internal port whose NIC is the switch netdev;
 * an external switch an external port whose NIC is @uplink. The new port
 * is made before the old ones go, so a failure changes nothing.
 *
 * Context: RTNL.
 * Return: 0 or a negative errno.
 */
int xvs_switch_set_type(struct xvs_switch *sw, enum xvs_switch_type type,
			struct net_device *uplink,
			struct netlink_ext_ack *extack)
{
	struct xvs_port *ext = sw->external_port;
	struct xvs_port *port = NULL;

	ASSERT_RTNL();
	if ((unsigned int)type > XVS_SWITCH_TYPE_MAX) {
		NL_SET_ERR_MSG(extack, "Unknown switch type");
		return -EINVAL;
	}
	if (type != XVS_SWITCH_EXTERNAL && uplink) {
		NL_SET_ERR_MSG(extack, "Only an external switch has an uplink");
		return -EINVAL;
	}
	if (type == XVS_SWITCH_EXTERNAL && !uplink && !ext) {
		NL_SET_ERR_MSG(extack, "An external switch needs an uplink");
		return -EINVAL;
	}
	if (ext && uplink && ext->nic && ext->nic->dev == uplink)
		uplink = NULL;	/* already the uplink */

	if (type == XVS_SWITCH_INTERNAL && !sw->internal_port)
		port = xvs_switch_host_port(sw, XVS_PORT_INTERNAL, sw->dev, extack);
	else if (type == XVS_SWITCH_EXTERNAL && uplink)
		port = xvs_switch_host_port(sw, XVS_PORT_EXTERNAL, uplink, extack);
	if (IS_ERR(port))
		return PTR_ERR(port);

	if (type != XVS_SWITCH_INTERNAL && sw->internal_port)
		xvs_port_destroy(sw->internal_port);
	if (ext && (type != XVS_SWITCH_EXTERNAL || uplink))
		xvs_port_destroy(ext);
	if (type == XVS_SWITCH_INTERNAL && port)
		sw->internal_port = port;
	if (type == XVS_SWITCH_EXTERNAL && port)
		sw->external_port = port;
	sw->type = type;
	xvs_net_changed(dev_net(sw->dev));
	return 0;
}

int xvs_switch_init(void)
{
	return rtnl_link_register(&xvs_link_ops);
}

void xvs_switch_exit(void)
{
	rtnl_lock();
	xvs_switches_closed = true;
	rtnl_unlock();
	rtnl_link_unregister(&xvs_link_ops);
}
