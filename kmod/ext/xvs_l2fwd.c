// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_l2fwd: a forwarding extension that forwards by a static table of
 * MAC address -> port, the way a vendor's forwarding extension would. It
 * replaces the switch's native forwarding: no MAC learning, no FDB.
 *
 * The table is the custom switch property (owner xvs_l2fwd, id 1,
 * instance 0, version 1.x): records of 10 bytes, a unicast MAC address
 * (6 bytes) then a port id (4 bytes, big-endian), at most 102 of them
 * (the property's 1024 bytes). A frame to a broadcast or multicast address
 * is flooded; one to an address in the table goes to that port only; one
 * to another unicast address is dropped, reason "unknown destination".
 * Disabling the extension gives the switch its native forwarding back.
 *
 * Standard port policies (VLAN, security guards), which the switch offers
 * its forwarding extension first, are declined, taken over or vetoed as
 * the std_policy parameter says: 0 declines them all (the switch enforces
 * them); 1 takes over those of a port without a VLAN policy and without
 * DHCP or router guard, and enforces their MAC spoofing guard itself
 * (frames from another source MAC than the port's guest MAC are dropped,
 * reason "spoofed source MAC"), declining the others; 2 vetoes every
 * standard policy but the defaults.
 *
 * Status: per switch, "table-entries" and "std-policy" (decline,
 * spoof-guard or veto); per port whose MAC spoofing guard it enforces,
 * "guard-mac".
 *
 * NIC save and restore: the state saved for a NIC is the set of table
 * addresses that lead to its port: u8 format version (1), u8 0, be16
 * count, then count MAC addresses of 6 bytes. Restore checks it strictly
 * (version, length against count, unicast, no duplicates; -EINVAL with
 * the reason) and stages a copy of the table in which those addresses lead
 * to the destination port (added, or moved from another port); commit
 * publishes it (RCU). The switch property is not changed: its next change
 * replaces the table again.
 */
#include <linux/bsearch.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/xarray.h>
#include <xvs/extension.h>

#define XVS_L2FWD_PROP_TABLE	1
#define XVS_L2FWD_RECORD	(ETH_ALEN + sizeof(__be32))

/* What to do with the standard policies offered (std_policy=). */
enum {
	XVS_L2FWD_STD_DECLINE,
	XVS_L2FWD_STD_SPOOF,
	XVS_L2FWD_STD_VETO,
};

static unsigned int std_policy;
module_param(std_policy, uint, 0644);
MODULE_PARM_DESC(std_policy,
		 "Standard port policies: 0 decline (default), 1 enforce the MAC spoofing guard of ports without VLAN, DHCP or router guard policy, 2 veto");

/**
 * struct xvs_l2fwd_entry - one address of the table
 * @mac: the MAC address, as ether_addr_to_u64() makes it
 * @port_id: the port frames to it go to
 */
struct xvs_l2fwd_entry {
	u64 mac;
	u32 port_id;
};

/**
 * struct xvs_l2fwd_table - the table, sorted by address
 * @rcu: frees it once no frame reads it
 * @n: entries in @ent
 * @ent: the entries
 */
struct xvs_l2fwd_table {
	struct rcu_head rcu;
	unsigned int n;
	struct xvs_l2fwd_entry ent[];
};

/**
 * struct xvs_l2fwd_guard - the MAC spoofing guard of a port (std_policy=1)
 * @rcu: frees it once no frame reads it
 * @mac: the only source MAC the port may send from
 */
struct xvs_l2fwd_guard {
	struct rcu_head rcu;
	u8 mac[ETH_ALEN];
};

/**
 * struct xvs_l2fwd - the private area of an instance
 * @table: the table now; NULL: empty
 * @guards: the &struct xvs_l2fwd_guard of each port whose standard
 *	policies the extension took over with the spoofing guard on, by
 *	port id
 */
struct xvs_l2fwd {
	struct xvs_l2fwd_table __rcu *table;
	struct xarray guards;
};

static int xvs_l2fwd_cmp(const void *a, const void *b)
{
	const struct xvs_l2fwd_entry *x = a, *y = b;

	return x->mac < y->mac ? -1 : x->mac > y->mac;
}

static enum xvs_ext_verdict xvs_l2fwd_ingress(struct xvs_ext_instance *inst,
					      struct sk_buff *skb,
					      struct xvs_fwd_ctx *ctx)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	const struct xvs_l2fwd_entry *e = NULL;
	const struct xvs_l2fwd_guard *guard;
	const struct xvs_l2fwd_table *table;
	const struct ethhdr *eth;
	struct xvs_l2fwd_entry key;
	const u8 *dst;

	if (unlikely(skb_headlen(skb) < ETH_HLEN))
		return xvs_ext_drop(ctx, "frame too short");
	eth = (const struct ethhdr *)skb->data;
	guard = xa_load(&fwd->guards, ctx->src_port_id);
	if (unlikely(guard) && !ether_addr_equal(eth->h_source, guard->mac))
		return xvs_ext_drop(ctx, "spoofed source MAC");
	dst = eth->h_dest;
	if (is_multicast_ether_addr(dst)) {
		/* -ENOSPC: the ports left out are counted by the switch. */
		xvs_fwd_flood(ctx);
		return XVS_EXT_PASS;
	}

	table = rcu_dereference(fwd->table);
	if (table) {
		key.mac = ether_addr_to_u64(dst);
		e = bsearch(&key, table->ent, table->n, sizeof(*e),
			    xvs_l2fwd_cmp);
	}
	if (!e)
		return xvs_ext_drop(ctx, "unknown destination");
	if (e->port_id == ctx->src_port_id)
		return xvs_ext_drop(ctx, "destination is the source port");
	/* A port without a connected NIC is added: the switch counts it. */
	if (xvs_fwd_add_dest_id(ctx, e->port_id) < 0)
		return xvs_ext_drop(ctx, "destination port does not exist");
	return XVS_EXT_PASS;
}

