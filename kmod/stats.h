/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_STATS_H
#define _XVS_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/xvs.h>

struct sk_buff;

/**
 * struct xvs_pcpu_stats - one CPU's traffic counters of a port or a switch
 * @rx_packets: frames that entered the switch
 * @rx_bytes: their bytes
 * @tx_packets: frames the switch sent
 * @tx_bytes: their bytes
 * @forwarded: entering frames sent to one FDB-chosen destination
 * @flooded: entering frames sent to every other connected port
 * @drops: drops by &enum xvs_drop_reason
 * @rx_dropped: how many of @drops happened before any destination
 * @consumed: entering frames an extension took over
 * @syncp: lets 32-bit readers see consistent 64-bit values
 *
 * Written only by the CPU that owns it, with BH disabled (the data path).
 */
struct xvs_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t forwarded;
	u64_stats_t flooded;
	u64_stats_t rx_dropped;
	u64_stats_t consumed;
	u64_stats_t drops[__XVS_DROP_MAX];
	struct u64_stats_sync syncp;
};

/**
 * struct xvs_stats - counters summed over every CPU
 * @rx_packets: see &struct xvs_pcpu_stats
 * @rx_bytes: ditto
 * @tx_packets: ditto
 * @tx_bytes: ditto
 * @forwarded: ditto
 * @flooded: ditto
 * @rx_dropped: ditto
 * @tx_dropped: drops after a destination was chosen
 * @consumed: ditto
 * @drops: ditto
 */
struct xvs_stats {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 forwarded;
	u64 flooded;
	u64 rx_dropped;
	u64 tx_dropped;
	u64 consumed;
	u64 drops[__XVS_DROP_MAX];
};

static inline void xvs_stats_rx(struct xvs_pcpu_stats __percpu *pcpu,
				unsigned int len)
{
	struct xvs_pcpu_stats *s = this_cpu_ptr(pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

static inline void xvs_stats_tx(struct xvs_pcpu_stats __percpu *pcpu,
				unsigned int len)
{
	struct xvs_pcpu_stats *s = this_cpu_ptr(pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_packets);
	u64_stats_add(&s->tx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

/* @flooded: the frame went to every other port, not to one. */
static inline void xvs_stats_sent(struct xvs_pcpu_stats __percpu *pcpu,
				  bool flooded)
{
	struct xvs_pcpu_stats *s = this_cpu_ptr(pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(flooded ? &s->flooded : &s->forwarded);
	u64_stats_update_end(&s->syncp);
}

/* An extension took an entering frame over. */
static inline void xvs_stats_consumed(struct xvs_pcpu_stats __percpu *pcpu)
{
	struct xvs_pcpu_stats *s = this_cpu_ptr(pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->consumed);
	u64_stats_update_end(&s->syncp);
}

/* @on_entry: before any destination was chosen (an rx drop). */
static inline void xvs_stats_drop(struct xvs_pcpu_stats __percpu *pcpu,
				  enum xvs_drop_reason reason, bool on_entry)
{
	struct xvs_pcpu_stats *s = this_cpu_ptr(pcpu);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	if (on_entry)
		u64_stats_inc(&s->rx_dropped);
	u64_stats_update_end(&s->syncp);
}

struct xvs_pcpu_stats __percpu *xvs_stats_alloc(void);
void xvs_stats_read(struct xvs_pcpu_stats __percpu *pcpu,
		    struct xvs_stats *sum);
int xvs_stats_fill(struct sk_buff *skb, int attrtype,
		   struct xvs_pcpu_stats __percpu *pcpu);

#endif /* _XVS_STATS_H */
