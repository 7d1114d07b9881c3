// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_macfilter: a filter extension that lets a port send only from the
 * source MAC addresses it allows.
 *
 * The allow-list of a port is its custom property (owner xvs_macfilter,
 * id 1, instance 0, version 1.x): up to 64 MAC addresses, 6 bytes each,
 * back to back. A port without the property is not filtered; one with an
 * empty list sends nothing. A frame from a port with an allow-list whose
 * source MAC is not in it is dropped: the switch counts it as an
 * "extension" drop, the extension's dropped counter moves, and the
 * xvs:xvs_ext_drop tracepoint says "source MAC not allowed".
 *
 * The lists live in the instance, by port id, as RCU-protected copies: the
 * data path reads them without a lock, the property op replaces them. When
 * the extension is enabled, the switch offers it the allow-lists the ports
 * already have (the property op builds them there, once).
 *
 * Status: per port, "allowed-macs" (addresses in its list) and "dropped"
 * (frames dropped since the list was last set); per switch,
 * "ports-filtered".
 *
 * NIC save and restore: the state saved for a NIC is the allow-list the
 * extension enforces on its port now (whatever set it: the property or an
 * earlier restore); a port without one saves nothing. The part is
 * versioned: u8 format version (1), u8 count, then count MAC addresses of
 * 6 bytes. Restore checks it strictly (version, length against count, at
 * most 64 unique unicast addresses; -EINVAL with the reason), stages the
 * list and, at commit, publishes it (RCU) as the enforced list of the
 * destination port, replacing what the destination's property gave. The
 * property is not changed: the next change of the port's property
 * replaces the restored list again. A live migration copies the property
 * too (xvs-migrate), so both agree.
 */
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <xvs/extension.h>

#define XVS_MACFILTER_PROP_ALLOW	1
#define XVS_MACFILTER_MAX		64

/**
 * struct xvs_macfilter_list - the allow-list of one port
 * @rcu: frees it once no frame reads it
 * @dropped: frames from the port dropped by this list
 * @n: addresses in @macs
 * @macs: the allowed source MAC addresses
 */
struct xvs_macfilter_list {
	struct rcu_head rcu;
	atomic_long_t dropped;
	unsigned int n;
	u8 macs[][ETH_ALEN];
};

/**
 * struct xvs_macfilter - the private area of an instance
 * @ports: the &struct xvs_macfilter_list of each filtered port, by port id
 */
struct xvs_macfilter {
	struct xarray ports;
};

static enum xvs_ext_verdict
xvs_macfilter_ingress(struct xvs_ext_instance *inst, struct sk_buff *skb,
		      struct xvs_fwd_ctx *ctx)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_list *list;
	const u8 *src;
	unsigned int i;

	list = xa_load(&mf->ports, ctx->src_port_id);
	if (!list)
		return XVS_EXT_PASS;
	if (unlikely(skb_headlen(skb) < ETH_HLEN))
		return xvs_ext_drop(ctx, "frame too short");
	src = ((const struct ethhdr *)skb->data)->h_source;
	for (i = 0; i < list->n; i++)
		if (ether_addr_equal(src, list->macs[i]))
			return XVS_EXT_PASS;
	atomic_long_inc(&list->dropped);
	return xvs_ext_drop(ctx, "source MAC not allowed");
}

/* A property value made into a list, or an ERR_PTR (vetoed). */
static struct xvs_macfilter_list *
xvs_macfilter_parse(struct xvs_port *port, const struct xvs_property *prop,
		    struct netlink_ext_ack *extack)
{
	struct xvs_macfilter_list *list;
	unsigned int i, j, n;
	const u8 *mac;

	if (!port) {
		NL_SET_ERR_MSG(extack, "xvs_macfilter properties are port properties");
		return ERR_PTR(-EINVAL);
	}
	if (prop->id != XVS_MACFILTER_PROP_ALLOW) {
		NL_SET_ERR_MSG(extack, "unknown property id (1: source MAC allow-list)");
		return ERR_PTR(-EINVAL);
	}
	if (prop->instance) {
		NL_SET_ERR_MSG(extack, "the allow-list has instance 0 only");
		return ERR_PTR(-EINVAL);
	}
	if (prop->version >> 16 != 1) {
		NL_SET_ERR_MSG(extack, "unsupported version (major 1 only)");
		return ERR_PTR(-EINVAL);
	}
	if (prop->len % ETH_ALEN) {
		NL_SET_ERR_MSG(extack,
			       "length is not a multiple of 6 (MAC addresses)");
		return ERR_PTR(-EINVAL);
	}
	n = prop->len / ETH_ALEN;
	if (n > XVS_MACFILTER_MAX) {
		NL_SET_ERR_MSG(extack, "more than 64 MAC addresses");
		return ERR_PTR(-E2BIG);
	}
	for (i = 0; i < n; i++) {
		mac = prop->data + i * ETH_ALEN;
		if (!is_valid_ether_addr(mac)) {
			/* Formatted messages: 6.2 on. */
#ifdef NL_SET_ERR_MSG_FMT
			NL_SET_ERR_MSG_FMT(extack, "%pM is multicast or zero",
					   mac);
#else
			NL_SET_ERR_MSG(extack,
				       "a MAC address is multicast or zero");
#endif
			return ERR_PTR(-EINVAL);
		}
		for (j = 0; j < i; j++)
			if (ether_addr_equal(mac, prop->data + j * ETH_ALEN)) {
#ifdef NL_SET_ERR_MSG_FMT
				NL_SET_ERR_MSG_FMT(extack, "%pM is listed twice",
						   mac);
#else
				NL_SET_ERR_MSG(extack,
					       "a MAC address is listed twice");
#endif
				return ERR_PTR(-EINVAL);
			}
	}

