/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xvs extension API: what a kernel module needs to plug capture, filter
 * and forwarding logic into xvs switches (SPEC section 4). The one public
 * header of the core; every function is exported GPL in namespace XVS
 * (MODULE_IMPORT_NS(XVS)). Documentation/extensions.rst is the how-to.
 *
 * An extension registers a &struct xvs_extension from its module init and
 * unregisters it from its module exit. It does nothing until it is enabled
 * on a switch (xvsctl ext enable NAME switch SW): the core then makes an
 * instance (&struct xvs_ext_instance, with @priv_size bytes for the
 * extension), calls @attach, replays the switch's existing ports and NICs
 * through @port_event, and puts the instance into the switch's data path.
 * While enabled on any switch, the extension's module is pinned: it cannot
 * be unloaded. Disabling takes the instance out of the data path, waits for
 * the frames in flight, then calls @detach.
 *
 * Stack order: capture, then filter, then forwarding extensions on ingress
 * (a frame entering from its source port); forwarding, filter, capture on
 * egress (once per destination). The order within a class is per switch.
 */
#ifndef _XVS_EXTENSION_H
#define _XVS_EXTENSION_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/xvs.h>

struct module;
struct net_device;
struct xvs_switch;
struct xvs_port;
struct xvs_ext_instance;
struct xvs_ext_chain;
struct xvs_ext_status;

/* Most destinations one frame can have. */
#define XVS_FWD_MAX_DESTS	256

/* The default port id: a frame from it was made by an extension. */
#define XVS_DEFAULT_PORT_ID	0

/* Bytes of per-frame scratch space each enabled extension gets. */
#define XVS_EXT_PKT_DATA	16

/**
 * struct xvs_fwd_dest - one destination of a frame
 * @port: the destination port (valid while the frame crosses the switch)
 * @port_id: its id
 * @nic_index: the NIC on it (0)
 * @excluded: taken out of delivery; once set, never cleared
 * @mirror: a copy for a mirror destination port (added by the switch
 *	after the egress hooks)
 */
struct xvs_fwd_dest {
	struct xvs_port *port;
	u32 port_id;
	u8 nic_index;
	bool excluded;
	bool mirror;
};

/**
 * struct xvs_fwd_ctx - the forwarding context: what the switch knows of a
 *	frame while it crosses
 * @sw: the switch
 * @src_port: the port the frame came from, NULL for the default port
 * @src_port_id: its id (%XVS_DEFAULT_PORT_ID for extension-made frames)
 * @src_nic_index: the NIC it came from (0)
 * @trusted: the frame came from the default port: built-in port policies
 *	are skipped
 * @flooded: the destinations are every other connected port
 * @vid: the frame's VLAN in the switch (0: the untagged domain); the
 *	source port's tag, if the switch enforces its VLAN policy, is off
 *	the frame by then
 * @isolated: the source port is isolated (core only)
 * @ext_slot: the slot of the extension being called (core only)
 * @reason: why the extension being called drops the frame or excludes the
 *	destination (set with xvs_ext_drop())
 * @chain: the extensions this frame runs through (core only)
 * @ndests: entries used in @dests
 * @ext_data_init: the slots of @ext_data zeroed for this frame (core and
 *	xvs_ext_pkt_data() only)
 * @ext_data: per-frame scratch space of each enabled extension, zeroed
 *	the first time it is asked for; it survives from ingress to egress
 *	(xvs_ext_pkt_data())
 * @dests: the destination list; destinations are only ever added or
 *	excluded, never removed
 *
 * Lives in per-CPU storage of the core for the time of one frame.
 * Extensions read it, and change it only through the functions below.
 */
struct xvs_fwd_ctx {
	struct xvs_switch *sw;
	struct xvs_port *src_port;
	u32 src_port_id;
	u8 src_nic_index;
	bool trusted;
	bool flooded;
	bool isolated;
	u16 vid;
	u8 ext_slot;
	const char *reason;
	const struct xvs_ext_chain *chain;
	u16 ndests;
	u8 ext_data_init;
	u8 ext_data[XVS_EXT_MAX_ENABLED][XVS_EXT_PKT_DATA] __aligned(8);
	struct xvs_fwd_dest dests[XVS_FWD_MAX_DESTS];
};

