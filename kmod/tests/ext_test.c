// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the extension framework on a live switch. Test extensions (one
 * capture, two filters, two forwarding) record every call into a log, so
 * each case checks the order calls arrive in: stack order, replay at
 * enable, veto and undo, the one-forwarding rule, reordering, injection's
 * source rules, the module pin, and detach.
 *
 * Each case takes RTNL itself and only uses EXPECTs while holding it.
 */

#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "ext.h"
#include "fwd.h"
#include "nic.h"
#include "port.h"
#include "stats.h"
#include "switch.h"
#include "test_netdev.h"

#define KT_LOG_MAX	64

/* "ext:what" entries, in call order (RTNL). */
static const char *kt_log[KT_LOG_MAX];
static char kt_log_buf[KT_LOG_MAX][48];
static unsigned int kt_nlog;
/* The extension whose PORT_CREATE / NIC_CREATE / attach fails, or NULL. */
static const char *kt_veto_port, *kt_veto_nic, *kt_fail_attach;

static void kt_log_add(struct xvs_ext_instance *inst, const char *what)
{
	if (kt_nlog >= KT_LOG_MAX)
		return;
	snprintf(kt_log_buf[kt_nlog], sizeof(kt_log_buf[0]), "%s:%s",
		 inst->ext->name, what);
	kt_log[kt_nlog] = kt_log_buf[kt_nlog];
	kt_nlog++;
}

static void kt_log_reset(void)
{
	kt_nlog = 0;
	kt_veto_port = NULL;
	kt_veto_nic = NULL;
	kt_fail_attach = NULL;
}

static const char *const kt_event_names[] = {
	[XVS_EVENT_PORT_CREATE] = "port_create",
	[XVS_EVENT_PORT_UPDATE] = "port_update",
	[XVS_EVENT_PORT_TEARDOWN] = "port_teardown",
	[XVS_EVENT_PORT_DELETE] = "port_delete",
	[XVS_EVENT_NIC_CREATE] = "nic_create",
	[XVS_EVENT_NIC_CONNECT] = "nic_connect",
	[XVS_EVENT_NIC_UPDATE] = "nic_update",
	[XVS_EVENT_NIC_DISCONNECT] = "nic_disconnect",
	[XVS_EVENT_NIC_DELETE] = "nic_delete",
};

static int kt_attach(struct xvs_ext_instance *inst,
		     struct netlink_ext_ack *extack)
{
	kt_log_add(inst, "attach");
	if (kt_fail_attach && !strcmp(kt_fail_attach, inst->ext->name)) {
		NL_SET_ERR_MSG(extack, "test attach failure");
		return -EIO;
	}
	return 0;
}

static void kt_detach(struct xvs_ext_instance *inst)
{
	kt_log_add(inst, "detach");
}

static int kt_port_event(struct xvs_ext_instance *inst, struct xvs_port *port,
			 enum xvs_event event, struct netlink_ext_ack *extack)
{
	const char *name = inst->ext->name;
	const char *what = "?";

	if (event < ARRAY_SIZE(kt_event_names) && kt_event_names[event])
		what = kt_event_names[event];
	kt_log_add(inst, what);
	if (event == XVS_EVENT_PORT_CREATE && kt_veto_port &&
	    !strcmp(kt_veto_port, name)) {
		NL_SET_ERR_MSG(extack, "no ports today");
		return -EACCES;
	}
	if (event == XVS_EVENT_NIC_CREATE && kt_veto_nic &&
	    !strcmp(kt_veto_nic, name)) {
		NL_SET_ERR_MSG(extack, "no NICs today");
		return -EPERM;
	}
	return 0;
}

static enum xvs_ext_verdict kt_ingress(struct xvs_ext_instance *inst,
				       struct sk_buff *skb,
				       struct xvs_fwd_ctx *ctx)
{
	return XVS_EXT_PASS;
}

static const struct xvs_ext_ops kt_ops = {
	.attach = kt_attach,
	.detach = kt_detach,
	.port_event = kt_port_event,
	.ingress = kt_ingress,
};

/* Only events: no data path hook at all. */
static const struct xvs_ext_ops kt_events_only_ops = {
	.port_event = kt_port_event,
};

