// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: port ACLs on their own, a table in a plain pointer standing in
 * for a port's. Rules go in through xvs_acl_add() / xvs_acl_del() under
 * RTNL; frames (Ethernet, ARP, IPv4, IPv6, with VLAN tags or without) go
 * through xvs_acl_check() in the data path's context, and each case checks
 * the verdict and which rule counted the frame: the longest prefix across
 * lengths and sides, local against remote, in, out and both, IP over MAC
 * over no address, ties, IPv6, frames that are not IP, tagged frames, and
 * counters kept across rebuilds.
 */

#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/if_vlan.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include "acl.h"
#include "compat.h"

#define IN	XVS_ACL_DIR_IN
#define OUT	XVS_ACL_DIR_OUT
#define BOTH	XVS_ACL_DIR_BOTH
#define ALLOW	XVS_ACL_ALLOW
#define DENY	XVS_ACL_DENY
#define METER	XVS_ACL_METER
#define LOCAL	true
#define REMOTE	false

/* The VM behind the port, and whoever it talks to. */
#define VM	"02:00:00:00:00:01"
#define PEER	"02:00:00:00:00:02"
#define ROUTER	"02:00:00:00:00:fe"

/* The length of a frame without tags (bytes counters). */
#define KT_FRAME_LEN	80

struct acl_test_ctx {
	struct xvs_acl __rcu *acl;
};

static int acl_test_init(struct kunit *test)
{
	struct acl_test_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	return 0;
}

static void acl_test_exit(struct kunit *test)
{
	struct acl_test_ctx *ctx = test->priv;

	rtnl_lock();
	xvs_acl_flush(&ctx->acl);
	rtnl_unlock();
}

/* ---- rules ---- */

static struct xvs_acl_spec r_any(u8 dir, u8 action)
{
	return (struct xvs_acl_spec){ .dir = dir, .action = action,
				      .kind = XVS_ACL_ANY };
}

static struct xvs_acl_spec r_mac(u8 dir, u8 action, bool local,
				 const char *mac)
{
	struct xvs_acl_spec s = { .dir = dir, .action = action,
				  .local = local, .kind = XVS_ACL_MAC,
				  .plen = 48 };

	WARN_ON(!mac_pton(mac, s.addr.mac));
	return s;
}

/* An IPv4 or IPv6 ADDR/LEN (or ADDR: the full length). */
static struct xvs_acl_spec r_ip(u8 dir, u8 action, bool local,
				const char *prefix)
{
	struct xvs_acl_spec s = { .dir = dir, .action = action,
				  .local = local };
	const char *end;

	if (strchr(prefix, ':')) {
		s.kind = XVS_ACL_IPV6;
		s.plen = 128;
		WARN_ON(!in6_pton(prefix, -1, s.addr.ip6.s6_addr, '/', &end));
	} else {
		s.kind = XVS_ACL_IPV4;
		s.plen = 32;
		WARN_ON(!in4_pton(prefix, -1, (u8 *)&s.addr.ip4, '/', &end));
	}
	if (*end == '/')
		WARN_ON(kstrtou8(end + 1, 10, &s.plen));
	return s;
}

static int add(struct kunit *test, struct xvs_acl_spec s)
{
	struct acl_test_ctx *ctx = test->priv;
	int err;

	rtnl_lock();
	err = xvs_acl_spec_check(&s, NULL);
	if (!err)
		err = xvs_acl_add(&ctx->acl, &s, NULL);
	rtnl_unlock();
	return err;
}

static int del(struct kunit *test, struct xvs_acl_spec s)
{
	struct acl_test_ctx *ctx = test->priv;
	int err;

	rtnl_lock();
	err = xvs_acl_spec_check(&s, NULL);
	if (!err)
		err = xvs_acl_del(&ctx->acl, &s, NULL);
	rtnl_unlock();
	return err;
}

static bool same_rule(const struct xvs_acl_spec *a,
		      const struct xvs_acl_spec *b)
{
	return a->dir == b->dir && a->action == b->action &&
	       a->local == b->local && a->kind == b->kind &&
	       a->plen == b->plen &&
	       !memcmp(&a->addr, &b->addr, a->kind == XVS_ACL_MAC ? ETH_ALEN :
		       a->kind == XVS_ACL_IPV4 ? 4 :
		       a->kind == XVS_ACL_IPV6 ? 16 : 0);
}

