/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_NETLINK_H
#define _XVS_NETLINK_H

#include <linux/xvs.h>
#include <net/genetlink.h>

struct xvs_port;
struct xvs_switch;

/* True (and the extack says so) when attribute @attr is missing. */
#define XVS_REQUIRE(info, attr, msg) ({					\
	struct genl_info *__info = (info);				\
	int __attr = (attr);						\
	bool __missing = !__info->attrs[__attr];			\
									\
	if (__missing) {						\
		NL_SET_ERR_MSG(__info->extack, msg);			\
		NL_SET_ERR_ATTR_MISS(__info->extack, NULL, __attr);	\
	}								\
	__missing;							\
})

/* Multicast groups, in the order of the family's mcgrps. */
enum xvs_mcgrp {
	XVS_MCGRP_EVENTS_ID,
};

extern struct genl_family xvs_genl_family;
extern const struct nla_policy xvs_blob_policy[XVS_BLOB_A_MAX + 1];

int xvs_nl_fill_port_ids(struct sk_buff *skb, struct xvs_port *port);
struct xvs_switch *xvs_nl_switch(struct net *net, struct nlattr **attrs,
				 struct netlink_ext_ack *extack);
struct xvs_port *xvs_nl_port(struct genl_info *info);
int xvs_nl_dump_attrs(struct netlink_callback *cb, struct nlattr **attrs);
struct xvs_switch *xvs_nl_dump_switch(struct sk_buff *skb,
				      struct netlink_callback *cb);

int xvs_nl_fdb_add(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_fdb_del(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb);
int xvs_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_ext_dump(struct sk_buff *skb, struct netlink_callback *cb);
int xvs_nl_ext_enable(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_ext_disable(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_ext_order(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_prop_change(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_prop_dump(struct sk_buff *skb, struct netlink_callback *cb);
int xvs_nl_acl_change(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_acl_dump(struct sk_buff *skb, struct netlink_callback *cb);
int xvs_nl_status_dump(struct sk_buff *skb, struct netlink_callback *cb);
int xvs_nl_nic_save(struct sk_buff *skb, struct genl_info *info);
int xvs_nl_nic_restore(struct sk_buff *skb, struct genl_info *info);
int xvs_netlink_init(void);
void xvs_netlink_exit(void);

#endif /* _XVS_NETLINK_H */