static struct xvs_extension kt_cap = {
	.name = "kt_cap", .type = XVS_EXT_CAPTURE, .ops = &kt_ops,
};

static struct xvs_extension kt_f1 = {
	.name = "kt_f1", .type = XVS_EXT_FILTER, .ops = &kt_ops,
};

static struct xvs_extension kt_f2 = {
	.name = "kt_f2", .type = XVS_EXT_FILTER, .ops = &kt_events_only_ops,
};

static struct xvs_extension kt_fwd = {
	.name = "kt_fwd", .type = XVS_EXT_FORWARDING, .ops = &kt_ops,
};

static struct xvs_extension kt_fwd2 = {
	.name = "kt_fwd2", .type = XVS_EXT_FORWARDING, .ops = &kt_ops,
};

static struct xvs_extension *const kt_exts[] = {
	&kt_cap, &kt_f1, &kt_f2, &kt_fwd, &kt_fwd2,
};

struct kt_ctx {
	struct xvs_switch *sw;
	struct net_device *nic_dev;
};

static int kt_suite_init(struct kunit_suite *suite)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(kt_exts); i++) {
		kt_exts[i]->owner = THIS_MODULE;
		err = xvs_extension_register(kt_exts[i]);
		if (err) {
			while (i-- > 0)
				xvs_extension_unregister(kt_exts[i]);
			return err;
		}
	}
	return 0;
}

static void kt_suite_exit(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kt_exts); i++)
		xvs_extension_unregister(kt_exts[i]);
}

static int kt_init(struct kunit *test)
{
	struct kt_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	kt_log_reset();
	rtnl_lock();
	ctx->sw = xvs_switch_create(&init_net, "xvsktext0", NULL);
	if (!IS_ERR(ctx->sw)) {
		ctx->nic_dev = xvs_test_netdev("xvsktnx%d");
		if (ctx->nic_dev)
			dev_open(ctx->nic_dev, NULL);
	}
	rtnl_unlock();
	if (IS_ERR(ctx->sw) || !ctx->nic_dev) {
		KUNIT_FAIL(test, "test switch or netdev not created");
		return -ENODEV;
	}
	return 0;
}

static void kt_exit(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;

	if (!ctx || IS_ERR_OR_NULL(ctx->sw))
		return;
	rtnl_lock();
	if (ctx->nic_dev)
		unregister_netdevice(ctx->nic_dev);
	unregister_netdevice(ctx->sw->dev);
	rtnl_unlock();
	xvs_port_flush_releases();
}

static struct xvs_port *kt_port(struct kunit *test, const char *name,
				struct netlink_ext_ack *extack)
{
	struct kt_ctx *ctx = test->priv;
	struct xvs_port_params params = { .name = name };

	return xvs_port_create(ctx->sw, &params, extack);
}

/* The log from entry @from on must be exactly @want (NULL-terminated). */
#define KT_EXPECT_LOG(test, from, ...) do {				\
	static const char *const __want[] = { __VA_ARGS__, NULL };	\
	struct kunit *__t = (test);					\
	unsigned int __i, __from = (from);				\
									\
	for (__i = 0; __want[__i]; __i++) {				\
		KUNIT_EXPECT_LT(__t, __from + __i, kt_nlog);		\
		if (__from + __i >= kt_nlog)				\
			break;						\
		KUNIT_EXPECT_STREQ(__t, kt_log[__from + __i], __want[__i]); \
	}								\
	KUNIT_EXPECT_EQ(__t, kt_nlog, __from + __i);			\
} while (0)

