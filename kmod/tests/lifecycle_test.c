// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of xvs, in a module of their own (xvs_kunit.ko) that runs
 * them when loaded on any kernel with KUnit.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/netlink.h>

#include "lifecycle.h"

#define Y true
#define N false

/* SPEC section 3, row by row; columns in enum xvs_op order. */
static const bool spec_table[__XVS_STATE_MAX][__XVS_OP_COUNT] = {
	/*			   refP refN coreP extP coreN extN coreT extT */
	[XVS_STATE_NONE]	     = { N, N, N, N, N, N, N, N },
	[XVS_STATE_PORT_CREATED]     = { Y, N, Y, Y, N, N, N, N },
	[XVS_STATE_NIC_CREATED]      = { Y, N, Y, Y, Y, N, Y, N },
	[XVS_STATE_NIC_CONNECTED]    = { Y, Y, Y, Y, Y, Y, Y, Y },
	[XVS_STATE_NIC_DISCONNECTED] = { Y, N, Y, Y, Y, N, Y, N },
	[XVS_STATE_NIC_DELETED]      = { Y, N, Y, Y, N, N, N, N },
	[XVS_STATE_PORT_TEARDOWN]    = { N, N, Y, N, N, N, N, N },
};

#undef Y
#undef N

static void lifecycle_table_matches_spec(struct kunit *test)
{
	int s, o;

	for (s = 0; s < __XVS_STATE_MAX; s++)
		for (o = 0; o < __XVS_OP_COUNT; o++)
			KUNIT_EXPECT_EQ_MSG(test, xvs_lifecycle_permits(s, o),
					    spec_table[s][o], "state %s op %s",
					    xvs_state_name(s), xvs_op_name(o));
}

static void lifecycle_errnos(struct kunit *test)
{
	struct netlink_ext_ack extack = {};

	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_NONE,
						  XVS_OP_CORE_PORT, &extack),
			-ENOENT);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Port does not exist");
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_PORT_TEARDOWN,
						  XVS_OP_REF_PORT, NULL),
			-ESHUTDOWN);
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_PORT_CREATED,
						  XVS_OP_CORE_NIC, NULL),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_NIC_DELETED,
						  XVS_OP_REF_NIC, NULL),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_NIC_DISCONNECTED,
						  XVS_OP_EXT_TRAFFIC, NULL),
			-ENOTCONN);
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(XVS_STATE_NIC_CONNECTED,
						  XVS_OP_EXT_TRAFFIC, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_lifecycle_check(__XVS_STATE_MAX,
						  XVS_OP_CORE_PORT, NULL),
			-EINVAL);
	KUNIT_EXPECT_FALSE(test, xvs_lifecycle_permits(XVS_STATE_NIC_CONNECTED,
						       __XVS_OP_COUNT));
}

static struct kunit_case xvs_lifecycle_cases[] = {
	KUNIT_CASE(lifecycle_table_matches_spec),
	KUNIT_CASE(lifecycle_errnos),
	{}
};

static struct kunit_suite xvs_lifecycle_suite = {
	.name = "xvs_lifecycle",
	.test_cases = xvs_lifecycle_cases,
};

kunit_test_suites(&xvs_lifecycle_suite);