/**
 * enum xvs_ext_verdict - what an extension's data path hook decided
 * @XVS_EXT_PASS: go on (to the next extension, then the switch).
 * @XVS_EXT_DROP: ingress: drop the frame; egress: exclude this
 *	destination. Give the reason with xvs_ext_drop().
 * @XVS_EXT_CONSUMED: ingress only: the extension took the frame over
 *	(it owns the skb now); the switch forgets it.
 */
enum xvs_ext_verdict {
	XVS_EXT_PASS,
	XVS_EXT_DROP,
	XVS_EXT_CONSUMED,
};

/**
 * enum xvs_prop_op - what happens to a custom property
 * @XVS_PROP_ADD: it is being added.
 * @XVS_PROP_UPDATE: a new value (and version) replaces its value.
 * @XVS_PROP_DELETE: it is being deleted.
 */
enum xvs_prop_op {
	XVS_PROP_ADD,
	XVS_PROP_UPDATE,
	XVS_PROP_DELETE,
};

/**
 * struct xvs_property - a custom property of a port or a switch
 * @id: the property id, numbered by its owner
 * @instance: the instance (0 unless the property is a list)
 * @version: XVS_PROP_VERSION(major, minor)
 * @len: bytes in @data
 * @data: the value, opaque to the switch
 */
struct xvs_property {
	u32 id;
	u32 instance;
	u32 version;
	u32 len;
	const u8 *data;
};

/**
 * struct xvs_prop_seen - a custom property change another extension owns
 * @owner: the owner's name
 * @prop: the property (for a delete: the one deleted)
 * @op: add, update or delete
 */
struct xvs_prop_seen {
	const char *owner;
	const struct xvs_property *prop;
	enum xvs_prop_op op;
};

/* Return of the save op: this part is given, call again for another one. */
#define XVS_SAVE_MORE	1

/**
 * struct xvs_std_policy - a port's standard policies (SPEC section 5),
 *	offered to the switch's forwarding extension before the switch
 *	enforces them itself
 * @vlan_mode: &enum xvs_vlan_mode
 * @vlan_id: an access port's VLAN
 * @native_vid: a trunk's native VLAN (0: none)
 * @trunk: a trunk's allowed VLANs (a bitmap of %VLAN_N_VID bits)
 * @mac: the guest's MAC behind the port (zeros: none)
 * @spoof_guard: frames from another source MAC than @mac are to be dropped
 * @dhcp_guard: DHCP server messages from the port are to be dropped
 * @router_guard: router advertisements and redirects from the port are to
 *	be dropped
 */
struct xvs_std_policy {
	enum xvs_vlan_mode vlan_mode;
	u16 vlan_id;
	u16 native_vid;
	const unsigned long *trunk;
	u8 mac[ETH_ALEN];
	bool spoof_guard;
	bool dhcp_guard;
	bool router_guard;
};

