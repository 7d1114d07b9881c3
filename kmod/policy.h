/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Built-in port policies (SPEC section 5): VLAN, the security guards,
 * isolation, bandwidth and storm limits, mirroring. A port's policies are
 * one immutable &struct xvs_port_policy, replaced whole under RCU by
 * PORT_SET (NULL: every policy at its default). ACLs are in acl.h.
 */
#ifndef _XVS_POLICY_H
#define _XVS_POLICY_H

#include <linux/atomic.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/types.h>
#include <linux/xvs.h>
#include <net/genetlink.h>

struct sk_buff;
struct xvs_port;
struct xvs_extension;
struct xvs_switch;

/**
 * struct xvs_meter - a token bucket as a generic cell rate algorithm
 * @tat: the theoretical arrival time of the next conforming frame (ns)
 *
 * One 64-bit word updated with cmpxchg: no lock on the fast path.
 */
struct xvs_meter {
	atomic64_t tat;
};

/**
 * struct xvs_port_policy - the policies of one port
 * @rcu: frees a replaced one after readers are done
 * @vlan_mode: &enum xvs_vlan_mode
 * @vlan_id: an access port's VLAN
 * @native_vid: a trunk's native VLAN (0: the untagged domain)
 * @mac: the guest's MAC behind the port (zero: none)
 * @spoof_guard: drop frames from another source MAC than @mac
 * @dhcp_guard: drop DHCP server messages from the port
 * @router_guard: drop router advertisements and redirects from the port
 * @isolated: no traffic with other isolated ports
 * @mirror: &enum xvs_mirror_mode
 * @rate: bits per second the port may send (0: no limit)
 * @burst: bytes above @rate the port may send at once
 * @rate_ns_per_byte: @rate as the cost of a byte, ns << 24
 * @rate_tolerance: @burst as time, ns
 * @storm: frames per second of each &enum xvs_storm_class (0: no limit)
 * @trunk: a trunk's allowed VLANs
 */
struct xvs_port_policy {
	struct rcu_head rcu;
	u8 vlan_mode;
	u16 vlan_id;
	u16 native_vid;
	u8 mac[ETH_ALEN];
	bool spoof_guard;
	bool dhcp_guard;
	bool router_guard;
	bool isolated;
	u8 mirror;
	u64 rate;
	u32 burst;
	u64 rate_ns_per_byte;
	u64 rate_tolerance;
	u32 storm[__XVS_STORM_MAX];
	DECLARE_BITMAP(trunk, VLAN_N_VID);
};

/* Control path (RTNL). */
bool xvs_policy_given(struct nlattr **attrs);
int xvs_policy_set(struct xvs_port *port, struct nlattr **attrs,
		   struct netlink_ext_ack *extack);
int xvs_policy_fill(struct sk_buff *skb, const struct xvs_port *port);
void xvs_policy_port_destroy(struct xvs_port *port);
void xvs_policy_std_offer_all(struct xvs_switch *sw);
void xvs_policy_std_release(struct xvs_switch *sw,
			    const struct xvs_extension *ext);

/* VLANs (vlan.c). */
bool xvs_vlan_member(const struct xvs_port_policy *pol, u16 vid);
int xvs_vlan_classify(const struct xvs_port_policy *pol, struct sk_buff *skb,
		      u16 *vid);
bool xvs_vlan_tagged_out(const struct xvs_port_policy *pol, u16 vid);
int xvs_vlan_check_trunk(const unsigned long *trunk,
			 struct netlink_ext_ack *extack);

/* Security guards (guard.c). */
int xvs_guard_check(const struct xvs_port_policy *pol,
		    const struct sk_buff *skb);

/* Meters (meter.c). */
bool xvs_meter_conform(struct xvs_meter *m, u64 now, u64 cost,
		       u64 tolerance);
void xvs_meter_reset(struct xvs_meter *m);
u64 xvs_meter_byte_cost(u64 rate);
u64 xvs_meter_rate_cost(u64 ns_per_byte, unsigned int len);

#endif /* _XVS_POLICY_H */
