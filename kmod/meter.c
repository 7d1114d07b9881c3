// SPDX-License-Identifier: GPL-2.0
/*
 * Meters for the bandwidth and storm limits: token buckets kept as a
 * generic cell rate algorithm. A bucket is one 64-bit word, the
 * theoretical arrival time (TAT) of the next frame that conforms; a frame
 * conforms when the TAT is no further ahead of now than the bucket's
 * tolerance (its burst, as time), and then moves the TAT on by the
 * frame's cost (its size at the rate, as time). One cmpxchg per frame and
 * no lock; a frame that does not conform changes nothing.
 */

#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

#include "policy.h"

/* Fixed-point shift of a byte's cost in ns. */
#define XVS_METER_SHIFT	24

/**
 * xvs_meter_conform() - does a frame conform, and if so take its cost
 * @m: the bucket
 * @now: the time, ns (any monotonic clock; tests pass their own)
 * @cost: the frame's cost, ns
 * @tolerance: how far ahead of @now the TAT may be, ns: the burst
 *
 * Context: any; lockless.
 * Return: true when the frame conforms (its cost is taken).
 */
bool xvs_meter_conform(struct xvs_meter *m, u64 now, u64 cost,
		       u64 tolerance)
{
	s64 tat = atomic64_read(&m->tat);
	u64 start;

	do {
		start = max_t(u64, (u64)tat, now);
		if (start - now > tolerance)
			return false;
	} while (!atomic64_try_cmpxchg(&m->tat, &tat, (s64)(start + cost)));
	return true;
}
EXPORT_SYMBOL_NS_GPL(xvs_meter_conform, XVS_INTERNAL);

/**
 * xvs_meter_reset() - a full bucket
 * @m: the bucket
 *
 * Context: any.
 */
void xvs_meter_reset(struct xvs_meter *m)
{
	atomic64_set(&m->tat, 0);
}
EXPORT_SYMBOL_NS_GPL(xvs_meter_reset, XVS_INTERNAL);

/**
 * xvs_meter_byte_cost() - the cost of one byte at a rate
 * @rate: bits per second, > 0
 *
 * Return: ns per byte, fixed point (<< %XVS_METER_SHIFT).
 */
u64 xvs_meter_byte_cost(u64 rate)
{
	return div64_u64((u64)8 * NSEC_PER_SEC << XVS_METER_SHIFT, rate);
}
EXPORT_SYMBOL_NS_GPL(xvs_meter_byte_cost, XVS_INTERNAL);

/**
 * xvs_meter_rate_cost() - the cost of a frame at a rate
 * @ns_per_byte: from xvs_meter_byte_cost()
 * @len: the frame's length, bytes
 *
 * Return: ns.
 */
u64 xvs_meter_rate_cost(u64 ns_per_byte, unsigned int len)
{
	return mul_u64_u32_shr(ns_per_byte, len, XVS_METER_SHIFT);
}
EXPORT_SYMBOL_NS_GPL(xvs_meter_rate_cost, XVS_INTERNAL);
