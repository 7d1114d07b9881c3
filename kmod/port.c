// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: create, look up, rename, reference and tear down.
 *
 * Locking: every change runs under RTNL. A port's @lock orders reference
 * counting (which may run in any context) against state changes. Memory is
 * freed through @kref (dropped at PORT_DELETE, and held by a queued
 * @release_work) and RCU.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/stringhash.h>
#include <linux/workqueue.h>

#include "acl.h"
#include "events.h"
#include "ext.h"
#include "lifecycle.h"
#include "nic.h"
#include "pernet.h"
#include "port.h"
#include "property.h"

static struct workqueue_struct *xvs_wq;

static u32 xvs_name_hash(const char *name)
{
	return full_name_hash(NULL, name, strlen(name));
}

static struct xvs_port *xvs_port_by_name(struct xvs_switch *sw,
					 const char *name)
{
	struct xvs_port *port;

	hash_for_each_possible(sw->port_names, port, name_node,
			       xvs_name_hash(name))
		if (!strcmp(port->name, name))
			return port;
	return NULL;
}

/**
 * xvs_port_find() - find a port by id, by name, or by both
 * @sw: the switch
 * @id: the port id, 0 when not given
 * @name: the port name, NULL when not given
 * @extack: where to say why none was found
 *
 * Context: RTNL.
 * Return: the port, or an ERR_PTR: -EINVAL neither given or they disagree,
 * -ENOENT no such port.
 */
struct xvs_port *xvs_port_find(struct xvs_switch *sw, u32 id,
			       const char *name,
			       struct netlink_ext_ack *extack)
{
	struct xvs_port *by_id = NULL, *by_name = NULL;

	ASSERT_RTNL();
	if (!id && !name) {
		NL_SET_ERR_MSG(extack, "Port id or port name required");
		return ERR_PTR(-EINVAL);
	}
	if (id) {
		by_id = xa_load(&sw->ports, id);
		if (!by_id) {
			NL_SET_ERR_MSG(extack, "No port with this id on the switch");
			return ERR_PTR(-ENOENT);
		}
	}
	if (name) {
		by_name = xvs_port_by_name(sw, name);
		if (!by_name) {
			NL_SET_ERR_MSG(extack, "No port with this name on the switch");
			return ERR_PTR(-ENOENT);
		}
	}
	if (by_id && by_name && by_id != by_name) {
		NL_SET_ERR_MSG(extack, "Port id and port name refer to different ports");
		return ERR_PTR(-EINVAL);
	}
	return by_id ?: by_name;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_find, XVS_INTERNAL);

/**
 * xvs_port_set_state() - move a connection to @state and tell everyone
 * @port: the port
 * @state: the new state
 * @event: the event that announces the transition
 *
 * Entering NIC_CONNECTED publishes the NIC's netdev to the data path;
 * leaving it withdraws the netdev, waits for the frames in flight and
 * forgets the MAC addresses learned on the port.
 *
 * Context: RTNL. The only place a port's state changes.
 */
void xvs_port_set_state(struct xvs_port *port, enum xvs_conn_state state,
			enum xvs_event event)
{
	enum xvs_conn_state old = port->state;
	struct xvs_switch *sw = port->sw;

	ASSERT_RTNL();
	spin_lock_bh(&port->lock);
	WRITE_ONCE(port->state, state);
	spin_unlock_bh(&port->lock);

	if (state == XVS_STATE_NIC_CONNECTED &&
	    old != XVS_STATE_NIC_CONNECTED) {
		rcu_assign_pointer(port->tx_dev, port->nic->dev);
		xvs_switch_port_connected(sw, port);
	} else if (old == XVS_STATE_NIC_CONNECTED &&
		   state != XVS_STATE_NIC_CONNECTED) {
		RCU_INIT_POINTER(port->tx_dev, NULL);
		xvs_switch_port_disconnected(sw, port);
		synchronize_net();
		xvs_fdb_flush(&sw->fdb, port, false);
	}

