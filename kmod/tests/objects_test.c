// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: real switches, ports and NICs driven through every lifecycle state.
 * Each (state x operation) cell of SPEC section 3 is tried on a live object:
 * permitted ones succeed, forbidden ones fail with the documented errno and
 * leave the state as it was. Also: deferred deletes, validation ports, a NIC
 * netdev that disappears.
 *
 * Each case takes RTNL itself and only uses EXPECTs while holding it: an
 * ASSERT would end the case with RTNL held.
 */

#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "lifecycle.h"
#include "nic.h"
#include "port.h"
#include "switch.h"
#include "test_netdev.h"

struct xvs_objects_ctx {
	struct xvs_switch *sw;
	struct net_device *nic_dev;
	u32 next_id;
};

static int xvs_objects_init(struct kunit *test)
{
	struct xvs_objects_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	ctx->next_id = 1;
	rtnl_lock();
	ctx->sw = xvs_switch_create(&init_net, "xvsktsw0", NULL);
	if (!IS_ERR(ctx->sw))
		ctx->nic_dev = xvs_test_netdev("xvsktnic%d");
	rtnl_unlock();
	if (IS_ERR(ctx->sw) || !ctx->nic_dev) {
		KUNIT_FAIL(test, "test switch or netdev not created");
		return -ENODEV;
	}
	return 0;
}

static void xvs_objects_exit(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;

	if (!ctx || IS_ERR_OR_NULL(ctx->sw))
		return;
	rtnl_lock();
	if (ctx->nic_dev)
		unregister_netdevice(ctx->nic_dev);
	unregister_netdevice(ctx->sw->dev);
	rtnl_unlock();
	xvs_port_flush_releases();
}

static struct xvs_port *new_port(struct kunit *test, bool validation)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct xvs_port_params params = { .validation = validation };
	char name[16];
	struct xvs_port *port;

	snprintf(name, sizeof(name), "p%u", ctx->next_id);
	params.name = name;
	params.id = ctx->next_id++;
	port = xvs_port_create(ctx->sw, &params, NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(port));
	return IS_ERR(port) ? NULL : port;
}

/*
 * A port in @state, with a NIC on ctx->nic_dev where the state has one.
 * PORT_TEARDOWN is held there by a port reference, which the caller drops.
 */
static struct xvs_port *port_in_state(struct kunit *test,
				      enum xvs_conn_state state)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct xvs_port *port = new_port(test, false);
	int err = 0;

	if (!port)
		return NULL;
	if (state == XVS_STATE_PORT_TEARDOWN) {
		err = xvs_port_ref(port) ?: xvs_port_teardown(port, NULL);
	} else if (state != XVS_STATE_PORT_CREATED) {
		err = xvs_nic_create(port, ctx->nic_dev, NULL);
		if (!err && state == XVS_STATE_NIC_DELETED)
			err = xvs_nic_delete(port, NULL);
		else if (!err && state != XVS_STATE_NIC_CREATED)
			err = xvs_nic_connect(port, NULL);
		if (!err && state == XVS_STATE_NIC_DISCONNECTED)
			err = xvs_nic_disconnect(port, NULL);
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, port->state, state);
	if (err || port->state != state) {
		xvs_port_destroy(port);
		return NULL;
	}
	return port;
}

/* Bring a port of port_in_state() back to nothing. */
static void port_dispose(struct kunit *test, struct xvs_port *port)
{
	if (port->state == XVS_STATE_PORT_TEARDOWN) {
		xvs_port_unref(port);
		return;
	}
	xvs_port_destroy(port);
}

enum {
	T_NIC_CREATE, T_NIC_CONNECT, T_NIC_DISCONNECT, T_NIC_DELETE,
	T_PORT_UPDATE, T_PORT_TEARDOWN, T_REF_PORT, T_REF_NIC, T_COUNT
};

static const char * const op_names[T_COUNT] = {
	"nic-create", "nic-connect", "nic-disconnect", "nic-delete",
	"port-update", "port-teardown", "ref-port", "ref-nic",
};

/*
 * Expected result of each operation in each state: 0 or the errno, and
 * the state it must leave. From SPEC section 3 and Documentation/api.rst.
 */
struct cell {
	int err;
	enum xvs_conn_state to;
};

#define OK(s)	{ 0, XVS_STATE_##s }
#define NO(e)	{ -(e), 0 }

