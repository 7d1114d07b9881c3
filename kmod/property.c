// SPDX-License-Identifier: GPL-2.0
/*
 * Custom properties: (owner extension, id, instance) -> version + opaque
 * value, on a port or on a switch. The switch stores them and offers each
 * change to the owner, when it is enabled on the switch, which may veto
 * it; the owner reads them back with xvs_ext_property_find() and
 * xvs_ext_walk_properties().
 *
 * Locking: RTNL.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "ext.h"
#include "port.h"
#include "property.h"
#include "switch.h"

/**
 * xvs_prop_list() - the property list of a port or a switch
 * @sw: the switch
 * @port: the port, or NULL for the switch's own properties
 *
 * Context: RTNL.
 * Return: the list of &struct xvs_prop.
 */
struct list_head *xvs_prop_list(struct xvs_switch *sw, struct xvs_port *port)
{
	return port ? &port->props : &sw->props;
}

/**
 * xvs_prop_find() - a property by owner, id and instance
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name
 * @id: the property id
 * @instance: its instance
 *
 * Context: RTNL.
 * Return: the property or NULL.
 */
struct xvs_prop *xvs_prop_find(struct xvs_switch *sw, struct xvs_port *port,
			       const char *owner, u32 id, u32 instance)
{
	struct xvs_prop *prop;

	ASSERT_RTNL();
	list_for_each_entry(prop, xvs_prop_list(sw, port), list)
		if (prop->p.id == id && prop->p.instance == instance &&
		    !strcmp(prop->owner, owner))
			return prop;
	return NULL;
}

static struct xvs_prop *xvs_prop_new(const char *owner,
				     const struct xvs_property *p)
{
	struct xvs_prop *prop;

	prop = kzalloc(struct_size(prop, data, p->len), GFP_KERNEL);
	if (!prop)
		return NULL;
	strscpy(prop->owner, owner, sizeof(prop->owner));
	prop->p = *p;
	memcpy(prop->data, p->data, p->len);
	prop->p.data = prop->data;
	return prop;
}

/* Properties may be set on ports that are not being torn down. */
static int xvs_prop_check_target(struct xvs_switch *sw, struct xvs_port *port,
				 const char *owner,
				 const struct xvs_property *p,
				 struct netlink_ext_ack *extack)
{
	if (sw->dying) {
		NL_SET_ERR_MSG(extack, "Switch is being deleted");
		return -ESHUTDOWN;
	}
	if (port && (port->state == XVS_STATE_PORT_TEARDOWN ||
		     port->state == XVS_STATE_NONE)) {
		NL_SET_ERR_MSG(extack, "Port is being torn down");
		return -ESHUTDOWN;
	}
	if (!owner[0] || strlen(owner) >= XVS_EXT_NAME_LEN) {
		NL_SET_ERR_MSG(extack, "Owner extension name must be 1 to 31 bytes long");
		return -EINVAL;
	}
	if (p && p->len > XVS_PROP_DATA_MAX) {
		NL_SET_ERR_MSG(extack, "Property value is too long");
		return -EINVAL;
	}
	return 0;
}

/**
 * xvs_prop_add() - add a custom property
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name (it need not be installed)
 * @p: the property
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -EEXIST one with this owner, id and instance exists,
 * -ESHUTDOWN the port or switch is going away, -EINVAL, -ENOMEM, or the
 * owner's veto.
 */
int xvs_prop_add(struct xvs_switch *sw, struct xvs_port *port,
		 const char *owner, const struct xvs_property *p,
		 struct netlink_ext_ack *extack)
{
	struct xvs_prop *prop;
	int err;

	ASSERT_RTNL();
	err = xvs_prop_check_target(sw, port, owner, p, extack);
	if (err)
		return err;
	if (xvs_prop_find(sw, port, owner, p->id, p->instance)) {
		NL_SET_ERR_MSG(extack,
			       "Property with this owner, id and instance exists (update it instead)");
		return -EEXIST;
	}
	prop = xvs_prop_new(owner, p);
	if (!prop)
		return -ENOMEM;
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_ADD, extack);
	if (err) {
		kfree(prop);
		return err;
	}
	list_add_tail(&prop->list, xvs_prop_list(sw, port));
	return 0;
}

