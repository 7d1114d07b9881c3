// SPDX-License-Identifier: GPL-2.0
/*
 * xvs_capture: a capture extension that mirrors the frames of selected
 * ports to the netdev xvscap0, which the module creates when it loads
 * (tcpdump -i xvscap0 reads them).
 *
 * A port is mirrored while it has the custom port property
 * (owner xvs_capture, id 1, instance 0), whose value is empty or one byte
 * of flags: 1 = frames from the port (ingress), 2 = frames to the port
 * (egress); empty means 1.
 *
 * Each mirrored frame carries one more, outermost, 802.1ad (S-)tag: its
 * VLAN id is the port id, its priority the direction (0: from the port,
 * 1: to the port). Port ids above 4094 do not fit: the property is vetoed
 * on such ports. tcpdump -e -i xvscap0 shows "vlan ID, p DIR" and decodes
 * the frame inside; "tcpdump -i xvscap0 vlan 3" selects port 3. There is
 * one xvscap0 for every switch the extension is enabled on.
 *
 * Status: per port, "mirror" (ingress, egress or both) when it is
 * mirrored; per switch, "ports-mirrored".
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/xarray.h>
#include <xvs/extension.h>

#define XVS_CAPTURE_PROP_MIRROR		1
#define XVS_CAPTURE_INGRESS		BIT(0)
#define XVS_CAPTURE_EGRESS		BIT(1)
#define XVS_CAPTURE_FLAGS		(XVS_CAPTURE_INGRESS | XVS_CAPTURE_EGRESS)

/* The capture tag's priority: the direction of the frame. */
#define XVS_CAPTURE_PCP_EGRESS		1

/**
 * struct xvs_capture - the private area of an instance
 * @ports: the flags of each mirrored port, as xa_mk_value(), by port id
 */
struct xvs_capture {
	struct xarray ports;
};

static struct net_device *xvs_capture_dev;