/* Events reach the extensions in stack order, whatever the enable order. */
static void xvs_ext_test_stack_order(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	const struct xvs_ext_chain *chain;
	struct xvs_port *port;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f1", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_cap", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f2", NULL), 0);
	KT_EXPECT_LOG(test, 0, "kt_fwd:attach", "kt_f1:attach", "kt_cap:attach");
	kt_nlog = 0;
	port = kt_port(test, "p1", NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(port));
	KT_EXPECT_LOG(test, 0, "kt_cap:port_create", "kt_f1:port_create",
		      "kt_f2:port_create", "kt_fwd:port_create");

	chain = rtnl_dereference(ctx->sw->ext_chain);
	KUNIT_EXPECT_EQ(test, chain->n, 4);
	/* kt_f2 has no data path hook: not in the ingress list. */
	KUNIT_EXPECT_EQ(test, chain->ningress, 3);
	KUNIT_EXPECT_EQ(test, chain->negress, 0);
	KUNIT_EXPECT_TRUE(test, chain->forwarding);
	KUNIT_EXPECT_PTR_EQ(test, chain->ingress[0]->ext, &kt_cap);
	KUNIT_EXPECT_PTR_EQ(test, chain->ingress[2]->ext, &kt_fwd);

	/* Reorder inside the filter class; classes keep their order. */
	{
		const char *const names[] = { "kt_f2", "kt_fwd" };

		KUNIT_EXPECT_EQ(test, xvs_ext_reorder(ctx->sw, names, 2, NULL), 0);
	}
	kt_nlog = 0;
	KUNIT_EXPECT_EQ(test, xvs_port_set_friendly_name(port, "x", NULL), 0);
	KT_EXPECT_LOG(test, 0, "kt_cap:port_update", "kt_f2:port_update",
		      "kt_f1:port_update", "kt_fwd:port_update");
	KUNIT_EXPECT_EQ(test,
			xvs_ext_position(ctx->sw,
					 xvs_ext_instance_of(ctx->sw, &kt_f2)),
			1);
	{
		const char *const twice[] = { "kt_f1", "kt_f1" };
		const char *const absent[] = { "kt_fwd2" };

		KUNIT_EXPECT_EQ(test, xvs_ext_reorder(ctx->sw, twice, 2, NULL),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, xvs_ext_reorder(ctx->sw, absent, 1, NULL),
				-ENOENT);
	}
	rtnl_unlock();
}

/*
 * A veto: the port is not made; the extensions that said yes get the undo
 * event, in reverse order.
 */
static void xvs_ext_test_veto(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	struct netlink_ext_ack extack = {};
	struct xvs_port *port;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_cap", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f1", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd", NULL), 0);
	kt_nlog = 0;
	kt_veto_port = "kt_f1";
	port = kt_port(test, "vetoed", &extack);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(port), -EACCES);
	KUNIT_EXPECT_STREQ(test, extack._msg ?: "",
			   "vetoed by kt_f1: no ports today");
	KT_EXPECT_LOG(test, 0, "kt_cap:port_create", "kt_f1:port_create",
		      "kt_cap:port_delete");
	KUNIT_EXPECT_TRUE(test, IS_ERR(xvs_port_find(ctx->sw, 0, "vetoed",
						     NULL)));
	KUNIT_EXPECT_EQ(test, ctx->sw->nports, 0);

	/* A NIC veto leaves the port as it was and the netdev free. */
	kt_veto_port = NULL;
	port = kt_port(test, "p1", NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(port));
	if (!IS_ERR(port)) {
		kt_veto_nic = "kt_fwd";
		kt_nlog = 0;
		memset(&extack, 0, sizeof(extack));
		KUNIT_EXPECT_EQ(test, xvs_nic_create(port, ctx->nic_dev, &extack),
				-EPERM);
		KUNIT_EXPECT_STREQ(test, extack._msg ?: "",
				   "vetoed by kt_fwd: no NICs today");
		KT_EXPECT_LOG(test, 0, "kt_cap:nic_create", "kt_f1:nic_create",
			      "kt_fwd:nic_create", "kt_f1:nic_delete",
			      "kt_cap:nic_delete");
		KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_PORT_CREATED);
		KUNIT_EXPECT_NULL(test, port->nic);
		KUNIT_EXPECT_NULL(test, rtnl_dereference(ctx->nic_dev->rx_handler));
		KUNIT_EXPECT_NULL(test, netdev_master_upper_dev_get(ctx->nic_dev));
		/* Without the veto it works. */
		kt_veto_nic = NULL;
		KUNIT_EXPECT_EQ(test, xvs_nic_create(port, ctx->nic_dev, NULL), 0);
	}
	rtnl_unlock();
}