/* The counters of the port's rule equal to @s (-1 packets: no such rule). */
static struct xvs_acl_counters counters(struct kunit *test,
					struct xvs_acl_spec s)
{
	struct acl_test_ctx *ctx = test->priv;
	struct xvs_acl_counters c = { .packets = -1ULL };
	const struct xvs_acl *acl;
	unsigned int i;

	xvs_acl_spec_check(&s, NULL);
	rtnl_lock();
	acl = rtnl_dereference(ctx->acl);
	for (i = 0; i < xvs_acl_count(acl); i++) {
		struct xvs_acl_counters one;
		struct xvs_acl_spec r;

		xvs_acl_get(acl, i, &r, &one);
		if (same_rule(&r, &s))
			c = one;
	}
	rtnl_unlock();
	return c;
}

static u64 hits(struct kunit *test, struct xvs_acl_spec s)
{
	return counters(test, s).packets;
}

static unsigned int nrules(struct kunit *test)
{
	struct acl_test_ctx *ctx = test->priv;
	unsigned int n;

	rtnl_lock();
	n = xvs_acl_count(rtnl_dereference(ctx->acl));
	rtnl_unlock();
	return n;
}

/* ---- frames ---- */

/*
 * A frame: MACs (default: from the VM to its peer), IP addresses (none:
 * an ARP frame) and VLAN tags in the data (2: 802.1ad then 802.1Q) or
 * taken out of it (hwaccel).
 */
struct kt_pkt {
	const char *smac, *dmac;
	const char *src, *dst;
	int tags;
	bool hwaccel;
	unsigned int trunc;	/* the IP header cut to this many bytes */
};

static struct sk_buff *kt_skb(struct kunit *test, const struct kt_pkt *p)
{
	struct sk_buff *skb = alloc_skb(256, GFP_KERNEL);
	unsigned int len = KT_FRAME_LEN - ETH_HLEN;
	__be16 proto = htons(ETH_P_ARP);
	struct ethhdr *eth;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put_zero(skb, ETH_HLEN - 2);
	KUNIT_ASSERT_TRUE(test, mac_pton(p->dmac ?: PEER, eth->h_dest));
	KUNIT_ASSERT_TRUE(test, mac_pton(p->smac ?: VM, eth->h_source));
	for (i = 0; i < p->tags; i++) {
		__be16 *tag = skb_put(skb, 4);

		tag[0] = htons(i == 0 && p->tags > 1 ? ETH_P_8021AD :
			       ETH_P_8021Q);
		tag[1] = htons(10 + i);
	}
	if (p->src && strchr(p->src, ':')) {
		struct ipv6hdr *ip6h;

		proto = htons(ETH_P_IPV6);
		skb_put_data(skb, &proto, 2);
		ip6h = skb_put_zero(skb, len);
		ip6h->version = 6;
		ip6h->nexthdr = IPPROTO_UDP;
		KUNIT_ASSERT_TRUE(test, in6_pton(p->src, -1, ip6h->saddr.s6_addr,
						 -1, NULL));
		KUNIT_ASSERT_TRUE(test, in6_pton(p->dst, -1, ip6h->daddr.s6_addr,
						 -1, NULL));
	} else if (p->src) {
		struct iphdr *iph;

		proto = htons(ETH_P_IP);
		skb_put_data(skb, &proto, 2);
		iph = skb_put_zero(skb, len);
		iph->version = 4;
		iph->ihl = 5;
		iph->protocol = IPPROTO_UDP;
		KUNIT_ASSERT_TRUE(test, in4_pton(p->src, -1, (u8 *)&iph->saddr,
						 -1, NULL));
		KUNIT_ASSERT_TRUE(test, in4_pton(p->dst, -1, (u8 *)&iph->daddr,
						 -1, NULL));
	} else {
		skb_put_data(skb, &proto, 2);
		skb_put_zero(skb, len);
	}
	if (p->trunc)
		skb_trim(skb, ETH_HLEN + 4 * p->tags + p->trunc);
	if (p->hwaccel)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 7);
	skb_reset_mac_header(skb);
	return skb;
}