/**
 * struct xvs_ext_ops - what an extension does; every op may be NULL
 * @attach: the extension is being enabled on @inst's switch; set up
 *	@inst's private area. An error (with an extack message) fails the
 *	enable. Context: RTNL, may sleep.
 * @detach: the extension is being disabled (or its switch deleted); no
 *	frame reaches it any more; free what @attach and the events made.
 *	Context: RTNL, may sleep.
 * @port_event: a lifecycle event of @port (&enum xvs_event: PORT_CREATE
 *	... PORT_DELETE, NIC_CREATE ... NIC_DELETE), in stack order, before
 *	userspace hears of it. Only PORT_CREATE and NIC_CREATE may be vetoed:
 *	return a negative errno and set a reason with NL_SET_ERR_MSG(); the
 *	user sees "vetoed by NAME: reason"; the extensions before it, which
 *	accepted, then get PORT_DELETE or NIC_DELETE (in reverse order). The
 *	return value of every other
 *	event is ignored. On enable, the existing ports are replayed: each
 *	gets PORT_CREATE, then NIC_CREATE and NIC_CONNECT as far as its state
 *	goes (a veto then fails the enable). Context: RTNL, may sleep.
 * @property: a custom property the extension owns is added, updated or
 *	deleted on @port (NULL: on the switch); a negative errno with an
 *	extack message vetoes it ("vetoed by NAME: reason"). The switch keeps
 *	the properties while the extension is disabled; when it is enabled,
 *	after @attach and the port replay, every stored property it owns (the
 *	switch's, then each port's) is offered as %XVS_PROP_ADD, and a veto
 *	fails the enable (@detach is called). So build the state that
 *	follows from properties here, not in @attach. Version rules are the
 *	switch's (an update keeps the major and does not lower the minor).
 *	Context: RTNL, may sleep.
 * @ingress: a frame enters the switch (@skb->data at the Ethernet
 *	header). Capture: inspect, clone. Filter: also drop. Forwarding: add
 *	the destinations (xvs_fwd_add_dest(), xvs_fwd_flood()); with no
 *	forwarding extension, the switch forwards natively after the chain.
 *	Context: RCU, BH disabled; must not sleep.
 * @egress: the frame is about to go to @dest (once per destination not
 *	yet excluded). @skb is shared by every destination: read it, do not
 *	change it. %XVS_EXT_DROP excludes @dest. Context: RCU, BH disabled.
 * @std_policy: forwarding extensions only: @port's standard policies
 *	(VLAN, security guards) are being set (or, when the extension is
 *	enabled, are offered again). Return 0 to take them over: the
 *	extension then enforces them and the switch does not (no VLAN
 *	classification, tagging or membership, no guards); -EOPNOTSUPP to
 *	decline (the switch enforces them; the default); another negative
 *	errno with an extack message vetoes the change ("vetoed by NAME:
 *	reason"). When the extension is disabled, the switch takes them back.
 *	Context: RTNL, may sleep.
 * @property_seen: a custom property another extension owns was added,
 *	updated or deleted on @port (NULL: the switch), after the change is
 *	made (for a delete, @seen->prop is valid during the call only); it
 *	passes the extension by, which cannot veto it. Not called for the
 *	re-offer on enable. Context: RTNL, may sleep.
 * @status: fill @st with the extension's runtime status of @port (NULL:
 *	of the switch) with xvs_status_u64() and xvs_status_text(); return
 *	the first error they returned (-EMSGSIZE: the switch retries in a
 *	message of its own) or 0. No item: no message. Read-only, for any
 *	user in the switch's netns (STATUS_GET). Context: RTNL, may sleep.
 * @save: give the state the extension keeps for @port's NIC, for a
 *	restore elsewhere: write at most @size bytes into @buf and set @len;
 *	return 0 (the last part; @len 0: nothing to save), %XVS_SAVE_MORE
 *	(a part was given, call again in the next round, with @round + 1),
 *	-ENOSPC with @len set to the size needed (called again with a buffer
 *	at least that large, up to %XVS_BLOB_DATA_MAX), or another negative
 *	errno with an extack message (the save fails). Context: RTNL, may
 *	sleep.
 * @restore_prepare: check and stage one saved part (@data, @len bytes,
 *	given by this extension's @save, maybe on another host, switch or
 *	port), called for each part in order with the same @staged (NULL at
 *	first); change nothing @port's frames see yet. A negative errno with
 *	an extack message aborts the whole restore. Extensions without it do
 *	not claim blobs. Context: RTNL, may sleep.
 * @restore_commit: every part of every extension was staged: apply
 *	@staged to @port; cannot fail. Context: RTNL, may sleep.
 * @restore_abort: the restore was aborted: free @staged (may be NULL).
 *	Every extension whose @restore_prepare was called gets it, the one
 *	that refused too. Context: RTNL, may sleep.
 */