static const struct cell cells[__XVS_STATE_MAX][T_COUNT] = {
	[XVS_STATE_PORT_CREATED] = {
		OK(NIC_CREATED), NO(ENODEV), NO(ENODEV), NO(ENODEV),
		OK(PORT_CREATED), OK(PORT_TEARDOWN), OK(PORT_CREATED), NO(ENODEV) },
	[XVS_STATE_NIC_CREATED] = {
		NO(EBUSY), OK(NIC_CONNECTED), NO(ENOTCONN), OK(NIC_DELETED),
		OK(NIC_CREATED), NO(EBUSY), OK(NIC_CREATED), NO(ENOTCONN) },
	[XVS_STATE_NIC_CONNECTED] = {
		NO(EBUSY), NO(EBUSY), OK(NIC_DISCONNECTED), NO(EBUSY),
		OK(NIC_CONNECTED), NO(EBUSY), OK(NIC_CONNECTED), OK(NIC_CONNECTED) },
	[XVS_STATE_NIC_DISCONNECTED] = {
		NO(EBUSY), NO(EBUSY), NO(ENOTCONN), OK(NIC_DELETED),
		OK(NIC_DISCONNECTED), NO(EBUSY), OK(NIC_DISCONNECTED), NO(ENOTCONN) },
	[XVS_STATE_NIC_DELETED] = {
		OK(NIC_CREATED), NO(ENODEV), NO(ENODEV), NO(ENODEV),
		OK(NIC_DELETED), OK(PORT_TEARDOWN), OK(NIC_DELETED), NO(ENODEV) },
	[XVS_STATE_PORT_TEARDOWN] = {
		NO(ESHUTDOWN), NO(ESHUTDOWN), NO(ESHUTDOWN), NO(ESHUTDOWN),
		NO(ESHUTDOWN), NO(ESHUTDOWN), NO(ESHUTDOWN), NO(ESHUTDOWN) },
};

#undef OK
#undef NO

static int do_op(struct kunit *test, struct xvs_port *port, int op,
		 struct netlink_ext_ack *extack)
{
	struct xvs_objects_ctx *ctx = test->priv;
	int err;

	switch (op) {
	case T_NIC_CREATE:
		return xvs_nic_create(port, ctx->nic_dev, extack);
	case T_NIC_CONNECT:
		return xvs_nic_connect(port, extack);
	case T_NIC_DISCONNECT:
		return xvs_nic_disconnect(port, extack);
	case T_NIC_DELETE:
		return xvs_nic_delete(port, extack);
	case T_PORT_UPDATE:
		return xvs_port_set_friendly_name(port, "renamed", extack);
	case T_PORT_TEARDOWN:
		return xvs_port_teardown(port, extack);
	case T_REF_PORT:
		err = xvs_port_ref(port);
		if (!err)
			xvs_port_unref(port);
		return err;
	case T_REF_NIC:
		err = xvs_nic_ref(port);
		if (!err)
			xvs_nic_unref(port);
		return err;
	}
	return -EINVAL;
}

static void every_state_every_operation(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;
	enum xvs_conn_state s;
	int op;
	u32 id;

	rtnl_lock();
	for (s = XVS_STATE_PORT_CREATED; s <= XVS_STATE_PORT_TEARDOWN; s++) {
		for (op = 0; op < T_COUNT; op++) {
			const struct cell *c = &cells[s][op];
			struct netlink_ext_ack extack = {};
			struct xvs_port *port = port_in_state(test, s);
			int err;

			if (!port)
				continue;
			id = port->id;
			err = do_op(test, port, op, &extack);

			KUNIT_EXPECT_EQ_MSG(test, err, c->err, "%s in state %s",
					    op_names[op], xvs_state_name(s));
			if (c->err && op != T_REF_PORT && op != T_REF_NIC)
				KUNIT_EXPECT_NOT_NULL_MSG(test, extack._msg,
							  "%s in %s: no message",
							  op_names[op], xvs_state_name(s));
			if (op == T_PORT_TEARDOWN && !err) {
				/* Unreferenced: torn down and deleted at once. */
				KUNIT_EXPECT_TRUE(test, IS_ERR(xvs_port_find(ctx->sw, id,
									     NULL, NULL)));
				continue;
			}
			KUNIT_EXPECT_EQ_MSG(test, port->state, c->err ? s : c->to,
					    "%s in state %s", op_names[op],
					    xvs_state_name(s));
			port_dispose(test, port);
		}
	}
	rtnl_unlock();
}

