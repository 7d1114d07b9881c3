// SPDX-License-Identifier: GPL-2.0
/*
 * Port ACLs.
 *
 * A rule has a direction (in: frames toward the port's VM; out: frames it
 * sends; both), an action (allow, deny, meter), a side (local: the port's
 * own address, the source of frames out and the destination of frames in;
 * remote: the other one) and an address: a MAC address, an IPv4 or IPv6
 * prefix, or none (every frame).
 *
 * Of the rules of a frame's direction whose address matches the frame's
 * address on the rule's side, the most specific one decides: IP prefixes by
 * length (an IP rule only matches frames of its family, and any IP rule is
 * more specific than a MAC rule), then MAC rules, then rules without an
 * address. Between equally specific rules deny beats allow beats meter.
 * No rule: the frame passes. Every frame a rule decides is counted on it.
 *
 * A port's rules are compiled into one immutable table: for each direction
 * and each class of address (IPv4, IPv6, MAC) and each side, the rules'
 * prefixes sorted by length, longest first, then by address, each naming
 * the rule that decides its frames; the lengths present on either side
 * are listed once. A lookup tries the lengths longest first, a binary
 * search per side and length: its cost grows with the number of distinct
 * prefix lengths and the logarithm of the number of rules, not with the
 * number of rules.
 *
 * Every change builds a new table from the old one (copies, no sort) and
 * publishes it with rcu_assign_pointer(); the old one goes after a grace
 * period. The tables share the rules (and so their per-CPU counters): a
 * rule is freed with the last table that has it, the one its deletion
 * replaced. A port without rules has no table.
 */

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/u64_stats_sync.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "acl.h"
#include "compat.h"

/* Sides, classes and directions: the indexes of the compiled table. */
enum { XVS_ACL_REMOTE, XVS_ACL_LOCAL, XVS_ACL_SIDES };
enum { XVS_ACL_CL_IPV4, XVS_ACL_CL_IPV6, XVS_ACL_CL_MAC, XVS_ACL_CLASSES };
enum { XVS_ACL_T_IN, XVS_ACL_T_OUT, XVS_ACL_DIRS };

#define XVS_ACL_MAC_PLEN	48

struct xvs_acl_pcpu {
	u64_stats_t packets;
	u64_stats_t bytes;
	struct u64_stats_sync syncp;
};

/*
 * One rule, in every table from the one it was added to until the one it
 * was deleted from, freed with the last of them (see &struct xvs_acl).
 * @prio ranks its action among equally specific rules.
 */
struct xvs_acl_rule {
	struct xvs_acl_spec spec;
	u8 prio;
	struct xvs_acl_pcpu __percpu *stats;
};

/* An address, left-aligned in 128 bits: a prefix masks from the top. */
struct xvs_acl_key {
	u64 hi;
	u64 lo;
};

/*
 * One rule's prefix: its address (host bits zero), the rule (@own), and
 * the rule that decides frames of the prefix (@rule): of the rules with
 * the same prefix, the first in order.
 */
struct xvs_acl_ent {
	struct xvs_acl_key key;
	struct xvs_acl_rule *rule;
	struct xvs_acl_rule *own;
};

/* One prefix length of a class: its mask and its entries on each side. */
struct xvs_acl_len {
	struct xvs_acl_key mask;
	unsigned int plen;
	unsigned int first[XVS_ACL_SIDES];
	unsigned int n[XVS_ACL_SIDES];
};

/*
 * The prefixes of one class in one direction: per side, @n[side] entries
 * in order (longest prefix first, then by address); and their lengths,
 * longest first.
 */
struct xvs_acl_class {
	unsigned int nlens;
	const struct xvs_acl_len *lens;
	struct xvs_acl_ent *ents[XVS_ACL_SIDES];
	unsigned int n[XVS_ACL_SIDES];
};

/* What decides the frames of one direction. */
struct xvs_acl_dirtab {
	bool empty;
	struct xvs_acl_class cl[XVS_ACL_CLASSES];
	struct xvs_acl_rule *any;
};

/**
 * struct xvs_acl - a port's rules, compiled
 * @rcu: frees a replaced table after readers are done
 * @tab: the lookup tables, in and out
 * @ents: the prefixes every &struct xvs_acl_class points into
 * @lens: the prefix lengths every &struct xvs_acl_class points into
 * @drop: a rule the table that replaced this one does not have: it goes
 *	with this table (the tables before it that have it too are gone by
 *	then, or going without touching it)
 * @drop_all: every rule goes with this table (the port has none left)
 * @n: entries in @rules
 * @rules: the rules in the order they were added
 */
