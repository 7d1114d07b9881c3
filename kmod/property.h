/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_PROPERTY_H
#define _XVS_PROPERTY_H

#include <linux/list.h>
#include <xvs/extension.h>

struct netlink_ext_ack;
struct xvs_switch;
struct xvs_port;

/**
 * struct xvs_prop - a custom property stored on a port or a switch
 * @list: entry in the port's or switch's @props list (RTNL)
 * @owner: the name of the extension that owns it
 * @required: a port property whose owner must be enabled on the switch for
 *	the port's NIC to connect (set by PROP_ADD, kept by updates)
 * @p: id, instance, version, and the value (@p.data points at @data)
 * @data: the value's bytes
 */
struct xvs_prop {
	struct list_head list;
	char owner[XVS_EXT_NAME_LEN];
	bool required;
	struct xvs_property p;
	u8 data[];
};

/* Every function needs RTNL; @port NULL means the switch's own list. */
struct list_head *xvs_prop_list(struct xvs_switch *sw, struct xvs_port *port);
struct xvs_prop *xvs_prop_find(struct xvs_switch *sw, struct xvs_port *port,
			       const char *owner, u32 id, u32 instance);
int xvs_prop_add(struct xvs_switch *sw, struct xvs_port *port,
		 const char *owner, const struct xvs_property *prop,
		 bool required, struct netlink_ext_ack *extack);
int xvs_prop_update(struct xvs_switch *sw, struct xvs_port *port,
		    const char *owner, const struct xvs_property *prop,
		    struct netlink_ext_ack *extack);
int xvs_prop_delete(struct xvs_switch *sw, struct xvs_port *port,
		    const char *owner, u32 id, u32 instance, u32 version,
		    struct netlink_ext_ack *extack);
void xvs_prop_flush(struct list_head *props);
int xvs_prop_check_required(struct xvs_port *port,
			    struct netlink_ext_ack *extack);

#endif /* _XVS_PROPERTY_H */