	list = kmalloc(struct_size(list, macs, n), GFP_KERNEL);
	if (!list)
		return ERR_PTR(-ENOMEM);
	atomic_long_set(&list->dropped, 0);
	list->n = n;
	memcpy(list->macs, prop->data, n * ETH_ALEN);
	return list;
}

/* Give port @port_id the allow-list @list (NULL: none); free the old one. */
static int xvs_macfilter_set(struct xvs_macfilter *mf, u32 port_id,
			     struct xvs_macfilter_list *list)
{
	struct xvs_macfilter_list *old;

	if (list)
		old = xa_store(&mf->ports, port_id, list, GFP_KERNEL);
	else
		old = xa_erase(&mf->ports, port_id);
	if (xa_is_err(old)) {
		kfree(list);
		return xa_err(old);
	}
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static int xvs_macfilter_property(struct xvs_ext_instance *inst,
				  struct xvs_port *port,
				  const struct xvs_property *prop,
				  enum xvs_prop_op op,
				  struct netlink_ext_ack *extack)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_list *list;

	if (op == XVS_PROP_DELETE) {
		if (port && prop->id == XVS_MACFILTER_PROP_ALLOW && !prop->instance)
			return xvs_macfilter_set(mf, xvs_port_id(port), NULL);
		return 0;
	}
	list = xvs_macfilter_parse(port, prop, extack);
	if (IS_ERR(list))
		return PTR_ERR(list);
	return xvs_macfilter_set(mf, xvs_port_id(port), list);
}

static int xvs_macfilter_port_event(struct xvs_ext_instance *inst,
				    struct xvs_port *port, enum xvs_event event,
				    struct netlink_ext_ack *extack)
{
	if (event == XVS_EVENT_PORT_DELETE)
		xvs_macfilter_set(xvs_ext_priv(inst), xvs_port_id(port), NULL);
	return 0;
}

static void xvs_macfilter_detach(struct xvs_ext_instance *inst)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_list *list;
	unsigned long id;

	/* No frame reaches the instance any more: free at once. */
	xa_for_each(&mf->ports, id, list)
		kfree(list);
	xa_destroy(&mf->ports);
}

/* The switch then offers the allow-lists the ports already have. */
static int xvs_macfilter_attach(struct xvs_ext_instance *inst,
				struct netlink_ext_ack *extack)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);

	xa_init(&mf->ports);
	return 0;
}

static int xvs_macfilter_status(struct xvs_ext_instance *inst,
				struct xvs_port *port,
				struct xvs_ext_status *st)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_list *list;
	unsigned long id;
	u64 n = 0;
	int err;

	if (!port) {
		xa_for_each(&mf->ports, id, list)
			n++;
		return xvs_status_u64(st, "ports-filtered", n);
	}
	/* RTNL: the property op, which replaces lists, cannot run. */
	list = xa_load(&mf->ports, xvs_port_id(port));
	if (!list)
		return 0;
	err = xvs_status_u64(st, "allowed-macs", list->n);
	if (!err)
		err = xvs_status_u64(st, "dropped",
				     atomic_long_read(&list->dropped));
	return err;
}

/* Format version of a saved allow-list. */
#define XVS_MACFILTER_SAVE_V1	1

/**
 * struct xvs_macfilter_staged - a restored allow-list not yet enforced
 * @port_id: the port it is for
 * @reserved: the slot in &xvs_macfilter.ports was reserved for it (the
 *	commit then cannot fail)
 * @list: the list
 */
struct xvs_macfilter_staged {
	u32 port_id;
	bool reserved;
	struct xvs_macfilter_list *list;
};