static netdev_tx_t xvs_capture_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* Nothing goes out of xvscap0: it only shows mirrored frames. */
	dev_core_stats_tx_dropped_inc(dev);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops xvs_capture_netdev_ops = {
	.ndo_start_xmit = xvs_capture_xmit,
	.ndo_get_stats64 = dev_get_tstats64,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

/* Hand a copy of @skb, tagged with the port id and direction, to xvscap0. */
static void xvs_capture_mirror(struct sk_buff *skb, u32 port_id, bool egress)
{
	struct net_device *dev = xvs_capture_dev;
	struct sk_buff *copy;
	u16 tci;

	if (!netif_running(dev))
		return;
	copy = skb_clone(skb, GFP_ATOMIC);
	if (!copy)
		goto drop;
	tci = (port_id & VLAN_VID_MASK) |
	      (egress ? XVS_CAPTURE_PCP_EGRESS << VLAN_PRIO_SHIFT : 0);
	skb_reset_mac_header(copy);
	/* A tag already out of band goes into the frame, ours outside it. */
	if (skb_vlan_push(copy, htons(ETH_P_8021AD), tci)) {
		kfree_skb(copy);
		goto drop;
	}
	skb_scrub_packet(copy, true);
	copy->protocol = eth_type_trans(copy, dev);
	dev_sw_netstats_rx_add(dev, copy->len + ETH_HLEN);
	netif_rx(copy);
	return;
drop:
	dev_core_stats_rx_dropped_inc(dev);
}

static unsigned long xvs_capture_flags(struct xvs_ext_instance *inst,
				       u32 port_id)
{
	struct xvs_capture *cap = xvs_ext_priv(inst);
	void *entry = xa_load(&cap->ports, port_id);

	return entry ? xa_to_value(entry) : 0;
}

static enum xvs_ext_verdict xvs_capture_ingress(struct xvs_ext_instance *inst,
						struct sk_buff *skb,
						struct xvs_fwd_ctx *ctx)
{
	if (xvs_capture_flags(inst, ctx->src_port_id) & XVS_CAPTURE_INGRESS)
		xvs_capture_mirror(skb, ctx->src_port_id, false);
	return XVS_EXT_PASS;
}

static enum xvs_ext_verdict xvs_capture_egress(struct xvs_ext_instance *inst,
					       struct sk_buff *skb,
					       struct xvs_fwd_ctx *ctx,
					       struct xvs_fwd_dest *dest)
{
	if (xvs_capture_flags(inst, dest->port_id) & XVS_CAPTURE_EGRESS)
		xvs_capture_mirror(skb, dest->port_id, true);
	return XVS_EXT_PASS;
}

/* The flags a property value asks for, or a negative errno (vetoed). */
static int xvs_capture_parse(struct xvs_port *port,
			     const struct xvs_property *prop,
			     struct netlink_ext_ack *extack)
{
	u8 flags;

	if (!port) {
		NL_SET_ERR_MSG(extack, "xvs_capture properties are port properties");
		return -EINVAL;
	}
	if (prop->id != XVS_CAPTURE_PROP_MIRROR) {
		NL_SET_ERR_MSG(extack, "unknown property id (1: mirror the port)");
		return -EINVAL;
	}
	if (prop->instance) {
		NL_SET_ERR_MSG(extack, "the mirror property has instance 0 only");
		return -EINVAL;
	}
	if (prop->version >> 16 != 1) {
		NL_SET_ERR_MSG(extack, "unsupported version (major 1 only)");
		return -EINVAL;
	}
	if (prop->len > 1) {
		NL_SET_ERR_MSG(extack, "value must be empty or one byte (flags)");
		return -EINVAL;
	}
	flags = prop->len ? prop->data[0] : XVS_CAPTURE_INGRESS;
	if (!flags || flags & ~XVS_CAPTURE_FLAGS) {
		NL_SET_ERR_MSG(extack,
			       "bad flags (1: from the port, 2: to it, 3: both)");
		return -EINVAL;
	}
	if (xvs_port_id(port) > VLAN_N_VID - 2) {
		NL_SET_ERR_MSG(extack, "port id above 4094: does not fit the VLAN id");
		return -ERANGE;
	}
	return flags;
}

static int xvs_capture_property(struct xvs_ext_instance *inst,
				struct xvs_port *port,
				const struct xvs_property *prop,
				enum xvs_prop_op op,
				struct netlink_ext_ack *extack)
{
	struct xvs_capture *cap = xvs_ext_priv(inst);
	int flags;

	if (op == XVS_PROP_DELETE) {
		if (port && prop->id == XVS_CAPTURE_PROP_MIRROR && !prop->instance)
			xa_erase(&cap->ports, xvs_port_id(port));
		return 0;
	}
	flags = xvs_capture_parse(port, prop, extack);
	if (flags < 0)
		return flags;
	return xa_err(xa_store(&cap->ports, xvs_port_id(port),
			       xa_mk_value(flags), GFP_KERNEL));
}

static int xvs_capture_port_event(struct xvs_ext_instance *inst,
				  struct xvs_port *port, enum xvs_event event,
				  struct netlink_ext_ack *extack)
{
	struct xvs_capture *cap = xvs_ext_priv(inst);

	switch (event) {
	case XVS_EVENT_NIC_CREATE:
		/* xvscap0 on a switch would mirror its own frames, forever. */
		if (xvs_port_netdev(port) == xvs_capture_dev) {
			NL_SET_ERR_MSG(extack, "xvscap0 cannot be a NIC of a switch");
			return -ELOOP;
		}
		break;
	case XVS_EVENT_PORT_DELETE:
		xa_erase(&cap->ports, xvs_port_id(port));
		break;
	default:
		break;
	}
	return 0;
}

/* The switch then offers the mirror properties the ports already have. */
static int xvs_capture_attach(struct xvs_ext_instance *inst,
			      struct netlink_ext_ack *extack)
{
	struct xvs_capture *cap = xvs_ext_priv(inst);

	xa_init(&cap->ports);
	return 0;
}

static int xvs_capture_status(struct xvs_ext_instance *inst,
			      struct xvs_port *port, struct xvs_ext_status *st)
{
	static const char *const dir[] = {
		[XVS_CAPTURE_INGRESS] = "ingress",
		[XVS_CAPTURE_EGRESS] = "egress",
		[XVS_CAPTURE_FLAGS] = "both",
	};
	struct xvs_capture *cap = xvs_ext_priv(inst);
	unsigned long id, flags;
	void *entry;
	u64 n = 0;

	if (!port) {
		xa_for_each(&cap->ports, id, entry)
			n++;
		return xvs_status_u64(st, "ports-mirrored", n);
	}
	flags = xvs_capture_flags(inst, xvs_port_id(port));
	if (!flags)
		return 0;
	return xvs_status_text(st, "mirror", dir[flags & XVS_CAPTURE_FLAGS]);
}

static void xvs_capture_detach(struct xvs_ext_instance *inst)
{
	struct xvs_capture *cap = xvs_ext_priv(inst);

	/* Value entries: nothing to free but the tree. */
	xa_destroy(&cap->ports);
}

static const struct xvs_ext_ops xvs_capture_ops = {
	.attach = xvs_capture_attach,
	.detach = xvs_capture_detach,
	.port_event = xvs_capture_port_event,
	.property = xvs_capture_property,
	.ingress = xvs_capture_ingress,
	.egress = xvs_capture_egress,
	.status = xvs_capture_status,
};

static struct xvs_extension xvs_capture_ext = {
	.name = "xvs_capture",
	.type = XVS_EXT_CAPTURE,
	.owner = THIS_MODULE,
	.ops = &xvs_capture_ops,
	.priv_size = sizeof(struct xvs_capture),
};

static int __init xvs_capture_init(void)
{
	struct net_device *dev;
	int err;

	dev = alloc_etherdev(0);
	if (!dev)
		return -ENOMEM;
	strscpy(dev->name, "xvscap0", IFNAMSIZ);
	dev->netdev_ops = &xvs_capture_netdev_ops;
	dev->flags |= IFF_NOARP;
	dev->flags &= ~IFF_MULTICAST;
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->min_mtu = 0;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats) {
		err = -ENOMEM;
		goto err_free;
	}
	err = register_netdev(dev);
	if (err)
		goto err_stats;
	xvs_capture_dev = dev;

	err = xvs_extension_register(&xvs_capture_ext);
	if (err)
		goto err_unregister;
	return 0;

err_unregister:
	unregister_netdev(dev);
err_stats:
	free_percpu(dev->tstats);
err_free:
	free_netdev(dev);
	return err;
}

static void __exit xvs_capture_exit(void)
{
	struct net_device *dev = xvs_capture_dev;

	/* Not enabled anywhere (the module was pinned while it was). */
	xvs_extension_unregister(&xvs_capture_ext);
	unregister_netdev(dev);
	free_percpu(dev->tstats);
	free_netdev(dev);
}

module_init(xvs_capture_init);
module_exit(xvs_capture_exit);

MODULE_DESCRIPTION("xvs sample extension: mirror ports to xvscap0");
MODULE_AUTHOR("The xvs developers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XVS);
