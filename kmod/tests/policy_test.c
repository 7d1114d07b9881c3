// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the data path parts of the port policies on their own, on frames
 * built byte by byte: the meters (a GCRA: the burst, then the rate; the
 * exact boundary; costs and their rounding), VLAN membership, tagging and
 * classification (access, trunk, none; native VLAN, priority tags, a tag
 * in the data or beside it, VLANs a port does not carry), the trunk list
 * check, and the security guards' parsing (each guard, IP options, IPv6
 * extension headers, fragments, stacked tags, headers outside the linear
 * area, and truncated frames, which must pass without a read past their
 * end).
 */

#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/time64.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "policy.h"

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };

/* ---- meters ---------------------------------------------------------- */

#define COST	1000ULL		/* ns, one frame */
#define T0	(10 * NSEC_PER_SEC)

/* How many frames of @cost conform at @now, one after the other. */
static unsigned int meter_take(struct xvs_meter *m, u64 now, u64 cost,
			       u64 tol, unsigned int max)
{
	unsigned int n = 0;

	while (n < max && xvs_meter_conform(m, now, cost, tol))
		n++;
	return n;
}

static void meter_burst_then_rate(struct kunit *test)
{
	struct xvs_meter m;
	s64 tat;

	xvs_meter_reset(&m);
	/* A tolerance of 3 frames: 3 + the one that finds the bucket full. */
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, COST, 3 * COST, 100), 4);
	/* A frame that does not conform takes nothing. */
	tat = atomic64_read(&m.tat);
	KUNIT_EXPECT_FALSE(test, xvs_meter_conform(&m, T0, COST, 3 * COST));
	KUNIT_EXPECT_EQ(test, atomic64_read(&m.tat), tat);
	KUNIT_EXPECT_EQ(test, tat, (s64)(T0 + 4 * COST));
	/* Then one frame per COST, not before. */
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + COST - 1, COST, 3 * COST, 100), 0);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + COST, COST, 3 * COST, 100), 1);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + 2 * COST, COST, 3 * COST, 100), 1);
	/* 2.5 frames' time later: two more. */
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + 4 * COST + COST / 2, COST,
					 3 * COST, 100), 2);
}

static void meter_exact_boundary(struct kunit *test)
{
	struct xvs_meter m;

	/* TAT exactly the tolerance ahead of now conforms, 1 ns more not. */
	atomic64_set(&m.tat, T0 + 500);
	KUNIT_EXPECT_FALSE(test, xvs_meter_conform(&m, T0, 7, 499));
	KUNIT_EXPECT_TRUE(test, xvs_meter_conform(&m, T0, 7, 500));
	KUNIT_EXPECT_EQ(test, atomic64_read(&m.tat), (s64)(T0 + 507));
	/* Tolerance 0: one frame at a time, exactly at its TAT. */
	atomic64_set(&m.tat, T0);
	KUNIT_EXPECT_TRUE(test, xvs_meter_conform(&m, T0, COST, 0));
	KUNIT_EXPECT_FALSE(test, xvs_meter_conform(&m, T0 + COST - 1, COST, 0));
	KUNIT_EXPECT_TRUE(test, xvs_meter_conform(&m, T0 + COST, COST, 0));
	/* A frame that costs nothing always conforms and moves nothing. */
	atomic64_set(&m.tat, T0 + 5 * COST);
	KUNIT_EXPECT_FALSE(test, xvs_meter_conform(&m, T0, 0, COST));
	atomic64_set(&m.tat, T0);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, 0, 0, 1000), 1000);
	KUNIT_EXPECT_EQ(test, atomic64_read(&m.tat), (s64)T0);
}

static void meter_idle_fills_only_the_burst(struct kunit *test)
{
	const u64 t1 = T0 + 3600 * NSEC_PER_SEC;
	struct xvs_meter m;
	unsigned int k, n = 0;

	xvs_meter_reset(&m);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, COST, 2 * COST, 100), 3);
	/* An hour idle: the bucket is full, not fuller. */
	KUNIT_EXPECT_EQ(test, meter_take(&m, t1, COST, 2 * COST, 100), 3);
	/* Then, time going on, one frame per COST: the rate, no more. */
	for (k = 1; k <= 10; k++)
		n += meter_take(&m, t1 + k * COST, COST, 2 * COST, 100);
	KUNIT_EXPECT_EQ(test, n, 10);
	/* A reset bucket is full again at once. */
	xvs_meter_reset(&m);
	KUNIT_EXPECT_EQ(test, meter_take(&m, t1 + 10 * COST, COST, 2 * COST,
					 100), 3);
}

