// SPDX-License-Identifier: GPL-2.0
/*
 * Extensions, the core's side: the registry of installed extensions,
 * enabling and disabling them per switch, the chain the data path walks,
 * lifecycle notifications with their vetoes, and property offers (to the
 * owner, which may veto; then to the others, which see them pass).
 *
 * Locking: RTNL for everything here. The data path reads a switch's chain
 * under RCU; every change builds a new chain and publishes it.
 *
 * Lifetime: enabling takes a reference on the extension's module, so an
 * enabled extension's module cannot be unloaded (rmmod says it is in use);
 * disable it everywhere first. Disabling unpublishes the instance, waits
 * for the frames in flight (synchronize_net()), then calls detach, then
 * frees the instance and drops the module reference.
 */

#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "compat.h"
#include "events.h"
#include "ext.h"
#include "nic.h"
#include "port.h"
#include "property.h"
#include "switch.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

DEFINE_STATIC_KEY_FALSE(xvs_ext_active);

/* Installed extensions, in registration order (RTNL). */
static LIST_HEAD(xvs_extensions);

static int xvs_ext_noop_attach(struct xvs_ext_instance *inst,
			       struct netlink_ext_ack *extack)
{
	return 0;
}

static void xvs_ext_noop_detach(struct xvs_ext_instance *inst)
{
}

static int xvs_ext_noop_port_event(struct xvs_ext_instance *inst,
				   struct xvs_port *port, enum xvs_event event,
				   struct netlink_ext_ack *extack)
{
	return 0;
}

static int xvs_ext_noop_property(struct xvs_ext_instance *inst,
				 struct xvs_port *port,
				 const struct xvs_property *prop,
				 enum xvs_prop_op op,
				 struct netlink_ext_ack *extack)
{
	return 0;
}

static void xvs_ext_noop_property_seen(struct xvs_ext_instance *inst,
				       struct xvs_port *port,
				       const struct xvs_prop_seen *seen)
{
}

static int xvs_ext_noop_status(struct xvs_ext_instance *inst,
			       struct xvs_port *port, struct xvs_ext_status *st)
{
	return 0;
}

static int xvs_ext_noop_std_policy(struct xvs_ext_instance *inst,
				   struct xvs_port *port,
				   const struct xvs_std_policy *policy,
				   struct netlink_ext_ack *extack)
{
	return -EOPNOTSUPP;
}

static bool xvs_ext_name_valid(const char *name)
{
	size_t i, len = name ? strnlen(name, XVS_EXT_NAME_LEN) : 0;

	if (!len || len >= XVS_EXT_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!islower(name[i]) && !isdigit(name[i]) &&
		    name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

/**
 * xvs_ext_find() - an installed extension by name
 * @name: its name
 *
 * Context: RTNL.
 * Return: the extension or NULL.
 */
struct xvs_extension *xvs_ext_find(const char *name)
{
	struct xvs_extension *ext;

	ASSERT_RTNL();
	list_for_each_entry(ext, &xvs_extensions, list)
		if (!strcmp(ext->name, name))
			return ext;
	return NULL;
}

/**
 * xvs_ext_nth() - the @n-th installed extension, for dumps
 * @n: its index in registration order, from 0
 *
 * Context: RTNL.
 * Return: the extension, or NULL past the last one.
 */
struct xvs_extension *xvs_ext_nth(unsigned int n)
{
	struct xvs_extension *ext;

	ASSERT_RTNL();
	list_for_each_entry(ext, &xvs_extensions, list)
		if (!n--)
			return ext;
	return NULL;
}

static struct xvs_ext_chain *xvs_ext_chain_get(const struct xvs_switch *sw)
{
	return rtnl_dereference(sw->ext_chain);
}

/**
 * xvs_ext_instance_of() - the instance of @ext on @sw
 * @sw: the switch
 * @ext: the extension
 *
 * Context: RTNL.
 * Return: the instance, or NULL when @ext is not enabled on @sw.
 */
struct xvs_ext_instance *xvs_ext_instance_of(const struct xvs_switch *sw,
					     const struct xvs_extension *ext)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(sw);
	unsigned int i;

	for (i = 0; chain && i < chain->n; i++)
		if (chain->all[i]->ext == ext)
			return chain->all[i];
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_instance_of, XVS_INTERNAL);

/**
 * xvs_ext_enabled() - the instance of the extension named @name on @sw
 * @sw: the switch
 * @name: the extension's name (it need not be installed)
 *
 * Context: RTNL.
 * Return: the instance, or NULL when no such extension is enabled on @sw.
 */
struct xvs_ext_instance *xvs_ext_enabled(const struct xvs_switch *sw,
					 const char *name)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(sw);
	unsigned int i;

	for (i = 0; chain && i < chain->n; i++)
		if (!strcmp(chain->all[i]->ext->name, name))
			return chain->all[i];
	return NULL;
}

