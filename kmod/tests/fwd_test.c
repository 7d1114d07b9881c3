// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the destination list of a frame's forwarding context. Destinations
 * are added once, never removed, and an exclusion is for good.
 */

#include <kunit/test.h>

#include "fwd.h"
#include "port.h"

static struct xvs_fwd_ctx *new_ctx(struct kunit *test, u32 src_id)
{
	struct xvs_fwd_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	xvs_fwd_init(ctx, NULL, NULL, src_id);
	return ctx;
}

static void add_and_count(struct kunit *test)
{
	struct xvs_fwd_ctx *ctx = new_ctx(test, 1);
	struct xvs_port p2 = { .id = 2 }, p3 = { .id = 3 };

	KUNIT_EXPECT_FALSE(test, ctx->trusted);
	KUNIT_EXPECT_EQ(test, xvs_fwd_count(ctx), 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p2, 2, 0), 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p3, 3, 0), 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_count(ctx), 2);
	KUNIT_EXPECT_PTR_EQ(test, ctx->dests[1].port, &p3);
	/* Once only. */
	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p2, 2, 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, xvs_fwd_count(ctx), 2);
}

static void no_hairpin(struct kunit *test)
{
	struct xvs_fwd_ctx *ctx = new_ctx(test, 1);
	struct xvs_port p1 = { .id = 1 };

	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p1, 1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ctx->ndests, 0);
}

static void exclusion_is_for_good(struct kunit *test)
{
	struct xvs_fwd_ctx *ctx = new_ctx(test, 1);
	struct xvs_port p2 = { .id = 2 }, p3 = { .id = 3 };

	xvs_fwd_add_dest(ctx, &p2, 2, 0);
	xvs_fwd_add_dest(ctx, &p3, 3, 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_exclude(ctx, 2, 0), 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_count(ctx), 1);
	KUNIT_EXPECT_TRUE(test, ctx->dests[0].excluded);
	/* Adding it back is refused: the destination is still listed. */
	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p2, 2, 0), -EEXIST);
	KUNIT_EXPECT_TRUE(test, ctx->dests[0].excluded);
	KUNIT_EXPECT_EQ(test, xvs_fwd_exclude(ctx, 2, 0), 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_exclude(ctx, 9, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, xvs_fwd_exclude(ctx, 3, 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, ctx->ndests, 2);
}

static void default_port_is_trusted(struct kunit *test)
{
	struct xvs_fwd_ctx *ctx = new_ctx(test, XVS_DEFAULT_PORT_ID);

	KUNIT_EXPECT_TRUE(test, ctx->trusted);
	KUNIT_EXPECT_EQ(test, ctx->src_port_id, XVS_DEFAULT_PORT_ID);
}

static void list_has_a_limit(struct kunit *test)
{
	struct xvs_fwd_ctx *ctx = new_ctx(test, 1);
	struct xvs_port p = { .id = 2 };
	int i, failed = 0;

	for (i = 0; i < XVS_FWD_MAX_DESTS; i++)
		failed += xvs_fwd_add_dest(ctx, &p, 2 + i, 0) != 0;
	KUNIT_EXPECT_EQ(test, failed, 0);
	KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest(ctx, &p, 100000, 0), -ENOSPC);
	KUNIT_EXPECT_EQ(test, xvs_fwd_count(ctx), XVS_FWD_MAX_DESTS);
}

static struct kunit_case xvs_fwd_cases[] = {
	KUNIT_CASE(add_and_count),
	KUNIT_CASE(no_hairpin),
	KUNIT_CASE(exclusion_is_for_good),
	KUNIT_CASE(default_port_is_trusted),
	KUNIT_CASE(list_has_a_limit),
	{}
};

static struct kunit_suite xvs_fwd_suite = {
	.name = "xvs_fwd",
	.test_cases = xvs_fwd_cases,
};

kunit_test_suite(xvs_fwd_suite);