/* A property value made into a table, or an ERR_PTR (vetoed). */
static struct xvs_l2fwd_table *
xvs_l2fwd_parse(struct xvs_port *port, const struct xvs_property *prop,
		struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd_table *table;
	unsigned int i, n;
	const u8 *rec;

	if (port) {
		NL_SET_ERR_MSG(extack, "the xvs_l2fwd table is a switch property");
		return ERR_PTR(-EINVAL);
	}
	if (prop->id != XVS_L2FWD_PROP_TABLE) {
		NL_SET_ERR_MSG(extack, "unknown property id (1: the forwarding table)");
		return ERR_PTR(-EINVAL);
	}
	if (prop->instance) {
		NL_SET_ERR_MSG(extack, "the forwarding table has instance 0 only");
		return ERR_PTR(-EINVAL);
	}
	if (prop->version >> 16 != 1) {
		NL_SET_ERR_MSG(extack, "unsupported version (major 1 only)");
		return ERR_PTR(-EINVAL);
	}
	if (prop->len % XVS_L2FWD_RECORD) {
		NL_SET_ERR_MSG(extack,
			       "length is not a multiple of 10 (MAC, be32 port id)");
		return ERR_PTR(-EINVAL);
	}
	n = prop->len / XVS_L2FWD_RECORD;
	table = kmalloc(struct_size(table, ent, n), GFP_KERNEL);
	if (!table)
		return ERR_PTR(-ENOMEM);
	table->n = n;
	for (i = 0; i < n; i++) {
		rec = prop->data + i * XVS_L2FWD_RECORD;
		if (!is_valid_ether_addr(rec)) {
			NL_SET_ERR_MSG(extack, "a table address is multicast or zero");
			goto err;
		}
		table->ent[i].mac = ether_addr_to_u64(rec);
		table->ent[i].port_id = get_unaligned_be32(rec + ETH_ALEN);
		if (!table->ent[i].port_id) {
			NL_SET_ERR_MSG(extack, "a table entry has port id 0");
			goto err;
		}
	}
	sort(table->ent, n, sizeof(table->ent[0]), xvs_l2fwd_cmp, NULL);
	for (i = 1; i < n; i++)
		if (table->ent[i].mac == table->ent[i - 1].mac) {
			NL_SET_ERR_MSG(extack, "a MAC address is in the table twice");
			goto err;
		}
	return table;
err:
	kfree(table);
	return ERR_PTR(-EINVAL);
}

