/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_SWITCH_H
#define _XVS_SWITCH_H

#include <linux/hashtable.h>
#include <linux/netdevice.h>
#include <linux/xarray.h>
#include <linux/xvs.h>

#include "fdb.h"
#include "stats.h"

struct xvs_port;
struct xvs_ext_chain;

/**
 * struct xvs_port_set - the connected ports of a switch, for flooding
 * @rcu: frees a replaced set after a grace period
 * @n: slots in use in @ports; a port that connects is appended in place
 *	and @n raised with release semantics, so readers load it once with
 *	acquire (xvs_port_set_len()) and see whole entries
 * @live: the slots of @n that are not NULL (RTNL)
 * @cap: the slots allocated (RTNL)
 * @ports: the ports whose NIC is connected; a port that disconnects
 *	leaves NULL in its slot (readers skip them), and the set is compacted
 *	into a new one when half its slots are NULL, so connecting and
 *	disconnecting a port costs O(1) amortized, not a walk of the switch
 */
struct xvs_port_set {
	struct rcu_head rcu;
	unsigned int n;
	unsigned int live;
	unsigned int cap;
	struct xvs_port *ports[];
};

/* The slots a reader may look at (NULL ones among them): see @n above. */
static inline unsigned int xvs_port_set_len(const struct xvs_port_set *set)
{
	/* Pairs with the release in xvs_switch_port_connected(). */
	return set ? smp_load_acquire(&set->n) : 0;
}

/**
 * struct xvs_switch - one switch; the private area of its netdev
 * @dev: the switch netdev (link kind xvs)
 * @list: entry in the namespace's &xvs_net.switches (RTNL)
 * @id: host-wide unique id, from 1
 * @type: &enum xvs_switch_type (RTNL)
 * @ports: port id -> &struct xvs_port (RTNL writers, RCU readers)
 * @port_names: ports by name (RTNL)
 * @nports: number of ports, torn-down ones waiting for references included
 * @internal_port: the host's port on an internal switch, or NULL (RTNL)
 * @external_port: the uplink's port on an external switch, or NULL (RTNL)
 * @dying: set once the switch netdev is being unregistered (RTNL)
 * @announced: SWITCH_CREATE was sent, so SWITCH_DELETE will be (RTNL)
 * @host_port: @internal_port for the data path (RCU)
 * @connected: the ports whose NIC is connected (RTNL writers, RCU readers)
 * @fdb: MAC address -> port
 * @stats: traffic counters of the whole switch
 * @ext_chain: the extensions enabled on the switch, NULL for none (RTNL
 *	writers, RCU readers)
 * @props: custom properties of the switch, &struct xvs_prop (RTNL)
 * @mirror_sources: ports whose mirror mode is source (RTNL; read
 *	locklessly by the data path)
 * @mirror_dests: ports whose mirror mode is destination (likewise)
 * @vlan_ports: ports with a VLAN mode other than none (likewise)
 *
 * Lives and dies with @dev: every port holds a reference on @dev until it is
 * deleted, so the switch outlives its ports.
 */
struct xvs_switch {
	struct net_device *dev;
	struct list_head list;
	u32 id;
	enum xvs_switch_type type;
	struct xarray ports;
	DECLARE_HASHTABLE(port_names, 8);
	u32 nports;
	struct xvs_port *internal_port;
	struct xvs_port *external_port;
	bool dying;
	bool announced;
	struct xvs_port __rcu *host_port;
	struct xvs_port_set __rcu *connected;
	struct xvs_fdb fdb;
	struct xvs_pcpu_stats __percpu *stats;
	struct xvs_ext_chain __rcu *ext_chain;
	struct list_head props;
	unsigned int mirror_sources;
	unsigned int mirror_dests;
	unsigned int vlan_ports;
};

extern struct rtnl_link_ops xvs_link_ops;

bool xvs_dev_is_switch(const struct net_device *dev);
struct xvs_switch *xvs_switch_create(struct net *net, const char *name,
				     struct netlink_ext_ack *extack);
int xvs_switch_set_type(struct xvs_switch *sw, enum xvs_switch_type type,
			struct net_device *uplink,
			struct netlink_ext_ack *extack);
struct xvs_switch *xvs_switch_find(struct net *net, const char *name,
				   int ifindex, struct netlink_ext_ack *extack);
void xvs_switch_port_connected(struct xvs_switch *sw, struct xvs_port *port);
void xvs_switch_port_disconnected(struct xvs_switch *sw,
				  struct xvs_port *port);
int xvs_switch_init(void);
void xvs_switch_exit(void);

#endif /* _XVS_SWITCH_H */