static void meter_storm_bucket(struct kunit *test)
{
	struct xvs_meter m;

	/* Storm limit 10/s: cost and tolerance 1/10 s: two frames at once. */
	xvs_meter_reset(&m);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, NSEC_PER_SEC / 10,
					 NSEC_PER_SEC / 10, 50), 2);
	/* 50/s: 1/10 s of the rate (5) plus one. */
	xvs_meter_reset(&m);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, NSEC_PER_SEC / 50,
					 NSEC_PER_SEC / 10, 50), 6);
	/* 1/s: one frame, the next one a second later. */
	xvs_meter_reset(&m);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0, NSEC_PER_SEC,
					 NSEC_PER_SEC / 10, 50), 1);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + NSEC_PER_SEC * 9 / 10 - 1,
					 NSEC_PER_SEC, NSEC_PER_SEC / 10, 50), 0);
	KUNIT_EXPECT_EQ(test, meter_take(&m, T0 + NSEC_PER_SEC * 9 / 10,
					 NSEC_PER_SEC, NSEC_PER_SEC / 10, 50), 1);
}

static void meter_costs(struct kunit *test)
{
	u64 c;

	/* 8 Gbit/s: a byte costs 1 ns, exactly. */
	c = xvs_meter_byte_cost(8ULL * NSEC_PER_SEC);
	KUNIT_EXPECT_EQ(test, c, 1ULL << 24);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 1500), 1500ULL);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 0), 0ULL);
	/* 1 Mbit/s: 8 us a byte, 125 bytes a millisecond. */
	c = xvs_meter_byte_cost(1000000);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 1), 8000ULL);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 125), 1000000ULL);
	/* The slowest rate with the largest burst: no overflow. */
	c = xvs_meter_byte_cost(1000);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, U32_MAX),
			8000000ULL * U32_MAX);
	/*
	 * 3 Gbit/s: 8/3 ns a byte is not exact; costs round down, by less
	 * than a nanosecond per 2^24 bytes: a second's worth of bytes costs
	 * a second, to 100 ns.
	 */
	c = xvs_meter_byte_cost(3000000000ULL);
	KUNIT_EXPECT_LE(test, xvs_meter_rate_cost(c, 375000000), NSEC_PER_SEC);
	KUNIT_EXPECT_GE(test, xvs_meter_rate_cost(c, 375000000),
			NSEC_PER_SEC - 100);
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 3), 7ULL);	/* 8 - 1 */
	KUNIT_EXPECT_EQ(test, xvs_meter_rate_cost(c, 1500), 3999ULL);
	/* Faster than 2^24 * 8 Gbit/s: free (no division by zero). */
	KUNIT_EXPECT_EQ(test, xvs_meter_byte_cost(U64_MAX), 0ULL);
}

/* ---- frames ---------------------------------------------------------- */

/* A frame being built: its bytes and where the next header goes. */
struct kt_frame {
	u8 b[256];
	unsigned int len;
};

static void *kt_put(struct kt_frame *f, unsigned int len)
{
	void *p = f->b + f->len;

	f->len += len;
	return p;
}

static void kt_be16(struct kt_frame *f, u16 v)
{
	put_unaligned_be16(v, kt_put(f, 2));
}

/* An Ethernet header: broadcast, from @src, ethertype @proto. */
static void kt_eth(struct kt_frame *f, const u8 *src, u16 proto)
{
	struct ethhdr *eth = kt_put(f, ETH_HLEN);

	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, src);
	eth->h_proto = htons(proto);
}

static void kt_tag(struct kt_frame *f, u16 tci, u16 next)
{
	kt_be16(f, tci);
	kt_be16(f, next);
}

static void kt_ipv4(struct kt_frame *f, u8 proto, u16 frag, unsigned int ihl)
{
	struct iphdr *iph = kt_put(f, ihl * 4);

	memset(iph, 0, ihl * 4);
	iph->version = 4;
	iph->ihl = ihl;
	iph->ttl = 64;
	iph->protocol = proto;
	iph->frag_off = htons(frag);
	iph->saddr = htonl(0x0a000001);
	iph->daddr = htonl(0xffffffff);
}

static void kt_ipv6(struct kt_frame *f, u8 nexthdr)
{
	struct ipv6hdr *ip6h = kt_put(f, sizeof(*ip6h));

	memset(ip6h, 0, sizeof(*ip6h));
	ip6h->version = 6;
	ip6h->nexthdr = nexthdr;
	ip6h->hop_limit = 255;
	ip6h->saddr.s6_addr[0] = 0xfe;
	ip6h->saddr.s6_addr[1] = 0x80;
	ip6h->daddr.s6_addr[0] = 0xff;
	ip6h->daddr.s6_addr[1] = 0x02;
	ip6h->daddr.s6_addr[15] = 1;
}