/* At most one forwarding extension; enabling twice; unknown names. */
static void xvs_ext_test_enable_rules(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	struct netlink_ext_ack extack = {};

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd2", &extack),
			-EBUSY);
	KUNIT_EXPECT_STREQ(test, extack._msg ?: "",
			   "Switch already has forwarding extension kt_fwd enabled (at most one)");
	KUNIT_EXPECT_NULL(test, xvs_ext_instance_of(ctx->sw, &kt_fwd2));
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd", NULL),
			-EALREADY);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_nope", NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, xvs_ext_disable(ctx->sw, "kt_f1", NULL),
			-ENOENT);
	/* After disabling the first, the second forwarding one may come. */
	KUNIT_EXPECT_EQ(test, xvs_ext_disable(ctx->sw, "kt_fwd", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_fwd2", NULL), 0);

	/* A failing attach leaves nothing enabled. */
	kt_fail_attach = "kt_f1";
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f1", NULL), -EIO);
	KUNIT_EXPECT_NULL(test, xvs_ext_instance_of(ctx->sw, &kt_f1));
	KUNIT_EXPECT_EQ(test, kt_f1.nswitches, 0);
	rtnl_unlock();
}

/* Enabling on a live switch replays each port's state; disable detaches. */
static void xvs_ext_test_replay_and_detach(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	struct xvs_port *p1, *p2;
	unsigned int refs;

	rtnl_lock();
	p1 = kt_port(test, "p1", NULL);
	p2 = kt_port(test, "p2", NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(p1) || IS_ERR(p2));
	if (!IS_ERR(p2)) {
		KUNIT_EXPECT_EQ(test, xvs_nic_create(p2, ctx->nic_dev, NULL), 0);
		KUNIT_EXPECT_EQ(test, xvs_nic_connect(p2, NULL), 0);
	}
	refs = module_refcount(THIS_MODULE);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_cap", NULL), 0);
	/* An enabled extension pins its module. */
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs + 1);
	KT_EXPECT_LOG(test, 0, "kt_cap:attach", "kt_cap:port_create",
		      "kt_cap:port_create", "kt_cap:nic_create",
		      "kt_cap:nic_connect");

	/* A veto while replaying fails the enable. */
	kt_veto_nic = "kt_f1";
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f1", NULL), -EPERM);
	KUNIT_EXPECT_NULL(test, xvs_ext_instance_of(ctx->sw, &kt_f1));
	kt_veto_nic = NULL;

	kt_nlog = 0;
	KUNIT_EXPECT_EQ(test, xvs_ext_disable(ctx->sw, "kt_cap", NULL), 0);
	KT_EXPECT_LOG(test, 0, "kt_cap:detach");
	KUNIT_EXPECT_EQ(test, module_refcount(THIS_MODULE), refs);
	KUNIT_EXPECT_NULL(test, rtnl_dereference(ctx->sw->ext_chain));
	/* Disabled: no more events. */
	KUNIT_EXPECT_EQ(test, xvs_nic_disconnect(p2, NULL), 0);
	KUNIT_EXPECT_EQ(test, kt_nlog, 1);
	rtnl_unlock();
}

