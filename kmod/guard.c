// SPDX-License-Identifier: GPL-2.0
/*
 * The security guards of a port, on the frames it sends: the MAC spoofing
 * guard (the source MAC must be the guest's), the DHCP guard (no DHCP or
 * DHCPv6 server messages) and the router guard (no router advertisements
 * or redirects, IPv6 or IPv4). Headers are read with skb_header_pointer(): nothing is
 * pulled, written or allocated.
 */

#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "policy.h"

#define XVS_DHCP_SERVER_PORT	67
#define XVS_DHCPV6_SERVER_PORT	547
/* ICMP router advertisement (RFC 1256); linux/icmp.h has no name for it. */
#define XVS_ICMP_ROUTER_ADVERT	9

/* The L4 protocol and offset of an IPv4 or IPv6 frame's first fragment. */
static bool xvs_guard_l4(const struct sk_buff *skb, int *l4off, u8 *proto,
			 bool *v6)
{
	int off = ETH_HLEN;
	__be16 type, _type;
	const __be16 *tp;

	tp = skb_header_pointer(skb, offsetof(struct ethhdr, h_proto),
				sizeof(_type), &_type);
	if (!tp)
		return false;
	type = *tp;
	/*
	 * Past every tag in the data (802.1Q or 802.1ad, stacked): a tag
	 * more must not hide a frame from the guards. Bounded by the frame.
	 */
	while (eth_type_vlan(type)) {
		tp = skb_header_pointer(skb, off + 2, sizeof(_type), &_type);
		if (!tp)
			return false;
		type = *tp;
		off += VLAN_HLEN;
	}

	if (type == htons(ETH_P_IP)) {
		struct iphdr _iph;
		const struct iphdr *iph;

		iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
		if (!iph || iph->ihl < 5 ||
		    (iph->frag_off & htons(IP_OFFSET)))
			return false;
		*l4off = off + iph->ihl * 4;
		*proto = iph->protocol;
		*v6 = false;
		return true;
	}
	if (type == htons(ETH_P_IPV6)) {
		struct ipv6hdr _ip6h;
		const struct ipv6hdr *ip6h;
		__be16 frag_off = 0;
		u8 nexthdr;
		int l4;

		ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
		if (!ip6h)
			return false;
		nexthdr = ip6h->nexthdr;
		l4 = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr,
				      &frag_off);
		if (l4 < 0 || (frag_off & htons(IP6_OFFSET)))
			return false;
		*l4off = l4;
		*proto = nexthdr;
		*v6 = true;
		return true;
	}
	return false;
}

/**
 * xvs_guard_check() - do a port's guards let a frame it sends through?
 * @pol: the port's policies
 * @skb: the frame, @skb->data at its Ethernet header
 *
 * Context: the data path.
 * Return: 0 to let it through, else the drop reason
 * (%XVS_DROP_SPOOF_GUARD, %XVS_DROP_DHCP_GUARD, %XVS_DROP_ROUTER_GUARD).
 */
int xvs_guard_check(const struct xvs_port_policy *pol,
		    const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	int l4off;
	bool v6;
	u8 proto;

	if (pol->spoof_guard && !ether_addr_equal(eth->h_source, pol->mac))
		return XVS_DROP_SPOOF_GUARD;
	if (!pol->dhcp_guard && !pol->router_guard)
		return 0;
	if (!xvs_guard_l4(skb, &l4off, &proto, &v6))
		return 0;

	if (pol->dhcp_guard && proto == IPPROTO_UDP) {
		struct udphdr _uh;
		const struct udphdr *uh;

		uh = skb_header_pointer(skb, l4off, sizeof(_uh), &_uh);
		if (uh && ntohs(uh->source) ==
		    (v6 ? XVS_DHCPV6_SERVER_PORT : XVS_DHCP_SERVER_PORT))
			return XVS_DROP_DHCP_GUARD;
	}
	if (pol->router_guard && (proto == IPPROTO_ICMPV6 ||
				  proto == IPPROTO_ICMP)) {
		u8 _type;
		const u8 *type;

		/* The type is the first byte of ICMP and ICMPv6 alike. */
		type = skb_header_pointer(skb, l4off, sizeof(_type), &_type);
		if (!type)
			return 0;
		if (v6 && proto == IPPROTO_ICMPV6 &&
		    (*type == NDISC_ROUTER_ADVERTISEMENT ||
		     *type == NDISC_REDIRECT))
			return XVS_DROP_ROUTER_GUARD;
		if (!v6 && proto == IPPROTO_ICMP &&
		    (*type == ICMP_REDIRECT || *type == XVS_ICMP_ROUTER_ADVERT))
			return XVS_DROP_ROUTER_GUARD;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_guard_check, XVS_INTERNAL);