/**
 * xvs_ext_position() - where an instance is in its switch's stack
 * @sw: the switch
 * @inst: an instance enabled on it
 *
 * Context: RTNL.
 * Return: its position from 0, or -ENOENT.
 */
int xvs_ext_position(const struct xvs_switch *sw,
		     const struct xvs_ext_instance *inst)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(sw);
	unsigned int i;

	for (i = 0; chain && i < chain->n; i++)
		if (chain->all[i] == inst)
			return i;
	return -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_position, XVS_INTERNAL);

/**
 * xvs_ext_stats_read() - add up an instance's counters over the CPUs
 * @inst: the instance
 * @sum: where the totals go
 */
void xvs_ext_stats_read(const struct xvs_ext_instance *inst,
			struct xvs_ext_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct xvs_ext_pcpu_stats *s = per_cpu_ptr(inst->stats, cpu);
		struct xvs_ext_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.ingress = u64_stats_read(&s->ingress);
			one.egress = u64_stats_read(&s->egress);
			one.dropped = u64_stats_read(&s->dropped);
			one.excluded = u64_stats_read(&s->excluded);
			one.consumed = u64_stats_read(&s->consumed);
			one.injected = u64_stats_read(&s->injected);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		sum->ingress += one.ingress;
		sum->egress += one.egress;
		sum->dropped += one.dropped;
		sum->excluded += one.excluded;
		sum->consumed += one.consumed;
		sum->injected += one.injected;
	}
}

/*
 * Build the chain of @n instances in @all (any order): stack order is by
 * class, and within a class the order of @all.
 */
static struct xvs_ext_chain *xvs_ext_chain_build(struct xvs_ext_instance **all,
						 unsigned int n, gfp_t gfp)
{
	struct xvs_ext_chain *chain;
	unsigned int i, type;

	if (!n)
		return NULL;
	chain = kzalloc(sizeof(*chain), gfp);
	if (!chain)
		return NULL;
	for (type = 0; type <= XVS_EXT_TYPE_MAX; type++)
		for (i = 0; i < n; i++)
			if (all[i]->ext->type == type)
				chain->all[chain->n++] = all[i];
	for (i = 0; i < chain->n; i++) {
		const struct xvs_ext_ops *ops = chain->all[i]->ext->ops;

		if (ops->ingress) {
			chain->ingress_fn[chain->ningress] = ops->ingress;
			chain->ingress[chain->ningress++] = chain->all[i];
		}
		if (chain->all[i]->ext->type == XVS_EXT_FORWARDING)
			chain->forwarding = true;
	}
	for (i = chain->n; i-- > 0;) {
		const struct xvs_ext_ops *ops = chain->all[i]->ext->ops;

		if (ops->egress) {
			chain->egress_fn[chain->negress] = ops->egress;
			chain->egress[chain->negress++] = chain->all[i];
		}
	}
	return chain;
}

/* Publish @chain on @sw; the old one is freed once no frame can see it. */
static void xvs_ext_chain_publish(struct xvs_switch *sw,
				  struct xvs_ext_chain *chain)
{
	struct xvs_ext_chain *old = xvs_ext_chain_get(sw);