/* Injection: who may inject, from which port. */
static void xvs_ext_test_inject(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	struct xvs_ext_instance *inst;
	struct xvs_port *p1, *p2;
	struct xvs_stats before, after;
	struct sk_buff *skb;

	rtnl_lock();
	p1 = kt_port(test, "p1", NULL);
	p2 = kt_port(test, "p2", NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(p1) || IS_ERR(p2));
	if (IS_ERR(p1) || IS_ERR(p2))
		goto out;
	KUNIT_EXPECT_EQ(test, xvs_nic_create(p2, ctx->nic_dev, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_cap", NULL), 0);
	inst = xvs_ext_instance_of(ctx->sw, &kt_cap);
	KUNIT_EXPECT_NOT_NULL(test, inst);
	if (!inst)
		goto out;

#define KT_FRAME() ({							\
	struct sk_buff *__s = alloc_skb(64, GFP_KERNEL);		\
	if (__s) {							\
		struct ethhdr *__e = skb_put_zero(__s, 60);		\
		eth_broadcast_addr(__e->h_dest);			\
		eth_random_addr(__e->h_source);				\
		__e->h_proto = htons(ETH_P_802_EX1);			\
	}								\
	__s; })

	/* A port with no connected NIC: no extension traffic through it. */
	skb = KT_FRAME();
	KUNIT_EXPECT_EQ(test, xvs_ext_inject(inst, skb, p1->id), -ENOTCONN);
	skb = KT_FRAME();
	KUNIT_EXPECT_EQ(test, xvs_ext_inject(inst, skb, p2->id), -ENOTCONN);
	skb = KT_FRAME();
	KUNIT_EXPECT_EQ(test, xvs_ext_inject(inst, skb, 999), -ENOENT);

	/* Port 0 (trusted) may always inject; the frame enters the switch. */
	xvs_stats_read(ctx->sw->stats, &before);
	skb = KT_FRAME();
	KUNIT_EXPECT_EQ(test, xvs_ext_inject(inst, skb, XVS_DEFAULT_PORT_ID), 0);
	/* A connected port may too. */
	KUNIT_EXPECT_EQ(test, xvs_nic_connect(p2, NULL), 0);
	skb = KT_FRAME();
	KUNIT_EXPECT_EQ(test, xvs_ext_inject(inst, skb, p2->id), 0);
	xvs_stats_read(ctx->sw->stats, &after);
	/* Both entered; nowhere to go (no other connected port). */
	KUNIT_EXPECT_EQ(test, after.rx_packets - before.rx_packets, 2);
	KUNIT_EXPECT_EQ(test, after.drops[XVS_DROP_NO_DESTINATION] -
			before.drops[XVS_DROP_NO_DESTINATION], 2);

	/* A disabled instance cannot inject. */
	KUNIT_EXPECT_EQ(test, xvs_ext_disable(ctx->sw, "kt_cap", NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_ext_enable(ctx->sw, "kt_f1", NULL), 0);
	inst = xvs_ext_instance_of(ctx->sw, &kt_f1);
	KUNIT_EXPECT_NOT_NULL(test, inst);
	if (inst) {
		struct xvs_ext_instance stale = *inst;

		stale.ext = &kt_cap;
		skb = KT_FRAME();
		KUNIT_EXPECT_EQ(test, xvs_ext_inject(&stale, skb,
						     XVS_DEFAULT_PORT_ID), -ESRCH);
	}
#undef KT_FRAME
out:
	rtnl_unlock();
}

/* Destination rules for extensions: by id, no hairpin, no undoing. */
static void xvs_ext_test_dest_rules(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;
	struct xvs_fwd_ctx *fctx;
	struct xvs_port *p1, *p2;

	fctx = kunit_kzalloc(test, sizeof(*fctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fctx);
	rtnl_lock();
	p1 = kt_port(test, "p1", NULL);
	p2 = kt_port(test, "p2", NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(p1) || IS_ERR(p2));
	if (!IS_ERR(p1) && !IS_ERR(p2)) {
		xvs_fwd_init(fctx, ctx->sw, p1, p1->id);
		rcu_read_lock();
		KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest_id(fctx, 999), -ENOENT);
		KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest_id(fctx, p1->id), -EINVAL);
		KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest_id(fctx, p2->id), 0);
		KUNIT_EXPECT_EQ(test, xvs_fwd_exclude(fctx, p2->id, 0), 0);
		/* An exclusion cannot be undone by adding it again. */
		KUNIT_EXPECT_EQ(test, xvs_fwd_add_dest_id(fctx, p2->id), -EEXIST);
		KUNIT_EXPECT_EQ(test, xvs_fwd_count(fctx), 0);
		KUNIT_EXPECT_TRUE(test, fctx->dests[0].excluded);
		rcu_read_unlock();
	}
	rtnl_unlock();
}

static struct kunit_case xvs_ext_cases[] = {
	KUNIT_CASE(xvs_ext_test_stack_order),
	KUNIT_CASE(xvs_ext_test_veto),
	KUNIT_CASE(xvs_ext_test_enable_rules),
	KUNIT_CASE(xvs_ext_test_replay_and_detach),
	KUNIT_CASE(xvs_ext_test_inject),
	KUNIT_CASE(xvs_ext_test_dest_rules),
	{}
};

static struct kunit_suite xvs_ext_suite = {
	.name = "xvs_ext",
	.suite_init = kt_suite_init,
	.suite_exit = kt_suite_exit,
	.init = kt_init,
	.exit = kt_exit,
	.test_cases = xvs_ext_cases,
};

kunit_test_suite(xvs_ext_suite);