/* Make @table (NULL: empty) the table; free the old one. */
static void xvs_l2fwd_set(struct xvs_l2fwd *fwd, struct xvs_l2fwd_table *table)
{
	struct xvs_l2fwd_table *old;

	old = rcu_replace_pointer(fwd->table, table, lockdep_rtnl_is_held());
	if (old)
		kfree_rcu(old, rcu);
}

static int xvs_l2fwd_property(struct xvs_ext_instance *inst,
			      struct xvs_port *port,
			      const struct xvs_property *prop,
			      enum xvs_prop_op op,
			      struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd_table *table;

	if (op == XVS_PROP_DELETE) {
		if (!port && prop->id == XVS_L2FWD_PROP_TABLE && !prop->instance)
			xvs_l2fwd_set(xvs_ext_priv(inst), NULL);
		return 0;
	}
	table = xvs_l2fwd_parse(port, prop, extack);
	if (IS_ERR(table))
		return PTR_ERR(table);
	xvs_l2fwd_set(xvs_ext_priv(inst), table);
	return 0;
}

/* Port @port_id's spoofing guard allows @mac only (NULL: no guard). */
static int xvs_l2fwd_guard_set(struct xvs_l2fwd *fwd, u32 port_id,
			       const u8 *mac)
{
	struct xvs_l2fwd_guard *guard = NULL, *old;

	if (mac) {
		guard = kmalloc(sizeof(*guard), GFP_KERNEL);
		if (!guard)
			return -ENOMEM;
		ether_addr_copy(guard->mac, mac);
		old = xa_store(&fwd->guards, port_id, guard, GFP_KERNEL);
	} else {
		old = xa_erase(&fwd->guards, port_id);
	}
	if (xa_is_err(old)) {
		kfree(guard);
		return xa_err(old);
	}
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/* The switch's defaults: no VLAN policy, no guest MAC, no guard. */
static bool xvs_l2fwd_std_default(const struct xvs_std_policy *policy)
{
	return policy->vlan_mode == XVS_VLAN_NONE &&
	       is_zero_ether_addr(policy->mac) && !policy->spoof_guard &&
	       !policy->dhcp_guard && !policy->router_guard;
}

static int xvs_l2fwd_std_policy(struct xvs_ext_instance *inst,
				struct xvs_port *port,
				const struct xvs_std_policy *policy,
				struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	u32 id = xvs_port_id(port);
	int err;

	switch (READ_ONCE(std_policy)) {
	case XVS_L2FWD_STD_SPOOF:
		/* Only what it enforces: the spoofing guard, no VLAN. */
		if (policy->vlan_mode != XVS_VLAN_NONE || policy->dhcp_guard ||
		    policy->router_guard)
			break;
		err = xvs_l2fwd_guard_set(fwd, id, policy->spoof_guard ?
					  policy->mac : NULL);
		if (err)
			NL_SET_ERR_MSG(extack, "no memory for the port's guard");
		return err;
	case XVS_L2FWD_STD_VETO:
		if (xvs_l2fwd_std_default(policy))
			break;
		NL_SET_ERR_MSG(extack,
			       "standard port policies are not allowed (std_policy=2)");
		return -EPERM;
	}
	/* Declined: the switch enforces them, from now on not us. */
	xvs_l2fwd_guard_set(fwd, id, NULL);
	return -EOPNOTSUPP;
}

static int xvs_l2fwd_port_event(struct xvs_ext_instance *inst,
				struct xvs_port *port, enum xvs_event event,
				struct netlink_ext_ack *extack)
{
	if (event == XVS_EVENT_PORT_DELETE)
		xvs_l2fwd_guard_set(xvs_ext_priv(inst), xvs_port_id(port),
				    NULL);
	return 0;
}

static int xvs_l2fwd_attach(struct xvs_ext_instance *inst,
			    struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);

	/*
	 * The switch offers the table the switch already has (the property
	 * op), then, once enabled, the ports' standard policies.
	 */
	xa_init(&fwd->guards);
	return 0;
}