	rcu_assign_pointer(sw->ext_chain, chain);
	if (old)
		kfree_rcu(old, rcu);
}

static void xvs_ext_instance_free(struct xvs_ext_instance *inst)
{
	struct module *owner = inst->ext->owner;

	free_percpu(inst->stats);
	kfree(inst);
	module_put(owner);
}

/*
 * Tell @inst of an event of @port. For a veto: the message the user gets
 * names the extension; a veto without a message gets a generic reason.
 */
static int xvs_ext_call_event(struct xvs_ext_instance *inst,
			      struct xvs_port *port, enum xvs_event event,
			      struct netlink_ext_ack *extack)
{
	int err;

	err = inst->ext->filled.port_event(inst, port, event, extack);
	if (event != XVS_EVENT_PORT_CREATE && event != XVS_EVENT_NIC_CREATE) {
		WARN_ONCE(err, "xvs: extension %s failed event %d, which cannot fail\n",
			  inst->ext->name, event);
		return 0;
	}
	if (err > 0)
		err = -EPERM;
	return err;
}

/* Put "vetoed by NAME: " in front of the extension's reason. */
static void xvs_ext_veto_msg(struct netlink_ext_ack *extack,
			     const struct xvs_extension *ext)
{
#if XVS_HAVE_ERR_MSG_FMT
	char reason[NETLINK_MAX_FMTMSG_LEN];

	if (!extack)
		return;
	strscpy(reason, extack->_msg ?: "no reason given", sizeof(reason));
	NL_SET_ERR_MSG_FMT(extack, "vetoed by %s: %s", ext->name, reason);
#else
	if (extack && !extack->_msg)
		NL_SET_ERR_MSG(extack, "vetoed by an extension");
#endif
}

/* The events that bring a new instance up to @port's present state. */
static int xvs_ext_replay_port(struct xvs_ext_instance *inst,
			       struct xvs_port *port,
			       struct netlink_ext_ack *extack)
{
	static const enum xvs_event path[] = {
		XVS_EVENT_PORT_CREATE, XVS_EVENT_NIC_CREATE,
		XVS_EVENT_NIC_CONNECT, XVS_EVENT_NIC_DISCONNECT,
	};
	unsigned int i, steps;
	int err;

	switch (port->state) {
	case XVS_STATE_NIC_CREATED:
		steps = 2;
		break;
	case XVS_STATE_NIC_CONNECTED:
		steps = 3;
		break;
	case XVS_STATE_NIC_DISCONNECTED:
		steps = 4;
		break;
	case XVS_STATE_NONE:
		return 0;
	default:	/* PORT_CREATED, NIC_DELETED, PORT_TEARDOWN */
		steps = 1;
		break;
	}
	for (i = 0; i < steps; i++) {
		err = xvs_ext_call_event(inst, port, path[i], extack);
		if (err) {
			xvs_ext_veto_msg(extack, inst->ext);
			return err;
		}
	}
	if (port->state == XVS_STATE_PORT_TEARDOWN)
		xvs_ext_call_event(inst, port, XVS_EVENT_PORT_TEARDOWN, NULL);
	return 0;
}

/* Offer @inst the stored properties it owns of @port (NULL: the switch). */
static int xvs_ext_offer_list(struct xvs_ext_instance *inst,
			      struct xvs_port *port,
			      struct netlink_ext_ack *extack)
{
	struct xvs_prop *prop;
	int err;

	list_for_each_entry(prop, xvs_prop_list(inst->sw, port), list) {
		if (strcmp(prop->owner, inst->ext->name))
			continue;
		err = inst->ext->filled.property(inst, port, &prop->p,
						 XVS_PROP_ADD, extack);
		if (err > 0)
			err = -EPERM;
		if (err) {
			xvs_ext_veto_msg(extack, inst->ext);
			return err;
		}
	}
	return 0;
}