struct xvs_acl {
	struct rcu_head rcu;
	struct xvs_acl_dirtab tab[XVS_ACL_DIRS];
	struct xvs_acl_ent *ents;
	struct xvs_acl_len *lens;
	struct xvs_acl_rule *drop;
	bool drop_all;
	unsigned int n;
	struct xvs_acl_rule *rules[];
};

/* Ties between equally specific rules: deny, then allow, then meter. */
static const u8 xvs_acl_prio[] = {
	[XVS_ACL_ALLOW]	= 2,
	[XVS_ACL_DENY]	= 3,
	[XVS_ACL_METER]	= 1,
};

/* ---- keys ---- */

static inline u64 xvs_acl_mask64(unsigned int bits)
{
	return bits ? ~0ULL << (64 - bits) : 0;
}

static inline void xvs_acl_mask(struct xvs_acl_key *k, unsigned int plen)
{
	k->hi &= xvs_acl_mask64(min(plen, 64U));
	k->lo &= xvs_acl_mask64(plen > 64 ? plen - 64 : 0);
}

static inline int xvs_acl_key_cmp(const struct xvs_acl_key *a,
				  const struct xvs_acl_key *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

static inline void xvs_acl_key_mac(struct xvs_acl_key *k, const u8 *mac)
{
	k->hi = ether_addr_to_u64(mac) << 16;
	k->lo = 0;
}

static inline void xvs_acl_key_ip4(struct xvs_acl_key *k, __be32 addr)
{
	k->hi = (u64)be32_to_cpu(addr) << 32;
	k->lo = 0;
}

static inline void xvs_acl_key_ip6(struct xvs_acl_key *k,
				   const struct in6_addr *addr)
{
	k->hi = (u64)be32_to_cpu(addr->s6_addr32[0]) << 32 |
		be32_to_cpu(addr->s6_addr32[1]);
	k->lo = (u64)be32_to_cpu(addr->s6_addr32[2]) << 32 |
		be32_to_cpu(addr->s6_addr32[3]);
}

static void xvs_acl_spec_key(const struct xvs_acl_spec *spec,
			     struct xvs_acl_key *k)
{
	switch (spec->kind) {
	case XVS_ACL_MAC:
		xvs_acl_key_mac(k, spec->addr.mac);
		break;
	case XVS_ACL_IPV4:
		xvs_acl_key_ip4(k, spec->addr.ip4);
		break;
	case XVS_ACL_IPV6:
		xvs_acl_key_ip6(k, &spec->addr.ip6);
		break;
	default:
		k->hi = 0;
		k->lo = 0;
		break;
	}
}

/* ---- the data path ---- */

static inline bool xvs_acl_key_lt(const struct xvs_acl_key *a,
				  const struct xvs_acl_key *b)
{
	return a->hi < b->hi || (a->hi == b->hi && a->lo < b->lo);
}

static inline bool xvs_acl_key_eq(const struct xvs_acl_key *a,
				  const struct xvs_acl_key *b)
{
	return a->hi == b->hi && a->lo == b->lo;
}

/*
 * The entry of @k among the @n (> 0) entries @e of one prefix length,
 * sorted by key, or NULL. A key outside their range costs two compares;
 * else one compare per halving, and one for equality at the end.
 */
static const struct xvs_acl_ent *
xvs_acl_bsearch(const struct xvs_acl_ent *e, unsigned int n,
		const struct xvs_acl_key *k)
{
	if (xvs_acl_key_lt(k, &e[0].key) || xvs_acl_key_lt(&e[n - 1].key, k))
		return NULL;
	while (n > 1) {
		unsigned int half = n / 2;

		if (!xvs_acl_key_lt(k, &e[half].key))
			e += half;
		n -= half;
	}
	return xvs_acl_key_eq(&e->key, k) ? e : NULL;
}

/*
 * The most specific rule of @cl for a frame whose addresses are @keys
 * (by side), or NULL.
 */
static struct xvs_acl_rule *
xvs_acl_class_find(const struct xvs_acl_class *cl,
		   const struct xvs_acl_key *keys)
{
	unsigned int i, s;

	for (i = 0; i < cl->nlens; i++) {
		const struct xvs_acl_len *l = &cl->lens[i];
		struct xvs_acl_rule *best = NULL;

		for (s = 0; s < XVS_ACL_SIDES; s++) {
			const struct xvs_acl_ent *e;
			struct xvs_acl_key k;

			if (!l->n[s])
				continue;
			k.hi = keys[s].hi & l->mask.hi;
			k.lo = keys[s].lo & l->mask.lo;
			e = xvs_acl_bsearch(cl->ents[s] + l->first[s], l->n[s],
					    &k);
			if (e && (!best || e->rule->prio > best->prio))
				best = e->rule;
		}
		if (best)
			return best;
	}
	return NULL;
}

/*
 * The rule of an IP prefix that decides the frame, or NULL (not IP, or no
 * IP rule matches). Walks up to two VLAN tags in the frame's data (a tag
 * the driver took out of it, skb->vlan_tci, is not in the way).
 */
static struct xvs_acl_rule *xvs_acl_ip(const struct xvs_acl_dirtab *t,
				       const struct sk_buff *skb, bool out)
{
	const struct xvs_acl_class *cl;
	struct xvs_acl_key keys[XVS_ACL_SIDES];
	unsigned int off = ETH_HLEN;
	const __be16 *proto;
	__be16 buf;
	int tags;

	proto = skb_header_pointer(skb, ETH_HLEN - 2, sizeof(buf), &buf);
	for (tags = 0; proto && eth_type_vlan(*proto) && tags < 2; tags++) {
		proto = skb_header_pointer(skb, off + 2, sizeof(buf), &buf);
		off += VLAN_HLEN;
	}
	if (!proto)
		return NULL;
	if (*proto == htons(ETH_P_IP)) {
		const struct iphdr *iph;
		struct iphdr ih;

		cl = &t->cl[XVS_ACL_CL_IPV4];
		if (!cl->nlens)
			return NULL;
		iph = skb_header_pointer(skb, off, sizeof(ih), &ih);
		if (!iph || iph->version != 4)
			return NULL;
		xvs_acl_key_ip4(&keys[XVS_ACL_LOCAL], out ? iph->saddr : iph->daddr);
		xvs_acl_key_ip4(&keys[XVS_ACL_REMOTE], out ? iph->daddr : iph->saddr);
	} else if (*proto == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr ih;

		cl = &t->cl[XVS_ACL_CL_IPV6];
		if (!cl->nlens)
			return NULL;
		ip6h = skb_header_pointer(skb, off, sizeof(ih), &ih);
		if (!ip6h || ip6h->version != 6)
			return NULL;
		xvs_acl_key_ip6(&keys[XVS_ACL_LOCAL],
				out ? &ip6h->saddr : &ip6h->daddr);
		xvs_acl_key_ip6(&keys[XVS_ACL_REMOTE],
				out ? &ip6h->daddr : &ip6h->saddr);
	} else {
		return NULL;
	}
	return xvs_acl_class_find(cl, keys);
}

static struct xvs_acl_rule *xvs_acl_mac(const struct xvs_acl_dirtab *t,
					const struct sk_buff *skb, bool out)
{
	struct xvs_acl_key keys[XVS_ACL_SIDES];
	const struct ethhdr *eth;
	struct ethhdr buf;

	eth = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!eth)
		return NULL;
	xvs_acl_key_mac(&keys[XVS_ACL_LOCAL], out ? eth->h_source : eth->h_dest);
	xvs_acl_key_mac(&keys[XVS_ACL_REMOTE], out ? eth->h_dest : eth->h_source);
	return xvs_acl_class_find(&t->cl[XVS_ACL_CL_MAC], keys);
}