static void xvs_l2fwd_detach(struct xvs_ext_instance *inst)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	struct xvs_l2fwd_guard *guard;
	unsigned long id;

	/* No frame reaches the instance any more: free at once. */
	kfree(rcu_replace_pointer(fwd->table, NULL, lockdep_rtnl_is_held()));
	xa_for_each(&fwd->guards, id, guard)
		kfree(guard);
	xa_destroy(&fwd->guards);
}

static int xvs_l2fwd_status(struct xvs_ext_instance *inst,
			    struct xvs_port *port, struct xvs_ext_status *st)
{
	static const char *const modes[] = {
		[XVS_L2FWD_STD_DECLINE] = "decline",
		[XVS_L2FWD_STD_SPOOF] = "spoof-guard",
		[XVS_L2FWD_STD_VETO] = "veto",
	};
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	const struct xvs_l2fwd_table *table;
	const struct xvs_l2fwd_guard *guard;
	unsigned int mode;
	char mac[18];
	int err;

	if (port) {
		/* RTNL: guards only change under it. */
		guard = xa_load(&fwd->guards, xvs_port_id(port));
		if (!guard)
			return 0;
		snprintf(mac, sizeof(mac), "%pM", guard->mac);
		return xvs_status_text(st, "guard-mac", mac);
	}
	table = rtnl_dereference(fwd->table);
	err = xvs_status_u64(st, "table-entries", table ? table->n : 0);
	if (err)
		return err;
	mode = READ_ONCE(std_policy);
	return xvs_status_text(st, "std-policy", mode < ARRAY_SIZE(modes) ?
			       modes[mode] : "decline");
}

/* Format version of the saved addresses of a port. */
#define XVS_L2FWD_SAVE_V1	1
#define XVS_L2FWD_SAVE_HDR	4
/* Most entries a restored table may have. */
#define XVS_L2FWD_MAX		1024

static int xvs_l2fwd_save(struct xvs_ext_instance *inst, struct xvs_port *port,
			  unsigned int round, void *buf, size_t size,
			  size_t *len, struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	const struct xvs_l2fwd_table *table;
	u32 id = xvs_port_id(port);
	unsigned int i, n = 0;
	u8 *p = buf;

	table = rtnl_dereference(fwd->table);
	for (i = 0; table && i < table->n; i++)
		n += table->ent[i].port_id == id;
	if (!n) {
		*len = 0;
		return 0;
	}
	*len = XVS_L2FWD_SAVE_HDR + n * ETH_ALEN;
	if (*len > size)
		return -ENOSPC;
	p[0] = XVS_L2FWD_SAVE_V1;
	p[1] = 0;
	put_unaligned_be16(n, p + 2);
	p += XVS_L2FWD_SAVE_HDR;
	for (i = 0; i < table->n; i++)
		if (table->ent[i].port_id == id) {
			u64_to_ether_addr(table->ent[i].mac, p);
			p += ETH_ALEN;
		}
	return 0;
}

static int xvs_l2fwd_restore_prepare(struct xvs_ext_instance *inst,
				     struct xvs_port *port, const void *data,
				     size_t len, void **staged,
				     struct netlink_ext_ack *extack)
{
	struct xvs_l2fwd *fwd = xvs_ext_priv(inst);
	const struct xvs_l2fwd_table *old;
	struct xvs_l2fwd_table *table;
	struct xvs_l2fwd_entry key, *e;
	unsigned int i, j, n, count;
	const u8 *p = data, *mac;