static int xvs_macfilter_save(struct xvs_ext_instance *inst,
			      struct xvs_port *port, unsigned int round,
			      void *buf, size_t size, size_t *len,
			      struct netlink_ext_ack *extack)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	const struct xvs_macfilter_list *list;
	u8 *p = buf;

	/* RTNL: the lists change under it only. */
	list = xa_load(&mf->ports, xvs_port_id(port));
	if (!list) {
		*len = 0;
		return 0;
	}
	*len = 2 + list->n * ETH_ALEN;
	if (*len > size)
		return -ENOSPC;
	p[0] = XVS_MACFILTER_SAVE_V1;
	p[1] = list->n;
	memcpy(p + 2, list->macs, list->n * ETH_ALEN);
	return 0;
}

static int xvs_macfilter_restore_prepare(struct xvs_ext_instance *inst,
					 struct xvs_port *port,
					 const void *data, size_t len,
					 void **staged,
					 struct netlink_ext_ack *extack)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_staged *st;
	struct xvs_macfilter_list *list;
	struct xvs_property prop = {
		.id = XVS_MACFILTER_PROP_ALLOW,
		.version = 1 << 16,
	};
	const u8 *p = data;
	int err;

	if (*staged) {
		NL_SET_ERR_MSG(extack, "more than one saved allow-list");
		return -EINVAL;
	}
	if (len < 2) {
		NL_SET_ERR_MSG(extack, "saved allow-list truncated (no header)");
		return -EINVAL;
	}
	if (p[0] != XVS_MACFILTER_SAVE_V1) {
#ifdef NL_SET_ERR_MSG_FMT
		NL_SET_ERR_MSG_FMT(extack,
				   "unsupported saved allow-list version %u (1 only)",
				   p[0]);
#else
		NL_SET_ERR_MSG(extack, "unsupported saved allow-list version");
#endif
		return -EINVAL;
	}
	if (len != 2 + (size_t)p[1] * ETH_ALEN) {
#ifdef NL_SET_ERR_MSG_FMT
		NL_SET_ERR_MSG_FMT(extack,
				   "allow-list of %u MACs has %zu bytes, not %zu",
				   p[1], len - 2, (size_t)p[1] * ETH_ALEN);
#else
		NL_SET_ERR_MSG(extack,
			       "saved allow-list length does not match its count");
#endif
		return -EINVAL;
	}
	prop.len = len - 2;
	prop.data = p + 2;
	list = xvs_macfilter_parse(port, &prop, extack);
	if (IS_ERR(list))
		return PTR_ERR(list);
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st) {
		kfree(list);
		return -ENOMEM;
	}
	st->port_id = xvs_port_id(port);
	st->list = list;
	if (!xa_load(&mf->ports, st->port_id)) {
		err = xa_reserve(&mf->ports, st->port_id, GFP_KERNEL);
		if (err) {
			kfree(list);
			kfree(st);
			return err;
		}
		st->reserved = true;
	}
	*staged = st;
	return 0;
}

static void xvs_macfilter_restore_commit(struct xvs_ext_instance *inst,
					 struct xvs_port *port, void *staged)
{
	struct xvs_macfilter_staged *st = staged;

	/* The slot exists (in use or reserved): the store allocates nothing. */
	if (st)
		xvs_macfilter_set(xvs_ext_priv(inst), st->port_id, st->list);
	kfree(st);
}

static void xvs_macfilter_restore_abort(struct xvs_ext_instance *inst,
					void *staged)
{
	struct xvs_macfilter *mf = xvs_ext_priv(inst);
	struct xvs_macfilter_staged *st = staged;

	if (!st)
		return;
	if (st->reserved)
		xa_release(&mf->ports, st->port_id);
	kfree(st->list);
	kfree(st);
}

static const struct xvs_ext_ops xvs_macfilter_ops = {
	.attach = xvs_macfilter_attach,
	.detach = xvs_macfilter_detach,
	.port_event = xvs_macfilter_port_event,
	.property = xvs_macfilter_property,
	.ingress = xvs_macfilter_ingress,
	.status = xvs_macfilter_status,
	.save = xvs_macfilter_save,
	.restore_prepare = xvs_macfilter_restore_prepare,
	.restore_commit = xvs_macfilter_restore_commit,
	.restore_abort = xvs_macfilter_restore_abort,
};

static struct xvs_extension xvs_macfilter_ext = {
	.name = "xvs_macfilter",
	.type = XVS_EXT_FILTER,
	.owner = THIS_MODULE,
	.ops = &xvs_macfilter_ops,
	.priv_size = sizeof(struct xvs_macfilter),
};

static int __init xvs_macfilter_init(void)
{
	return xvs_extension_register(&xvs_macfilter_ext);
}

static void __exit xvs_macfilter_exit(void)
{
	xvs_extension_unregister(&xvs_macfilter_ext);
}

module_init(xvs_macfilter_init);
module_exit(xvs_macfilter_exit);

MODULE_DESCRIPTION("xvs sample extension: per-port source MAC allow-lists");
MODULE_AUTHOR("The xvs developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XVS);