/*
 * A new instance gets the properties it owns that the switch kept (added
 * while it was disabled, or before it was disabled), as XVS_PROP_ADD: the
 * switch's own, then every port's that is not gone.
 */
static int xvs_ext_offer_props(struct xvs_ext_instance *inst,
			       struct netlink_ext_ack *extack)
{
	struct xvs_port *port;
	unsigned long id;
	int err;

	err = xvs_ext_offer_list(inst, NULL, extack);
	if (err)
		return err;
	xa_for_each(&inst->sw->ports, id, port) {
		if (port->state == XVS_STATE_NONE)
			continue;
		err = xvs_ext_offer_list(inst, port, extack);
		if (err)
			return err;
	}
	return 0;
}

/**
 * xvs_ext_enable() - enable an extension on a switch
 * @sw: the switch
 * @name: the extension's name
 * @extack: where to say why it failed
 *
 * Makes an instance, calls attach, replays the switch's ports to it,
 * offers it the properties it owns that the switch stores (XVS_PROP_ADD;
 * a veto fails the enable), and puts it at the end of its class in the
 * switch's stack.
 *
 * Context: RTNL.
 * Return: 0 or a negative errno: -ENOENT no such extension (or it is being
 * unloaded), -EALREADY already enabled here, -EBUSY a forwarding extension
 * is enabled already, -ENOSPC %XVS_EXT_MAX_ENABLED enabled already,
 * -ESHUTDOWN the switch is being deleted, -ENOMEM, or the extension's
 * attach or veto errno.
 */
int xvs_ext_enable(struct xvs_switch *sw, const char *name,
		   struct netlink_ext_ack *extack)
{
	struct xvs_ext_instance *all[XVS_EXT_MAX_ENABLED];
	struct xvs_ext_chain *old, *chain;
	struct xvs_ext_instance *inst;
	struct xvs_extension *ext;
	unsigned long used = 0;
	struct xvs_port *port;
	unsigned int i, n = 0;
	unsigned long id;
	int cpu, err;

	ASSERT_RTNL();
	ext = xvs_ext_find(name);
	if (!ext) {
		NL_SET_ERR_MSG(extack, "No extension of this name is installed");
		return -ENOENT;
	}
	if (sw->dying) {
		NL_SET_ERR_MSG(extack, "Switch is being deleted");
		return -ESHUTDOWN;
	}
	old = xvs_ext_chain_get(sw);
	for (i = 0; old && i < old->n; i++) {
		if (old->all[i]->ext == ext) {
			NL_SET_ERR_MSG(extack,
				       "Extension is already enabled on this switch");
			return -EALREADY;
		}
		if (ext->type == XVS_EXT_FORWARDING &&
		    old->all[i]->ext->type == XVS_EXT_FORWARDING) {
			XVS_ERR_MSG_FMT(extack,
					"Switch already has a forwarding extension enabled (at most one)",
					"Switch already has forwarding extension %s enabled (at most one)",
					old->all[i]->ext->name);
			return -EBUSY;
		}
		all[n++] = old->all[i];
		__set_bit(old->all[i]->slot, &used);
	}
	if (n >= XVS_EXT_MAX_ENABLED) {
		NL_SET_ERR_MSG(extack,
			       "Switch has the most extensions it can have enabled");
		return -ENOSPC;
	}
	if (!try_module_get(ext->owner)) {
		NL_SET_ERR_MSG(extack, "Extension is being unloaded");
		return -ENOENT;
	}