struct xvs_ext_ops {
	int (*attach)(struct xvs_ext_instance *inst,
		      struct netlink_ext_ack *extack);
	void (*detach)(struct xvs_ext_instance *inst);
	int (*port_event)(struct xvs_ext_instance *inst, struct xvs_port *port,
			  enum xvs_event event, struct netlink_ext_ack *extack);
	int (*property)(struct xvs_ext_instance *inst, struct xvs_port *port,
			const struct xvs_property *prop, enum xvs_prop_op op,
			struct netlink_ext_ack *extack);
	enum xvs_ext_verdict (*ingress)(struct xvs_ext_instance *inst,
					struct sk_buff *skb,
					struct xvs_fwd_ctx *ctx);
	enum xvs_ext_verdict (*egress)(struct xvs_ext_instance *inst,
				       struct sk_buff *skb,
				       struct xvs_fwd_ctx *ctx,
				       struct xvs_fwd_dest *dest);
	int (*std_policy)(struct xvs_ext_instance *inst, struct xvs_port *port,
			  const struct xvs_std_policy *policy,
			  struct netlink_ext_ack *extack);
	void (*property_seen)(struct xvs_ext_instance *inst,
			      struct xvs_port *port,
			      const struct xvs_prop_seen *seen);
	int (*status)(struct xvs_ext_instance *inst, struct xvs_port *port,
		      struct xvs_ext_status *st);
	int (*save)(struct xvs_ext_instance *inst, struct xvs_port *port,
		    unsigned int round, void *buf, size_t size, size_t *len,
		    struct netlink_ext_ack *extack);
	int (*restore_prepare)(struct xvs_ext_instance *inst,
			       struct xvs_port *port, const void *data,
			       size_t len, void **staged,
			       struct netlink_ext_ack *extack);
	void (*restore_commit)(struct xvs_ext_instance *inst,
			       struct xvs_port *port, void *staged);
	void (*restore_abort)(struct xvs_ext_instance *inst, void *staged);
};

/**
 * struct xvs_extension - the descriptor an extension registers
 * @name: unique name, 1 to %XVS_EXT_NAME_LEN - 1 bytes ([a-z0-9_-])
 * @type: &enum xvs_ext_type
 * @owner: THIS_MODULE
 * @ops: what it does
 * @priv_size: bytes of private data in each instance (xvs_ext_priv())
 * @list: the core's list of extensions (core only)
 * @filled: @ops with the NULL control ops replaced by no-ops (core only)
 * @nswitches: switches it is enabled on (core only, RTNL)
 * @instances: its instances, one per switch it is enabled on (core only,
 *	RTNL)
 */
struct xvs_extension {
	const char *name;
	enum xvs_ext_type type;
	struct module *owner;
	const struct xvs_ext_ops *ops;
	size_t priv_size;

	struct list_head list;
	struct xvs_ext_ops filled;
	unsigned int nswitches;
	struct list_head instances;
};

/**
 * struct xvs_ext_instance - an extension enabled on one switch
 * @ext: the extension
 * @sw: the switch
 * @slot: its slot in the switch (index of its per-frame data), stable
 *	while it is enabled
 * @stats: its per-CPU counters (core only)
 * @node: entry in @ext->instances (core only)
 * @priv: @ext->priv_size bytes for the extension, zeroed at enable
 */
struct xvs_ext_instance {
	struct xvs_extension *ext;
	struct xvs_switch *sw;
	u8 slot;
	struct xvs_ext_pcpu_stats __percpu *stats;
	struct list_head node;
	u8 priv[] __aligned(8);
};

/**
 * xvs_ext_priv() - the private area of an instance
 * @inst: the instance
 *
 * Return: @inst->ext->priv_size bytes, zeroed when the instance was made.
 */
static inline void *xvs_ext_priv(struct xvs_ext_instance *inst)
{
	return inst->priv;
}

/* @ext_data_init has a bit per slot. */
static_assert(XVS_EXT_MAX_ENABLED <= BITS_PER_BYTE);