/* Does the port let the frame through in @dir? As the data path asks. */
static bool pass(struct kunit *test, enum xvs_acl_dir dir, struct kt_pkt p)
{
	struct acl_test_ctx *ctx = test->priv;
	struct sk_buff *skb = kt_skb(test, &p);
	const struct xvs_acl *acl;
	bool ok;

	local_bh_disable();
	rcu_read_lock();
	acl = rcu_dereference(ctx->acl);
	ok = !acl || xvs_acl_check(acl, dir, skb);
	rcu_read_unlock();
	local_bh_enable();
	kfree_skb(skb);
	return ok;
}

/* ---- cases ---- */

static void no_rule_no_table(struct kunit *test)
{
	struct acl_test_ctx *ctx = test->priv;
	struct xvs_acl_spec r = r_ip(OUT, DENY, REMOTE, "10.0.0.0/8");

	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
	KUNIT_ASSERT_EQ(test, add(test, r), 0);
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
	KUNIT_ASSERT_EQ(test, del(test, r), 0);
	/* No rule left: no table, nothing to look up. */
	KUNIT_EXPECT_TRUE(test, !rcu_access_pointer(ctx->acl));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
}

static void longest_prefix_wins(struct kunit *test)
{
	struct xvs_acl_spec d8 = r_ip(OUT, DENY, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec a16 = r_ip(OUT, ALLOW, REMOTE, "10.1.0.0/16");
	struct xvs_acl_spec d24 = r_ip(OUT, DENY, REMOTE, "10.1.2.0/24");
	struct xvs_acl_spec m32 = r_ip(OUT, METER, REMOTE, "10.1.2.3");
	struct xvs_acl_spec other = r_ip(OUT, DENY, REMOTE, "192.168.0.0/16");
	struct xvs_acl_counters c;

	/* Added in no particular order. */
	KUNIT_ASSERT_EQ(test, add(test, d24), 0);
	KUNIT_ASSERT_EQ(test, add(test, other), 0);
	KUNIT_ASSERT_EQ(test, add(test, d8), 0);
	KUNIT_ASSERT_EQ(test, add(test, m32), 0);
	KUNIT_ASSERT_EQ(test, add(test, a16), 0);

	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.1.2.3" }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.1.2.4" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.1.3.1" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.1.255.255" }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.2.0.1" }));
	/* No rule matches: it passes, and counts nowhere. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "11.0.0.1" }));
	/* Out: the remote side is the destination, not the source. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.2.0.1", .dst = "11.0.0.1" }));

	c = counters(test, m32);
	KUNIT_EXPECT_EQ(test, c.packets, 1);
	KUNIT_EXPECT_EQ(test, c.bytes, KT_FRAME_LEN);
	KUNIT_EXPECT_EQ(test, hits(test, d24), 1);
	KUNIT_EXPECT_EQ(test, hits(test, a16), 2);
	KUNIT_EXPECT_EQ(test, hits(test, d8), 1);
	KUNIT_EXPECT_EQ(test, hits(test, other), 0);
}

static void longest_prefix_across_sides(struct kunit *test)
{
	struct xvs_acl_spec local24 = r_ip(OUT, ALLOW, LOCAL, "192.0.2.0/24");
	struct xvs_acl_spec remote8 = r_ip(OUT, DENY, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec remote32 = r_ip(OUT, DENY, REMOTE, "10.0.0.1");

	KUNIT_ASSERT_EQ(test, add(test, local24), 0);
	KUNIT_ASSERT_EQ(test, add(test, remote8), 0);
	KUNIT_ASSERT_EQ(test, add(test, remote32), 0);
	/* Local /24 beats remote /8 ... */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.2" }));
	/* ... and remote /32 beats local /24. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
	/* Another source: only the /8 matches. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "198.51.100.1", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_EQ(test, hits(test, local24), 1);
	KUNIT_EXPECT_EQ(test, hits(test, remote32), 1);
	KUNIT_EXPECT_EQ(test, hits(test, remote8), 1);
}

static void local_remote_in_out_both(struct kunit *test)
{
	struct xvs_acl_spec out_local = r_ip(OUT, DENY, LOCAL, "10.0.0.1");
	struct xvs_acl_spec in_remote = r_ip(IN, DENY, REMOTE, "10.0.0.9");
	struct xvs_acl_spec both_local = r_ip(BOTH, DENY, LOCAL, "10.0.0.5");

	KUNIT_ASSERT_EQ(test, add(test, out_local), 0);
	KUNIT_ASSERT_EQ(test, add(test, in_remote), 0);
	KUNIT_ASSERT_EQ(test, add(test, both_local), 0);

	/* Out, local: the source of what the VM sends. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.0.0.1", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.0.0.2", .dst = "10.0.0.1" }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.2", .dst = "10.0.0.1" }));
	KUNIT_EXPECT_EQ(test, hits(test, out_local), 1);

	/* In, remote: the source of what comes to the VM. */
	KUNIT_EXPECT_FALSE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.9", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.2", .dst = "10.0.0.9" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.0.0.2", .dst = "10.0.0.9" }));
	KUNIT_EXPECT_EQ(test, hits(test, in_remote), 1);

	/* Both, local: the VM's address either way. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.0.0.5", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_FALSE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.2", .dst = "10.0.0.5" }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.5", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "10.0.0.2", .dst = "10.0.0.5" }));
	KUNIT_EXPECT_EQ(test, hits(test, both_local), 2);
}

static void ip_beats_mac_beats_any(struct kunit *test)
{
	struct xvs_acl_spec any = r_any(OUT, DENY);
	struct xvs_acl_spec router = r_mac(OUT, ALLOW, REMOTE, ROUTER);
	struct xvs_acl_spec net10 = r_ip(OUT, ALLOW, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec net10_9 = r_ip(OUT, DENY, REMOTE, "10.9.0.0/16");
	struct xvs_acl_spec me = r_mac(IN, METER, LOCAL, VM);

	KUNIT_ASSERT_EQ(test, add(test, any), 0);
	KUNIT_ASSERT_EQ(test, add(test, router), 0);
	KUNIT_ASSERT_EQ(test, add(test, net10), 0);
	KUNIT_ASSERT_EQ(test, add(test, net10_9), 0);
	KUNIT_ASSERT_EQ(test, add(test, me), 0);

	/* ARP: MAC rules, then the rule without an address. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = ROUTER }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = PEER }));
	/* IPv4: an IP rule beats the MAC rule, whatever the lengths. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = ROUTER, .src = "192.0.2.1", .dst = "10.9.0.1" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = PEER, .src = "192.0.2.1", .dst = "10.1.0.1" }));
	/* No IP rule matches: the MAC rule, else the any rule. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = ROUTER, .src = "192.0.2.1", .dst = "172.16.0.1" }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = PEER, .src = "192.0.2.1", .dst = "172.16.0.1" }));
	/* IPv4 rules do not see IPv6 frames. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.dmac = PEER, .src = "2001:db8::1", .dst = "2001:db8::2" }));
	/* In: the local MAC is the destination; the any rule is out only. */
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){
		.smac = VM, .dmac = PEER }));

	KUNIT_EXPECT_EQ(test, hits(test, router), 2);
	KUNIT_EXPECT_EQ(test, hits(test, net10), 1);
	KUNIT_EXPECT_EQ(test, hits(test, net10_9), 1);
	KUNIT_EXPECT_EQ(test, hits(test, any), 3);
	KUNIT_EXPECT_EQ(test, hits(test, me), 1);
}