static void deferred_port_delete(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct xvs_port *port;
	u32 id;

	rtnl_lock();
	port = new_port(test, false);
	if (!port)
		goto out;
	id = port->id;
	KUNIT_EXPECT_EQ(test, xvs_port_ref(port), 0);
	KUNIT_EXPECT_EQ(test, xvs_port_ref(port), 0);
	KUNIT_EXPECT_EQ(test, xvs_port_teardown(port, NULL), 0);
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_PORT_TEARDOWN);
	KUNIT_EXPECT_EQ(test, xvs_port_ref(port), -ESHUTDOWN);
	KUNIT_EXPECT_PTR_EQ(test, xvs_port_find(ctx->sw, id, NULL, NULL), port);
	xvs_port_unref(port);
	/* One reference left: still there after the release work ran. */
	rtnl_unlock();
	xvs_port_flush_releases();
	rtnl_lock();
	KUNIT_EXPECT_PTR_EQ(test, xvs_port_find(ctx->sw, id, NULL, NULL), port);
	xvs_port_unref(port);
	rtnl_unlock();
	xvs_port_flush_releases();
	rtnl_lock();
	KUNIT_EXPECT_TRUE(test, IS_ERR(xvs_port_find(ctx->sw, id, NULL, NULL)));
	KUNIT_EXPECT_EQ(test, ctx->sw->nports, 0U);
out:
	rtnl_unlock();
}

static void deferred_nic_delete(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct xvs_port *port;

	rtnl_lock();
	port = port_in_state(test, XVS_STATE_NIC_CONNECTED);
	if (!port)
		goto out;
	KUNIT_EXPECT_EQ(test, xvs_nic_ref(port), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_disconnect(port, NULL), 0);
	KUNIT_EXPECT_EQ(test, xvs_nic_ref(port), -ENOTCONN);
	KUNIT_EXPECT_EQ(test, xvs_nic_delete(port, NULL), 0);
	/* Waits in disconnected until the reference is dropped. */
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_NIC_DISCONNECTED);
	KUNIT_EXPECT_EQ(test, xvs_nic_delete(port, &extack), -EBUSY);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_EQ(test, xvs_port_teardown(port, NULL), -EBUSY);
	xvs_nic_unref(port);
	rtnl_unlock();
	xvs_port_flush_releases();
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_NIC_DELETED);
	KUNIT_EXPECT_NULL(test, port->nic);
	xvs_port_destroy(port);
out:
	rtnl_unlock();
}

static void validation_port_never_gets_a_nic(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct netlink_ext_ack extack = {};
	struct xvs_port *port;

	rtnl_lock();
	port = new_port(test, true);
	if (!port)
		goto out;
	KUNIT_EXPECT_TRUE(test, port->validation);
	KUNIT_EXPECT_EQ(test, xvs_nic_create(port, ctx->nic_dev, &extack),
			-EOPNOTSUPP);
	KUNIT_EXPECT_STREQ(test, extack._msg, "A validation port never gets a NIC");
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_PORT_CREATED);
	KUNIT_EXPECT_EQ(test, xvs_port_teardown(port, NULL), 0);
out:
	rtnl_unlock();
}

static void vanished_netdev_deletes_the_nic(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct xvs_port *port;

	rtnl_lock();
	port = port_in_state(test, XVS_STATE_NIC_CONNECTED);
	if (!port)
		goto out;
	KUNIT_EXPECT_PTR_EQ(test, netdev_master_upper_dev_get(ctx->nic_dev),
			    ctx->sw->dev);
	unregister_netdevice(ctx->nic_dev);
	ctx->nic_dev = NULL;
	KUNIT_EXPECT_EQ(test, port->state, XVS_STATE_NIC_DELETED);
	KUNIT_EXPECT_NULL(test, port->nic);
	KUNIT_EXPECT_EQ(test, xvs_port_teardown(port, NULL), 0);
out:
	rtnl_unlock();
}

static void names_and_ids_are_unique(struct kunit *test)
{
	struct xvs_objects_ctx *ctx = test->priv;
	struct xvs_port_params params = { .name = "dup" };
	struct netlink_ext_ack extack = {};
	struct xvs_port *a, *b;

	rtnl_lock();
	a = xvs_port_create(ctx->sw, &params, NULL);
	if (IS_ERR(a)) {
		KUNIT_FAIL(test, "port create: %ld", PTR_ERR(a));
		goto out;
	}
	KUNIT_EXPECT_EQ(test, a->id, 1U);
	b = xvs_port_create(ctx->sw, &params, &extack);
	KUNIT_EXPECT_EQ(test, PTR_ERR(b), -EEXIST);
	params.name = "other";
	params.id = 1;
	b = xvs_port_create(ctx->sw, &params, NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(b), -EEXIST);
	params.id = 0;
	b = xvs_port_create(ctx->sw, &params, NULL);
	if (IS_ERR(b)) {
		KUNIT_FAIL(test, "port create: %ld", PTR_ERR(b));
		xvs_port_destroy(a);
		goto out;
	}
	KUNIT_EXPECT_EQ(test, b->id, 2U);
	KUNIT_EXPECT_PTR_EQ(test, xvs_port_find(ctx->sw, 2, "other", NULL), b);
	KUNIT_EXPECT_EQ(test, PTR_ERR(xvs_port_find(ctx->sw, 1, "other", NULL)),
			-EINVAL);
	xvs_port_destroy(a);
	xvs_port_destroy(b);
	KUNIT_EXPECT_EQ(test, ctx->sw->nports, 0U);
out:
	rtnl_unlock();
}

