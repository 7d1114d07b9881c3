// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the forwarding database on its own. Ports are only compared by
 * address here, so plain zeroed structs stand in for them.
 */

#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>

#include "fdb.h"
#include "port.h"

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };

struct fdb_test_ctx {
	struct xvs_fdb fdb;
	struct xvs_port p1, p2;
};

static int fdb_test_init(struct kunit *test)
{
	struct fdb_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->p1.id = 1;
	ctx->p2.id = 2;
	test->priv = ctx;
	return xvs_fdb_init(&ctx->fdb);
}

static void fdb_test_exit(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	xvs_fdb_destroy(&ctx->fdb);
}

/* The data path's calling context: RCU, BH disabled. */
static int learn(struct xvs_fdb *fdb, const u8 *mac, struct xvs_port *port)
{
	int err;

	local_bh_disable();
	rcu_read_lock();
	err = xvs_fdb_learn(fdb, mac, 0, port);
	rcu_read_unlock();
	local_bh_enable();
	return err;
}

/* The port @mac is looked up to, or NULL. */
static struct xvs_port *port_of(struct xvs_fdb *fdb, const u8 *mac)
{
	struct xvs_fdb_entry *e;
	struct xvs_port *port;

	rcu_read_lock();
	e = xvs_fdb_lookup(fdb, mac, 0);
	port = e ? READ_ONCE(e->port) : NULL;
	rcu_read_unlock();
	return port;
}

static void learn_then_look_up(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), NULL);
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p1), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), &ctx->p1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1);
	/* Learning it again changes nothing. */
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1);
	/* Another VLAN is another entry. */
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, xvs_fdb_lookup(&ctx->fdb, mac_a, 5), NULL);
	rcu_read_unlock();
}

static void learned_mac_moves(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	learn(&ctx->fdb, mac_a, &ctx->p1);
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p2), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), &ctx->p2);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1);
}

static void static_entry_never_moves(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	learn(&ctx->fdb, mac_a, &ctx->p2);
	KUNIT_EXPECT_EQ(test, xvs_fdb_add_static(&ctx->fdb, mac_a, 0, &ctx->p1,
						 NULL), 0);
	/* The learned entry became static: no longer counted as learned. */
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 0);
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p2), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), &ctx->p1);
}

static void static_entry_needs_unicast_mac(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 zero[ETH_ALEN];

	KUNIT_EXPECT_EQ(test, xvs_fdb_add_static(&ctx->fdb, bcast, 0, &ctx->p1,
						 NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, xvs_fdb_add_static(&ctx->fdb, zero, 0, &ctx->p1,
						 NULL), -EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, bcast), NULL);
}

static void delete_entries(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, xvs_fdb_del(&ctx->fdb, mac_a, 0, NULL), -ENOENT);
	learn(&ctx->fdb, mac_a, &ctx->p1);
	xvs_fdb_add_static(&ctx->fdb, mac_b, 0, &ctx->p1, NULL);
	KUNIT_EXPECT_EQ(test, xvs_fdb_del(&ctx->fdb, mac_a, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_fdb_del(&ctx->fdb, mac_b, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_fdb_del(&ctx->fdb, mac_a, 0, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 0);
}

static void learning_limit(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	ctx->fdb.limit = 2;
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p1), 0);
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_b, &ctx->p1), 0);
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_c, &ctx->p1), -ENOSPC);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_c), NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 2);
	/* Known addresses still refresh and move at the limit. */
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_a, &ctx->p2), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), &ctx->p2);
	/* Static entries do not count against it. */
	KUNIT_EXPECT_EQ(test, xvs_fdb_add_static(&ctx->fdb, mac_c, 0, &ctx->p1,
						 NULL), 0);
	/* A freed slot can be learned again; no limit means none. */
	xvs_fdb_del(&ctx->fdb, mac_b, 0, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1);
	ctx->fdb.limit = 0;
	KUNIT_EXPECT_EQ(test, learn(&ctx->fdb, mac_b, &ctx->p1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 2);
}