	err = -ENOMEM;
	inst = kzalloc(struct_size(inst, priv, ext->priv_size), GFP_KERNEL);
	if (!inst)
		goto err_module;
	inst->stats = alloc_percpu_gfp(struct xvs_ext_pcpu_stats, GFP_KERNEL);
	if (!inst->stats)
		goto err_inst;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(inst->stats, cpu)->syncp);
	inst->ext = ext;
	inst->sw = sw;
	inst->slot = find_first_zero_bit(&used, XVS_EXT_MAX_ENABLED);

	err = ext->filled.attach(inst, extack);
	if (err)
		goto err_stats;
	xa_for_each(&sw->ports, id, port) {
		err = xvs_ext_replay_port(inst, port, extack);
		if (err)
			goto err_detach;
	}
	err = xvs_ext_offer_props(inst, extack);
	if (err)
		goto err_detach;

	all[n++] = inst;
	chain = xvs_ext_chain_build(all, n, GFP_KERNEL);
	if (!chain) {
		err = -ENOMEM;
		goto err_detach;
	}
	xvs_ext_chain_publish(sw, chain);
	static_branch_inc(&xvs_ext_active);
	ext->nswitches++;
	list_add_tail(&inst->node, &ext->instances);
	if (ext->type == XVS_EXT_FORWARDING)
		xvs_policy_std_offer_all(sw);
	xvs_event_ext(sw, XVS_EVENT_EXT_ENABLE, ext->name,
		      xvs_ext_position(sw, inst));
	return 0;

err_detach:
	ext->filled.detach(inst);
err_stats:
	free_percpu(inst->stats);
err_inst:
	kfree(inst);
err_module:
	module_put(ext->owner);
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_enable, XVS_INTERNAL);

/* Take @inst out of its switch: out of the data path, detach, free. */
static void xvs_ext_remove(struct xvs_ext_instance *inst)
{
	struct xvs_switch *sw = inst->sw;
	struct xvs_ext_instance *all[XVS_EXT_MAX_ENABLED];
	struct xvs_ext_chain *old = xvs_ext_chain_get(sw);
	struct xvs_ext_chain *chain = NULL;
	unsigned int i, n = 0;

	/* The switch enforces the standard policies again from now on. */
	if (inst->ext->type == XVS_EXT_FORWARDING)
		xvs_policy_std_release(sw, inst->ext);
	for (i = 0; i < old->n; i++)
		if (old->all[i] != inst)
			all[n++] = old->all[i];
	/* Small, and a disable must not fail: __GFP_NOFAIL. */
	if (n)
		chain = xvs_ext_chain_build(all, n, GFP_KERNEL | __GFP_NOFAIL);
	rcu_assign_pointer(sw->ext_chain, chain);
	static_branch_dec(&xvs_ext_active);
	/* No frame in flight sees @inst after this. */
	synchronize_net();
	kfree(old);

	inst->ext->filled.detach(inst);
	inst->ext->nswitches--;
	list_del(&inst->node);
	xvs_event_ext(sw, XVS_EVENT_EXT_DISABLE, inst->ext->name, -1);
	xvs_ext_instance_free(inst);
}

/**
 * xvs_ext_disable() - disable an extension on a switch
 * @sw: the switch
 * @name: the extension's name
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such extension, or not enabled on @sw.
 */
int xvs_ext_disable(struct xvs_switch *sw, const char *name,
		    struct netlink_ext_ack *extack)
{
	struct xvs_ext_instance *inst;
	struct xvs_extension *ext;

	ASSERT_RTNL();
	ext = xvs_ext_find(name);
	if (!ext) {
		NL_SET_ERR_MSG(extack, "No extension of this name is installed");
		return -ENOENT;
	}
	inst = xvs_ext_instance_of(sw, ext);
	if (!inst) {
		NL_SET_ERR_MSG(extack, "Extension is not enabled on this switch");
		return -ENOENT;
	}
	xvs_ext_remove(inst);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_disable, XVS_INTERNAL);

/**
 * xvs_ext_reorder() - change the order of a switch's extensions
 * @sw: the switch
 * @names: names of extensions enabled on @sw, each at most once
 * @n: entries in @names
 * @extack: where to say why it failed
 *
 * Within each class the named extensions come first, in the order given;
 * the others follow in their present order. Classes keep their stack order.
 *
 * Context: RTNL.
 * Return: 0, -ENOENT a name that is not enabled here, -EINVAL a name
 * given twice or no name, -ENOMEM.
 */