/* An 8-byte IPv6 extension header (hop-by-hop, destination options). */
static void kt_ext8(struct kt_frame *f, u8 nexthdr)
{
	u8 *h = kt_put(f, 8);

	memset(h, 0, 8);
	h[0] = nexthdr;
	h[2] = 1;	/* PadN, 4 bytes of padding */
	h[3] = 4;
}

static void kt_frag6(struct kt_frame *f, u8 nexthdr, u16 offset, bool more)
{
	struct frag_hdr *fh = kt_put(f, sizeof(*fh));

	fh->nexthdr = nexthdr;
	fh->reserved = 0;
	fh->frag_off = htons(offset << 3 | (more ? IP6_MF : 0));
	fh->identification = htonl(42);
}

static void kt_udp(struct kt_frame *f, u16 sport, u16 dport)
{
	struct udphdr *uh = kt_put(f, sizeof(*uh));

	uh->source = htons(sport);
	uh->dest = htons(dport);
	uh->len = htons(sizeof(*uh) + 8);
	uh->check = 0;
	memset(kt_put(f, 8), 0xd1, 8);	/* a bit of payload */
}

static void kt_icmp(struct kt_frame *f, u8 type)
{
	u8 *h = kt_put(f, 8);

	memset(h, 0, 8);
	h[0] = type;
}

/* The skbs a case made, freed when it ends (its exit). */
static void kt_keep(struct kunit *test, struct sk_buff *skb)
{
	__skb_queue_tail(test->priv, skb);
}

static int kt_init(struct kunit *test)
{
	struct sk_buff_head *skbs = kunit_kzalloc(test, sizeof(*skbs),
						  GFP_KERNEL);

	if (!skbs)
		return -ENOMEM;
	__skb_queue_head_init(skbs);
	test->priv = skbs;
	return 0;
}

static void kt_exit(struct kunit *test)
{
	__skb_queue_purge(test->priv);
}

/* The frame as a linear skb, freed with the test. */
static struct sk_buff *kt_skb(struct kunit *test, const struct kt_frame *f)
{
	struct sk_buff *skb = alloc_skb(f->len + NET_IP_ALIGN + VLAN_HLEN,
					GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_IP_ALIGN + VLAN_HLEN);
	skb_put_data(skb, f->b, f->len);
	skb_reset_mac_header(skb);
	skb->protocol = ((const struct ethhdr *)f->b)->h_proto;
	kt_keep(test, skb);
	return skb;
}

/* The frame with only its Ethernet header linear, the rest in a page. */
static struct sk_buff *kt_skb_paged(struct kunit *test,
				    const struct kt_frame *f)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	if (!page)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, page);
	skb_put_data(skb, f->b, ETH_HLEN);
	memcpy(page_address(page), f->b + ETH_HLEN, f->len - ETH_HLEN);
	skb_add_rx_frag(skb, 0, page, 0, f->len - ETH_HLEN, PAGE_SIZE);
	skb_reset_mac_header(skb);
	kt_keep(test, skb);
	return skb;
}

/* ---- VLANs ----------------------------------------------------------- */

static struct xvs_port_policy *kt_policy(struct kunit *test, u8 mode,
					 u16 vid, u16 native)
{
	struct xvs_port_policy *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->vlan_mode = mode;
	if (mode == XVS_VLAN_ACCESS)
		p->vlan_id = vid;
	p->native_vid = native;
	return p;
}

/* Trunk 10 and 20-22, native 5. */
static struct xvs_port_policy *kt_trunk(struct kunit *test, u16 native)
{
	struct xvs_port_policy *p = kt_policy(test, XVS_VLAN_TRUNK, 0, native);

	__set_bit(10, p->trunk);
	bitmap_set(p->trunk, 20, 3);
	return p;
}