	xvs_net_changed(dev_net(sw->dev));
	/* PORT_CREATE and NIC_CREATE went to the extensions as vetoable. */
	if (event != XVS_EVENT_PORT_CREATE && event != XVS_EVENT_NIC_CREATE)
		xvs_ext_port_event(port, event, NULL);
	xvs_event_port(port, event, old);
}

static void xvs_port_free_rcu(struct rcu_head *head)
{
	struct xvs_port *port = container_of(head, struct xvs_port, rcu);

	xvs_acl_free(rcu_dereference_protected(port->acl, true));
	kfree(rcu_dereference_protected(port->policy, true));
	free_percpu(port->stats);
	kfree(port);
}

static void xvs_port_free(struct kref *kref)
{
	struct xvs_port *port = container_of(kref, struct xvs_port, kref);

	call_rcu(&port->rcu, xvs_port_free_rcu);
}

/* PORT_DELETE: the port was torn down and nobody holds it any more. */
static void xvs_port_delete(struct xvs_port *port)
{
	struct xvs_switch *sw = port->sw;

	/* Frames that looked a static entry up only count on the port. */
	xvs_fdb_flush(&sw->fdb, port, true);
	xvs_prop_flush(&port->props);
	xvs_policy_port_destroy(port);
	xa_erase(&sw->ports, port->id);
	hash_del(&port->name_node);
	sw->nports--;
	xvs_port_set_state(port, XVS_STATE_NONE, XVS_EVENT_PORT_DELETE);
	netdev_put(sw->dev, &port->sw_tracker);
	kref_put(&port->kref, xvs_port_free);
}

/**
 * xvs_port_advance() - take every step the port's references now allow
 * @port: the port
 *
 * Finishes a NIC_DELETE whose references have drained, a PORT_DELETE whose
 * references have drained, and for a port of a dying switch the steps in
 * between (NIC disconnect and delete, port teardown).
 *
 * Context: RTNL.
 */
void xvs_port_advance(struct xvs_port *port)
{
	bool unused;

	ASSERT_RTNL();
	if (port->state == XVS_STATE_NONE)
		return;
	if (port->nic)
		xvs_nic_release(port);
	if (port->destroying && !port->nic &&
	    port->state != XVS_STATE_PORT_TEARDOWN)
		xvs_port_set_state(port, XVS_STATE_PORT_TEARDOWN,
				   XVS_EVENT_PORT_TEARDOWN);

	spin_lock_bh(&port->lock);
	unused = port->state == XVS_STATE_PORT_TEARDOWN && !port->refs;
	spin_unlock_bh(&port->lock);
	if (unused)
		xvs_port_delete(port);
}

static void xvs_port_release_work(struct work_struct *work)
{
	struct xvs_port *port = container_of(work, struct xvs_port,
					     release_work);

	rtnl_lock();
	xvs_port_advance(port);
	rtnl_unlock();
	kref_put(&port->kref, xvs_port_free);
}

/**
 * xvs_port_schedule_release() - run xvs_port_advance() soon, under RTNL
 * @port: the port whose last port or NIC reference was just dropped
 *
 * Context: any.
 */
void xvs_port_schedule_release(struct xvs_port *port)
{
	kref_get(&port->kref);
	if (!queue_work(xvs_wq, &port->release_work))
		kref_put(&port->kref, xvs_port_free);
}

/**
 * xvs_port_create() - PORT_CREATE
 * @sw: the switch
 * @params: id, name, friendly name, type, validation flag
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: the port in state PORT_CREATED, or an ERR_PTR: -EEXIST name or
 * id taken, -ENOSPC no free id, -ESHUTDOWN the switch is being deleted,
 * -EINVAL bad parameters, -ENOMEM.
 */
struct xvs_port *xvs_port_create(struct xvs_switch *sw,
				 const struct xvs_port_params *params,
				 struct netlink_ext_ack *extack)
{
	struct xvs_port *port;
	u32 id = params->id;
	int err;