	if (*staged) {
		NL_SET_ERR_MSG(extack, "more than one saved part");
		return -EINVAL;
	}
	if (len < XVS_L2FWD_SAVE_HDR) {
		NL_SET_ERR_MSG(extack, "saved addresses truncated (no header)");
		return -EINVAL;
	}
	if (p[0] != XVS_L2FWD_SAVE_V1) {
		NL_SET_ERR_MSG(extack, "unsupported saved format version (1 only)");
		return -EINVAL;
	}
	count = get_unaligned_be16(p + 2);
	if (p[1] || len != XVS_L2FWD_SAVE_HDR + (size_t)count * ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "saved length does not match the count");
		return -EINVAL;
	}
	old = rtnl_dereference(fwd->table);
	n = old ? old->n : 0;
	if (n + count > XVS_L2FWD_MAX) {
		NL_SET_ERR_MSG(extack, "the table would be too large");
		return -E2BIG;
	}
	table = kmalloc(struct_size(table, ent, n + count), GFP_KERNEL);
	if (!table)
		return -ENOMEM;
	if (n)
		memcpy(table->ent, old->ent, n * sizeof(table->ent[0]));
	table->n = n;
	for (i = 0; i < count; i++) {
		mac = p + XVS_L2FWD_SAVE_HDR + i * ETH_ALEN;
		if (!is_valid_ether_addr(mac)) {
			NL_SET_ERR_MSG(extack, "a saved address is multicast or zero");
			goto err;
		}
		for (j = 0; j < i; j++)
			if (ether_addr_equal(mac, p + XVS_L2FWD_SAVE_HDR + j * ETH_ALEN)) {
				NL_SET_ERR_MSG(extack, "a saved address is listed twice");
				goto err;
			}
		key.mac = ether_addr_to_u64(mac);
		/* The first n entries are sorted: moved there, added after. */
		e = bsearch(&key, table->ent, n, sizeof(*e), xvs_l2fwd_cmp);
		if (!e) {
			e = &table->ent[table->n++];
			e->mac = key.mac;
		}
		e->port_id = xvs_port_id(port);
	}
	sort(table->ent, table->n, sizeof(table->ent[0]), xvs_l2fwd_cmp, NULL);
	*staged = table;
	return 0;
err:
	kfree(table);
	return -EINVAL;
}

static void xvs_l2fwd_restore_commit(struct xvs_ext_instance *inst,
				     struct xvs_port *port, void *staged)
{
	if (staged)
		xvs_l2fwd_set(xvs_ext_priv(inst), staged);
}

static void xvs_l2fwd_restore_abort(struct xvs_ext_instance *inst,
				    void *staged)
{
	kfree(staged);
}

static const struct xvs_ext_ops xvs_l2fwd_ops = {
	.attach = xvs_l2fwd_attach,
	.detach = xvs_l2fwd_detach,
	.port_event = xvs_l2fwd_port_event,
	.property = xvs_l2fwd_property,
	.ingress = xvs_l2fwd_ingress,
	.std_policy = xvs_l2fwd_std_policy,
	.status = xvs_l2fwd_status,
	.save = xvs_l2fwd_save,
	.restore_prepare = xvs_l2fwd_restore_prepare,
	.restore_commit = xvs_l2fwd_restore_commit,
	.restore_abort = xvs_l2fwd_restore_abort,
};

static struct xvs_extension xvs_l2fwd_ext = {
	.name = "xvs_l2fwd",
	.type = XVS_EXT_FORWARDING,
	.owner = THIS_MODULE,
	.ops = &xvs_l2fwd_ops,
	.priv_size = sizeof(struct xvs_l2fwd),
};

static int __init xvs_l2fwd_init(void)
{
	return xvs_extension_register(&xvs_l2fwd_ext);
}

static void __exit xvs_l2fwd_exit(void)
{
	xvs_extension_unregister(&xvs_l2fwd_ext);
}

module_init(xvs_l2fwd_init);
module_exit(xvs_l2fwd_exit);

MODULE_DESCRIPTION("xvs sample extension: forwarding by a static MAC table");
MODULE_AUTHOR("The xvs developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XVS);