static void ties(struct kunit *test)
{
	struct xvs_acl_spec allow = r_ip(IN, ALLOW, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec deny = r_ip(IN, DENY, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec meter = r_ip(IN, METER, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec both = r_ip(BOTH, ALLOW, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec local_deny = r_ip(IN, DENY, LOCAL, "10.0.0.0/8");
	struct kt_pkt in = { .smac = PEER, .dmac = VM, .src = "10.0.0.1",
			     .dst = "192.0.2.1" };

	KUNIT_ASSERT_EQ(test, add(test, meter), 0);
	KUNIT_ASSERT_EQ(test, add(test, allow), 0);
	KUNIT_ASSERT_EQ(test, add(test, deny), 0);
	/* Deny beats allow beats meter. */
	KUNIT_EXPECT_FALSE(test, pass(test, IN, in));
	KUNIT_ASSERT_EQ(test, del(test, deny), 0);
	KUNIT_EXPECT_TRUE(test, pass(test, IN, in));
	KUNIT_ASSERT_EQ(test, del(test, allow), 0);
	KUNIT_EXPECT_TRUE(test, pass(test, IN, in));
	KUNIT_EXPECT_EQ(test, hits(test, meter), 1);

	/* The rule of one direction before the one of both, for good. */
	KUNIT_ASSERT_EQ(test, add(test, both), 0);
	KUNIT_ASSERT_EQ(test, add(test, allow), 0);
	KUNIT_EXPECT_TRUE(test, pass(test, IN, in));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
	KUNIT_EXPECT_EQ(test, hits(test, allow), 1);
	KUNIT_EXPECT_EQ(test, hits(test, both), 1);
	KUNIT_EXPECT_EQ(test, hits(test, meter), 1);

	/* Equal lengths on both sides: deny wins there too. */
	KUNIT_ASSERT_EQ(test, add(test, local_deny), 0);
	KUNIT_EXPECT_FALSE(test, pass(test, IN, (struct kt_pkt){
		.smac = PEER, .dmac = VM, .src = "10.0.0.1", .dst = "10.0.0.2" }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, in));
	KUNIT_EXPECT_EQ(test, hits(test, local_deny), 1);
	KUNIT_EXPECT_EQ(test, hits(test, allow), 2);

	/* Rules without an address: the same order. */
	KUNIT_ASSERT_EQ(test, add(test, r_any(BOTH, METER)), 0);
	KUNIT_ASSERT_EQ(test, add(test, r_any(OUT, ALLOW)), 0);
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){ }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){ }));
	KUNIT_ASSERT_EQ(test, add(test, r_any(IN, DENY)), 0);
	KUNIT_EXPECT_FALSE(test, pass(test, IN, (struct kt_pkt){ }));
	KUNIT_EXPECT_EQ(test, hits(test, r_any(OUT, ALLOW)), 1);
	KUNIT_EXPECT_EQ(test, hits(test, r_any(BOTH, METER)), 1);
	KUNIT_EXPECT_EQ(test, hits(test, r_any(IN, DENY)), 1);
}