static void vlan_membership(struct kunit *test)
{
	struct xvs_port_policy *none = kt_policy(test, XVS_VLAN_NONE, 0, 0);
	struct xvs_port_policy *acc = kt_policy(test, XVS_VLAN_ACCESS, 10, 0);
	struct xvs_port_policy *tr = kt_trunk(test, 5);
	struct xvs_port_policy *tr0 = kt_trunk(test, 0);

	/* No policy and VLAN-unaware: the untagged domain only. */
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(NULL, 0));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(NULL, 10));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(none, 0));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(none, 1));
	/* Access: its VLAN only. */
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(acc, 10));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(acc, 0));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(acc, 11));
	/* Trunk: its allowed list and its native VLAN. */
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(tr, 5));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(tr, 10));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(tr, 20));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(tr, 22));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(tr, 0));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(tr, 11));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(tr, 23));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_member(tr, 4094));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_member(tr0, 0));

	/* Tagged on the way out: on a trunk, but not in its native VLAN. */
	KUNIT_EXPECT_FALSE(test, xvs_vlan_tagged_out(NULL, 10));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_tagged_out(acc, 10));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_tagged_out(tr, 5));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_tagged_out(tr, 10));
	KUNIT_EXPECT_FALSE(test, xvs_vlan_tagged_out(tr0, 0));
	KUNIT_EXPECT_TRUE(test, xvs_vlan_tagged_out(tr0, 21));
}

/* A frame from mac_a, with tag @tci in its data when @tagged. */
static struct sk_buff *kt_vlan_frame(struct kunit *test, bool tagged,
				     u16 tag_proto, u16 tci)
{
	struct kt_frame f = {};

	if (tagged) {
		kt_eth(&f, mac_a, tag_proto);
		kt_tag(&f, tci, ETH_P_IP);
	} else {
		kt_eth(&f, mac_a, ETH_P_IP);
	}
	kt_ipv4(&f, IPPROTO_UDP, 0, 5);
	kt_udp(&f, 1000, 2000);
	return kt_skb(test, &f);
}

/* The tag came out of @skb's data: 4 bytes shorter, addresses kept. */
static void kt_expect_untagged(struct kunit *test, struct sk_buff *skb,
			       unsigned int len)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	KUNIT_EXPECT_EQ(test, skb->len, len);
	KUNIT_EXPECT_FALSE(test, skb_vlan_tag_present(skb));
	KUNIT_EXPECT_EQ(test, ntohs(eth->h_proto), ETH_P_IP);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(eth->h_source, mac_a));
	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(eth->h_dest));
	KUNIT_EXPECT_PTR_EQ(test, (void *)skb_mac_header(skb),
			    (void *)skb->data);
}

static void vlan_classify_unaware(struct kunit *test)
{
	struct xvs_port_policy *none = kt_policy(test, XVS_VLAN_NONE, 0, 0);
	struct sk_buff *skb;
	u16 vid = 99;

	/* A VLAN-unaware port's frames keep their tags, in VLAN 0. */
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(NULL, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 0);
	KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(skb)->h_proto), ETH_P_8021Q);
	vid = 99;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(none, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 0);
	KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(skb)->h_proto), ETH_P_8021Q);
	skb = kt_vlan_frame(test, false, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(none, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 0);
	KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
}

static void vlan_classify_access(struct kunit *test)
{
	struct xvs_port_policy *acc = kt_policy(test, XVS_VLAN_ACCESS, 10, 0);
	struct sk_buff *skb;
	unsigned int len;
	u16 vid = 0;

	/* Untagged: the port's VLAN. */
	skb = kt_vlan_frame(test, false, 0, 0);
	len = skb->len;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 10);
	KUNIT_EXPECT_EQ(test, skb->len, len);

	/* A priority tag (VLAN 0, PCP 3) counts as none: in the data ... */
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 3 << VLAN_PRIO_SHIFT);
	len = skb->len;
	vid = 0;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 10);
	kt_expect_untagged(test, skb, len - VLAN_HLEN);
	/* ... or beside it. */
	skb = kt_vlan_frame(test, false, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 5 << VLAN_PRIO_SHIFT);
	vid = 0;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 10);
	KUNIT_EXPECT_FALSE(test, skb_vlan_tag_present(skb));

	/* Tagged frames are not for an access port, even in its VLAN. */
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 11);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, false, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), -EPERM);
}

