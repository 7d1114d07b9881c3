// SPDX-License-Identifier: GPL-2.0
/*
 * NIC_SAVE and NIC_RESTORE: the state extensions keep for a NIC, saved on
 * one port and restored on another. Placeholder until it is built
 * (issue 9): the commands are refused.
 */

#include <net/genetlink.h>

#include "netlink.h"

/**
 * xvs_nl_nic_save() - NIC_SAVE
 * @skb: the request
 * @info: its attributes
 *
 * Return: -EOPNOTSUPP.
 */
int xvs_nl_nic_save(struct sk_buff *skb, struct genl_info *info)
{
	return -EOPNOTSUPP;
}

/**
 * xvs_nl_nic_restore() - NIC_RESTORE
 * @skb: the request
 * @info: its attributes
 *
 * Return: -EOPNOTSUPP.
 */
int xvs_nl_nic_restore(struct sk_buff *skb, struct genl_info *info)
{
	return -EOPNOTSUPP;
}