static void xvs_acl_hit(struct xvs_acl_rule *rule, unsigned int len)
{
	struct xvs_acl_pcpu *s = this_cpu_ptr(rule->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->packets);
	u64_stats_add(&s->bytes, len);
	u64_stats_update_end(&s->syncp);
}

/**
 * xvs_acl_check() - does a port's ACL let a frame through?
 * @acl: the port's rule table (not NULL)
 * @dir: %XVS_ACL_DIR_IN (toward the port's VM) or %XVS_ACL_DIR_OUT
 * @skb: the frame, @skb->data at its Ethernet header
 *
 * The most specific rule that matches decides, and counts the frame; no
 * rule matches: the frame passes. No lock, no allocation.
 *
 * Context: the data path (RCU, BH disabled).
 * Return: true to let it through.
 */
bool xvs_acl_check(const struct xvs_acl *acl, enum xvs_acl_dir dir,
		   const struct sk_buff *skb)
{
	bool out = dir == XVS_ACL_DIR_OUT;
	const struct xvs_acl_dirtab *t = &acl->tab[out];
	struct xvs_acl_rule *rule = NULL;

	if (t->empty)
		return true;
	if (t->cl[XVS_ACL_CL_IPV4].nlens || t->cl[XVS_ACL_CL_IPV6].nlens)
		rule = xvs_acl_ip(t, skb, out);
	if (!rule && t->cl[XVS_ACL_CL_MAC].nlens)
		rule = xvs_acl_mac(t, skb, out);
	if (!rule)
		rule = t->any;
	if (!rule)
		return true;
	xvs_acl_hit(rule, skb->len);
	return rule->spec.action != XVS_ACL_DENY;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_check, XVS_INTERNAL);

