// SPDX-License-Identifier: GPL-2.0
/*
 * Custom properties: (owner extension, id, instance) -> version + opaque
 * value, on a port or on a switch. The switch stores them and offers each
 * change to the owner, when it is enabled on the switch, which may veto
 * it; once a change is made, every other extension enabled on the switch
 * sees it pass (property_seen). The owner reads them back with
 * xvs_ext_property_find() and xvs_ext_walk_properties(); when it is
 * enabled, the switch offers it every stored property again (ext.c).
 *
 * Versions: XVS_PROP_VERSION(major, minor). An update keeps the major (a
 * different major is another format: delete the property and add it) and
 * may not lower the minor; a delete names the stored version exactly. So
 * a stale writer, one that has not seen the latest change, is refused
 * with -ESTALE instead of overwriting or deleting what it has not seen.
 *
 * A required property (port properties only) keeps the port's NIC from
 * connecting while its owner is not enabled on the switch.
 *
 * Locking: RTNL.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "compat.h"
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
EXPORT_SYMBOL_NS_GPL(xvs_prop_find, XVS_INTERNAL);

#define XVS_PROP_MAJOR(v)	((v) >> 16)
#define XVS_PROP_MINOR(v)	((v) & 0xffff)

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
 * @required: the port's NIC may only connect while @owner is enabled on
 *	@sw (port properties only)
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -EEXIST one with this owner, id and instance exists,
 * -ESHUTDOWN the port or switch is going away, -EINVAL (a required switch
 * property among others), -EOPNOTSUPP a required property of an owner not
 * enabled on @sw for a port whose NIC is connected, -ENOMEM, or the
 * owner's veto.
 */
int xvs_prop_add(struct xvs_switch *sw, struct xvs_port *port,
		 const char *owner, const struct xvs_property *p,
		 bool required, struct netlink_ext_ack *extack)
{
	struct xvs_prop *prop;
	int err;

	ASSERT_RTNL();
	err = xvs_prop_check_target(sw, port, owner, p, extack);
	if (err)
		return err;
	if (required && !port) {
		NL_SET_ERR_MSG(extack,
			       "Only a port property can be required (it is checked when the port's NIC connects)");
		return -EINVAL;
	}
	if (xvs_prop_find(sw, port, owner, p->id, p->instance)) {
		NL_SET_ERR_MSG(extack,
			       "Property with this owner, id and instance exists (update it instead)");
		return -EEXIST;
	}
	if (required && port->state == XVS_STATE_NIC_CONNECTED &&
	    !xvs_ext_enabled(sw, owner)) {
		XVS_ERR_MSG_FMT(extack,
				"A connected port cannot require a property of an extension not enabled on the switch",
				"Connected port cannot require a property of %s, not enabled on %s",
				owner, sw->dev->name);
		return -EOPNOTSUPP;
	}
	prop = xvs_prop_new(owner, p);
	if (!prop)
		return -ENOMEM;
	prop->required = required;
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_ADD, extack);
	if (err) {
		kfree(prop);
		return err;
	}
	list_add_tail(&prop->list, xvs_prop_list(sw, port));
	xvs_ext_property_seen(sw, port, owner, &prop->p, XVS_PROP_ADD);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_prop_add, XVS_INTERNAL);

/**
 * xvs_prop_update() - give a custom property a new value and version
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name
 * @p: the property: owner, id and instance select it; its version must
 *	have the stored major and at least the stored minor
 * @extack: where to say why it failed
 *
 * The property stays required if it was.
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such property, -ESTALE another major or a lower
 * minor, -ESHUTDOWN, -EINVAL, -ENOMEM, or the owner's veto (the old value
 * stays).
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
	if (XVS_PROP_MAJOR(p->version) != XVS_PROP_MAJOR(old->p.version) ||
	    XVS_PROP_MINOR(p->version) < XVS_PROP_MINOR(old->p.version)) {
		XVS_ERR_MSG_FMT(extack,
				"Version does not match the property's: an update keeps the major version and may not lower the minor",
				"Version %u.%u vs the property's %u.%u: same major, minor not lower",
				XVS_PROP_MAJOR(p->version),
				XVS_PROP_MINOR(p->version),
				XVS_PROP_MAJOR(old->p.version),
				XVS_PROP_MINOR(old->p.version));
		return -ESTALE;
	}
	prop = xvs_prop_new(owner, p);
	if (!prop)
		return -ENOMEM;
	prop->required = old->required;
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_UPDATE,
			       extack);
	if (err) {
		kfree(prop);
		return err;
	}
	list_replace(&old->list, &prop->list);
	kfree(old);
	xvs_ext_property_seen(sw, port, owner, &prop->p, XVS_PROP_UPDATE);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_prop_update, XVS_INTERNAL);

/**
 * xvs_prop_delete() - delete a custom property
 * @sw: the switch
 * @port: the port, or NULL for the switch
 * @owner: the owning extension's name
 * @id: the property id
 * @instance: its instance
 * @version: the stored version, exactly
 * @extack: where to say why it failed
 *
 * Context: RTNL.
 * Return: 0, -ENOENT no such property, -ESTALE @version is not the stored
 * one, -EINVAL, or the owner's veto.
 */
int xvs_prop_delete(struct xvs_switch *sw, struct xvs_port *port,
		    const char *owner, u32 id, u32 instance, u32 version,
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
	if (version != prop->p.version) {
		XVS_ERR_MSG_FMT(extack,
				"Version does not match: a delete names the property's version exactly",
				"Version %u.%u does not match: the property is version %u.%u",
				XVS_PROP_MAJOR(version), XVS_PROP_MINOR(version),
				XVS_PROP_MAJOR(prop->p.version),
				XVS_PROP_MINOR(prop->p.version));
		return -ESTALE;
	}
	err = xvs_ext_property(sw, port, owner, &prop->p, XVS_PROP_DELETE,
			       extack);
	if (err)
		return err;
	list_del(&prop->list);
	xvs_ext_property_seen(sw, port, owner, &prop->p, XVS_PROP_DELETE);
	kfree(prop);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_prop_delete, XVS_INTERNAL);

/**
 * xvs_prop_check_required() - may @port's NIC connect, as far as its
 *	required properties go
 * @port: the port
 * @extack: where to say which property's owner is missing
 *
 * Context: RTNL.
 * Return: 0, or -EOPNOTSUPP: a required property's owner is not enabled on
 * the switch (the port needs a function the switch does not have now).
 */
int xvs_prop_check_required(struct xvs_port *port,
			    struct netlink_ext_ack *extack)
{
	struct xvs_prop *prop;

	ASSERT_RTNL();
	list_for_each_entry(prop, &port->props, list) {
		if (!prop->required || xvs_ext_enabled(port->sw, prop->owner))
			continue;
		XVS_ERR_MSG_FMT(extack,
				"Port requires a property of an extension that is not enabled on the switch",
				"Port requires property %u/%u of %s, not enabled on switch %s",
				prop->p.id, prop->p.instance, prop->owner,
				port->sw->dev->name);
		return -EOPNOTSUPP;
	}
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
