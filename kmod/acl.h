/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Port ACLs: per port, rules on MAC, IPv4 and IPv6 addresses (local or
 * remote side), for traffic in (toward the port's VM), out (from it) or
 * both, that allow, deny or meter; the longest prefix that matches wins.
 * A port's rules are compiled into one table, replaced whole under RCU.
 */
#ifndef _XVS_ACL_H
#define _XVS_ACL_H

#include <linux/types.h>
#include <linux/xvs.h>

struct sk_buff;
struct xvs_acl;
struct xvs_port;

bool xvs_acl_check(const struct xvs_acl *acl, enum xvs_acl_dir dir,
		   const struct sk_buff *skb);
void xvs_acl_free(struct xvs_acl *acl);

#endif /* _XVS_ACL_H */