static void ipv6_prefixes(struct kunit *test)
{
	struct xvs_acl_spec d32 = r_ip(OUT, DENY, REMOTE, "2001:db8::/32");
	struct xvs_acl_spec a48 = r_ip(OUT, ALLOW, REMOTE, "2001:db8:1::/48");
	struct xvs_acl_spec m128 = r_ip(OUT, METER, REMOTE, "2001:db8:1::1");
	struct xvs_acl_spec a64 = r_ip(OUT, ALLOW, REMOTE, "2001:db8:2::/64");
	struct xvs_acl_spec d112 = r_ip(OUT, DENY, REMOTE,
					"2001:db8:2::aaaa:0/112");
	struct xvs_acl_spec v4all = r_ip(BOTH, DENY, REMOTE, "0.0.0.0/0");
	const char *me = "2001:db8:ffff::1";

	KUNIT_ASSERT_EQ(test, add(test, d32), 0);
	KUNIT_ASSERT_EQ(test, add(test, a48), 0);
	KUNIT_ASSERT_EQ(test, add(test, m128), 0);
	KUNIT_ASSERT_EQ(test, add(test, a64), 0);
	KUNIT_ASSERT_EQ(test, add(test, d112), 0);
	KUNIT_ASSERT_EQ(test, add(test, v4all), 0);

	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db8:1::1" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db8:1::2" }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db8:3::1" }));
	/* Prefixes past the first 64 bits. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db8:2::aaaa:1" }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db8:2::bbbb:1" }));
	/* No rule of this prefix. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = me, .dst = "2001:db9::1" }));
	/* The IPv4 rule sees IPv4 frames only. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "192.0.2.2" }));

	KUNIT_EXPECT_EQ(test, hits(test, m128), 1);
	KUNIT_EXPECT_EQ(test, hits(test, a48), 1);
	KUNIT_EXPECT_EQ(test, hits(test, d32), 1);
	KUNIT_EXPECT_EQ(test, hits(test, d112), 1);
	KUNIT_EXPECT_EQ(test, hits(test, a64), 1);
	KUNIT_EXPECT_EQ(test, hits(test, v4all), 1);
}

static void frames_that_are_not_ip(struct kunit *test)
{
	struct xvs_acl_spec v4 = r_ip(BOTH, DENY, REMOTE, "0.0.0.0/0");
	struct xvs_acl_spec v6 = r_ip(BOTH, DENY, LOCAL, "::/0");

	KUNIT_ASSERT_EQ(test, add(test, v4), 0);
	KUNIT_ASSERT_EQ(test, add(test, v6), 0);
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){ }));
	KUNIT_EXPECT_TRUE(test, pass(test, IN, (struct kt_pkt){ }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "192.0.2.2" }));
	KUNIT_EXPECT_FALSE(test, pass(test, IN, (struct kt_pkt){
		.src = "2001:db8::1", .dst = "2001:db8::2" }));
	/* An IP header cut short has no addresses to match. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "192.0.2.2", .trunc = 12 }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "2001:db8::1", .dst = "2001:db8::2", .trunc = 30 }));
	KUNIT_EXPECT_EQ(test, hits(test, v4), 1);
	KUNIT_EXPECT_EQ(test, hits(test, v6), 1);
}

static void tagged_frames(struct kunit *test)
{
	struct xvs_acl_spec r = r_ip(OUT, DENY, REMOTE, "10.0.0.0/8");
	struct xvs_acl_counters c;

	KUNIT_ASSERT_EQ(test, add(test, r), 0);
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1" }));
	/* An 802.1Q tag in the data, 802.1ad and 802.1Q, one taken out. */
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1", .tags = 1 }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1", .tags = 2 }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1", .hwaccel = true }));
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1", .tags = 1,
		.hwaccel = true }));
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "11.0.0.1", .tags = 1 }));
	/* Three tags deep is past what the switch looks into. */
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.0.1", .tags = 3 }));
	c = counters(test, r);
	KUNIT_EXPECT_EQ(test, c.packets, 5);
	KUNIT_EXPECT_EQ(test, c.bytes, 5 * KT_FRAME_LEN + 4 * (1 + 2 + 1));
}