int xvs_ext_reorder(struct xvs_switch *sw, const char *const *names,
		    unsigned int n, struct netlink_ext_ack *extack)
{
	struct xvs_ext_chain *old = xvs_ext_chain_get(sw);
	struct xvs_ext_instance *all[XVS_EXT_MAX_ENABLED];
	struct xvs_ext_chain *chain;
	unsigned int i, j, k = 0;
	unsigned long named = 0;

	ASSERT_RTNL();
	if (!n) {
		NL_SET_ERR_MSG(extack, "No extension named");
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; old && j < old->n; j++)
			if (!strcmp(old->all[j]->ext->name, names[i]))
				break;
		if (!old || j == old->n) {
			XVS_ERR_MSG_FMT(extack,
					"An extension named is not enabled on this switch",
					"Extension %s is not enabled on this switch",
					names[i]);
			return -ENOENT;
		}
		if (__test_and_set_bit(j, &named)) {
			NL_SET_ERR_MSG(extack, "An extension is named twice");
			return -EINVAL;
		}
		all[k++] = old->all[j];
	}
	for (j = 0; j < old->n; j++)
		if (!test_bit(j, &named))
			all[k++] = old->all[j];
	chain = xvs_ext_chain_build(all, k, GFP_KERNEL);
	if (!chain)
		return -ENOMEM;
	xvs_ext_chain_publish(sw, chain);
	xvs_event_ext(sw, XVS_EVENT_EXT_ORDER, NULL, -1);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_reorder, XVS_INTERNAL);

/**
 * xvs_ext_switch_destroy() - disable every extension of a switch
 * @sw: the switch, being deleted, its ports already destroyed
 *
 * Context: RTNL.
 */
void xvs_ext_switch_destroy(struct xvs_switch *sw)
{
	struct xvs_ext_chain *chain;

	ASSERT_RTNL();
	while ((chain = xvs_ext_chain_get(sw)))
		xvs_ext_remove(chain->all[chain->n - 1]);
}

/**
 * xvs_ext_port_event() - tell the switch's extensions of a port's event
 * @port: the port
 * @event: the event (&enum xvs_event)
 * @extack: where a veto's reason goes
 *
 * In stack order. PORT_CREATE and NIC_CREATE can be vetoed: the
 * extensions that accepted it before the veto get PORT_DELETE or
 * NIC_DELETE, and the errno comes back with "vetoed by NAME: reason".
 *
 * Context: RTNL.
 * Return: 0 or the vetoing extension's errno.
 */
int xvs_ext_port_event(struct xvs_port *port, enum xvs_event event,
		       struct netlink_ext_ack *extack)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(port->sw);
	enum xvs_event undo;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	for (i = 0; chain && i < chain->n; i++) {
		err = xvs_ext_call_event(chain->all[i], port, event, extack);
		if (!err)
			continue;
		xvs_ext_veto_msg(extack, chain->all[i]->ext);
		undo = event == XVS_EVENT_PORT_CREATE ? XVS_EVENT_PORT_DELETE :
							XVS_EVENT_NIC_DELETE;
		while (i-- > 0)
			xvs_ext_call_event(chain->all[i], port, undo, NULL);
		return err;
	}
	return 0;
}

/**
 * xvs_ext_property() - offer a custom property change to its owner
 * @sw: the switch
 * @port: the port, NULL for a property of the switch
 * @owner: the owning extension's name
 * @prop: the property (for a delete: the one being deleted)
 * @op: add, update or delete
 * @extack: where a veto's reason goes
 *
 * Only the owner sees it, and only when it is enabled on @sw.
 *
 * Context: RTNL.
 * Return: 0 or the owner's veto errno.
 */
int xvs_ext_property(struct xvs_switch *sw, struct xvs_port *port,
		     const char *owner, const struct xvs_property *prop,
		     enum xvs_prop_op op, struct netlink_ext_ack *extack)
{
	struct xvs_ext_instance *inst;
	struct xvs_extension *ext;
	int err;

