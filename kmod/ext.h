/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's side of extensions: the registry of installed extensions, the
 * per-switch chain of enabled ones, and the calls into them. The public
 * API is include/xvs/extension.h.
 */
#ifndef _XVS_EXT_H
#define _XVS_EXT_H

#include <linux/jump_label.h>
#include <linux/u64_stats_sync.h>
#include <xvs/extension.h>

struct xvs_switch;
struct xvs_port;

/**
 * struct xvs_ext_pcpu_stats - counters of one instance on one CPU
 * @ingress: frames it saw on ingress
 * @egress: destinations it saw on egress
 * @dropped: frames it dropped
 * @excluded: destinations it excluded
 * @consumed: frames it took over
 * @injected: frames it injected
 * @syncp: 64-bit counters on 32-bit CPUs
 */
struct xvs_ext_pcpu_stats {
	u64_stats_t ingress;
	u64_stats_t egress;
	u64_stats_t dropped;
	u64_stats_t excluded;
	u64_stats_t consumed;
	u64_stats_t injected;
	struct u64_stats_sync syncp;
};

/**
 * struct xvs_ext_stats - the counters of an instance, summed over CPUs
 * @ingress: see &struct xvs_ext_pcpu_stats
 * @egress: ...
 * @dropped: ...
 * @excluded: ...
 * @consumed: ...
 * @injected: ...
 */
struct xvs_ext_stats {
	u64 ingress;
	u64 egress;
	u64 dropped;
	u64 excluded;
	u64 consumed;
	u64 injected;
};

/**
 * struct xvs_ext_chain - the extensions enabled on a switch, as the data
 *	path walks them; replaced as a whole (RCU) on every change
 * @rcu: frees a replaced chain after a grace period
 * @n: entries in @all
 * @ningress: entries in @ingress
 * @negress: entries in @egress
 * @forwarding: a forwarding extension chooses the destinations (no native
 *	forwarding, no learning)
 * @all: every enabled instance, in stack order
 * @ingress: those with an ingress hook, in stack order
 * @egress: those with an egress hook, in reverse stack order
 * @ingress_fn: the ingress hook of each of @ingress (one load less per
 *	hook on the data path)
 * @egress_fn: the egress hook of each of @egress
 */
struct xvs_ext_chain {
	struct rcu_head rcu;
	u8 n;
	u8 ningress;
	u8 negress;
	bool forwarding;
	struct xvs_ext_instance *all[XVS_EXT_MAX_ENABLED];
	struct xvs_ext_instance *ingress[XVS_EXT_MAX_ENABLED];
	struct xvs_ext_instance *egress[XVS_EXT_MAX_ENABLED];
	enum xvs_ext_verdict (*ingress_fn[XVS_EXT_MAX_ENABLED])
		(struct xvs_ext_instance *inst, struct sk_buff *skb,
		 struct xvs_fwd_ctx *ctx);
	enum xvs_ext_verdict (*egress_fn[XVS_EXT_MAX_ENABLED])
		(struct xvs_ext_instance *inst, struct sk_buff *skb,
		 struct xvs_fwd_ctx *ctx, struct xvs_fwd_dest *dest);
};

/* On while any switch has an extension enabled: the data path's test. */
DECLARE_STATIC_KEY_FALSE(xvs_ext_active);

/* Control path; every function needs RTNL. */
struct xvs_extension *xvs_ext_find(const char *name);
struct xvs_extension *xvs_ext_nth(unsigned int n);
struct xvs_ext_instance *xvs_ext_instance_of(const struct xvs_switch *sw,
					     const struct xvs_extension *ext);
int xvs_ext_position(const struct xvs_switch *sw,
		     const struct xvs_ext_instance *inst);
void xvs_ext_stats_read(const struct xvs_ext_instance *inst,
			struct xvs_ext_stats *stats);
int xvs_ext_enable(struct xvs_switch *sw, const char *name,
		   struct netlink_ext_ack *extack);
int xvs_ext_disable(struct xvs_switch *sw, const char *name,
		    struct netlink_ext_ack *extack);
int xvs_ext_reorder(struct xvs_switch *sw, const char *const *names,
		    unsigned int n, struct netlink_ext_ack *extack);
void xvs_ext_switch_destroy(struct xvs_switch *sw);
int xvs_ext_port_event(struct xvs_port *port, enum xvs_event event,
		       struct netlink_ext_ack *extack);
int xvs_ext_std_policy(struct xvs_switch *sw, struct xvs_port *port,
		       const struct xvs_std_policy *policy,
		       const struct xvs_extension **owner,
		       struct netlink_ext_ack *extack);
int xvs_ext_property(struct xvs_switch *sw, struct xvs_port *port,
		     const char *owner, const struct xvs_property *prop,
		     enum xvs_prop_op op, struct netlink_ext_ack *extack);
void xvs_ext_property_seen(struct xvs_switch *sw, struct xvs_port *port,
			   const char *owner, const struct xvs_property *prop,
			   enum xvs_prop_op op);
struct xvs_ext_instance *xvs_ext_enabled(const struct xvs_switch *sw,
					 const char *name);

#endif /* _XVS_EXT_H */