static void rebuilds_keep_counters(struct kunit *test)
{
	struct acl_test_ctx *ctx = test->priv;
	struct xvs_acl_spec r = r_ip(OUT, METER, REMOTE, "10.0.0.0/8");
	struct xvs_acl_spec other = r_mac(BOTH, DENY, REMOTE, ROUTER);
	struct kt_pkt p = { .src = "192.0.2.1", .dst = "10.0.0.1" };
	struct xvs_acl_spec got;
	struct xvs_acl_counters c;
	int i;

	KUNIT_ASSERT_EQ(test, add(test, r), 0);
	for (i = 0; i < 3; i++)
		pass(test, OUT, p);
	KUNIT_ASSERT_EQ(test, add(test, other), 0);
	KUNIT_ASSERT_EQ(test, add(test, r_any(IN, ALLOW)), 0);
	for (i = 0; i < 2; i++)
		pass(test, OUT, p);
	KUNIT_EXPECT_EQ(test, hits(test, r), 5);
	KUNIT_ASSERT_EQ(test, del(test, other), 0);
	KUNIT_EXPECT_EQ(test, hits(test, r), 5);
	/* The rules in the order they were added. */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_acl_count(rtnl_dereference(ctx->acl)), 2);
	xvs_acl_get(rtnl_dereference(ctx->acl), 0, &got, &c);
	KUNIT_EXPECT_TRUE(test, same_rule(&got, &r));
	KUNIT_EXPECT_EQ(test, c.packets, 5);
	xvs_acl_get(rtnl_dereference(ctx->acl), 1, &got, &c);
	KUNIT_EXPECT_EQ(test, got.kind, XVS_ACL_ANY);
	rtnl_unlock();
	/* Deleted and added again, it is a new rule. */
	KUNIT_ASSERT_EQ(test, del(test, r), 0);
	KUNIT_ASSERT_EQ(test, add(test, r), 0);
	KUNIT_EXPECT_EQ(test, hits(test, r), 0);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_acl_flush(&ctx->acl), 2);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, nrules(test), 0);
}