	ASSERT_RTNL();
	ext = xvs_ext_find(owner);
	inst = ext ? xvs_ext_instance_of(sw, ext) : NULL;
	if (!inst)
		return 0;
	err = ext->filled.property(inst, port, prop, op, extack);
	if (err > 0)
		err = -EPERM;
	if (err)
		xvs_ext_veto_msg(extack, ext);
	return err;
}

/**
 * xvs_ext_property_seen() - show a property change to the extensions that
 *	do not own it
 * @sw: the switch
 * @port: the port, NULL for a property of the switch
 * @owner: the owning extension's name
 * @prop: the property (for a delete: the one deleted, still valid)
 * @op: add, update or delete
 *
 * After the change is made; in stack order; they cannot veto it.
 *
 * Context: RTNL.
 */
void xvs_ext_property_seen(struct xvs_switch *sw, struct xvs_port *port,
			   const char *owner, const struct xvs_property *prop,
			   enum xvs_prop_op op)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(sw);
	const struct xvs_prop_seen seen = {
		.owner = owner, .prop = prop, .op = op,
	};
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; chain && i < chain->n; i++)
		if (strcmp(chain->all[i]->ext->name, owner))
			chain->all[i]->ext->filled.property_seen(chain->all[i],
								 port, &seen);
}

/**
 * xvs_ext_std_policy() - offer a port's standard policies to the switch's
 *	forwarding extension
 * @sw: the switch
 * @port: the port
 * @policy: the policies the port is to have
 * @owner: set to the forwarding extension when it takes them over, else
 *	NULL
 * @extack: where a veto's reason goes
 *
 * Context: RTNL.
 * Return: 0 (taken over or declined), or the extension's veto errno.
 */
int xvs_ext_std_policy(struct xvs_switch *sw, struct xvs_port *port,
		       const struct xvs_std_policy *policy,
		       const struct xvs_extension **owner,
		       struct netlink_ext_ack *extack)
{
	const struct xvs_ext_chain *chain = xvs_ext_chain_get(sw);
	struct xvs_ext_instance *inst = NULL;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	*owner = NULL;
	for (i = 0; chain && i < chain->n; i++)
		if (chain->all[i]->ext->type == XVS_EXT_FORWARDING)
			inst = chain->all[i];
	if (!inst)
		return 0;
	err = inst->ext->filled.std_policy(inst, port, policy, extack);
	if (err == -EOPNOTSUPP)
		return 0;
	if (err > 0)
		err = -EPERM;
	if (err) {
		xvs_ext_veto_msg(extack, inst->ext);
		return err;
	}
	*owner = inst->ext;
	return 0;
}

/**
 * xvs_extension_register() - install an extension
 * @ext: its descriptor, with @name, @type, @owner and @ops set; it must
 *	stay valid until xvs_extension_unregister()
 *
 * The extension is then disabled on every switch until enabled per switch.
 *
 * Context: process, may sleep; takes RTNL.
 * Return: 0, -EINVAL a bad name, type or no ops, -EEXIST the name is taken.
 */
int xvs_extension_register(struct xvs_extension *ext)
{
	int err = 0;

	if (!xvs_ext_name_valid(ext->name) || !ext->ops ||
	    (unsigned int)ext->type > XVS_EXT_TYPE_MAX) {
		pr_err("xvs: extension %s: bad name, type or ops\n",
		       ext->name ?: "(null)");
		return -EINVAL;
	}
	ext->filled = *ext->ops;
	if (!ext->filled.attach)
		ext->filled.attach = xvs_ext_noop_attach;
	if (!ext->filled.detach)
		ext->filled.detach = xvs_ext_noop_detach;
	if (!ext->filled.port_event)
		ext->filled.port_event = xvs_ext_noop_port_event;
	if (!ext->filled.property)
		ext->filled.property = xvs_ext_noop_property;
	if (!ext->filled.std_policy)
		ext->filled.std_policy = xvs_ext_noop_std_policy;
	if (!ext->filled.property_seen)
		ext->filled.property_seen = xvs_ext_noop_property_seen;
	if (!ext->filled.status)
		ext->filled.status = xvs_ext_noop_status;
	ext->nswitches = 0;
	INIT_LIST_HEAD(&ext->instances);

	rtnl_lock();
	if (xvs_ext_find(ext->name))
		err = -EEXIST;
	else
		list_add_tail(&ext->list, &xvs_extensions);
	rtnl_unlock();
	if (err)
		pr_err("xvs: extension %s is already installed\n", ext->name);
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_extension_register, XVS);