/* Make @mac look idle for @secs seconds. */
static void make_idle(struct xvs_fdb *fdb, const u8 *mac, unsigned int secs)
{
	struct xvs_fdb_entry *e;

	rcu_read_lock();
	e = xvs_fdb_lookup(fdb, mac, 0);
	if (e)
		WRITE_ONCE(e->updated, jiffies - secs * HZ);
	rcu_read_unlock();
}

static void ageing_forgets_idle_learned_entries(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	xvs_fdb_set_ageing(&ctx->fdb, 10);
	learn(&ctx->fdb, mac_a, &ctx->p1);
	learn(&ctx->fdb, mac_b, &ctx->p1);
	xvs_fdb_add_static(&ctx->fdb, mac_c, 0, &ctx->p1, NULL);
	make_idle(&ctx->fdb, mac_a, 60);
	make_idle(&ctx->fdb, mac_c, 60);
	KUNIT_EXPECT_EQ(test, xvs_fdb_age(&ctx->fdb, jiffies), 1);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), NULL);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_b), &ctx->p1);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_c), &ctx->p1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1);
	/* Ageing 0: learned entries live for ever. */
	xvs_fdb_set_ageing(&ctx->fdb, 0);
	make_idle(&ctx->fdb, mac_b, 1000000);
	KUNIT_EXPECT_EQ(test, xvs_fdb_age(&ctx->fdb, jiffies), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_b), &ctx->p1);
}

static void flush_by_port_and_kind(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;

	learn(&ctx->fdb, mac_a, &ctx->p1);
	learn(&ctx->fdb, mac_b, &ctx->p2);
	xvs_fdb_add_static(&ctx->fdb, mac_c, 0, &ctx->p1, NULL);
	KUNIT_EXPECT_EQ(test, xvs_fdb_flush(&ctx->fdb, &ctx->p1, false), 1);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_a), NULL);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_b), &ctx->p2);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_c), &ctx->p1);
	KUNIT_EXPECT_EQ(test, xvs_fdb_flush(&ctx->fdb, &ctx->p1, true), 1);
	KUNIT_EXPECT_PTR_EQ(test, port_of(&ctx->fdb, mac_c), NULL);
	KUNIT_EXPECT_EQ(test, xvs_fdb_flush(&ctx->fdb, NULL, true), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 0);
}

static int count_one(struct xvs_fdb_entry *e, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void many_entries(struct kunit *test)
{
	struct fdb_test_ctx *ctx = test->priv;
	u8 mac[ETH_ALEN] = { 0x02, 0x11, 0, 0, 0, 0 };
	int i, n = 0, failed = 0;

	/* Enough to make the table grow (and shrink back on flush). */
	for (i = 0; i < 2000; i++) {
		mac[4] = i >> 8;
		mac[5] = i & 0xff;
		failed += learn(&ctx->fdb, mac, i & 1 ? &ctx->p1 : &ctx->p2) != 0;
	}
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 2000);
	xvs_fdb_for_each(&ctx->fdb, 0, count_one, &n);
	KUNIT_EXPECT_EQ(test, n, 2000);
	KUNIT_EXPECT_EQ(test, xvs_fdb_flush(&ctx->fdb, &ctx->p1, false), 1000);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->fdb.learned), 1000);
}

static struct kunit_case xvs_fdb_cases[] = {
	KUNIT_CASE(learn_then_look_up),
	KUNIT_CASE(learned_mac_moves),
	KUNIT_CASE(static_entry_never_moves),
	KUNIT_CASE(static_entry_needs_unicast_mac),
	KUNIT_CASE(delete_entries),
	KUNIT_CASE(learning_limit),
	KUNIT_CASE(ageing_forgets_idle_learned_entries),
	KUNIT_CASE(flush_by_port_and_kind),
	KUNIT_CASE(many_entries),
	{}
};

static struct kunit_suite xvs_fdb_suite = {
	.name = "xvs_fdb",
	.init = fdb_test_init,
	.exit = fdb_test_exit,
	.test_cases = xvs_fdb_cases,
};

kunit_test_suite(xvs_fdb_suite);
