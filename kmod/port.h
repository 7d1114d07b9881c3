/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_PORT_H
#define _XVS_PORT_H

#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xvs.h>

#include "policy.h"
#include "stats.h"
#include "switch.h"

struct xvs_acl;
struct xvs_nic;
struct xvs_port_policy;

/**
 * struct xvs_port - one port of a switch and the connection on it
 * @sw: the switch; the port holds a reference on its netdev
 * @id: port id, > 0, unique in the switch
 * @name: unique name in the switch
 * @friendly_name: free text; the only field that changes after create
 * @type: &enum xvs_port_type
 * @validation: a validation port: checks a configuration, never has a NIC
 * @state: &enum xvs_conn_state; written under RTNL and @lock, read locklessly
 * @lock: protects @refs against @state
 * @refs: references taken with xvs_port_ref()
 * @nic: the NIC on the port, or NULL (RTNL)
 * @conn_slot: its slot in the switch's connected set while its NIC is
 *	connected (RTNL)
 * @tx_dev: the NIC's netdev while the NIC is connected, else NULL: where
 *	the data path sends the port's frames (RCU)
 * @stats: traffic counters
 * @props: custom properties of the port, &struct xvs_prop (RTNL)
 * @policy: the port's policies, NULL when all are at their defaults (RCU)
 * @acl: the port's ACL rules, NULL when it has none (RCU)
 * @std_owner: the forwarding extension that took over the port's standard
 *	policies (VLAN, security guards), or NULL: the switch enforces them
 *	(RTNL)
 * @std_ext: @std_owner is set: the data path leaves those policies to it
 * @rate_meter: the bandwidth limit's bucket
 * @storm_meter: the storm limits' buckets, by &enum xvs_storm_class
 * @name_node: entry in the switch's name hash (RTNL)
 * @sw_tracker: tracks the reference on the switch netdev
 * @destroying: the switch is going away: take the port all the way to
 *	deletion as soon as references allow (RTNL)
 * @kref: keeps the memory alive while @release_work is queued
 * @release_work: finishes a deferred PORT_DELETE / NIC_DELETE under RTNL
 * @rcu: frees the port after a grace period
 */
struct xvs_port {
	struct xvs_switch *sw;
	u32 id;
	char name[XVS_PORT_NAME_LEN];
	char friendly_name[XVS_FRIENDLY_NAME_LEN];
	enum xvs_port_type type;
	bool validation;
	enum xvs_conn_state state;
	spinlock_t lock;	/* @refs and @nic->refs against @state */
	unsigned int refs;
	struct xvs_nic *nic;
	struct net_device __rcu *tx_dev;
	unsigned int conn_slot;
	struct xvs_pcpu_stats __percpu *stats;
	struct list_head props;
	struct xvs_port_policy __rcu *policy;
	struct xvs_acl __rcu *acl;
	const struct xvs_extension *std_owner;
	bool std_ext;
	struct xvs_meter rate_meter;
	struct xvs_meter storm_meter[__XVS_STORM_MAX];
	struct hlist_node name_node;
	netdevice_tracker sw_tracker;
	bool destroying;
	struct kref kref;
	struct work_struct release_work;
	struct rcu_head rcu;
};

/**
 * struct xvs_port_params - what a new port is made of
 * @id: wanted id, 0 for the lowest free one
 * @name: unique name
 * @friendly_name: free text, may be NULL
 * @type: &enum xvs_port_type
 * @validation: create a validation port
 */
struct xvs_port_params {
	u32 id;
	const char *name;
	const char *friendly_name;
	enum xvs_port_type type;
	bool validation;
};

struct xvs_port *xvs_port_create(struct xvs_switch *sw,
				 const struct xvs_port_params *params,
				 struct netlink_ext_ack *extack);
int xvs_port_teardown(struct xvs_port *port, struct netlink_ext_ack *extack);
void xvs_port_destroy(struct xvs_port *port);
void xvs_switch_destroy_ports(struct xvs_switch *sw);
int xvs_port_set_friendly_name(struct xvs_port *port, const char *name,
			       struct netlink_ext_ack *extack);
int xvs_port_update(struct xvs_port *port, const char *friendly_name,
		    struct nlattr **attrs, struct netlink_ext_ack *extack);
struct xvs_port *xvs_port_find(struct xvs_switch *sw, u32 id,
			       const char *name,
			       struct netlink_ext_ack *extack);
void xvs_port_set_state(struct xvs_port *port, enum xvs_conn_state state,
			enum xvs_event event);
void xvs_port_schedule_release(struct xvs_port *port);
void xvs_port_advance(struct xvs_port *port);
void xvs_port_flush_releases(void);
int xvs_port_init(void);
void xvs_port_exit(void);

int xvs_port_ref(struct xvs_port *port);
void xvs_port_unref(struct xvs_port *port);

#endif /* _XVS_PORT_H */