#define CONN_PORTS	40

/* The switch's connected set holds exactly the ports @in says. */
static void expect_connected(struct kunit *test, struct xvs_port **ports,
			     const bool *in)
{
	struct xvs_objects_ctx *ctx = test->priv;
	const struct xvs_port_set *set = rtnl_dereference(ctx->sw->connected);
	unsigned int i, j, live = 0, seen;

	for (i = 0; i < CONN_PORTS; i++) {
		live += in[i];
		if (!ports[i])
			continue;
		for (seen = 0, j = 0; set && j < xvs_port_set_len(set); j++)
			seen += set->ports[j] == ports[i];
		KUNIT_EXPECT_EQ_MSG(test, seen, in[i] ? 1U : 0U, "port %u", i);
	}
	for (seen = 0, j = 0; set && j < xvs_port_set_len(set); j++)
		seen += !!set->ports[j];
	KUNIT_EXPECT_EQ(test, seen, live);
	KUNIT_EXPECT_EQ(test, set ? set->live : 0, live);
	/* Never more than half the slots empty once it has grown. */
	if (set && set->n > 16)
		KUNIT_EXPECT_GE(test, 2 * set->live, set->n);
}

/*
 * Ports connect and disconnect in any order: the set the data path floods
 * to follows them, appended in place and compacted when half empty.
 */
static void connected_set_follows_the_ports(struct kunit *test)
{
	struct net_device *devs[CONN_PORTS] = {};
	struct xvs_port *ports[CONN_PORTS] = {};
	bool in[CONN_PORTS] = {};
	unsigned int i;

	rtnl_lock();
	for (i = 0; i < CONN_PORTS; i++) {
		devs[i] = xvs_test_netdev("xvsktc%d");
		ports[i] = devs[i] ? new_port(test, false) : NULL;
		if (!ports[i]) {
			KUNIT_FAIL(test, "port %u not created", i);
			goto out;
		}
		KUNIT_EXPECT_EQ(test, xvs_nic_create(ports[i], devs[i], NULL), 0);
		KUNIT_EXPECT_EQ(test, xvs_nic_connect(ports[i], NULL), 0);
		in[i] = ports[i]->state == XVS_STATE_NIC_CONNECTED;
	}
	expect_connected(test, ports, in);
	/* Every other one leaves, then all but the last five of the rest. */
	for (i = 0; i < CONN_PORTS; i += 2) {
		KUNIT_EXPECT_EQ(test, xvs_nic_disconnect(ports[i], NULL), 0);
		in[i] = false;
	}
	expect_connected(test, ports, in);
	for (i = 1; i < CONN_PORTS - 10; i += 2) {
		KUNIT_EXPECT_EQ(test, xvs_nic_disconnect(ports[i], NULL), 0);
		in[i] = false;
	}
	expect_connected(test, ports, in);
	/* Deleted while connected: it leaves the set too. */
	xvs_port_destroy(ports[CONN_PORTS - 1]);
	ports[CONN_PORTS - 1] = NULL;
	in[CONN_PORTS - 1] = false;
	expect_connected(test, ports, in);
out:
	for (i = 0; i < CONN_PORTS; i++) {
		if (ports[i])
			xvs_port_destroy(ports[i]);
		if (devs[i])
			unregister_netdevice(devs[i]);
	}
	rtnl_unlock();
}

#ifndef KUNIT_CASE_SLOW
#define KUNIT_CASE_SLOW KUNIT_CASE
#endif

static struct kunit_case xvs_objects_cases[] = {
	KUNIT_CASE_SLOW(every_state_every_operation),
	KUNIT_CASE(deferred_port_delete),
	KUNIT_CASE(deferred_nic_delete),
	KUNIT_CASE(validation_port_never_gets_a_nic),
	KUNIT_CASE(vanished_netdev_deletes_the_nic),
	KUNIT_CASE(names_and_ids_are_unique),
	KUNIT_CASE_SLOW(connected_set_follows_the_ports),
	{}
};

static struct kunit_suite xvs_objects_suite = {
	.name = "xvs_objects",
	.init = xvs_objects_init,
	.exit = xvs_objects_exit,
	.test_cases = xvs_objects_cases,
};

kunit_test_suites(&xvs_objects_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for xvs");
MODULE_IMPORT_NS(XVS_INTERNAL);
MODULE_IMPORT_NS(XVS);
