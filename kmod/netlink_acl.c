// SPDX-License-Identifier: GPL-2.0
/*
 * ACL_ADD, ACL_DEL, ACL_GET (placeholder).
 */

#include "netlink.h"

int xvs_nl_acl_change(struct sk_buff *skb, struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "ACLs are not implemented yet");
	return -EOPNOTSUPP;
}

int xvs_nl_acl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return -EOPNOTSUPP;
}