static void vlan_classify_trunk(struct kunit *test)
{
	struct xvs_port_policy *tr = kt_trunk(test, 5);
	struct sk_buff *skb;
	unsigned int len;
	u16 vid = 0;

	/* Untagged and priority-tagged: the native VLAN. */
	skb = kt_vlan_frame(test, false, 0, 0);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 5);
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 7 << VLAN_PRIO_SHIFT);
	len = skb->len;
	vid = 0;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 5);
	kt_expect_untagged(test, skb, len - VLAN_HLEN);
	/* Without a native VLAN: the untagged domain. */
	skb = kt_vlan_frame(test, false, 0, 0);
	vid = 99;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(kt_trunk(test, 0), skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 0);

	/* An allowed VLAN, tag in the data (priority and DEI bits too). */
	skb = kt_vlan_frame(test, true, ETH_P_8021Q,
			    6 << VLAN_PRIO_SHIFT | VLAN_CFI_MASK | 21);
	len = skb->len;
	vid = 0;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 21);
	kt_expect_untagged(test, skb, len - VLAN_HLEN);
	/* ... and beside it: the tag goes. */
	skb = kt_vlan_frame(test, false, 0, 0);
	len = skb->len;
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	vid = 0;
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), 0);
	KUNIT_EXPECT_EQ(test, vid, 10);
	kt_expect_untagged(test, skb, len);

	/* A VLAN the trunk does not carry, the native one tagged included. */
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 11);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, false, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 23);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 5);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, true, ETH_P_8021Q, 4095);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
}

static void vlan_classify_other_tags(struct kunit *test)
{
	struct xvs_port_policy *tr = kt_trunk(test, 5);
	struct xvs_port_policy *acc = kt_policy(test, XVS_VLAN_ACCESS, 10, 0);
	struct kt_frame f = {};
	struct sk_buff *skb;
	u16 vid = 0;

	/* An 802.1ad (S-)tag is no 802.1Q tag: beside the data ... */
	skb = kt_vlan_frame(test, false, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021AD), 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	/* ... or in it: the same, not an untagged frame of the native VLAN. */
	skb = kt_vlan_frame(test, true, ETH_P_8021AD, 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	skb = kt_vlan_frame(test, true, ETH_P_8021AD, 10);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), -EPERM);

	/* A tag cut short: not the port's, not a lack of memory. */
	kt_eth(&f, mac_a, ETH_P_8021Q);
	kt_be16(&f, 10);
	skb = kt_skb(test, &f);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(tr, skb, &vid), -EPERM);
	skb = kt_skb(test, &f);
	KUNIT_EXPECT_EQ(test, xvs_vlan_classify(acc, skb, &vid), -EPERM);
}

