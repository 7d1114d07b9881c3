/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Port ACLs: per port, rules on MAC, IPv4 and IPv6 addresses (local or
 * remote side), for traffic in (toward the port's VM), out (from it) or
 * both, that allow, deny or meter; the longest prefix that matches wins.
 * A port's rules are compiled into one table, replaced whole under RCU.
 */
#ifndef _XVS_ACL_H
#define _XVS_ACL_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/types.h>
#include <linux/xvs.h>

struct netlink_ext_ack;
struct sk_buff;
struct xvs_acl;
struct xvs_port;

/**
 * enum xvs_acl_kind - what address a rule matches
 * @XVS_ACL_ANY: none: every frame (prefix length 0).
 * @XVS_ACL_MAC: one MAC address, exactly.
 * @XVS_ACL_IPV4: an IPv4 prefix; only IPv4 frames.
 * @XVS_ACL_IPV6: an IPv6 prefix; only IPv6 frames.
 */
enum xvs_acl_kind {
	XVS_ACL_ANY,
	XVS_ACL_MAC,
	XVS_ACL_IPV4,
	XVS_ACL_IPV6,
};

/**
 * struct xvs_acl_spec - one rule, as ACL_ADD and ACL_DEL give it
 * @dir: &enum xvs_acl_dir
 * @action: &enum xvs_acl_action
 * @local: the address is the port's side (the source of frames out, the
 *	destination of frames in); false: the remote side
 * @kind: &enum xvs_acl_kind
 * @plen: prefix length: 0..32 (IPv4), 0..128 (IPv6); 48 for a MAC rule, 0
 *	for a rule without an address
 * @addr: the address (@addr.mac, @addr.ip4 or @addr.ip6 by @kind); bits
 *	past @plen are zero; all zero for %XVS_ACL_ANY
 * @addr.mac: a MAC rule's address
 * @addr.ip4: an IPv4 rule's prefix, network order
 * @addr.ip6: an IPv6 rule's prefix
 *
 * Two rules are equal when every field is.
 */
struct xvs_acl_spec {
	u8 dir;
	u8 action;
	bool local;
	u8 kind;
	u8 plen;
	union {
		u8 mac[ETH_ALEN];
		__be32 ip4;
		struct in6_addr ip6;
	} addr;
};

/**
 * struct xvs_acl_counters - what one rule decided
 * @packets: frames
 * @bytes: their bytes, Ethernet header included
 */
struct xvs_acl_counters {
	u64 packets;
	u64 bytes;
};

/* Data path (RCU, BH disabled). */
bool xvs_acl_check(const struct xvs_acl *acl, enum xvs_acl_dir dir,
		   const struct sk_buff *skb);

/* Control path (RTNL). */
int xvs_acl_spec_check(struct xvs_acl_spec *spec,
		       struct netlink_ext_ack *extack);
int xvs_acl_add(struct xvs_acl __rcu **slot, const struct xvs_acl_spec *spec,
		struct netlink_ext_ack *extack);
int xvs_acl_del(struct xvs_acl __rcu **slot, const struct xvs_acl_spec *spec,
		struct netlink_ext_ack *extack);
unsigned int xvs_acl_flush(struct xvs_acl __rcu **slot);
unsigned int xvs_acl_count(const struct xvs_acl *acl);
void xvs_acl_get(const struct xvs_acl *acl, unsigned int i,
		 struct xvs_acl_spec *spec, struct xvs_acl_counters *c);
void xvs_acl_free(struct xvs_acl *acl);

#endif /* _XVS_ACL_H */