	ASSERT_RTNL();
	if (sw->dying) {
		NL_SET_ERR_MSG(extack, "Switch is being deleted");
		return ERR_PTR(-ESHUTDOWN);
	}
	if (!params->name[0] || strlen(params->name) >= XVS_PORT_NAME_LEN) {
		NL_SET_ERR_MSG(extack, "Port name must be 1 to 63 bytes long");
		return ERR_PTR(-EINVAL);
	}
	if ((unsigned int)params->type > XVS_PORT_TYPE_MAX) {
		NL_SET_ERR_MSG(extack, "Unknown port type");
		return ERR_PTR(-EINVAL);
	}
	if (xvs_port_by_name(sw, params->name)) {
		NL_SET_ERR_MSG(extack, "Port name already in use on the switch");
		return ERR_PTR(-EEXIST);
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->stats = xvs_stats_alloc();
	if (!port->stats) {
		kfree(port);
		return ERR_PTR(-ENOMEM);
	}

	if (id) {
		err = xa_insert(&sw->ports, id, port, GFP_KERNEL);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "Port id already in use on the switch");
			err = -EEXIST;
		}
	} else {
		err = xa_alloc(&sw->ports, &id, port, xa_limit_32b, GFP_KERNEL);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "No free port id");
			err = -ENOSPC;
		}
	}
	if (err) {
		free_percpu(port->stats);
		kfree(port);
		return ERR_PTR(err);
	}

	port->sw = sw;
	port->id = id;
	strscpy(port->name, params->name, sizeof(port->name));
	if (params->friendly_name)
		strscpy(port->friendly_name, params->friendly_name,
			sizeof(port->friendly_name));
	port->type = params->type;
	port->validation = params->validation;
	port->state = XVS_STATE_NONE;
	spin_lock_init(&port->lock);
	INIT_LIST_HEAD(&port->props);
	kref_init(&port->kref);
	INIT_WORK(&port->release_work, xvs_port_release_work);

	/* The extensions may veto; the port is not visible yet (state NONE). */
	err = xvs_ext_port_event(port, XVS_EVENT_PORT_CREATE, extack);
	if (err) {
		xa_erase(&sw->ports, id);
		/* A lookup may have found it in the xarray: free after RCU. */
		kref_put(&port->kref, xvs_port_free);
		return ERR_PTR(err);
	}
	hash_add(sw->port_names, &port->name_node, xvs_name_hash(port->name));
	netdev_hold(sw->dev, &port->sw_tracker, GFP_KERNEL);
	sw->nports++;

	xvs_port_set_state(port, XVS_STATE_PORT_CREATED, XVS_EVENT_PORT_CREATE);
	return port;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_create, XVS_INTERNAL);

/**
 * xvs_port_teardown() - PORT_TEARDOWN, then PORT_DELETE once unreferenced
 * @port: the port; it must have no NIC
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, or the errno of xvs_lifecycle_next().
 */
int xvs_port_teardown(struct xvs_port *port, struct netlink_ext_ack *extack)
{
	struct xvs_switch *sw = port->sw;
	int next;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_PORT_TEARDOWN, extack);
	if (next < 0)
		return next;
	if (sw->internal_port == port)
		sw->internal_port = NULL;
	if (sw->external_port == port)
		sw->external_port = NULL;
	xvs_port_set_state(port, next, XVS_EVENT_PORT_TEARDOWN);
	xvs_port_advance(port);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_teardown, XVS_INTERNAL);

/**
 * xvs_port_destroy() - run a port through the rest of its lifecycle
 * @port: the port
 *
 * NIC_DISCONNECT, NIC_DELETE, PORT_TEARDOWN and PORT_DELETE, each as soon as
 * references allow: what references still hold back completes when they are
 * dropped.
 *
 * Context: RTNL.
 */
void xvs_port_destroy(struct xvs_port *port)
{
	struct xvs_switch *sw = port->sw;

	ASSERT_RTNL();
	if (sw->internal_port == port)
		sw->internal_port = NULL;
	if (sw->external_port == port)
		sw->external_port = NULL;
	port->destroying = true;
	if (port->nic)
		xvs_nic_remove(port);
	xvs_port_advance(port);
}
EXPORT_SYMBOL_NS_GPL(xvs_port_destroy, XVS_INTERNAL);