/* ---- rules ---- */

static bool xvs_acl_spec_equal(const struct xvs_acl_spec *a,
			       const struct xvs_acl_spec *b)
{
	if (a->dir != b->dir || a->action != b->action ||
	    a->local != b->local || a->kind != b->kind || a->plen != b->plen)
		return false;
	switch (a->kind) {
	case XVS_ACL_MAC:
		return ether_addr_equal(a->addr.mac, b->addr.mac);
	case XVS_ACL_IPV4:
		return a->addr.ip4 == b->addr.ip4;
	case XVS_ACL_IPV6:
		return ipv6_addr_equal(&a->addr.ip6, &b->addr.ip6);
	default:
		return true;
	}
}

static struct xvs_acl_rule *xvs_acl_rule_new(const struct xvs_acl_spec *spec)
{
	struct xvs_acl_rule *rule;
	int cpu;

	rule = kzalloc(sizeof(*rule), GFP_KERNEL);
	if (!rule)
		return NULL;
	rule->stats = alloc_percpu_gfp(struct xvs_acl_pcpu, GFP_KERNEL);
	if (!rule->stats) {
		kfree(rule);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(rule->stats, cpu)->syncp);
	rule->spec = *spec;
	rule->prio = xvs_acl_prio[spec->action];
	return rule;
}

/* Any context but NMI: RCU callbacks free rules. */
static void xvs_acl_rule_free(struct xvs_acl_rule *rule)
{
	free_percpu(rule->stats);
	kfree(rule);
}

static void xvs_acl_rule_read(const struct xvs_acl_rule *rule,
			      struct xvs_acl_counters *c)
{
	int cpu;

	c->packets = 0;
	c->bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct xvs_acl_pcpu *s = per_cpu_ptr(rule->stats, cpu);
		unsigned int start;
		u64 packets, bytes;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			packets = u64_stats_read(&s->packets);
			bytes = u64_stats_read(&s->bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		c->packets += packets;
		c->bytes += bytes;
	}
}

/* ---- compiling a table ---- */

static int xvs_acl_class_of(u8 kind)
{
	switch (kind) {
	case XVS_ACL_IPV4:
		return XVS_ACL_CL_IPV4;
	case XVS_ACL_IPV6:
		return XVS_ACL_CL_IPV6;
	default:
		return XVS_ACL_CL_MAC;
	}
}

/* Does @rule (may be NULL) see the frames of table direction @d? */
static bool xvs_acl_rule_sees(const struct xvs_acl_rule *rule, int d)
{
	u8 dir = d == XVS_ACL_T_OUT ? XVS_ACL_DIR_OUT : XVS_ACL_DIR_IN;

	return rule && (rule->spec.dir == XVS_ACL_DIR_BOTH ||
			rule->spec.dir == dir);
}

/* Is @rule (may be NULL) one of the prefixes of direction @d, class @c? */
static bool xvs_acl_rule_in(const struct xvs_acl_rule *rule, int d, int c)
{
	return xvs_acl_rule_sees(rule, d) && rule->spec.kind != XVS_ACL_ANY &&
	       xvs_acl_class_of(rule->spec.kind) == c;
}

/*
 * Of two rules that match the same frames, the one that decides: the
 * winning action, else (they differ only in direction) the rule of one
 * direction rather than the one of both. The same on every rebuild, so
 * that the same rule counts the same frames.
 */
static bool xvs_acl_beats(const struct xvs_acl_rule *a,
			  const struct xvs_acl_rule *b)
{
	if (a->prio != b->prio)
		return a->prio > b->prio;
	return a->spec.dir != XVS_ACL_DIR_BOTH && b->spec.dir == XVS_ACL_DIR_BOTH;
}

/*
 * The order of prefixes within a side: longest first, then by address.
 * Entries of one prefix are in the order of xvs_acl_beats(), the one that
 * decides first.
 */
static int xvs_acl_prefix_cmp(const struct xvs_acl_ent *e, unsigned int plen,
			      const struct xvs_acl_key *k)
{
	if (e->own->spec.plen != plen)
		return e->own->spec.plen > plen ? -1 : 1;
	return xvs_acl_key_cmp(&e->key, k);
}

