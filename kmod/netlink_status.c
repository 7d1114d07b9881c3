// SPDX-License-Identifier: GPL-2.0
/*
 * STATUS_GET: the runtime status extensions give of a port or a switch.
 * Placeholder until it is built (issue 9): the command is refused.
 */

#include <net/genetlink.h>

#include <xvs/extension.h>

#include "netlink.h"

/**
 * xvs_status_u64() - add a numeric item to an extension's status
 * @st: the status being filled
 * @key: the item's name
 * @value: its value
 *
 * Return: 0 or -EMSGSIZE.
 */
int xvs_status_u64(struct xvs_ext_status *st, const char *key, u64 value)
{
	return -EMSGSIZE;
}
EXPORT_SYMBOL_NS_GPL(xvs_status_u64, XVS);

/**
 * xvs_status_text() - add a text item to an extension's status
 * @st: the status being filled
 * @key: the item's name
 * @text: its value
 *
 * Return: 0 or -EMSGSIZE.
 */
int xvs_status_text(struct xvs_ext_status *st, const char *key, const char *text)
{
	return -EMSGSIZE;
}
EXPORT_SYMBOL_NS_GPL(xvs_status_text, XVS);

/**
 * xvs_nl_status_dump() - STATUS_GET
 * @skb: the reply
 * @cb: the dump
 *
 * Return: -EOPNOTSUPP.
 */
int xvs_nl_status_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return -EOPNOTSUPP;
}