/**
 * xvs_prop_update() - give a custom property a new value and version
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name
 * @p: the property: owner, id and instance select it
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such property, -ESHUTDOWN, -EINVAL, -ENOMEM, or
 * the owner's veto (the old value stays).
 */
int xvs_prop_update(struct xvs_switch *sw, struct xvs_port *port,
		    const char *owner, const struct xvs_property *p,
		    struct netlink_ext_ack *extack)
{
	struct xvs_prop *old, *prop;
	int err;

	ASSERT_RTNL();
	err = xvs_prop_check_target(sw, port, owner, p, extack);
	if (err)
		return err;
	old = xvs_prop_find(sw, port, owner, p->id, p->instance);
	if (!old) {
		NL_SET_ERR_MSG(extack, "No property with this owner, id and instance");
		return -ENOENT;
	}
	prop = xvs_prop_new(owner, p);
	if (!prop)
		return -ENOMEM;
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_UPDATE,
			       extack);
	if (err) {
		kfree(prop);
		return err;
	}
	list_replace(&old->list, &prop->list);
	kfree(old);
	return 0;
}

/**
 * xvs_prop_delete() - delete a custom property
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name
 * @id: the property id
 * @instance: its instance
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such property, -EINVAL, or the owner's veto.
 */
int xvs_prop_delete(struct xvs_switch *sw, struct xvs_port *port,
		    const char *owner, u32 id, u32 instance,
		    struct netlink_ext_ack *extack)
{
	struct xvs_prop *prop;
	int err;

	ASSERT_RTNL();
	if (!owner[0] || strlen(owner) >= XVS_EXT_NAME_LEN) {
		NL_SET_ERR_MSG(extack, "Owner extension name must be 1 to 31 bytes long");
		return -EINVAL;
	}
	prop = xvs_prop_find(sw, port, owner, id, instance);
	if (!prop) {
		NL_SET_ERR_MSG(extack, "No property with this owner, id and instance");
		return -ENOENT;
	}
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_DELETE,
			       extack);
	if (err)
		return err;
	list_del(&prop->list);
	kfree(prop);
	return 0;
}

/**
 * xvs_prop_flush() - free every property of a list
 * @props: a port's or switch's list, no longer reachable by anyone
 *
 * Owners are not asked: the port or switch is being deleted.
 */
void xvs_prop_flush(struct list_head *props)
{
	struct xvs_prop *prop, *tmp;

	list_for_each_entry_safe(prop, tmp, props, list) {
		list_del(&prop->list);
		kfree(prop);
	}
}

/**
 * xvs_ext_property_find() - one of the extension's own properties
 * @inst: the instance
 * @port: the port, or NULL for the switch
 * @id: the property id
 * @instance: its instance
 * @prop: where to copy it; @prop->data points into the switch's copy,
 *	valid until the property changes (under RTNL: until the caller
 *	releases it)
 *
 * Context: RTNL.
 * Return: 0 or -ENOENT.
 */
int xvs_ext_property_find(struct xvs_ext_instance *inst,
			  struct xvs_port *port, u32 id, u32 instance,
			  struct xvs_property *prop)
{
	struct xvs_prop *p;

	p = xvs_prop_find(inst->sw, port, inst->ext->name, id, instance);
	if (!p)
		return -ENOENT;
	*prop = p->p;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_property_find, XVS);

/**
 * xvs_ext_walk_properties() - call @fn for each of the extension's own
 * properties on a port or the switch
 * @inst: the instance
 * @port: the port, or NULL for the switch
 * @fn: called with each, in the order they were added; non-zero stops
 * @arg: passed to @fn
 *
 * Context: RTNL.
 * Return: 0 or what @fn returned to stop.
 */
int xvs_ext_walk_properties(struct xvs_ext_instance *inst,
			    struct xvs_port *port, xvs_ext_prop_fn_t fn,
			    void *arg)
{
	struct xvs_prop *p;
	int err;

	ASSERT_RTNL();
	list_for_each_entry(p, xvs_prop_list(inst->sw, port), list) {
		if (strcmp(p->owner, inst->ext->name))
			continue;
		err = fn(inst, &p->p, arg);
		if (err)
			return err;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_ext_walk_properties, XVS);