static void bad_rules(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct xvs_acl_spec s;

	s = r_ip(OUT, DENY, REMOTE, "10.1.2.3/16");
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, &extack), -EINVAL);
	if (XVS_HAVE_ERR_MSG_FMT)
		KUNIT_EXPECT_STREQ(test, extack._msg,
				   "Host bits set: the prefix is 10.1.0.0/16");
	s = r_ip(OUT, DENY, REMOTE, "2001:db8::1/64");
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, &extack), -EINVAL);
	if (XVS_HAVE_ERR_MSG_FMT)
		KUNIT_EXPECT_STREQ(test, extack._msg,
				   "Host bits set: the prefix is 2001:db8::/64");
	s = r_ip(OUT, DENY, REMOTE, "10.0.0.0");
	s.plen = 33;
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), -EINVAL);
	s = r_ip(OUT, DENY, REMOTE, "::");
	s.plen = 129;
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), -EINVAL);
	s = r_any(OUT, DENY);
	s.local = true;
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), -EINVAL);
	s = r_any(0, DENY);
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), -EINVAL);
	s = r_mac(IN, ALLOW, LOCAL, VM);
	s.plen = 0;
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), 0);
	KUNIT_EXPECT_EQ(test, s.plen, 48);
	s = r_ip(OUT, DENY, REMOTE, "0.0.0.0/0");
	KUNIT_EXPECT_EQ(test, xvs_acl_spec_check(&s, NULL), 0);

	KUNIT_ASSERT_EQ(test, add(test, r_ip(OUT, DENY, REMOTE, "10.0.0.0/8")), 0);
	KUNIT_EXPECT_EQ(test, add(test, r_ip(OUT, DENY, REMOTE, "10.0.0.0/8")),
			-EEXIST);
	/* Another action, side, direction or length is another rule. */
	KUNIT_EXPECT_EQ(test, add(test, r_ip(OUT, ALLOW, REMOTE, "10.0.0.0/8")), 0);
	KUNIT_EXPECT_EQ(test, add(test, r_ip(OUT, DENY, LOCAL, "10.0.0.0/8")), 0);
	KUNIT_EXPECT_EQ(test, add(test, r_ip(BOTH, DENY, REMOTE, "10.0.0.0/8")), 0);
	KUNIT_EXPECT_EQ(test, add(test, r_ip(OUT, DENY, REMOTE, "10.0.0.0/9")), 0);
	KUNIT_EXPECT_EQ(test, del(test, r_ip(IN, DENY, REMOTE, "10.0.0.0/8")),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, nrules(test), 5);
}

/* Many rules: still one binary search per prefix length. */
static void many_rules(struct kunit *test)
{
	struct xvs_acl_spec s = r_ip(OUT, DENY, REMOTE, "10.0.0.0");
	char dst[16];
	int i;

	for (i = 0; i < XVS_ACL_MAX_RULES; i++) {
		s.addr.ip4 = htonl(0x0a000000 + 2 * i);
		KUNIT_ASSERT_EQ(test, add(test, s), 0);
		/* Bound the tables waiting for a grace period. */
		if (i % 512 == 511)
			rcu_barrier();
	}
	KUNIT_EXPECT_EQ(test, nrules(test), XVS_ACL_MAX_RULES);
	s.addr.ip4 = htonl(0x0a000000 + 1);
	KUNIT_EXPECT_EQ(test, add(test, s), -ENOSPC);
	for (i = 0; i < 16; i++) {
		snprintf(dst, sizeof(dst), "10.0.%u.%u", i * 2, 100 + i);
		KUNIT_EXPECT_EQ(test, pass(test, OUT, (struct kt_pkt){
			.src = "192.0.2.1", .dst = dst }), (bool)(i & 1));
	}
	s.addr.ip4 = htonl(0x0a000000 + 2 * 4095);
	KUNIT_EXPECT_EQ(test, hits(test, s), 0);
	KUNIT_EXPECT_FALSE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.31.254" }));
	KUNIT_EXPECT_EQ(test, hits(test, s), 1);
	KUNIT_EXPECT_TRUE(test, pass(test, OUT, (struct kt_pkt){
		.src = "192.0.2.1", .dst = "10.0.32.0" }));
}

static struct kunit_case xvs_acl_cases[] = {
	KUNIT_CASE(no_rule_no_table),
	KUNIT_CASE(longest_prefix_wins),
	KUNIT_CASE(longest_prefix_across_sides),
	KUNIT_CASE(local_remote_in_out_both),
	KUNIT_CASE(ip_beats_mac_beats_any),
	KUNIT_CASE(ties),
	KUNIT_CASE(ipv6_prefixes),
	KUNIT_CASE(frames_that_are_not_ip),
	KUNIT_CASE(tagged_frames),
	KUNIT_CASE(rebuilds_keep_counters),
	KUNIT_CASE(bad_rules),
	KUNIT_CASE_SLOW(many_rules),
	{}
};

static struct kunit_suite xvs_acl_suite = {
	.name = "xvs_acl",
	.init = acl_test_init,
	.exit = acl_test_exit,
	.test_cases = xvs_acl_cases,
};

kunit_test_suite(xvs_acl_suite);