/**
 * xvs_extension_unregister() - uninstall an extension
 * @ext: its descriptor
 *
 * From the extension's module exit: it is enabled nowhere then (an enabled
 * extension pins its module). Any instance left is disabled first.
 *
 * Context: process, may sleep; takes RTNL.
 */
void xvs_extension_unregister(struct xvs_extension *ext)
{
	struct xvs_ext_instance *inst, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(inst, tmp, &ext->instances, node) {
		/* Only a registration without a module can get here. */
		WARN_ON_ONCE(ext->owner);
		xvs_ext_remove(inst);
	}
	list_del(&ext->list);
	rtnl_unlock();
}
EXPORT_SYMBOL_NS_GPL(xvs_extension_unregister, XVS);

/**
 * xvs_ext_walk_ports() - call @fn for each port of an instance's switch
 * @inst: the instance
 * @fn: called with each port, in id order; a non-zero return stops
 * @arg: passed to @fn
 *
 * Context: RTNL (as in every control op of an extension).
 * Return: 0 or what @fn returned to stop.
 */
int xvs_ext_walk_ports(struct xvs_ext_instance *inst, xvs_ext_port_fn_t fn,
		       void *arg)
{
	struct xvs_port *port;
	unsigned long id;
	int err;

	ASSERT_RTNL();
	xa_for_each(&inst->sw->ports, id, port) {
		if (port->state == XVS_STATE_NONE)
			continue;
		err = fn(inst, port, arg);
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_walk_ports, XVS);

/**
 * xvs_port_id() - a port's id
 * @port: the port
 *
 * Return: the id.
 */
u32 xvs_port_id(const struct xvs_port *port)
{
	return port->id;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_id, XVS);

/**
 * xvs_port_name() - a port's name
 * @port: the port
 *
 * Return: the name, valid as long as the port.
 */
const char *xvs_port_name(const struct xvs_port *port)
{
	return port->name;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_name, XVS);

/**
 * xvs_port_type() - a port's type
 * @port: the port
 *
 * Return: &enum xvs_port_type.
 */
enum xvs_port_type xvs_port_type(const struct xvs_port *port)
{
	return port->type;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_type, XVS);

/**
 * xvs_port_state() - a port's lifecycle state
 * @port: the port
 *
 * During PORT_CREATE the state is still %XVS_STATE_NONE, during NIC_CREATE
 * still the state before it.
 *
 * Return: &enum xvs_conn_state.
 */
enum xvs_conn_state xvs_port_state(const struct xvs_port *port)
{
	return READ_ONCE(port->state);
}
EXPORT_SYMBOL_NS_GPL(xvs_port_state, XVS);

/**
 * xvs_port_netdev() - the netdev of a port's NIC
 * @port: the port
 *
 * Context: RTNL.
 * Return: the netdev, or NULL when the port has no NIC (or it is gone).
 */
struct net_device *xvs_port_netdev(const struct xvs_port *port)
{
	ASSERT_RTNL();
	return port->nic ? port->nic->dev : NULL;
}
EXPORT_SYMBOL_NS_GPL(xvs_port_netdev, XVS);

/**
 * xvs_switch_netdev() - a switch's own netdev
 * @sw: the switch
 *
 * Return: the netdev (its name is the switch's name).
 */
struct net_device *xvs_switch_netdev(const struct xvs_switch *sw)
{
	return sw->dev;
}
EXPORT_SYMBOL_NS_GPL(xvs_switch_netdev, XVS);