/**
 * xvs_ext_pkt_data() - the calling extension's per-frame scratch space
 * @ctx: the forwarding context of the frame
 *
 * Only valid inside @ingress and @egress.
 * Return: %XVS_EXT_PKT_DATA bytes, zeroed when first asked for on this
 * frame (not on every frame: most extensions never ask).
 */
static inline void *xvs_ext_pkt_data(struct xvs_fwd_ctx *ctx)
{
	u8 slot = ctx->ext_slot;

	if (!(ctx->ext_data_init & BIT(slot))) {
		ctx->ext_data_init |= BIT(slot);
		memset(ctx->ext_data[slot], 0, XVS_EXT_PKT_DATA);
	}
	return ctx->ext_data[slot];
}

/**
 * xvs_ext_drop() - drop the frame (ingress) or exclude the destination
 *	(egress), saying why
 * @ctx: the forwarding context of the frame
 * @reason: a static string: counted, traced (xvs:xvs_ext_drop) with the
 *	extension's name
 *
 * Return: %XVS_EXT_DROP, for the hook to return.
 */
static inline enum xvs_ext_verdict xvs_ext_drop(struct xvs_fwd_ctx *ctx,
						const char *reason)
{
	ctx->reason = reason;
	return XVS_EXT_DROP;
}

/**
 * typedef xvs_ext_port_fn_t - called by xvs_ext_walk_ports() for a port
 * @inst: the instance
 * @port: the port
 * @arg: the caller's argument
 *
 * Return: 0 to go on, anything else to stop with it.
 */
typedef int (*xvs_ext_port_fn_t)(struct xvs_ext_instance *inst,
			       struct xvs_port *port, void *arg);

/**
 * typedef xvs_ext_prop_fn_t - called by xvs_ext_walk_properties()
 * @inst: the instance
 * @prop: one of its properties
 * @arg: the caller's argument
 *
 * Return: 0 to go on, anything else to stop with it.
 */
typedef int (*xvs_ext_prop_fn_t)(struct xvs_ext_instance *inst,
			       const struct xvs_property *prop, void *arg);

int xvs_extension_register(struct xvs_extension *ext);
void xvs_extension_unregister(struct xvs_extension *ext);

int xvs_fwd_add_dest_id(struct xvs_fwd_ctx *ctx, u32 port_id);
int xvs_fwd_flood(struct xvs_fwd_ctx *ctx);
int xvs_fwd_exclude(struct xvs_fwd_ctx *ctx, u32 port_id, u8 nic_index);
unsigned int xvs_fwd_count(const struct xvs_fwd_ctx *ctx);

int xvs_ext_inject(struct xvs_ext_instance *inst, struct sk_buff *skb,
		   u32 src_port_id);

u32 xvs_port_id(const struct xvs_port *port);
const char *xvs_port_name(const struct xvs_port *port);
enum xvs_port_type xvs_port_type(const struct xvs_port *port);
enum xvs_conn_state xvs_port_state(const struct xvs_port *port);
struct net_device *xvs_port_netdev(const struct xvs_port *port);
struct net_device *xvs_switch_netdev(const struct xvs_switch *sw);
int xvs_ext_walk_ports(struct xvs_ext_instance *inst, xvs_ext_port_fn_t fn,
		       void *arg);

int xvs_port_ref(struct xvs_port *port);
void xvs_port_unref(struct xvs_port *port);
int xvs_nic_ref(struct xvs_port *port);
void xvs_nic_unref(struct xvs_port *port);

int xvs_ext_property_find(struct xvs_ext_instance *inst,
			  struct xvs_port *port, u32 id, u32 instance,
			  struct xvs_property *prop);
int xvs_ext_walk_properties(struct xvs_ext_instance *inst,
			    struct xvs_port *port, xvs_ext_prop_fn_t fn,
			    void *arg);

int xvs_status_u64(struct xvs_ext_status *st, const char *key, u64 value);
int xvs_status_text(struct xvs_ext_status *st, const char *key,
		    const char *text);

#endif /* _XVS_EXTENSION_H */