static void vlan_trunk_list(struct kunit *test)
{
	DECLARE_BITMAP(trunk, VLAN_N_VID);
	struct netlink_ext_ack extack = {};

	bitmap_zero(trunk, VLAN_N_VID);
	KUNIT_EXPECT_EQ(test, xvs_vlan_check_trunk(trunk, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	if (extack._msg)
		KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, "at least one"));

	__set_bit(1, trunk);
	__set_bit(4094, trunk);
	extack._msg = NULL;
	KUNIT_EXPECT_EQ(test, xvs_vlan_check_trunk(trunk, &extack), 0);
	KUNIT_EXPECT_NULL(test, extack._msg);

	__set_bit(0, trunk);
	KUNIT_EXPECT_EQ(test, xvs_vlan_check_trunk(trunk, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	__clear_bit(0, trunk);
	__set_bit(4095, trunk);
	extack._msg = NULL;
	KUNIT_EXPECT_EQ(test, xvs_vlan_check_trunk(trunk, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	/* No extack: the same verdicts. */
	KUNIT_EXPECT_EQ(test, xvs_vlan_check_trunk(trunk, NULL), -EINVAL);
}

/* ---- guards ---------------------------------------------------------- */

static struct xvs_port_policy *kt_guards(struct kunit *test, bool spoof,
					 bool dhcp, bool router)
{
	struct xvs_port_policy *p = kt_policy(test, XVS_VLAN_NONE, 0, 0);

	ether_addr_copy(p->mac, mac_a);
	p->spoof_guard = spoof;
	p->dhcp_guard = dhcp;
	p->router_guard = router;
	return p;
}

static int kt_check(struct kunit *test, const struct xvs_port_policy *p,
		    const struct kt_frame *f)
{
	struct sk_buff *skb = kt_skb(test, f);
	int ret = xvs_guard_check(p, skb);

	__skb_unlink(skb, test->priv);
	kfree_skb(skb);
	return ret;
}

static void kt_dhcp4(struct kt_frame *f, const u8 *src, u16 sport, u16 dport)
{
	kt_eth(f, src, ETH_P_IP);
	kt_ipv4(f, IPPROTO_UDP, 0, 5);
	kt_udp(f, sport, dport);
}

static void kt_dhcp6(struct kt_frame *f, u16 sport, u16 dport)
{
	kt_eth(f, mac_a, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_UDP);
	kt_udp(f, sport, dport);
}

static void kt_icmp6(struct kt_frame *f, u8 type)
{
	kt_eth(f, mac_a, ETH_P_IPV6);
	kt_ipv6(f, IPPROTO_ICMPV6);
	kt_icmp(f, type);
}

static void kt_icmp4(struct kt_frame *f, u8 type)
{
	kt_eth(f, mac_a, ETH_P_IP);
	kt_ipv4(f, IPPROTO_ICMP, 0, 5);
	kt_icmp(f, type);
}

static void guard_spoof(struct kunit *test)
{
	struct xvs_port_policy *on = kt_guards(test, true, false, false);
	struct xvs_port_policy *off = kt_guards(test, false, true, true);
	struct kt_frame f = {}, g = {};

	kt_eth(&f, mac_a, 0x88b5);
	kt_put(&f, 50);
	kt_eth(&g, mac_b, 0x88b5);
	kt_put(&g, 50);
	KUNIT_EXPECT_EQ(test, kt_check(test, on, &f), 0);
	KUNIT_EXPECT_EQ(test, kt_check(test, on, &g), XVS_DROP_SPOOF_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, off, &g), 0);
	/* The spoof guard comes first: a spoofed DHCP server message. */
	memset(&g, 0, sizeof(g));
	kt_dhcp4(&g, mac_b, 67, 68);
	on->dhcp_guard = true;
	KUNIT_EXPECT_EQ(test, kt_check(test, on, &g), XVS_DROP_SPOOF_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, off, &g), XVS_DROP_DHCP_GUARD);
	/* A bare Ethernet header is enough for it. */
	memset(&g, 0, sizeof(g));
	kt_eth(&g, mac_b, ETH_P_IP);
	KUNIT_EXPECT_EQ(test, kt_check(test, on, &g), XVS_DROP_SPOOF_GUARD);
}

static void guard_dhcp(struct kunit *test)
{
	struct xvs_port_policy *dhcp = kt_guards(test, false, true, false);
	struct xvs_port_policy *router = kt_guards(test, false, false, true);
	struct kt_frame f;

	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), XVS_DROP_DHCP_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, router, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 68, 67);		/* a client's */
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_dhcp6(&f, 547, 546);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), XVS_DROP_DHCP_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, router, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_dhcp6(&f, 546, 547);			/* a client's */
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), 0);
	/* Each protocol its own port: UDP 547 over IPv4, 67 over IPv6. */
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 547, 546);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_dhcp6(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), 0);
	/* TCP from port 67 is no DHCP. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_TCP, 0, 5);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), 0);

	/* IPv4 options: the UDP header is further on. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, 0, 7);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), XVS_DROP_DHCP_GUARD);
	/* An IPv6 extension header before UDP. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_DEST);
	kt_ext8(&f, IPPROTO_UDP);
	kt_udp(&f, 547, 546);
	KUNIT_EXPECT_EQ(test, kt_check(test, dhcp, &f), XVS_DROP_DHCP_GUARD);
}

static void guard_fragments(struct kunit *test)
{
	struct xvs_port_policy *p = kt_guards(test, false, true, true);
	struct kt_frame f;

	/* The first fragment holds the UDP header: caught. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, IP_MF, 5);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_DHCP_GUARD);
	/* A later one holds data that only looks like it. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, 185, 5);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_ICMP, IP_MF | 1, 5);
	kt_icmp(&f, ICMP_REDIRECT);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);

	/* IPv6: a first fragment is parsed through its fragment header. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_FRAGMENT);
	kt_frag6(&f, IPPROTO_ICMPV6, 0, true);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_ROUTER_GUARD);
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_FRAGMENT);
	kt_frag6(&f, IPPROTO_UDP, 0, true);
	kt_udp(&f, 547, 546);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_DHCP_GUARD);
	/* ... a later one is not. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_FRAGMENT);
	kt_frag6(&f, IPPROTO_ICMPV6, 8, false);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);
}

static void guard_router(struct kunit *test)
{
	struct xvs_port_policy *r = kt_guards(test, false, false, true);
	struct xvs_port_policy *d = kt_guards(test, false, true, false);
	static const u8 v6_pass[] = {
		NDISC_ROUTER_SOLICITATION, NDISC_NEIGHBOUR_SOLICITATION,
		NDISC_NEIGHBOUR_ADVERTISEMENT, ICMPV6_ECHO_REQUEST,
		ICMP_REDIRECT,
	};
	static const u8 v4_pass[] = {
		ICMP_ECHO, ICMP_DEST_UNREACH, NDISC_ROUTER_ADVERTISEMENT,
		NDISC_REDIRECT,
	};
	struct kt_frame f;
	unsigned int i;

	memset(&f, 0, sizeof(f));
	kt_icmp6(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), XVS_DROP_ROUTER_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, d, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_icmp6(&f, NDISC_REDIRECT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), XVS_DROP_ROUTER_GUARD);
	memset(&f, 0, sizeof(f));
	kt_icmp4(&f, ICMP_REDIRECT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), XVS_DROP_ROUTER_GUARD);
	KUNIT_EXPECT_EQ(test, kt_check(test, d, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_icmp4(&f, 9);	/* router advertisement (RFC 1256) */
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), XVS_DROP_ROUTER_GUARD);
	for (i = 0; i < ARRAY_SIZE(v6_pass); i++) {
		memset(&f, 0, sizeof(f));
		kt_icmp6(&f, v6_pass[i]);
		KUNIT_EXPECT_EQ_MSG(test, kt_check(test, r, &f), 0,
				    "ICMPv6 type %u", v6_pass[i]);
	}
	for (i = 0; i < ARRAY_SIZE(v4_pass); i++) {
		memset(&f, 0, sizeof(f));
		kt_icmp4(&f, v4_pass[i]);
		KUNIT_EXPECT_EQ_MSG(test, kt_check(test, r, &f), 0,
				    "ICMP type %u", v4_pass[i]);
	}
	/* ICMPv6 numbers inside IPv4 mean nothing. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_ICMPV6, 0, 5);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), 0);

	/* Behind extension headers: hop-by-hop, then destination options. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_HOP);
	kt_ext8(&f, NEXTHDR_DEST);
	kt_ext8(&f, IPPROTO_ICMPV6);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), XVS_DROP_ROUTER_GUARD);
	/* No next header: nothing to look at. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_NONE);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, r, &f), 0);
}

static void guard_vlan_tags(struct kunit *test)
{
	struct xvs_port_policy *p = kt_guards(test, false, true, true);
	struct kt_frame f;
	struct sk_buff *skb;

	/* One 802.1Q tag in the data. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_8021Q);
	kt_tag(&f, 10, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, 0, 5);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_DHCP_GUARD);
	/* A tag beside the data: the data is the untagged frame. */
	memset(&f, 0, sizeof(f));
	kt_icmp6(&f, NDISC_ROUTER_ADVERTISEMENT);
	skb = kt_skb(test, &f);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	KUNIT_EXPECT_EQ(test, xvs_guard_check(p, skb), XVS_DROP_ROUTER_GUARD);
	/* Stacked tags (QinQ, 802.1ad outside or inside) hide nothing. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_8021AD);
	kt_tag(&f, 100, ETH_P_8021Q);
	kt_tag(&f, 10, ETH_P_IPV6);
	kt_ipv6(&f, IPPROTO_ICMPV6);
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_ROUTER_GUARD);
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_8021Q);
	kt_tag(&f, 100, ETH_P_8021AD);
	kt_tag(&f, 10, ETH_P_8021Q);
	kt_tag(&f, 20, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, 0, 5);
	kt_udp(&f, 67, 68);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), XVS_DROP_DHCP_GUARD);
}

static void guard_truncated(struct kunit *test)
{
	struct xvs_port_policy *p = kt_guards(test, true, true, true);
	struct kt_frame f, *frames;
	unsigned int cut, n = 0;

	frames = kunit_kcalloc(test, 6, sizeof(*frames), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, frames);
	/*
	 * Every frame of the cases above, cut at every length from a bare
	 * Ethernet header on: nothing is read past the end (KASAN would
	 * say), and a frame too short to show its UDP or ICMP header
	 * passes.
	 */
	for (cut = ETH_HLEN; cut < 120; cut++) {
		unsigned int i;

		memset(frames, 0, 6 * sizeof(*frames));
		kt_dhcp4(&frames[0], mac_a, 67, 68);
		kt_dhcp6(&frames[1], 547, 546);
		kt_icmp4(&frames[2], ICMP_REDIRECT);
		kt_eth(&frames[3], mac_a, ETH_P_IPV6);
		kt_ipv6(&frames[3], NEXTHDR_HOP);
		kt_ext8(&frames[3], IPPROTO_ICMPV6);
		kt_icmp(&frames[3], NDISC_ROUTER_ADVERTISEMENT);
		kt_eth(&frames[4], mac_a, ETH_P_8021Q);
		kt_tag(&frames[4], 10, ETH_P_8021Q);
		kt_tag(&frames[4], 20, ETH_P_IP);
		kt_ipv4(&frames[4], IPPROTO_UDP, 0, 5);
		kt_udp(&frames[4], 67, 68);
		kt_eth(&frames[5], mac_a, ETH_P_IPV6);
		kt_ipv6(&frames[5], NEXTHDR_FRAGMENT);
		kt_frag6(&frames[5], IPPROTO_ICMPV6, 0, true);
		kt_icmp(&frames[5], NDISC_REDIRECT);
		for (i = 0; i < 6; i++) {
			/* kt_udp() and kt_icmp() add 16 and 8 bytes. */
			bool udp = i == 0 || i == 1 || i == 4;
			unsigned int l4 = frames[i].len - (udp ? 16 : 8);
			bool whole;
			int want;

			if (cut > frames[i].len)
				continue;
			/* The guards read the UDP header, ICMP's type. */
			whole = cut >= l4 + (udp ? sizeof(struct udphdr) : 1);
			want = !whole ? 0 : udp ? XVS_DROP_DHCP_GUARD :
						  XVS_DROP_ROUTER_GUARD;
			frames[i].len = cut;
			KUNIT_EXPECT_EQ_MSG(test, kt_check(test, p, &frames[i]),
					    want, "frame %u cut at %u", i, cut);
			n++;
		}
	}
	/* Frames of 50, 70, 42, 70, 58 and 70 bytes: 282 cuts. */
	KUNIT_EXPECT_EQ(test, n, 282U);

	/* Headers that claim more than the frame holds. */
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_HOP);
	kt_ext8(&f, IPPROTO_ICMPV6);
	f.b[ETH_HLEN + sizeof(struct ipv6hdr) + 1] = 200; /* 1608 bytes */
	kt_icmp(&f, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IP);
	kt_ipv4(&f, IPPROTO_UDP, 0, 15);	/* 60 bytes of header */
	f.len = ETH_HLEN + 24;
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);
	/* An IPv4 header length below 5 words is no header. */
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 67, 68);
	f.b[ETH_HLEN] = 0x44;
	KUNIT_EXPECT_EQ(test, kt_check(test, p, &f), 0);
}

