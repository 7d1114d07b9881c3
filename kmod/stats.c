// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU traffic counters of ports and switches: the data path bumps its
 * own CPU's copy without locks; readers add up every CPU.
 */

#include <linux/export.h>
#include <net/genetlink.h>

#include "stats.h"

/**
 * xvs_stats_alloc() - zeroed per-CPU counters
 *
 * Return: the counters (free with free_percpu()), or NULL.
 */
struct xvs_pcpu_stats __percpu *xvs_stats_alloc(void)
{
	struct xvs_pcpu_stats __percpu *pcpu;
	int cpu;

	pcpu = alloc_percpu_gfp(struct xvs_pcpu_stats, GFP_KERNEL);
	if (!pcpu)
		return NULL;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(pcpu, cpu)->syncp);
	return pcpu;
}

/**
 * xvs_stats_read() - add up every CPU's counters
 * @pcpu: the counters
 * @sum: where the totals go
 */
void xvs_stats_read(struct xvs_pcpu_stats __percpu *pcpu,
		    struct xvs_stats *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct xvs_pcpu_stats *s = per_cpu_ptr(pcpu, cpu);
		struct xvs_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.rx_packets = u64_stats_read(&s->rx_packets);
			one.rx_bytes = u64_stats_read(&s->rx_bytes);
			one.tx_packets = u64_stats_read(&s->tx_packets);
			one.tx_bytes = u64_stats_read(&s->tx_bytes);
			one.forwarded = u64_stats_read(&s->forwarded);
			one.flooded = u64_stats_read(&s->flooded);
			one.rx_dropped = u64_stats_read(&s->rx_dropped);
			one.consumed = u64_stats_read(&s->consumed);
			for (i = 0; i < __XVS_DROP_MAX; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		sum->rx_packets += one.rx_packets;
		sum->rx_bytes += one.rx_bytes;
		sum->tx_packets += one.tx_packets;
		sum->tx_bytes += one.tx_bytes;
		sum->forwarded += one.forwarded;
		sum->flooded += one.flooded;
		sum->rx_dropped += one.rx_dropped;
		sum->consumed += one.consumed;
		for (i = 0; i < __XVS_DROP_MAX; i++)
			sum->drops[i] += one.drops[i];
	}
	for (i = 0; i < __XVS_DROP_MAX; i++)
		sum->tx_dropped += sum->drops[i];
	sum->tx_dropped -= sum->rx_dropped;
}
EXPORT_SYMBOL_NS_GPL(xvs_stats_read, XVS_INTERNAL);

/* The counter attribute of each drop reason. */
static const u16 xvs_drop_attr[] = {
	[XVS_DROP_NIC_NOT_CONNECTED] = XVS_STATS_DROP_NIC_NOT_CONNECTED,
	[XVS_DROP_LINK_DOWN] = XVS_STATS_DROP_LINK_DOWN,
	[XVS_DROP_NO_DESTINATION] = XVS_STATS_DROP_NO_DESTINATION,
	[XVS_DROP_MTU] = XVS_STATS_DROP_MTU,
	[XVS_DROP_LEARN_LIMIT] = XVS_STATS_DROP_LEARN_LIMIT,
	[XVS_DROP_INVALID_SOURCE] = XVS_STATS_DROP_INVALID_SOURCE,
	[XVS_DROP_NOMEM] = XVS_STATS_DROP_NOMEM,
	[XVS_DROP_TX_ERROR] = XVS_STATS_DROP_TX_ERROR,
	[XVS_DROP_LOOP] = XVS_STATS_DROP_LOOP,
	[XVS_DROP_EXTENSION] = XVS_STATS_DROP_EXTENSION,
	[XVS_DROP_VLAN] = XVS_STATS_DROP_VLAN,
	[XVS_DROP_SPOOF_GUARD] = XVS_STATS_DROP_SPOOF_GUARD,
	[XVS_DROP_DHCP_GUARD] = XVS_STATS_DROP_DHCP_GUARD,
	[XVS_DROP_ROUTER_GUARD] = XVS_STATS_DROP_ROUTER_GUARD,
	[XVS_DROP_ACL] = XVS_STATS_DROP_ACL,
	[XVS_DROP_RATE] = XVS_STATS_DROP_RATE,
	[XVS_DROP_STORM] = XVS_STATS_DROP_STORM,
	[XVS_DROP_ISOLATED] = XVS_STATS_DROP_ISOLATED,
};

/**
 * xvs_stats_fill() - put the counters into a message as a nest
 * @skb: the message
 * @attrtype: the nest's attribute type (%XVS_A_STATS)
 * @pcpu: the counters
 *
 * Return: 0 or -EMSGSIZE.
 */
int xvs_stats_fill(struct sk_buff *skb, int attrtype,
		   struct xvs_pcpu_stats __percpu *pcpu)
{
	struct xvs_stats s;
	struct nlattr *nest;
	int i;

	/* One counter attribute per drop reason, in the reasons' order. */
	BUILD_BUG_ON(ARRAY_SIZE(xvs_drop_attr) != __XVS_DROP_MAX);

	xvs_stats_read(pcpu, &s);
	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, XVS_STATS_RX_PACKETS, s.rx_packets, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_RX_BYTES, s.rx_bytes, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_TX_PACKETS, s.tx_packets, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_TX_BYTES, s.tx_bytes, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_FORWARDED, s.forwarded, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_FLOODED, s.flooded, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_RX_DROPPED, s.rx_dropped, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_TX_DROPPED, s.tx_dropped, XVS_STATS_PAD) ||
	    nla_put_u64_64bit(skb, XVS_STATS_CONSUMED, s.consumed, XVS_STATS_PAD))
		goto cancel;
	for (i = 0; i < __XVS_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, xvs_drop_attr[i],
				      s.drops[i], XVS_STATS_PAD))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}