/* The first of @n entries @e that is not before prefix @plen, @k. */
static unsigned int xvs_acl_lower(const struct xvs_acl_ent *e, unsigned int n,
				  unsigned int plen, const struct xvs_acl_key *k)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (xvs_acl_prefix_cmp(&e[mid], plen, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The entries of one side, @dst, from the old ones, @src (@nsrc): the same
 * with @skip's taken out or @add's put in (either may be NULL; not both).
 * Each entry names the rule that decides its prefix, the first of the
 * prefix's entries; only the changed prefix needs a new one. Two copies,
 * no sort: a change costs the copy of the table.
 */
static void xvs_acl_side(struct xvs_acl_ent *dst,
			 const struct xvs_acl_ent *src, unsigned int nsrc,
			 const struct xvs_acl_rule *skip,
			 struct xvs_acl_rule *add)
{
	const struct xvs_acl_rule *r = add ?: skip;
	unsigned int g, i, n = nsrc;
	struct xvs_acl_key k;

	if (!r) {
		memcpy(dst, src, nsrc * sizeof(*dst));
		return;
	}
	xvs_acl_spec_key(&r->spec, &k);
	g = xvs_acl_lower(src, nsrc, r->spec.plen, &k);
	if (add) {
		for (i = g; i < nsrc && !xvs_acl_prefix_cmp(&src[i], r->spec.plen, &k) &&
		     xvs_acl_beats(src[i].own, add); i++)
			;
		memcpy(dst, src, i * sizeof(*dst));
		dst[i].key = k;
		dst[i].own = add;
		memcpy(dst + i + 1, src + i, (nsrc - i) * sizeof(*dst));
		n++;
	} else {
		for (i = g; i < nsrc && src[i].own != skip; i++)
			;
		if (WARN_ON_ONCE(i == nsrc))	/* a table out of order */
			i = nsrc - 1;
		memcpy(dst, src, i * sizeof(*dst));
		memcpy(dst + i, src + i + 1, (nsrc - i - 1) * sizeof(*dst));
		n--;
	}
	for (i = g; i < n && !xvs_acl_prefix_cmp(&dst[i], r->spec.plen, &k); i++)
		dst[i].rule = dst[g].own;
}

/*
 * The prefix lengths of a class, @lens, from its old ones (@ocl, may be
 * NULL): one entry of length @r's more (@delta 1) or less (-1) on side
 * @side (@r NULL: no change). Return: how many.
 */
static unsigned int xvs_acl_lens(struct xvs_acl_len *lens,
				 const struct xvs_acl_class *ocl,
				 const struct xvs_acl_rule *r, int side,
				 int delta)
{
	unsigned int n = ocl ? ocl->nlens : 0, i, s, first[XVS_ACL_SIDES] = {};

	if (n)
		memcpy(lens, ocl->lens, n * sizeof(*lens));
	if (r) {
		unsigned int plen = r->spec.plen;

		for (i = 0; i < n && lens[i].plen > plen; i++)
			;
		if (i == n || lens[i].plen != plen) {
			memmove(&lens[i + 1], &lens[i], (n - i) * sizeof(*lens));
			memset(&lens[i], 0, sizeof(*lens));
			lens[i].plen = plen;
			lens[i].mask.hi = ~0ULL;
			lens[i].mask.lo = ~0ULL;
			xvs_acl_mask(&lens[i].mask, plen);
			n++;
		}
		lens[i].n[side] += delta;
		if (!lens[i].n[0] && !lens[i].n[1]) {
			memmove(&lens[i], &lens[i + 1], (n - i - 1) * sizeof(*lens));
			n--;
		}
	}
	for (i = 0; i < n; i++)
		for (s = 0; s < XVS_ACL_SIDES; s++) {
			lens[i].first[s] = first[s];
			first[s] += lens[i].n[s];
		}
	return n;
}

/*
 * The lookup tables of @acl (its rules set) from those of @old (NULL: no
 * rule), which has @skip and not @add (either may be NULL, not both).
 */
static int xvs_acl_compile(struct xvs_acl *acl, const struct xvs_acl *old,
			   const struct xvs_acl_rule *skip,
			   struct xvs_acl_rule *add)
{
	const struct xvs_acl_rule *r = add ?: skip;
	unsigned int total = 0, nlens = 2, i;
	struct xvs_acl_ent *ents;
	struct xvs_acl_len *lens;
	int d, c, s;

	for (d = 0; d < XVS_ACL_DIRS; d++)
		for (c = 0; c < XVS_ACL_CLASSES; c++) {
			const struct xvs_acl_class *ocl =
				old ? &old->tab[d].cl[c] : NULL;
			struct xvs_acl_class *cl = &acl->tab[d].cl[c];

			for (s = 0; s < XVS_ACL_SIDES; s++) {
				cl->n[s] = ocl ? ocl->n[s] : 0;
				if (xvs_acl_rule_in(r, d, c) && r->spec.local == s)
					cl->n[s] += add ? 1 : -1;
				total += cl->n[s];
			}
			nlens += ocl ? ocl->nlens : 0;
		}
	if (total) {
		acl->ents = kvmalloc_array(total, sizeof(*acl->ents),
					   GFP_KERNEL);
		if (!acl->ents)
			return -ENOMEM;
	}
	acl->lens = kvmalloc_array(nlens, sizeof(*acl->lens), GFP_KERNEL);
	if (!acl->lens)
		return -ENOMEM;

	ents = acl->ents;
	lens = acl->lens;
	for (d = 0; d < XVS_ACL_DIRS; d++) {
		struct xvs_acl_dirtab *t = &acl->tab[d];

		for (c = 0; c < XVS_ACL_CLASSES; c++) {
			const struct xvs_acl_class *ocl =
				old ? &old->tab[d].cl[c] : NULL;
			struct xvs_acl_class *cl = &t->cl[c];
			bool mine = xvs_acl_rule_in(r, d, c);

			for (s = 0; s < XVS_ACL_SIDES; s++) {
				bool here = mine && r->spec.local == s;

				cl->ents[s] = cl->n[s] ? ents : NULL;
				ents += cl->n[s];
				if (!cl->n[s])
					continue;
				xvs_acl_side(cl->ents[s], ocl ? ocl->ents[s] : NULL,
					     ocl ? ocl->n[s] : 0,
					     here ? skip : NULL,
					     here ? add : NULL);
			}
			cl->nlens = xvs_acl_lens(lens, ocl, mine ? r : NULL,
						 mine ? r->spec.local : 0,
						 add ? 1 : -1);
			cl->lens = lens;
			lens += cl->nlens;
		}

		/* The rule without an address that decides, if any. */
		t->any = old ? old->tab[d].any : NULL;
		if (r && r->spec.kind == XVS_ACL_ANY && xvs_acl_rule_sees(r, d)) {
			if (add && (!t->any || xvs_acl_beats(add, t->any)))
				t->any = add;
			if (skip && t->any == skip) {
				t->any = NULL;
				for (i = 0; i < acl->n; i++) {
					struct xvs_acl_rule *a = acl->rules[i];

					if (a->spec.kind == XVS_ACL_ANY &&
					    xvs_acl_rule_sees(a, d) &&
					    (!t->any || xvs_acl_beats(a, t->any)))
						t->any = a;
				}
			}
		}
		t->empty = !t->any;
		for (c = 0; c < XVS_ACL_CLASSES; c++)
			if (t->cl[c].nlens)
				t->empty = false;
	}
	return 0;
}

/* The table and, with @rules, the rules it is the last to have. */
static void xvs_acl_destroy(struct xvs_acl *acl, bool rules)
{
	unsigned int i;

	if (rules && acl->drop_all)
		for (i = 0; i < acl->n; i++)
			xvs_acl_rule_free(acl->rules[i]);
	else if (rules && acl->drop)
		xvs_acl_rule_free(acl->drop);
	kvfree(acl->lens);
	kvfree(acl->ents);
	kvfree(acl);
}

/*
 * A table with the rules of @old (if any) but @skip (if any), and @add
 * (if any) last. NULL when it has no rule.
 */
static struct xvs_acl *xvs_acl_build(const struct xvs_acl *old,
				     struct xvs_acl_rule *skip,
				     struct xvs_acl_rule *add)
{
	unsigned int n = 0, i, old_n = old ? old->n : 0;
	struct xvs_acl *acl;

	if (!add && old_n <= (skip ? 1 : 0))
		return NULL;
	acl = kvzalloc(struct_size(acl, rules, old_n + !!add), GFP_KERNEL);
	if (!acl)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < old_n; i++)
		if (old->rules[i] != skip)
			acl->rules[n++] = old->rules[i];
	if (add)
		acl->rules[n++] = add;
	acl->n = n;
	if (xvs_acl_compile(acl, old, skip, add)) {
		xvs_acl_destroy(acl, false);
		return ERR_PTR(-ENOMEM);
	}
	return acl;
}

static void xvs_acl_free_rcu(struct rcu_head *head)
{
	xvs_acl_destroy(container_of(head, struct xvs_acl, rcu), true);
}

/*
 * Put @acl in @slot and free the table it replaces after a grace period,
 * with the rule it has and @acl does not (@drop), or all its rules (@acl
 * NULL).
 */
static void xvs_acl_publish(struct xvs_acl __rcu **slot, struct xvs_acl *acl,
			    struct xvs_acl_rule *drop)
{
	struct xvs_acl *old = rtnl_dereference(*slot);

	rcu_assign_pointer(*slot, acl);
	if (!old)
		return;
	old->drop = drop;
	old->drop_all = !acl;
	call_rcu(&old->rcu, xvs_acl_free_rcu);
}

/*
 * The rule of @acl equal to @spec, or NULL: found by its prefix in a
 * direction it sees; a rule without an address by a look at each rule.
 */
static struct xvs_acl_rule *xvs_acl_find(const struct xvs_acl *acl,
					 const struct xvs_acl_spec *spec)
{
	const struct xvs_acl_class *cl;
	const struct xvs_acl_ent *e;
	struct xvs_acl_key k;
	unsigned int i, n;

	if (!acl)
		return NULL;
	if (spec->kind == XVS_ACL_ANY) {
		for (i = 0; i < acl->n; i++)
			if (xvs_acl_spec_equal(&acl->rules[i]->spec, spec))
				return acl->rules[i];
		return NULL;
	}
	cl = &acl->tab[spec->dir == XVS_ACL_DIR_OUT ? XVS_ACL_T_OUT :
		       XVS_ACL_T_IN].cl[xvs_acl_class_of(spec->kind)];
	e = cl->ents[spec->local];
	n = cl->n[spec->local];
	xvs_acl_spec_key(spec, &k);
	for (i = xvs_acl_lower(e, n, spec->plen, &k);
	     i < n && !xvs_acl_prefix_cmp(&e[i], spec->plen, &k); i++)
		if (xvs_acl_spec_equal(&e[i].own->spec, spec))
			return e[i].own;
	return NULL;
}

/* ---- the control path ---- */

/**
 * xvs_acl_spec_check() - is a rule well formed?
 * @spec: the rule; a MAC rule's @plen is set to 48
 * @extack: where to say what is wrong
 *
 * Checks the direction, the action, the prefix length against the
 * address's family and that the address has no bit set past it, and that
 * a rule without an address has no side.
 *
 * Return: 0, or -EINVAL with an extack message.
 */
int xvs_acl_spec_check(struct xvs_acl_spec *spec,
		       struct netlink_ext_ack *extack)
{
	struct xvs_acl_key k, masked;

	if (spec->dir < XVS_ACL_DIR_IN || spec->dir > XVS_ACL_DIR_MAX) {
		NL_SET_ERR_MSG(extack, "ACL direction must be in, out or both");
		return -EINVAL;
	}
	if (spec->action > XVS_ACL_ACTION_MAX) {
		NL_SET_ERR_MSG(extack, "ACL action must be allow, deny or meter");
		return -EINVAL;
	}
	switch (spec->kind) {
	case XVS_ACL_ANY:
		if (spec->local) {
			NL_SET_ERR_MSG(extack,
				       "A rule without an address matches every frame: it has no local or remote side");
			return -EINVAL;
		}
		if (spec->plen) {
			NL_SET_ERR_MSG(extack,
				       "A prefix length needs an IPv4 or IPv6 address");
			return -EINVAL;
		}
		return 0;
	case XVS_ACL_MAC:
		spec->plen = XVS_ACL_MAC_PLEN;
		return 0;
	case XVS_ACL_IPV4:
		if (spec->plen > 32) {
			NL_SET_ERR_MSG(extack,
				       "An IPv4 prefix is at most 32 bits long");
			return -EINVAL;
		}
		break;
	case XVS_ACL_IPV6:
		if (spec->plen > 128) {
			NL_SET_ERR_MSG(extack,
				       "An IPv6 prefix is at most 128 bits long");
			return -EINVAL;
		}
		break;
	default:
		NL_SET_ERR_MSG(extack, "Unknown kind of ACL address");
		return -EINVAL;
	}
	xvs_acl_spec_key(spec, &k);
	masked = k;
	xvs_acl_mask(&masked, spec->plen);
	if (!xvs_acl_key_cmp(&k, &masked))
		return 0;
	/* The prefix meant, for the message (6.1 says it without). */
	if (spec->kind == XVS_ACL_IPV4) {
		__be32 net __maybe_unused = cpu_to_be32(masked.hi >> 32);

		XVS_ERR_MSG_FMT(extack,
				"The address has host bits set: the bits past the prefix length must be zero",
				"Host bits set: the prefix is %pI4/%u", &net,
				spec->plen);
	} else {
		struct in6_addr net __maybe_unused;

		net.s6_addr32[0] = cpu_to_be32(masked.hi >> 32);
		net.s6_addr32[1] = cpu_to_be32(masked.hi);
		net.s6_addr32[2] = cpu_to_be32(masked.lo >> 32);
		net.s6_addr32[3] = cpu_to_be32(masked.lo);
		XVS_ERR_MSG_FMT(extack,
				"The address has host bits set: the bits past the prefix length must be zero",
				"Host bits set: the prefix is %pI6c/%u", &net,
				spec->plen);
	}
	return -EINVAL;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_spec_check, XVS_INTERNAL);

/**
 * xvs_acl_add() - add a rule to a port's table
 * @slot: where the port's table is published (&xvs_port.acl)
 * @spec: the rule, checked by xvs_acl_spec_check()
 * @extack: where to say why not
 *
 * Builds a new table with the rules there and @spec, publishes it and
 * frees the old one after a grace period. On failure the old table stays.
 *
 * Context: RTNL.
 * Return: 0, -EEXIST an equal rule is there, -ENOSPC the port has
 * %XVS_ACL_MAX_RULES rules, -ENOMEM.
 */
int xvs_acl_add(struct xvs_acl __rcu **slot, const struct xvs_acl_spec *spec,
		struct netlink_ext_ack *extack)
{
	struct xvs_acl *old = rtnl_dereference(*slot), *acl;
	struct xvs_acl_rule *rule;

	if (xvs_acl_find(old, spec)) {
		NL_SET_ERR_MSG(extack, "The port has this rule already");
		return -EEXIST;
	}
	if (old && old->n >= XVS_ACL_MAX_RULES) {
		NL_SET_ERR_MSG(extack,
			       "The port has the most ACL rules a port may have (4096)");
		return -ENOSPC;
	}
	rule = xvs_acl_rule_new(spec);
	if (!rule)
		return -ENOMEM;
	acl = xvs_acl_build(old, NULL, rule);
	if (IS_ERR(acl)) {
		xvs_acl_rule_free(rule);
		return PTR_ERR(acl);
	}
	xvs_acl_publish(slot, acl, NULL);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_add, XVS_INTERNAL);

/**
 * xvs_acl_del() - delete a rule from a port's table
 * @slot: where the port's table is published (&xvs_port.acl)
 * @spec: a rule equal to the one to delete
 * @extack: where to say why not
 *
 * Publishes a table without the rule (none when it was the last one); the
 * old table goes after a grace period. On failure it stays.
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such rule, -ENOMEM.
 */
int xvs_acl_del(struct xvs_acl __rcu **slot, const struct xvs_acl_spec *spec,
		struct netlink_ext_ack *extack)
{
	struct xvs_acl *old = rtnl_dereference(*slot), *acl;
	struct xvs_acl_rule *rule = xvs_acl_find(old, spec);

	if (!rule) {
		NL_SET_ERR_MSG(extack, "The port has no such rule");
		return -ENOENT;
	}
	acl = xvs_acl_build(old, rule, NULL);
	if (IS_ERR(acl))
		return PTR_ERR(acl);
	xvs_acl_publish(slot, acl, rule);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_del, XVS_INTERNAL);

/**
 * xvs_acl_flush() - delete every rule of a port
 * @slot: where the port's table is published (&xvs_port.acl)
 *
 * Context: RTNL.
 * Return: how many rules there were.
 */
unsigned int xvs_acl_flush(struct xvs_acl __rcu **slot)
{
	struct xvs_acl *old = rtnl_dereference(*slot);
	unsigned int n = old ? old->n : 0;

	xvs_acl_publish(slot, NULL, NULL);
	return n;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_flush, XVS_INTERNAL);

/**
 * xvs_acl_count() - the number of rules of a table
 * @acl: the table, or NULL
 *
 * Return: the number of rules.
 */
unsigned int xvs_acl_count(const struct xvs_acl *acl)
{
	return acl ? acl->n : 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_count, XVS_INTERNAL);

/**
 * xvs_acl_get() - one rule of a table and its counters
 * @acl: the table (not NULL)
 * @i: the rule's index, below xvs_acl_count(): rules are in the order
 *	they were added
 * @spec: where the rule goes
 * @c: where its counters go
 *
 * Context: RTNL, or RCU with @acl read under it.
 */
void xvs_acl_get(const struct xvs_acl *acl, unsigned int i,
		 struct xvs_acl_spec *spec, struct xvs_acl_counters *c)
{
	*spec = acl->rules[i]->spec;
	xvs_acl_rule_read(acl->rules[i], c);
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_get, XVS_INTERNAL);

/**
 * xvs_acl_free() - free a port's table when the port is freed
 * @acl: the table, or NULL
 *
 * Context: no reader can see it any more; any context but NMI.
 */
void xvs_acl_free(struct xvs_acl *acl)
{
	if (acl) {
		acl->drop_all = true;
		xvs_acl_destroy(acl, true);
	}
}
EXPORT_SYMBOL_NS_GPL(xvs_acl_free, XVS_INTERNAL);
