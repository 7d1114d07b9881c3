// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: custom property rules on a real switch: versions (an update keeps
 * the major and does not lower the minor, a delete names the version
 * exactly, -ESTALE otherwise, nothing changed) and required properties (a
 * port's NIC does not connect while the owner is not enabled). The owner
 * here is installed nowhere, so no extension is asked.
 *
 * Each case takes RTNL itself and only uses EXPECTs while holding it.
 */

#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "nic.h"
#include "port.h"
#include "property.h"
#include "switch.h"
#include "test_netdev.h"

#define KT_OWNER	"xvskt-owner"

struct xvs_prop_ctx {
	struct xvs_switch *sw;
	struct net_device *nic_dev;
};

static int xvs_prop_test_init(struct kunit *test)
{
	struct xvs_prop_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	rtnl_lock();
	ctx->sw = xvs_switch_create(&init_net, "xvsktprop0", NULL);
	if (!IS_ERR(ctx->sw))
		ctx->nic_dev = xvs_test_netdev("xvsktpn%d");
	rtnl_unlock();
	if (IS_ERR(ctx->sw) || !ctx->nic_dev) {
		KUNIT_FAIL(test, "test switch or netdev not created");
		return -ENODEV;
	}
	return 0;
}

static void xvs_prop_test_exit(struct kunit *test)
{
	struct xvs_prop_ctx *ctx = test->priv;

	if (!ctx || IS_ERR_OR_NULL(ctx->sw))
		return;
	rtnl_lock();
	if (ctx->nic_dev)
		unregister_netdevice(ctx->nic_dev);
	unregister_netdevice(ctx->sw->dev);
	rtnl_unlock();
	xvs_port_flush_releases();
}

static u32 version_of(struct xvs_switch *sw, struct xvs_port *port)
{
	struct xvs_prop *p = xvs_prop_find(sw, port, KT_OWNER, 1, 0);

	return p ? p->p.version : 0;
}

static void xvs_prop_test_versions(struct kunit *test)
{
	struct xvs_prop_ctx *ctx = test->priv;
	struct xvs_switch *sw = ctx->sw;
	struct xvs_property p = { .id = 1, .version = XVS_PROP_VERSION(1, 3) };
	struct netlink_ext_ack extack = {};
	static const u32 stale[] = {
		XVS_PROP_VERSION(1, 2), XVS_PROP_VERSION(2, 3),
		XVS_PROP_VERSION(0, 9), XVS_PROP_VERSION(2, 0),
	};
	unsigned int i;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_prop_add(sw, NULL, KT_OWNER, &p, false, NULL), 0);
	for (i = 0; i < ARRAY_SIZE(stale); i++) {
		p.version = stale[i];
		KUNIT_EXPECT_EQ(test, xvs_prop_update(sw, NULL, KT_OWNER, &p,
						      &extack), -ESTALE);
		KUNIT_EXPECT_NOT_NULL(test, extack._msg);
		KUNIT_EXPECT_EQ(test, version_of(sw, NULL), XVS_PROP_VERSION(1, 3));
	}
	p.version = XVS_PROP_VERSION(1, 3);
	KUNIT_EXPECT_EQ(test, xvs_prop_update(sw, NULL, KT_OWNER, &p, NULL), 0);
	p.version = XVS_PROP_VERSION(1, 7);
	KUNIT_EXPECT_EQ(test, xvs_prop_update(sw, NULL, KT_OWNER, &p, NULL), 0);
	KUNIT_EXPECT_EQ(test, version_of(sw, NULL), XVS_PROP_VERSION(1, 7));

	KUNIT_EXPECT_EQ(test, xvs_prop_delete(sw, NULL, KT_OWNER, 1, 0,
					      XVS_PROP_VERSION(1, 3), NULL),
			-ESTALE);
	KUNIT_EXPECT_EQ(test, xvs_prop_delete(sw, NULL, KT_OWNER, 1, 0,
					      XVS_PROP_VERSION(1, 8), NULL),
			-ESTALE);
	KUNIT_EXPECT_EQ(test, version_of(sw, NULL), XVS_PROP_VERSION(1, 7));
	KUNIT_EXPECT_EQ(test, xvs_prop_delete(sw, NULL, KT_OWNER, 1, 0,
					      XVS_PROP_VERSION(1, 7), NULL), 0);
	KUNIT_EXPECT_NULL(test, xvs_prop_find(sw, NULL, KT_OWNER, 1, 0));
	KUNIT_EXPECT_EQ(test, xvs_prop_delete(sw, NULL, KT_OWNER, 1, 0,
					      XVS_PROP_VERSION(1, 7), NULL),
			-ENOENT);
	rtnl_unlock();
}

static void xvs_prop_test_required(struct kunit *test)
{
	struct xvs_prop_ctx *ctx = test->priv;
	struct xvs_port_params params = { .name = "p1", .id = 1 };
	struct xvs_property p = { .id = 1, .version = XVS_PROP_VERSION(1, 0) };
	struct xvs_switch *sw = ctx->sw;
	struct netlink_ext_ack extack = {};
	struct xvs_port *port;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_prop_add(sw, NULL, KT_OWNER, &p, true, NULL),
			-EINVAL);
	port = xvs_port_create(sw, &params, NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(port));
	if (IS_ERR(port))
		goto out;
	KUNIT_EXPECT_EQ(test, xvs_prop_add(sw, port, KT_OWNER, &p, true, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_create(port, ctx->nic_dev, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_connect(port, &extack), -EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	if (extack._msg)
		KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, KT_OWNER));
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_NIC_CREATED);
	/* An update keeps it required. */
	p.version = XVS_PROP_VERSION(1, 1);
	KUNIT_EXPECT_EQ(test, xvs_prop_update(sw, port, KT_OWNER, &p, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_connect(port, NULL), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, xvs_prop_delete(sw, port, KT_OWNER, 1, 0,
					      XVS_PROP_VERSION(1, 1), NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_connect(port, NULL), 0);
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_NIC_CONNECTED);
	/* Connected: it cannot gain a requirement it would fail. */
	KUNIT_EXPECT_EQ(test, xvs_prop_add(sw, port, KT_OWNER, &p, true, NULL),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, xvs_prop_add(sw, port, KT_OWNER, &p, false, NULL), 0);
out:
	rtnl_unlock();
}

static struct kunit_case xvs_prop_cases[] = {
	KUNIT_CASE(xvs_prop_test_versions),
	KUNIT_CASE(xvs_prop_test_required),
	{}
};

static struct kunit_suite xvs_prop_suite = {
	.name = "xvs_prop",
	.init = xvs_prop_test_init,
	.exit = xvs_prop_test_exit,
	.test_cases = xvs_prop_cases,
};

kunit_test_suites(&xvs_prop_suite);