/**
 * xvs_switch_destroy_ports() - destroy every port of a switch
 * @sw: the switch, being deleted
 *
 * Context: RTNL.
 */
void xvs_switch_destroy_ports(struct xvs_switch *sw)
{
	struct xvs_port *port;
	unsigned long id;

	ASSERT_RTNL();
	xa_for_each(&sw->ports, id, port)
		xvs_port_destroy(port);
}

/**
 * xvs_port_set_friendly_name() - PORT_UPDATE
 * @port: the port
 * @name: the new friendly name
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0 or the errno of xvs_lifecycle_next().
 */
int xvs_port_set_friendly_name(struct xvs_port *port, const char *name,
			       struct netlink_ext_ack *extack)
{
	int next;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_PORT_UPDATE, extack);
	if (next < 0)
		return next;
	strscpy(port->friendly_name, name, sizeof(port->friendly_name));
	xvs_port_set_state(port, next, XVS_EVENT_PORT_UPDATE);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_set_friendly_name, XVS_INTERNAL);

/**
 * xvs_port_update() - PORT_SET: a new friendly name and/or new policies
 * @port: the port
 * @friendly_name: the new friendly name, or NULL to keep it
 * @attrs: the request's attributes (the policy ones are applied)
 * @extack: where to say why it failed
 *
 * All or nothing; one PORT_UPDATE event.
 *
 * Context: RTNL.
 * Return: 0, the errno of xvs_lifecycle_next() or of xvs_policy_set().
 */
int xvs_port_update(struct xvs_port *port, const char *friendly_name,
		    struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	int next, err;

	ASSERT_RTNL();
	next = xvs_lifecycle_next(port->state, XVS_TR_PORT_UPDATE, extack);
	if (next < 0)
		return next;
	err = xvs_policy_set(port, attrs, extack);
	if (err)
		return err;
	if (friendly_name)
		strscpy(port->friendly_name, friendly_name,
			sizeof(port->friendly_name));
	xvs_port_set_state(port, next, XVS_EVENT_PORT_UPDATE);
	return 0;
}

/**
 * xvs_port_ref() - take a reference on a port
 * @port: the port
 *
 * Allowed in the states the lifecycle table permits (not once the port is
 * being torn down). Dropping a reference taken here is always allowed.
 *
 * Context: any.
 * Return: 0, or the errno of xvs_lifecycle_check().
 */
int xvs_port_ref(struct xvs_port *port)
{
	int err;

	spin_lock_bh(&port->lock);
	err = xvs_lifecycle_check(port->state, XVS_OP_REF_PORT, NULL);
	if (!err)
		port->refs++;
	spin_unlock_bh(&port->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_ref, XVS);

/**
 * xvs_port_unref() - drop a reference taken with xvs_port_ref()
 * @port: the port
 *
 * The last reference of a torn-down port lets PORT_DELETE happen.
 *
 * Context: any.
 */
void xvs_port_unref(struct xvs_port *port)
{
	bool release;

	spin_lock_bh(&port->lock);
	if (WARN_ON_ONCE(!port->refs)) {
		spin_unlock_bh(&port->lock);
		return;
	}
	release = !--port->refs && port->state == XVS_STATE_PORT_TEARDOWN;
	spin_unlock_bh(&port->lock);
	if (release)
		xvs_port_schedule_release(port);
}
EXPORT_SYMBOL_NS_GPL(xvs_port_unref, XVS);

/**
 * xvs_port_flush_releases() - wait for queued deferred deletions
 *
 * Context: process, without RTNL.
 */
void xvs_port_flush_releases(void)
{
	flush_workqueue(xvs_wq);
}
EXPORT_SYMBOL_NS_GPL(xvs_port_flush_releases, XVS_INTERNAL);

int xvs_port_init(void)
{
	xvs_wq = alloc_workqueue("xvs", WQ_UNBOUND, 0);
	return xvs_wq ? 0 : -ENOMEM;
}

void xvs_port_exit(void)
{
	destroy_workqueue(xvs_wq);
}