static void guard_paged(struct kunit *test)
{
	struct xvs_port_policy *p = kt_guards(test, true, true, true);
	struct kt_frame f;

	/* Headers outside the linear area are read all the same. */
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 67, 68);
	KUNIT_EXPECT_EQ(test, xvs_guard_check(p, kt_skb_paged(test, &f)),
			XVS_DROP_DHCP_GUARD);
	memset(&f, 0, sizeof(f));
	kt_eth(&f, mac_a, ETH_P_IPV6);
	kt_ipv6(&f, NEXTHDR_HOP);
	kt_ext8(&f, IPPROTO_ICMPV6);
	kt_icmp(&f, NDISC_REDIRECT);
	KUNIT_EXPECT_EQ(test, xvs_guard_check(p, kt_skb_paged(test, &f)),
			XVS_DROP_ROUTER_GUARD);
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_a, 68, 67);
	KUNIT_EXPECT_EQ(test, xvs_guard_check(p, kt_skb_paged(test, &f)), 0);
	memset(&f, 0, sizeof(f));
	kt_dhcp4(&f, mac_b, 68, 67);
	KUNIT_EXPECT_EQ(test, xvs_guard_check(p, kt_skb_paged(test, &f)),
			XVS_DROP_SPOOF_GUARD);
}

static struct kunit_case xvs_policy_cases[] = {
	KUNIT_CASE(meter_burst_then_rate),
	KUNIT_CASE(meter_exact_boundary),
	KUNIT_CASE(meter_idle_fills_only_the_burst),
	KUNIT_CASE(meter_storm_bucket),
	KUNIT_CASE(meter_costs),
	KUNIT_CASE(vlan_membership),
	KUNIT_CASE(vlan_classify_unaware),
	KUNIT_CASE(vlan_classify_access),
	KUNIT_CASE(vlan_classify_trunk),
	KUNIT_CASE(vlan_classify_other_tags),
	KUNIT_CASE(vlan_trunk_list),
	KUNIT_CASE(guard_spoof),
	KUNIT_CASE(guard_dhcp),
	KUNIT_CASE(guard_fragments),
	KUNIT_CASE(guard_router),
	KUNIT_CASE(guard_vlan_tags),
	KUNIT_CASE(guard_truncated),
	KUNIT_CASE(guard_paged),
	{}
};

static struct kunit_suite xvs_policy_suite = {
	.name = "xvs_policy",
	.init = kt_init,
	.exit = kt_exit,
	.test_cases = xvs_policy_cases,
};

kunit_test_suite(xvs_policy_suite);
